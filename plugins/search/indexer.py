"""Index the site with Pagefind while Pelican writes it (the binary of the pinned wheel).

Only pages with a marked body region (`data-pagefind-body`: articles, programme sessions and
places) are indexed, and of each only the marked regions: Pagefind reads nothing else of it, and
a fifth of the HTML makes both the marking and Pagefind several times faster. Pagefind's
attributes (data-pagefind-meta, -filter, -ignore) must therefore sit on or inside the marked
element, as they do in article.html.

Each page is handed over as the writer renders it (plugins/rendered) to a worker process
(worker.py) that marks its text (marks.py) and feeds Pagefind, on the second core while this one
renders; the published pages keep their own text. Articles are written last among the pages
that hold a marked region, so the bundle is asked for right after the last of them and Pagefind
writes it while the listings render; a build refused after that (plugins.editorial's
`build_stopped`) stops the worker and removes the bundle, so a failed build never leaves one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
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


class IndexFeed:
    """The worker process of one build: pages go in as they are written, bundles come out."""

    def __init__(self, output: Path, settings: SearchSettings):
        self._bundle = output.resolve() / BUNDLE
        config = {
            "output": str(output.resolve()),
            "bundle": BUNDLE,
            "exclude_selectors": list(settings.exclude_selectors),
            "chunk_size": settings.chunk_size,
        }
        path = os.pathsep.join(filter(None, [str(_PROJECT), os.environ.get("PYTHONPATH")]))
        self._worker = subprocess.Popen(
            [sys.executable, "-m", "plugins.search.worker", json.dumps(config)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONPATH=path))
        self.writing = False

    def add(self, name: str, regions: str) -> None:
        """Hand over the marked regions of the page written as `name`."""
        line = json.dumps({"url": page_url(name), "html": regions}, ensure_ascii=False)
        try:
            self._worker.stdin.write(line.encode("utf-8") + b"\n")
        except BrokenPipeError:
            pass  # the worker stopped: `finish` reports what it said

    def write(self) -> None:
        """Ask for the bundle: every marked page is in, and the listings still to render wait."""
        if self.writing:
            return
        self.writing = True
        try:
            self._worker.stdin.write(b'{"write": true}\n')
            self._worker.stdin.flush()
        except BrokenPipeError:
            pass  # the worker stopped: `finish` reports what it said

    def finish(self) -> IndexReport:
        """Wait for the bundle (asked for here if `write` was not called); raise IndexingFailed."""
        self.write()
        waiting = time.monotonic()
        printed, errors = self._worker.communicate()
        answer = json.loads(printed.splitlines()[-1]) if printed.strip() else {}
        if "pages" not in answer:
            said = answer.get("error") or errors.decode("utf-8", "replace").strip()[-500:]
            raise IndexingFailed(f"Pagefind dừng với mã {self._worker.returncode}: {said}")
        return IndexReport(answer["pages"], time.monotonic() - waiting)

    def abandon(self) -> None:
        """Stop the worker and remove whatever it wrote of the bundle (the build failed)."""
        self._worker.terminate()  # the worker stops Pagefind before it ends
        try:
            self._worker.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self._worker.kill()
            self._worker.communicate()
        if self.writing:
            shutil.rmtree(self._bundle, ignore_errors=True)
