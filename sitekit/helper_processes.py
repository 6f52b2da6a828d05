"""Helper processes of a build: work on the machine's other core, ending with the build.

A forked helper is a copy of the build (the same settings, objects and texts), so it computes
exactly what the build would; it hands back only results, never messages: work during which it
logged anything or reported a problem is done again by the build, which says it itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from . import problems

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
Item, Result = TypeVar("Item"), TypeVar("Result")


def stop_with_parent(signum: int = signal.SIGTERM) -> None:
    """Ask the kernel to send `signum` to this process when its parent ends (Linux only).

    Elsewhere, nothing: the caller's other ways of ending (a closed pipe) still hold.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signum)


def can_fork() -> bool:
    """Whether a helper may be forked: a second core, and a process with a single thread.

    A fork copies only the calling thread, so another's locks would stay held in the copy (the
    preview server has several threads).
    """
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1


class Silence:
    """In a forked helper: every log record goes here alone, and so do the problems reported."""

    def __init__(self):
        handler = logging.Handler(logging.INFO)
        handler.emit = self._note
        loggers = [logger for logger in logging.Logger.manager.loggerDict.values()
                   if isinstance(logger, logging.Logger)]
        for logger in loggers:
            logger.handlers, logger.propagate = [], True
        logging.getLogger().handlers = [handler]
        self._said = False
        self._problems = len(problems.found())

    def _note(self, _record: logging.LogRecord) -> None:
        self._said = True

    def broken(self) -> bool:
        """Whether anything was said since the last call (the work must be done again)."""
        said = self._said or len(problems.found()) != self._problems
        self._said, self._problems = False, len(problems.found())
        return said


def split_map(function: Callable[[Item], Result], items: Sequence[Item],
              least: int = 100) -> list[Result]:
    """`function` of every item, in order; the second half in a forked helper when worth it."""
    if len(items) < least or not can_fork():
        return [function(item) for item in items]
    half = len(items) // 2
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        _helper_map(function, items[half:], writing)
    os.close(writing)
    pipe = os.fdopen(reading, "rb")
    try:
        mine = [function(item) for item in items[:half]]
        sent = pipe.read()
    finally:
        pipe.close()  # first: a helper still writing gets a broken pipe, and ends
        _, status = os.waitpid(pid, 0)
    if status != 0 or not sent:  # the helper failed, or said something: done here instead
        return mine + [function(item) for item in items[half:]]
    return mine + pickle.loads(sent)


def _helper_map(function: Callable, items: Sequence, pipe: int) -> None:
    status = 1
    try:
        stop_with_parent(signal.SIGKILL)
        silence = Silence()
        results = [function(item) for item in items]
        if not silence.broken():
            with os.fdopen(pipe, "wb") as stream:
                stream.write(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
    finally:
        os._exit(status)  # nothing of the build's own exit (its handlers, its files) runs here
