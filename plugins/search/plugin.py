"""Pelican wiring for the site search (Pagefind, with Vietnamese folding)."""

from __future__ import annotations

import atexit
import logging
from itertools import chain
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from plugins.editorial import Problem, problems, report
from plugins.rendered import page_rendered
from plugins.vietnamese.numbers import seconds

from .indexer import IndexFeed, IndexingFailed, marked_regions
from .settings import BUNDLE, SearchSettings, read

logger = logging.getLogger(__name__)

_settings: SearchSettings | None = None
_output: Path | None = None
_feed: IndexFeed | None = None  # started by the first indexed page of a build
# Output names of the article pages not yet written; once none is left, every marked page is in
# (articles are written last, see `_articles_last`) and Pagefind writes while listings render.
_articles_left: set[str] = set()


def _start(pelican) -> None:
    global _settings, _output
    _abandon()  # a build that failed midway left its worker running
    _articles_left.clear()
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


def _articles_last(generators: list) -> None:
    # Pelican writes in the order of this list (the very list it goes on to use): articles
    # after the programme and pages, so that the last article page is the last marked page.
    articles = [g for g in generators if isinstance(g, ArticlesGenerator)]
    generators[:] = [g for g in generators if g not in articles] + articles
    _articles_left.update(
        article.save_as
        for generator in articles
        for article in chain(generator.translations, generator.articles,
                             generator.hidden_translations, generator.hidden_articles)
        if article.save_as)


def _add_page(name: str, html: str) -> None:
    global _feed
    if _output is None or _settings is None:
        return
    if regions := marked_regions(html):
        if _feed is not None and _feed.writing:
            report(Problem(path=name, message="trang có vùng data-pagefind-body nhưng được ghi "
                           "sau bài viết cuối cùng, khi chỉ mục tìm kiếm đã khép lại",
                           fix="chỉ đánh dấu data-pagefind-body trong mẫu bài viết, phiên và "
                               "địa điểm của chương trình, không trong trang danh sách"))
            return
        if _feed is None:
            _feed = IndexFeed(_output, _settings)
        _feed.add(name, regions)
    if name in _articles_left:
        _articles_left.discard(name)
        if not _articles_left and _feed is not None and not problems.errors():
            _feed.write()


def _abandon(_sender: object = None) -> None:
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
    # all_generators_finalized: everything is read; articles are moved to be written last.
    signals.all_generators_finalized.connect(_articles_last)
    # Each page goes to the indexing worker as it is written, so Pagefind works alongside;
    # after the last article the bundle is written while the listings are.
    page_rendered.connect(_add_page)
    # A refused build, or a process ending on an error, leaves no worker and no bundle.
    problems.build_stopped.connect(_abandon)
    atexit.unregister(_abandon)  # registered once, however many builds this process runs
    atexit.register(_abandon)
    # finalized: every page is written (into staging with `invoke build`) and every check that
    # runs earlier at this signal has spoken; a build with errors gets no index at all.
    signals.finalized.connect(_write)
