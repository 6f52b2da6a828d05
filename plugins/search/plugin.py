"""Pelican wiring for the site search (Pagefind, with Vietnamese folding)."""

from __future__ import annotations

import atexit
import logging
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from sitekit import problems, theme
from sitekit.numbers import seconds
from sitekit.plugin_order import refuse_misplaced
from sitekit.problems import Problem, report
from sitekit.rendered import page_rendered
from sitekit.settings_schema import report_new

from .indexer import IndexFeed, IndexingFailed, marked_regions
from .regions import MACRO, article_regions
from .settings import BEFORE, BUNDLE, SearchSettings, read

logger = logging.getLogger(__name__)

_settings: SearchSettings | None = None
_output: Path | None = None
_feed: IndexFeed | None = None  # started by the first indexed page of a build
# The article generators whose articles are indexed when the first article is written.
_article_generators: list = []
# Output name → searchable region of each article indexed before its page was written.
_indexed_early: dict[str, str] = {}


def _start(pelican) -> None:
    global _settings, _output
    _abandon()  # a build that failed midway left its worker running
    _article_generators.clear()
    _indexed_early.clear()
    refuse_misplaced(pelican.settings, __package__, BEFORE)
    _settings, found = read(pelican.settings)
    report_new(found)  # SITE_PREVIEW is checked by other plugins too
    preview = pelican.settings.get("SITE_PREVIEW")  # a preview writes a few pages; keep the index
    _output = None if preview else Path(pelican.settings["OUTPUT_PATH"])


def _add_globals(generator) -> None:
    # The strings and `once`, which the search page and the `search_region` macro use.
    theme.prepare(generator.env, generator.settings)
    # URLs from SITEURL, so the search works under a sub-path (…github.io/hoi-nghi-ntm/).
    site = generator.settings["SITEURL"].rstrip("/")
    generator.env.globals["search"] = {
        "base": f"{site}/",
        "bundle": f"{site}/{BUNDLE}/",
    }


def _articles_last(generators: list) -> None:
    # Pelican writes in the order of this list (the very list it goes on to use): articles
    # after the programme and pages, so that once articles are written every other marked page
    # is in the index.
    articles = [g for g in generators if isinstance(g, ArticlesGenerator)]
    generators[:] = [g for g in generators if g not in articles] + articles
    _article_generators[:] = articles


def _index_articles(generator, content=None) -> None:
    # Sent before each article page is written; at the first, every article's region goes to
    # the index and the bundle is asked for, to be written while the article pages are.
    if not _article_generators or _output is None or _settings is None:
        return
    generators = list(_article_generators)
    _article_generators.clear()
    if problems.errors() or generator.settings.get("RELATIVE_URLS"):
        return  # relative URLs make each page's region its own: index the pages as written
    regions = {name: region for g in generators for name, region in article_regions(g).items()}
    if not regions:
        return  # a theme without the macro: its article pages are indexed as they are written
    feed = _open_feed()
    for name, region in regions.items():
        if marked := marked_regions(region):
            feed.add(name, marked)
    _indexed_early.update(regions)
    feed.write()


def _open_feed() -> IndexFeed:
    global _feed
    if _feed is None:
        _feed = IndexFeed(_output, _settings)
    return _feed


def _add_page(name: str, html: str) -> None:
    if _output is None or _settings is None:
        return
    if name in _indexed_early:
        if _indexed_early.pop(name) not in html:
            report(Problem(path=name, message="trang bài viết không chứa đúng vùng tìm kiếm đã "
                           "lập chỉ mục cho nó", fix=f"trong article.html, in vùng ấy bằng "
                           f"{{{{ m.{MACRO}(article) }}}} thay vì viết lại"))
        return
    if regions := marked_regions(html):
        if _feed is not None and _feed.writing:
            report(Problem(path=name, message="trang có vùng data-pagefind-body nhưng được ghi "
                           "sau khi chỉ mục tìm kiếm đã khép lại",
                           fix="chỉ đánh dấu data-pagefind-body trong bài viết (macro "
                               f"{MACRO}) và các trang phiên, địa điểm của chương trình"))
            return
        _open_feed().add(name, regions)


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
    # initialized: the plugin's place in PLUGINS and its settings are checked once, before
    # anything is read.
    signals.initialized.connect(_start)
    # generator_init: templates need the bundle URLs (the search page, the header box), and the
    # theme's strings and `once`, even on a site without the news plugin.
    signals.generator_init.connect(_add_globals)
    # all_generators_finalized: everything is read; articles are moved to be written last.
    signals.all_generators_finalized.connect(_articles_last)
    # Before the first article page: every article is indexed and the bundle asked for.
    signals.article_generator_write_article.connect(_index_articles)
    # Other marked pages (the programme's) go to the indexing worker as they are written.
    page_rendered.connect(_add_page)
    # A refused build, or a process ending on an error, leaves no worker and no bundle.
    problems.build_stopped.connect(_abandon)
    atexit.unregister(_abandon)  # registered once, however many builds this process runs
    atexit.register(_abandon)
    # finalized: every page is written (into staging with `invoke build`) and every check that
    # runs earlier at this signal has spoken; a build with errors gets no index at all.
    signals.finalized.connect(_write)
