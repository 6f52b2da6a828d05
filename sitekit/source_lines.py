"""Where in a source file something is written: the line an editor should look at."""


def line_of(path: str, *needles: str, ignore_case: bool = False) -> int | None:
    """The first line (from 1) holding any of the needles; None if none does or it is unreadable.

    The file is read again, only when something is wrong, with lines ending as Pelican reads
    them (universal newlines) and a byte-order mark ignored.
    """
    wanted = [n.lower() for n in needles] if ignore_case else list(needles)
    try:
        with open(path, encoding="utf-8-sig") as source:
            for number, line in enumerate(source, start=1):
                line = line.lower() if ignore_case else line
                if any(needle in line for needle in wanted):
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None
