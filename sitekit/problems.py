"""Editor-facing problems, the build's collector of them, and how a build stops on them."""

import logging
import os
from dataclasses import dataclass
from typing import Literal

from blinker import signal

# "editorial": the name these sentences have always been logged under (tests and tools know it).
logger = logging.getLogger("editorial")

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """A mistake in content, told as `file:line: what is wrong → what to do`."""

    path: str
    message: str
    fix: str
    line: int | None = None
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # One style for every plugin's sentences, the one the editors' guide quotes:
        # `tệp:dòng: lỗi là gì → cách sửa`, lower case after the colon, no full stop before the
        # arrow or at the end.
        object.__setattr__(self, "message", _clause(self.message, lower_start=True))
        object.__setattr__(self, "fix", _clause(self.fix, lower_start=False))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message} → {self.fix}"


def _clause(text: str, lower_start: bool) -> str:
    """`text` as a clause after a colon: no closing full stop; a common word starts lower case.

    A first word in plain ASCII (`Slug`, `Status`, `Pelican`, `CATEGORIES`) names a field, a
    setting or a program and keeps its capital; a Vietnamese word (`Phiên`, `Tệp`, `Mã`) is
    the start of a sentence and loses it.
    """
    text = text.strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    first = text.split(" ", 1)[0]
    if lower_start and first[:1].isupper() and not first.isascii() and first[1:2].islower():
        text = text[0].lower() + text[1:]
    return text


class BuildRefused(SystemExit):
    """Stops Pelican with exit status 1 and no traceback.

    Pelican's `main` catches every `Exception` and prints its traceback; a SystemExit passes
    through it, so the editor sees only the sentences already logged.
    """

    def __init__(self, count: int):
        super().__init__(1)
        self.count = count


class CheckFinished(SystemExit):
    """Ends a check-only run after reading, with status 0: nothing is written."""

    def __init__(self):
        super().__init__(0)


_found: list[Problem] = []
# Set when a check stopped before Pelican read the content (a link out of content/): photos
# and programme links were not looked at, so more mistakes may be waiting.
_unfinished = False

# Sent just before a build is refused, so that work running beside the build (the search
# worker writing its bundle) stops and takes back what it wrote.
build_stopped = signal("build_stopped")


def report(problem: Problem) -> None:
    """Record a problem found while building and log it as a sentence right away."""
    _found.append(problem)
    log = logger.error if problem.severity == "error" else logger.warning
    log("%s", problem)


def already_reported(path: str) -> bool:
    """Whether this build already holds a problem for that file."""
    return any(p.path == path for p in _found)


def reset() -> None:
    """Forget the problems of a previous build in this process."""
    global _unfinished
    _found.clear()
    _unfinished = False


def stop_before_reading() -> None:
    """Note that this check ends before Pelican reads anything (see `unfinished`)."""
    global _unfinished
    _unfinished = True


def unfinished() -> bool:
    """Whether the last check stopped before reading: the problems found may not be all."""
    return _unfinished


def found() -> list[Problem]:
    """Every problem of this build so far, errors and warnings."""
    return list(_found)


def errors() -> list[Problem]:
    """Errors found so far in this build."""
    return [p for p in _found if p.severity == "error"]


def stop_if_errors() -> None:
    """Refuse to go on (and so to write or publish anything more) when an error was found."""
    if found := errors():
        logger.error("Dừng dựng trang: %d lỗi cần sửa (xem các dòng trên).", len(found))
        build_stopped.send()
        raise BuildRefused(len(found))


def display_path(path: str, content_root: str) -> str:
    """Path as the editor knows it: relative to the content folder when inside it."""
    try:
        relative = os.path.relpath(path, content_root)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative
