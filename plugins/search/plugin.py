"""Pelican wiring for the site search (Pagefind, with Vietnamese folding)."""

from __future__ import annotations

import atexit
import logging
import time
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from sitekit import problems, theme
from sitekit.contents import every_content
from sitekit.numbers import seconds
from sitekit.plugin_order import refuse_misplaced
from sitekit.problems import Problem, report
from sitekit.rendered import page_rendered
from sitekit.settings_schema import report_new

from . import bundle_cache, preview_index
from .indexer import IndexingFailed, marked_regions, page_line
from .regions import MACRO, article_regions, articles_written
from .reuse import ReusingFeed
from .settings import BEFORE, BUNDLE, SearchSettings, read

logger = logging.getLogger(__name__)

_settings: SearchSettings | None = None
_output: Path | None = None
_preview: Path | None = None  # the output/ a preview rewrites a few pages of
_cache: Path | None = None  # where bundles are kept for reuse (bundle_cache.py)
_tree = ""  # the content folder (PATH), for the preview's index
_started_ns = 0  # when the build started: a source saved since may not be the text read
_feed: ReusingFeed | None = None  # opened at the start (no bundle to reuse) or first page
# Article source → (output name, stamp of the file) as indexed, for the preview's index.
_sources: dict[str, tuple[str, preview_index.Stamp]] = {}
# A preview's index to rebuild once its pages are written: the lines, and how many articles.
_update: tuple[preview_index.Snapshot, int] | None = None
# The article generators whose articles are indexed when the first article is written.
_article_generators: list = []
# Output name → searchable region of each article indexed before its page was written.
_indexed_early: dict[str, str] = {}


def _start(pelican) -> None:
    global _settings, _output, _preview, _cache, _tree, _update, _started_ns
    _started_ns = time.time_ns()
    _abandon()  # a build that failed midway left its worker running
    _article_generators.clear()
    _indexed_early.clear()
    _sources.clear()
    _update = None
    refuse_misplaced(pelican.settings, __package__, BEFORE)
    _settings, found = read(pelican.settings)
    report_new(found)  # SITE_PREVIEW is checked by other plugins too
    # A preview writes a few pages; its index is rebuilt in the background (preview_index.py).
    preview = pelican.settings.get("SITE_PREVIEW")
    _output = None if preview else Path(pelican.settings["OUTPUT_PATH"])
    _preview = Path(pelican.settings["OUTPUT_PATH"]) if preview else None
    if not preview:
        preview_index.cancel()  # a full build supersedes a preview's index still being made
    cache = pelican.settings.get("CACHE_PATH")
    _cache = Path(cache) / bundle_cache.FOLDER if cache else None
    _tree = str(pelican.settings.get("PATH", ""))
    if _output is not None and ReusingFeed.eager(_cache):
        _open_feed()  # nothing to reuse: Pagefind starts up while the sources are read


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
    if not _article_generators or _settings is None or (_output or _preview) is None:
        return
    generators = list(_article_generators)
    _article_generators.clear()
    if problems.errors() or generator.settings.get("RELATIVE_URLS"):
        return  # relative URLs make each page's region its own: index the pages as written
    if _preview is not None:
        _prepare_preview(generators)
        return
    written = [(g, articles_written(g)) for g in generators]
    regions = {name: region for g, articles in written
               for name, region in article_regions(g, articles).items()}
    if not regions:
        return  # a theme without the macro: its article pages are indexed as they are written
    feed = _open_feed()
    # Newest first: a large site's first index part, the one searched first, holds the newest.
    newness = {name: _newness(a) for _, articles in written for name, a in articles.items()}
    for name in sorted(regions, key=newness.__getitem__, reverse=True):
        if marked := marked_regions(regions[name]):
            feed.add(name, marked)
    _indexed_early.update(regions)
    _sources.update({a.source_path: (name, preview_index.stamp(a.source_path, _started_ns))
                     for _, articles in written for name, a in articles.items()})
    feed.write()


def _prepare_preview(generators: list) -> None:
    # Only the articles saved since the bundle in output/ was made are rendered again.
    global _update
    base = preview_index.base_for(_preview, _tree, _settings)
    if base is None or not base.sources:
        return  # a bundle this process did not make: the next full build's stands
    now: dict[str, tuple[str, preview_index.Stamp]] = {}
    saved: list[tuple[object, dict]] = []
    for g in generators:
        saved.append((g, {}))
        for article in every_content(g):
            source = article.source_path
            stamp, before = preview_index.stamp(source, _started_ns), base.sources.get(source)
            if before is not None and before[1] == stamp != preview_index.UNSURE:
                now[source] = before  # the file as it was indexed: its page's name too
            elif name := article.save_as:
                now[source] = name, stamp
                saved[-1][1][name] = article
    lines = dict(base.lines)
    for source, (name, _) in base.sources.items():
        if now.get(source) != base.sources[source]:
            lines.pop(name, None)  # changed, renamed or gone
    changed, added = 0, {}
    for g, articles in saved:
        for name, region in article_regions(g, articles).items():
            changed += 1
            if marked := marked_regions(region):
                (lines if name in lines else added)[name] = page_line(name, marked)
    lines = added | lines  # a new article goes in the part searched first (worker.py)
    if changed or set(now) != set(base.sources):
        _update = preview_index.Snapshot(base.identity, _tree, _settings, lines, now), changed


def _newness(article) -> float:
    date = getattr(article, "date", None)
    return date.timestamp() if date else 0.0


def _open_feed() -> ReusingFeed:
    global _feed
    if _feed is None:
        _feed = ReusingFeed(_output, _settings, _cache)
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


def _stop_preview_index() -> None:
    preview_index.cancel(wait=5)  # its worker would otherwise finish a bundle nobody swaps in


def _write(pelican) -> None:
    global _feed, _update
    if _preview is not None and _update is not None and not problems.errors():
        # After the pages are written and the reload is on its way: not waited for.
        preview_index.start(_preview, *_update)
        _update = None
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
    preview_index.remember(_output / BUNDLE, _tree, _settings, feed.lines, dict(_sources))
    if not done.reused:
        logger.info("Đã lập chỉ mục tìm kiếm cho %d trang (xong %s sau trang cuối).",
                    done.pages, seconds(done.seconds))


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
    atexit.unregister(_stop_preview_index)
    atexit.register(_stop_preview_index)
    # finalized: every page is written (into staging with `invoke build`) and every check that
    # runs earlier at this signal has spoken; a build with errors gets no index at all.
    signals.finalized.connect(_write)
