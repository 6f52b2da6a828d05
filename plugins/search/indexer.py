"""Run Pagefind (the binary of the pinned `pagefind[bin]` wheel) over the built site.

Only pages with a marked body region (`data-pagefind-body`: articles, programme sessions and
places) are indexed. Of each, the marked regions alone are copied to a scratch folder with their
text marked (see marks.py), and Pagefind indexes the copies, so the published pages keep their
own text and URLs. Pagefind's attributes (data-pagefind-meta, -filter, -ignore) must therefore
sit on or inside the marked element, as they do in article.html.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .marks import mark_html
from .settings import BUNDLE, PHRASE_BUNDLE, SearchSettings

logger = logging.getLogger(__name__)

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


def marked_pages(output: Path) -> dict[Path, str]:
    """The marked regions of every page that has one, by path relative to the output."""
    pages = {}
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output)
        if relative.parts[0] in (BUNDLE, PHRASE_BUNDLE):
            continue
        text = path.read_text(encoding="utf-8")
        if MARKER in text and (regions := marked_regions(text)):
            pages[relative] = regions
    return pages


def marked_regions(page: str) -> str:
    """A small page holding only the marked elements: Pagefind reads nothing else of it.

    Indexing a fifth of the HTML makes both the marking and Pagefind several times faster.
    """
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


def index_site(output: Path, settings: SearchSettings) -> IndexReport:
    """Write the search bundles into the output: the main one, and the phrase one if wanted."""
    started = time.monotonic()
    output = output.resolve()  # Pagefind runs in the scratch folder
    pages = marked_pages(output)
    bundles = {BUNDLE: False} | ({PHRASE_BUNDLE: True} if settings.phrases else {})
    for name in bundles:
        shutil.rmtree(output / name, ignore_errors=True)
    if not pages:
        logger.info("Không có trang nào đánh dấu data-pagefind-body: bỏ qua chỉ mục tìm kiếm.")
        return IndexReport(0, time.monotonic() - started)
    with tempfile.TemporaryDirectory(prefix="tim-kiem-") as scratch:
        runs = []
        try:
            # The phrase copies are written while Pagefind indexes the main ones.
            for name, tones in bundles.items():
                site = Path(scratch) / name
                for relative, text in pages.items():
                    copy = site / relative
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    copy.write_text(mark_html(text, tones=tones), encoding="utf-8")
                runs.append((name, _start(site, output / name, settings)))
        finally:
            printed = [(name, process, process.communicate()[0]) for name, process in runs]
        for name, process, text in printed:
            _check(name, process.returncode, text)
    for name in bundles:
        for unused in UNUSED:
            (output / name / unused).unlink(missing_ok=True)
    return IndexReport(len(pages), time.monotonic() - started)


def _start(site: Path, bundle: Path, settings: SearchSettings) -> subprocess.Popen:
    command = [str(executable()), "--site", str(site), "--output-path", str(bundle),
               "--force-language", "vi", "--quiet"]
    for selector in settings.exclude_selectors:
        command += ["--exclude-selectors", selector]
    environment = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(settings.chunk_size))
    return subprocess.Popen(command, cwd=site, env=environment, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, encoding="utf-8", errors="replace")


def _check(name: str, status: int, printed: str) -> None:
    if status != 0:
        raise IndexingFailed(f"Pagefind ({name}) dừng với mã {status}: {printed.strip()[-500:]}")
    for line in printed.splitlines():
        if line.strip() and "stemming" not in line:  # Vietnamese has no stemmer: that is fine
            logger.debug("Pagefind (%s): %s", name, line)
