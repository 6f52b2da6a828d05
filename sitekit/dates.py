"""Dates as Vietnamese newspapers print them, through Babel (never the host locale)."""

import datetime as dt
from collections.abc import Callable
from functools import lru_cache, wraps
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

# The named zone, for calendars (a TZID) and for knowing that a moment was meant as local time.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# What the site writes: UTC+7 in every year. The named zone has other offsets before 1976
# (local mean time +07:06:30 until 1911, +08:00 or +09:00 in 1943-1975); an editor's `09:00`
# stays 09:00 (GMT+7), as the dateline says.
SITE_TIME = dt.timezone(dt.timedelta(hours=7), "GMT+7")


def in_vietnam(moment: dt.datetime) -> dt.datetime:
    """The moment on the site's clock (UTC+7); naive and Asia/Ho_Chi_Minh times are local."""
    if moment.tzinfo is None or getattr(moment.tzinfo, "key", None) == VIETNAM.key:
        return moment.replace(tzinfo=SITE_TIME)
    return moment.astimezone(SITE_TIME)


def _per_moment(format_local: Callable[[dt.datetime], str]) -> Callable[[dt.datetime], str]:
    """Format each moment once per process, keyed by its time on the site's clock.

    A page shows its article's date several times and an article is listed on many pages
    (Babel's formatting is the slow part). The key is the converted moment: two moments equal
    as instants may show different wall clocks (09:00 Asia/Ho_Chi_Minh in 1945 and 07:00+07:00).
    """
    cached = lru_cache(maxsize=8192)(format_local)

    @wraps(format_local)
    def format_moment(moment: dt.datetime) -> str:
        return cached(in_vietnam(moment))

    return format_moment


def day_heading(day: dt.date) -> str:
    """`Thứ Sáu, 24/02/2017`: the weekday and the date (a day of the programme, a dateline)."""
    weekday = format_date(day, "EEEE", locale="vi")
    return f"{weekday[:1].upper()}{weekday[1:]}, {day:%d/%m/%Y}"


@_per_moment
def dateline(moment: dt.datetime) -> str:
    """`Thứ Tư, 08/02/2017 - 16:45 (GMT+7)`, the newspaper dateline."""
    return f"{day_heading(moment)} - {moment:%H:%M} (GMT+7)"


@_per_moment
def iso(moment: dt.datetime) -> str:
    """Machine-readable time with the +07:00 offset."""
    return moment.isoformat(timespec="seconds")


@_per_moment
def long_date(moment: dt.datetime) -> str:
    """`8 tháng 2, 2017` style, for lists and archives."""
    return format_datetime(moment, "d 'tháng' M, y", locale="vi")


@_per_moment
def short_date(moment: dt.datetime) -> str:
    """`08/02/2017`."""
    return f"{moment:%d/%m/%Y}"


@_per_moment
def clock(moment: dt.datetime) -> str:
    """`16:45`."""
    return f"{moment:%H:%M}"
