"""Where in a source file something is written: the line an editor should look at."""

from . import source_texts


def line_of(path: str, *needles: str, ignore_case: bool = False) -> int | None:
    """The first line (from 1) holding any of the needles; None if none does or it is unreadable.

    Only when something is wrong: the text this build already read (`sitekit.source_texts`), else
    the file read again, with lines ending as Pelican reads them (universal newlines) and a
    byte-order mark ignored.
    """
    wanted = [n.lower() for n in needles] if ignore_case else list(needles)
    text = source_texts.held_text(path)
    try:
        if text is None:
            with open(path, encoding="utf-8-sig") as source:
                text = source.read()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(text.split("\n"), start=1):  # as iterating the file does
        line = line.lower() if ignore_case else line
        if any(needle in line for needle in wanted):
            return number
    return None
