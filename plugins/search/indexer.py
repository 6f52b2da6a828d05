"""Index the site with Pagefind while Pelican writes it (the binary of the pinned wheel).

Only pages with a marked body region (`data-pagefind-body`: articles, programme sessions and
places) are indexed, and of each only the marked regions: Pagefind reads nothing else of it, and
a fifth of the HTML makes both the marking and Pagefind several times faster. Pagefind's
attributes (data-pagefind-meta, -filter, -ignore) must therefore sit on or inside the marked
element, as they do in the `search_region` macro (partials/macros.html).

Each page is handed over to a worker process (worker.py) that marks its text (marks.py) and
feeds Pagefind on the second core; the published pages keep their
own text. Articles are written last, and their regions are rendered from the theme's macro
(regions.py) and handed over before the first article page: the bundle is then asked for at
once, and Pagefind writes it while the article pages and the listings are written. A build
refused after that (`sitekit.problems.build_stopped`) stops the worker and removes the
bundle, so a failed build never leaves one.

A build feeding exactly what an earlier one fed takes that build's bundle from CACHE_PATH
instead of running Pagefind (reuse.py, bundle_cache.py); a preview's index is rebuilt in the
background after each save (preview_index.py).
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .settings import BUNDLE, SearchSettings

MARKER = "data-pagefind-body"
_REGION = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\bdata-pagefind-body\b[^>]*>")
_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"", re.IGNORECASE)
# Pagefind would make metadata of the first image (its URL and alt text, both searchable);
# results show no image, and the alt text, an attribute, would escape the marking.
_IMAGE = re.compile(r"<(?:img|source)\b[^>]*>", re.IGNORECASE)
# Files of Pagefind's own UIs (English strings); the site has its own search.js.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")
# The folder holding `plugins`, for the worker's imports whatever the current directory.
_PROJECT = Path(__file__).resolve().parents[2]


class IndexingFailed(Exception):
    """Pagefind stopped with an error; the message says what it printed."""


@dataclass(frozen=True)
class IndexReport:
    """What was indexed, for the build log."""

    pages: int
    seconds: float
    reused: bool = False  # the bundle came from the cache (bundle_cache.py): Pagefind did not run


def executable() -> Path:
    """The Pagefind binary shipped in the `pagefind_bin` wheel: nothing is downloaded."""
    from pagefind_bin import get_executable

    return get_executable()


def marked_regions(page: str) -> str:
    """A small page holding only the marked elements of `page`, or "" when it has none."""
    if MARKER not in page:
        return ""
    lang = _LANG.search(page)
    found, end = [], 0
    for start in _REGION.finditer(page):
        if start.start() < end:
            continue  # nested in the previous region
        name, depth = start.group(1), 1
        for tag in re.finditer(rf"<(/?){name}\b[^>]*>", page[start.end():], re.IGNORECASE):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = start.end() + tag.end()
                found.append(page[start.start():end])
                break
    if not found:
        return ""
    return (f'<!doctype html><html lang="{lang.group(1) if lang else "vi"}"><head>'
            f'<meta charset="utf-8"><title>-</title></head><body>'
            f'{_IMAGE.sub("", "".join(found))}</body></html>')


def page_url(name: str) -> str:
    """The URL Pagefind gives a result: `bai-moi/index.html` → `/bai-moi/`."""
    return "/" + (name[:-len("index.html")] if name.endswith("index.html") else name)


def page_line(name: str, regions: str) -> bytes:
    """The line handed to the worker for the page written as `name` (see worker.py)."""
    line = json.dumps({"url": page_url(name), "html": regions}, ensure_ascii=False)
    return line.encode("utf-8") + b"\n"


class IndexFeed:
    """The worker process of one build: pages go in as they are written, bundles come out.

    A thread writes to the worker's pipe, so the build hands a page over without waiting for the
    worker, which runs at a lower priority than the build (see worker.py).
    """

    def __init__(self, output: Path, settings: SearchSettings, bundle: Path | None = None,
                 niceness: int = 0):
        # `bundle`: another folder than output/pagefind (the preview writes beside it);
        # `niceness`: a preview's index waits for the editor's next save, not the reverse.
        self._bundle = bundle or output.resolve() / BUNDLE
        config = {
            "bundle": str(self._bundle),
            "exclude_selectors": list(settings.exclude_selectors),
            "chunk_size": settings.chunk_size,
            "pages_per_index": settings.pages_per_index,  # parts of one bundle (worker.py)
            "pages_searched_first": settings.pages_searched_first,
        }
        path = os.pathsep.join(filter(None, [str(_PROJECT), os.environ.get("PYTHONPATH")]))
        nice = shutil.which("nice") if niceness else None  # Pagefind inherits it
        self._worker = subprocess.Popen(
            [*([nice, "-n", str(niceness)] if nice else []),
             sys.executable, "-m", "plugins.search.worker", json.dumps(config)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONPATH=path))
        self._lines: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        # Started with the first line: until then the build has a single thread, and may fork
        # helpers (sitekit.helper_processes) while it reads the sources.
        self._feeder: threading.Thread | None = None
        self.writing = False

    def add(self, name: str, regions: str) -> None:
        """Hand over the marked regions of the page written as `name`."""
        self.add_line(page_line(name, regions))

    def add_line(self, line: bytes) -> None:
        """Hand over a line made by `page_line`."""
        self._put(line)

    def write(self) -> None:
        """Ask for the bundle: every marked page is in; the pages still to write need not wait."""
        if not self.writing:
            self.writing = True
            self._put(b'{"write": true}\n')

    def _put(self, line: bytes) -> None:
        if self._feeder is None:
            self._feeder = threading.Thread(target=self._feed, daemon=True)
            self._feeder.start()
        self._lines.put(line)

    def _feed(self) -> None:
        # Whatever is waiting goes in one write: this thread gets Python's lock only between
        # the build's renderings, and a line per turn would starve the worker.
        while (line := self._lines.get()) is not None:
            batch = [line]
            while not self._lines.empty() and (line := self._lines.get()) is not None:
                batch.append(line)
            try:
                self._worker.stdin.write(b"".join(batch))
                self._worker.stdin.flush()
            except (BrokenPipeError, ValueError):
                return  # the worker stopped: `finish` reports what it said
            if line is None:
                return

    def _stop_feeding(self) -> None:
        self._lines.put(None)
        if self._feeder is not None:
            self._feeder.join(timeout=60)

    def finish(self) -> IndexReport:
        """Wait for the bundle (asked for here if `write` was not called); raise IndexingFailed."""
        self.write()
        waiting = time.monotonic()
        self._stop_feeding()
        printed, errors = self._worker.communicate()
        answer = json.loads(printed.splitlines()[-1]) if printed.strip() else {}
        if "pages" not in answer:
            said = answer.get("error") or errors.decode("utf-8", "replace").strip()[-500:]
            raise IndexingFailed(f"Pagefind dừng với mã {self._worker.returncode}: {said}")
        return IndexReport(answer["pages"], time.monotonic() - waiting)

    def terminate(self) -> None:
        """Ask the worker to stop Pagefind and end, from any thread; `finish` then fails."""
        self._worker.terminate()

    def abandon(self) -> None:
        """Stop the worker and remove whatever it wrote of the bundle (the build failed)."""
        self._worker.terminate()  # the worker stops Pagefind before it ends
        self._stop_feeding()
        try:
            self._worker.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self._worker.kill()
            self._worker.communicate()
        if self.writing:
            shutil.rmtree(self._bundle, ignore_errors=True)
