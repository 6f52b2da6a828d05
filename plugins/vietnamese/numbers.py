"""Numbers as Vietnamese write them: `1.234,5`, through Babel (never the host locale)."""

from babel.numbers import format_decimal


def decimal(value: float, digits: int = 1) -> str:
    """`12,5` for 12.5; thousands grouped with dots."""
    return format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}", locale="vi")


def seconds(value: float) -> str:
    """`1,3 giây`."""
    return f"{decimal(value)} giây"
