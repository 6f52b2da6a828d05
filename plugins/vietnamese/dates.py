"""Dates as Vietnamese newspapers print them, through Babel (never the host locale)."""

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# Editors type day-first dates; dateutil would read 08/02/2017 as 2 August.
_DAY_FIRST = re.compile(
    r"^\s*(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:[ T,]+(?P<H>\d{1,2})[:hg](?P<M>\d{2})?)?\s*$"
)


def parse_day_first(text: str) -> dt.datetime | None:
    """Read `08/02/2017 16:45`, `8/2/2017` or `8-2-2017 16h45`; None when not of that form."""
    match = _DAY_FIRST.match(text)
    if not match:
        return None
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    try:
        return dt.datetime(
            parts["y"], parts["m"], parts["d"], parts.get("H", 0), parts.get("M", 0)
        )
    except ValueError:
        return None


# A page shows its article's date several times, and an article is listed on many pages: each
# moment is formatted once per process (Babel's formatting is the slow part).
_per_moment = lru_cache(maxsize=8192)


def in_vietnam(moment: dt.datetime) -> dt.datetime:
    """The same instant on the Vietnamese wall clock; naive times are taken as local."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)


@_per_moment
def dateline(moment: dt.datetime) -> str:
    """`Thứ Tư, 08/02/2017 - 16:45 (GMT+7)`, the newspaper dateline."""
    local = in_vietnam(moment)
    weekday = format_date(local, "EEEE", locale="vi")
    return f"{weekday[0].upper()}{weekday[1:]}, {local:%d/%m/%Y - %H:%M} (GMT+7)"


@_per_moment
def iso(moment: dt.datetime) -> str:
    """Machine-readable time with the +07:00 offset."""
    return in_vietnam(moment).isoformat(timespec="seconds")


@_per_moment
def long_date(moment: dt.datetime) -> str:
    """`8 tháng 2, 2017` style, for lists and archives."""
    return format_datetime(in_vietnam(moment), "d 'tháng' M, y", locale="vi")


@_per_moment
def short_date(moment: dt.datetime) -> str:
    """`08/02/2017`."""
    return f"{in_vietnam(moment):%d/%m/%Y}"


@_per_moment
def clock(moment: dt.datetime) -> str:
    """`16:45`."""
    return f"{in_vietnam(moment):%H:%M}"
