"""Pelican wiring for the site search (Pagefind, with Vietnamese folding)."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from plugins.editorial import Problem, problems, report
from plugins.rendered import page_rendered
from plugins.vietnamese.numbers import seconds

from .indexer import IndexFeed, IndexingFailed, marked_regions
from .settings import BUNDLE, SearchSettings, read

logger = logging.getLogger(__name__)

_settings: SearchSettings | None = None
_output: Path | None = None
_feed: IndexFeed | None = None  # started by the first indexed page of a build


def _start(pelican) -> None:
    global _settings, _output
    _abandon()  # a build that failed midway left its worker running
    _settings, found = read(pelican.settings)
    for problem in found:
        report(problem)
    preview = pelican.settings.get("SITE_PREVIEW")  # a preview writes a few pages; keep the index
    _output = None if preview else Path(pelican.settings["OUTPUT_PATH"])


def _add_globals(generator) -> None:
    # URLs from SITEURL, so the search works under a sub-path (…github.io/hoi-nghi-ntm/).
    site = generator.settings["SITEURL"].rstrip("/")
    generator.env.globals["search"] = {
        "base": f"{site}/",
        "bundle": f"{site}/{BUNDLE}/",
    }


def _add_page(name: str, html: str) -> None:
    global _feed
    if _output is None or _settings is None or not (regions := marked_regions(html)):
        return
    if _feed is None:
        _feed = IndexFeed(_output, _settings)
    _feed.add(name, regions)


def _abandon() -> None:
    global _feed
    if _feed is not None:
        _feed.abandon()
        _feed = None


def _write(pelican) -> None:
    global _feed
    if _output is None:
        return
    if problems.errors() or _settings is None:
        _abandon()
        logger.warning("Bỏ qua chỉ mục tìm kiếm: bản dựng này có lỗi.")
        return
    if _feed is None:
        logger.info("Không có trang nào đánh dấu data-pagefind-body: bỏ qua chỉ mục tìm kiếm.")
        return
    feed, _feed = _feed, None
    try:
        done = feed.finish()
    except IndexingFailed as failure:
        report(Problem(path=pelican.settings["OUTPUT_PATH"], message=str(failure),
                       fix="dựng lại; nếu lỗi còn, cài lại gói: .venv/bin/pip install -e ."))
        problems.stop_if_errors()
        return
    logger.info("Đã lập chỉ mục tìm kiếm cho %d trang (xong %s sau trang cuối).", done.pages,
                seconds(done.seconds))


def register() -> None:
    """Connect the handlers."""
    # initialized: the SEARCH setting is checked once, before anything is read.
    signals.initialized.connect(_start)
    # generator_init: templates need the bundle URLs (the search page, the header box).
    signals.generator_init.connect(_add_globals)
    # Each page goes to the indexing worker as it is written, so Pagefind works alongside.
    page_rendered.connect(_add_page)
    # finalized: every page is written (into staging with `invoke build`) and every check that
    # runs earlier at this signal has spoken; a build with errors gets no index at all.
    signals.finalized.connect(_write)
