"""The programme's own mistakes: one sentence each at file:line, in the build and in the check.

A route tied to a session that is no visit, two sessions in one place at once (a warning), a
day the calendar does not have, and that one mistake told once, not once per time of the day.
"""

import pytest
from test_programme_support import DATA_FILE, PROGRAMME, ROOT, build, line_of, write_site

from sitebuild.build import BuildOptions, check
from sitekit import problems

SAMPLE = (ROOT / "content" / "programme" / "chuong-trinh.yaml").read_text(encoding="utf-8")


def _refused(tmp_path, text: str) -> list[problems.Problem]:
    """Build strictly, expect a refusal; every problem the build told, then the check's."""
    content = write_site(tmp_path, programme=text)
    with pytest.raises(SystemExit) as stopped:
        build(content, tmp_path / "output")
    assert stopped.value.code == 1
    assert not (tmp_path / "output" / "chuong-trinh").exists()
    told = problems.found()
    checked = check(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content))
    assert [str(p) for p in checked] == [str(p) for p in told]  # the same sentences
    return told


def _second(text: str, old: str, new: str) -> str:
    """`text` with the second `old` replaced (the first belongs to another item)."""
    first = text.index(old)
    at = text.index(old, first + 1)
    return text[:at] + new + text[at + len(old):]


def test_a_delegation_tied_to_a_session_that_is_no_visit(tmp_path):
    text = _second(PROGRAMME, "    session: tham-quan", "    session: hoi-nghi")
    (problem,) = _refused(tmp_path, text)
    assert (problem.path, problem.line) == (DATA_FILE, line_of(text, "session: hoi-nghi"))
    assert problem.message == (
        "đoàn “Đoàn 2” gắn với phiên “Phiên toàn thể” (mã hoi-nghi), một phiên loại plenary "
        "(Phiên toàn thể), không phải phiên tham quan: chỉ phiên “kind: visit” mới có lộ trình "
        "các đoàn")
    assert "ghi mã của một phiên tham quan (tham-quan)" in problem.fix


def test_two_sessions_in_one_place_at_once_are_one_warning_naming_both_lines(tmp_path):
    text = PROGRAMME.replace("delegations:\n", """\
  - id: don-tiep
    title: Đón tiếp đại biểu
    kind: registration
    start: "08:40"
    end: "09:00"
    place: trung-tam
  - id: hop-bao
    title: Họp báo
    kind: other
    start: "10:00"
    end: "10:30"
    place: trung-tam
delegations:
""")
    content = write_site(tmp_path, programme=text)
    build(content, tmp_path / "output")  # a warning: the site is built
    assert (tmp_path / "output" / "chuong-trinh" / "phien" / "hop-bao" / "index.html").exists()
    (warning,) = [p for p in problems.found() if p.path == DATA_FILE]
    assert warning.severity == "warning"
    # Told at the later session's start, naming the other one's line; touching (08:40–09:00
    # then 09:00) is no clash.
    assert warning.line == line_of(text, 'start: "10:00"')
    plenary = line_of(text, "- id: hoi-nghi")
    assert warning.message == (
        "phiên “Họp báo” (10:00 – 10:30 ngày 24/02/2017) trùng giờ với phiên “Phiên toàn thể” "
        f"(09:00 – 11:30 ngày 24/02/2017, ở {DATA_FILE}:{plenary}) tại cùng địa điểm "
        "“Trung tâm Văn hóa – Điện ảnh Hà Tĩnh”")
    assert "tách địa điểm thành hai" in warning.fix
    checked = check(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content))
    assert [str(p) for p in checked if p.path == DATA_FILE] == [str(warning)]


def test_each_later_session_is_told_once_whatever_it_overlaps(tmp_path):
    # hop-a and hop-b both fall inside the plenary, and hop-b overlaps hop-a too: two warnings,
    # one per session that starts while another is on, each naming the first it meets.
    text = PROGRAMME.replace("delegations:\n", """\
  - id: hop-a
    title: Họp A
    kind: other
    start: "10:00"
    end: "10:45"
    place: trung-tam
  - id: hop-b
    title: Họp B
    kind: other
    start: "10:30"
    end: "11:00"
    place: trung-tam
delegations:
""")
    build(write_site(tmp_path, programme=text), tmp_path / "output")
    warnings = [p for p in problems.found() if p.path == DATA_FILE]
    assert [(p.line, p.severity) for p in warnings] == [
        (line_of(text, 'start: "10:00"'), "warning"), (line_of(text, 'start: "10:30"'), "warning")]
    assert all("trùng giờ với phiên “Phiên toàn thể”" in p.message for p in warnings)


def test_a_start_day_that_does_not_exist_is_one_message_not_one_per_time(tmp_path):
    # The shipped programme, with the conference on 30 February: once 23 errors, each saying
    # that a correct time such as 06:30 was "not a valid time".
    text = SAMPLE.replace("start: 24/02/2017 06:30", "start: 30/02/2017 06:30")
    assert text != SAMPLE
    (problem,) = _refused(tmp_path, text)
    assert (problem.path, problem.line) == (DATA_FILE, line_of(text, "start: 30/02/2017"))
    assert problem.message == (
        "“30/02/2017 06:30” ở khoá “start” của mục event không phải là giờ hợp lệ: "
        "tháng 2/2017 chỉ có 28 ngày")
    assert problem.fix.startswith("sửa ngày hoặc tháng")


def test_a_session_date_that_does_not_exist_is_told_once_at_its_line(tmp_path):
    text = PROGRAMME.replace('    start: "09:00"', '    date: 29/02/2017\n    start: "09:00"')
    (problem,) = _refused(tmp_path, text)
    assert problem.line == line_of(text, "date: 29/02/2017")
    assert problem.message == (
        "“29/02/2017” ở khoá “date” của phiên “Phiên toàn thể” không phải là ngày hợp lệ: "
        "tháng 2/2017 chỉ có 28 ngày")


def test_a_wrong_time_still_is_an_error_when_the_day_is_known(tmp_path):
    # Silence is only for times whose day was lost: a bad time is still told.
    text = PROGRAMME.replace('    start: "09:00"', '    start: "9 giờ"')
    (problem,) = _refused(tmp_path, text)
    assert problem.line == line_of(text, 'start: "9 giờ"')
    assert problem.message.endswith("không phải là giờ hợp lệ")
