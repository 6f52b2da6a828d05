"""Numbers as Vietnamese readers write them."""

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal


def km(value: float) -> str:
    """`12,5 km`, `1.234 km`: decimal comma, dot for thousands, at most one decimal."""
    return f"{format_decimal(value, format='#,##0.#', locale='vi')} km"


def day_label(day: dt.date) -> str:
    """`Thứ Sáu, 24/02/2017`: the heading of a day of the programme."""
    weekday = format_date(day, "EEEE", locale="vi")
    return f"{weekday[:1].upper()}{weekday[1:]}, {day:%d/%m/%Y}"
