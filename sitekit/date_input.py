"""Reading dates as editors type them: one meaning for each form, or a sentence saying why not.

Pelican's own reader (dateutil) guesses: `11/2/17` becomes 2 November 2017. Here every form
has one reading, the same for the build, `invoke check` and the programme:
- day first, as Vietnamese is written: `08/02/2017 16:45`, `8.2.2017 16h45`, `8-2-2017`;
  a two-digit year is 20yy (`11/2/17` is 11 February 2017), but not with dashes (`17-02-11`
  looks like year-month-day);
- year first: `2017-02-08 16:45`, `2017/2/8`;
- any other ISO 8601 form (`2017-02-08T16:45:00+07:00`, `20170208`).
Anything else is refused, never guessed.
"""

import calendar
import datetime as dt
import re

from .dates import in_vietnam

FIRST_YEAR = 1900  # earlier: refused (a typo such as 0001 or 217, never a publication date)
LIKELY_FROM_YEAR = 1990  # earlier: readable, but warned about
FORMS_FIX = ("viết ngày trước, tháng sau, theo dạng 08/02/2017 16:45 hoặc 8/2/17 "
             "(năm hai chữ số là 20xx), hoặc năm trước: 2017-02-08 16:45")

_CLOCK = r"(?:[ T,_]+(?P<H>\d{1,2})[:hHgG](?P<M>\d{2})?(?::(?P<S>\d{2}))?)?\s*$"
_DAY_FIRST = re.compile(
    r"^\s*(?P<d>\d{1,2})(?P<s1>[/.-])(?P<m>\d{1,2})(?P<s2>[/.-])(?P<y>\d{4}|\d{2})" + _CLOCK)
_YEAR_FIRST = re.compile(r"^\s*(?P<y>\d{4})[/.-](?P<m>\d{1,2})[/.-](?P<d>\d{1,2})" + _CLOCK)


class DateRefused(ValueError):
    """A date that is not read; `why` ('' for a form we do not read) and `fix` are Vietnamese."""

    def __init__(self, text: str, why: str = "", fix: str = FORMS_FIX):
        self.text, self.why, self.fix = text, why, fix
        # Pelican logs this when its reader refuses a file; the wording starts like
        # pelican.utils.get_date's, which the editorial log bridge recognises.
        super().__init__(f"{text!r} is not a valid date" + (f": {why}" if why else ""))


def read_wall_clock(text: str) -> dt.datetime:
    """The moment written: naive (a Vietnamese wall clock) unless the text gives an offset."""
    text = str(text).strip()
    if match := _DAY_FIRST.match(text):
        if len(match["y"]) == 2 and "-" in (match["s1"], match["s2"]):
            raise DateRefused(
                text, "năm hai chữ số viết với gạch ngang dễ bị đọc thành năm-tháng-ngày",
                "viết năm đủ bốn chữ số (11-02-2017) hoặc dùng dấu gạch chéo (11/02/17)")
        moment = _from_parts(text, match, century=2000)
    elif match := _YEAR_FIRST.match(text):
        moment = _from_parts(text, match)
    else:
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise DateRefused(text) from None
    if moment.year < FIRST_YEAR:
        raise DateRefused(text, f"năm {moment.year} là trước năm {FIRST_YEAR}",
                          "viết năm đủ bốn chữ số, ví dụ 08/02/2017")
    return moment


def read_date(text: str) -> dt.datetime:
    """The moment on the site's clock (UTC+7, aware), as the build and the check read it."""
    moment = read_wall_clock(text)
    try:
        return in_vietnam(moment)
    except OverflowError:  # 9999-12-31T23:00-05:00 is in year 10000 in Vietnam
        raise DateRefused(text, f"năm {moment.year} quá xa") from None


def unlikely(moment: dt.datetime, now: dt.datetime) -> str:
    """Why a readable date was probably mistyped ('' when it is plausible)."""
    if moment.year < LIKELY_FROM_YEAR:
        return f"trước năm {LIKELY_FROM_YEAR}"
    if moment > _a_year_after(now):
        return "ở hơn một năm sau hôm nay"
    return ""


def _a_year_after(now: dt.datetime) -> dt.datetime:
    try:
        return now.replace(year=now.year + 1)
    except ValueError:  # 29 February
        return now.replace(year=now.year + 1, day=28)


def _from_parts(text: str, match: re.Match, century: int = 0) -> dt.datetime:
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if len(match["y"]) == 2:
        year += century
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise DateRefused(text, _no_such_day(year, month, day),
                          "sửa ngày hoặc tháng; " + FORMS_FIX) from None
    hour, minute, second = (int(match[k] or 0) for k in "HMS")
    try:
        return dt.datetime.combine(date, dt.time(hour, minute, second))
    except ValueError:
        raise DateRefused(text, f"không có giờ {hour:02d}:{minute:02d}",
                          "viết giờ theo 24 giờ, ví dụ 16:45") from None


def _no_such_day(year: int, month: int, day: int) -> str:
    """Why the calendar has no such day, in the words an editor checks it by."""
    if not 1 <= month <= 12:
        return f"không có tháng {month}: một năm có 12 tháng"
    if day < 1:
        return f"không có ngày {day}: ngày bắt đầu từ 1"
    days = calendar.monthrange(year, month)[1]  # 28 or 29 in February, by the year
    return f"tháng {month}/{year} chỉ có {days} ngày"
