"""File-system events for `invoke serve`: a save is noticed within a few milliseconds.

livereload polls every 0.8 s and walks every watched folder each time; watchfiles (inotify on
Linux) is told of the save by the kernel. The events arrive on a thread of their own and are
handed to the server's IOLoop, which rebuilds and reloads the browser.
"""

import re
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter, watch

# Editors write a temporary file beside the one they save (`.name.tmp`, vim's `4913`, emacs's
# `#name#`) and rename it over the real one: only the rename says something changed.
_SCRATCH = re.compile(r"^\.|^4913$|^#.*#$|\.tmp$")
# Quiet for this long after an event: one save is one batch, even when written in pieces.
STEP_MS = 15


class _Saves(DefaultFilter):
    def __init__(self, only: set[str] | None = None):
        super().__init__()
        self.only = only  # for a watched parent folder: the files inside it that matter

    def __call__(self, change, path: str) -> bool:
        if self.only is not None and path not in self.only:
            return False
        return super().__call__(change, path) and not _SCRATCH.search(Path(path).name)


class Watcher:
    """Calls `changed(paths)` on a thread of its own after each batch of saves."""

    def __init__(self, watched: list[Path], changed: Callable[[list[Path]], None]):
        self.changed = changed
        self.stop_event = threading.Event()
        folders = [p.resolve() for p in watched if p.is_dir()]
        files = [p.resolve() for p in watched if not p.is_dir()]
        # A single file is watched through its folder: saving it often replaces its inode.
        self.watches = [(folders, True, None)] if folders else []
        for parent in {f.parent for f in files}:
            only = {str(f) for f in files if f.parent == parent}
            self.watches.append(([parent], False, only))

    def start(self) -> None:
        for roots, recursive, only in self.watches:
            threading.Thread(target=self._run, args=(roots, recursive, only),
                             daemon=True, name="xem-truoc-theo-doi").start()

    def stop(self) -> None:
        self.stop_event.set()

    def _run(self, roots: list[Path], recursive: bool, only: set[str] | None) -> None:
        for batch in watch(*roots, watch_filter=_Saves(only), step=STEP_MS,
                           stop_event=self.stop_event, recursive=recursive,
                           raise_interrupt=False, rust_timeout=1000):
            self.changed(sorted({Path(path) for _change, path in batch}))
