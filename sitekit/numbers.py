"""Numbers as Vietnamese write them: `1.234,5`, through Babel (never the host locale)."""

from babel.numbers import format_decimal


def decimal(value: float, digits: int = 1, *, exact: bool = True) -> str:
    """`12,5` for 12.5; thousands grouped with dots.

    Exact: always `digits` decimals (`1,0 giây`); otherwise at most `digits`, none when
    they are zeros (`12 km`, `12,5 km`).
    """
    if exact:
        return format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}", locale="vi")
    return format_decimal(value, format=f"#,##0.{'#' * digits}", locale="vi")


def seconds(value: float) -> str:
    """`1,3 giây`."""
    return f"{decimal(value)} giây"


def km(value: float) -> str:
    """`12,5 km`, `1.234 km`: at most one decimal."""
    return f"{decimal(value, exact=False)} km"
