"""Programme dates follow the articles' rules: day first, yy as 20yy, doubtful years warned."""

import datetime as dt

import pytest
from icalendar import Calendar
from test_programme_support import (
    DATA_FILE,
    PROGRAMME,
    build,
    errors,
    event_ld,
    line_of,
    page,
    write_site,
)

from sitekit import problems


def _dated(start: str, end: str, updated: str = "2017-02-09 08:00") -> str:
    text = PROGRAMME.replace("start: 24/02/2017 06:30", f"start: {start}", 1)
    text = text.replace("end: 24/02/2017 11:30", f"end: {end}", 1)
    return text.replace("updated: 2017-02-09 08:00", f"updated: {updated}", 1)


def _session_start(output, session: str) -> dt.datetime:
    calendar = Calendar.from_ical((output / "lich" / "phien" / f"{session}.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    return event.decoded("DTSTART")


def test_a_two_digit_year_is_20yy_day_first(tmp_path):
    content = write_site(tmp_path, programme=_dated("11/2/17 06:30", "11/2/17 11:30"))
    output = build(content, tmp_path / "output")
    assert event_ld(page(output, "chuong-trinh/"))["startDate"] == "2017-02-11T06:30:00+07:00"
    assert _session_start(output, "hoi-nghi").astimezone(dt.UTC) == dt.datetime(
        2017, 2, 11, 2, 0, tzinfo=dt.UTC)  # 09:00 in Vietnam


def test_event_dates_before_1990_warn_and_are_written_plus_seven(tmp_path):
    text = _dated("1/6/1945 06:30", "1/6/1945 11:30", "1945-05-20 08:00")
    output = build(write_site(tmp_path, programme=text), tmp_path / "output")
    warned = [(p.path, p.line, p.severity) for p in problems.found()
              if "trước năm 1990" in p.message]
    assert warned == [(DATA_FILE, line_of(text, key), "warning")
                      for key in ("start: 1/6", "end: 1/6", "updated: 1945")]
    # Asia/Ho_Chi_Minh said +09:00 in June 1945; pages say 09:00 (GMT+7), as written
    assert event_ld(page(output, "chuong-trinh/"))["startDate"] == "1945-06-01T06:30:00+07:00"
    session = event_ld(page(output, "chuong-trinh/phien/hoi-nghi/"))
    assert session["startDate"] == "1945-06-01T09:00:00+07:00"
    # the calendar keeps the named zone and the wall clock the editor wrote
    assert _session_start(output, "hoi-nghi").replace(tzinfo=None) == dt.datetime(
        1945, 6, 1, 9, 0)


def test_a_two_digit_year_with_dashes_is_refused_on_its_line(tmp_path):
    text = _dated("24-02-17 06:30", "24/02/2017 11:30")
    with pytest.raises(SystemExit):
        build(write_site(tmp_path, programme=text), tmp_path / "output")
    (refused,) = [p for p in errors() if p.line == line_of(text, "start: 24-02-17")]
    assert refused.path == DATA_FILE
    assert "“24-02-17 06:30” ở khoá “start” của mục event không phải là giờ hợp lệ: " \
        "năm hai chữ số viết với gạch ngang" in refused.message
