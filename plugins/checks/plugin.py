"""Pelican wiring: check the written site before it is indexed, swapped in or published."""

import posixpath
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from sitekit.contents import every_content
from sitekit.plugin_order import refuse_misplaced
from sitekit.problems import Problem, display_path, report, stop_if_errors
from sitekit.rendered import page_rendered
from sitekit.settings_schema import refuse_wrong

from .links import broken_links, urls_in
from .settings import BEFORE, SCHEMA

# Output name → the URLs in that page, gathered while the pages are written.
_urls: dict[str, frozenset[str]] = {}
# Output name → the article or page file it is written from: a broken link in a body is the
# editor's to fix, and the editor knows the file, not the page it becomes.
_sources: dict[str, str] = {}
# Output names rendered more than once: an article whose address is a page of the site's own
# (`Slug: tim-kiem`, `Slug: .`) silently took its place.
_twice: set[str] = set()


def _start(pelican) -> None:
    refuse_misplaced(pelican.settings, __package__, BEFORE)
    refuse_wrong(pelican.settings, SCHEMA)
    _urls.clear()
    _sources.clear()
    _twice.clear()


def _remember_sources(generators) -> None:
    for generator in generators:
        if isinstance(generator, ArticlesGenerator | PagesGenerator):
            for item in every_content(generator):
                if item.save_as and item.source_path:
                    _sources[posixpath.normpath(item.save_as)] = item.source_path


def _gather(name: str, html: str) -> None:
    name = posixpath.normpath(name)
    if name in _urls:
        _twice.add(name)
    if name.endswith(".html"):
        _urls[name] = frozenset(urls_in(html))


def _check_output(pelican) -> None:
    settings = pelican.settings
    if settings.get("SITE_PREVIEW"):  # a preview writes a few pages; the next full build checks
        return
    for name in sorted(_twice):
        source = _sources.get(name)
        report(Problem(
            path=display_path(source, settings["PATH"]) if source else name,
            message=f"trang {name} được ghi hai lần: bài này chiếm chỗ một trang khác "
            "của trang web (trang chủ, tìm kiếm, chủ đề…)",
            fix="đổi dòng `Slug: ...` (hoặc tiêu đề) thành một địa chỉ khác"))
    _twice.clear()
    pages, siteurl = dict(_urls), settings.get("SITEURL", "")
    _urls.clear()
    broken = broken_links(pages, Path(settings["OUTPUT_PATH"]), siteurl)
    # A summary repeats its article's links on the listings: told once, at the article's file.
    told_at_a_file = {link.url for link in broken if link.page in _sources}
    for link in broken:
        source = _sources.get(link.page)
        if source is None and link.url in told_at_a_file:
            continue
        report(Problem(
            path=display_path(source, settings["PATH"]) if source else link.page,
            message=f"liên kết hỏng tới {link.url}" + (f" (trên trang {link.page})"
                                                         if source else ""),
            fix="sửa liên kết trong bài hoặc giao diện cho trỏ tới trang hay tệp có thật",
        ))
    _sources.clear()
    stop_if_errors()


def register() -> None:
    """Connect the handlers."""
    # initialized: the plugin's place in PLUGINS and SITE_PREVIEW are checked before anything
    # is read, and a build that failed midway left its pages behind.
    signals.initialized.connect(_start)
    page_rendered.connect(_gather)
    # all_generators_finalized: every article and page is read and knows where it is written.
    signals.all_generators_finalized.connect(_remember_sources)
    # finalized: every page is written; listed before `search` so a broken site is never indexed.
    signals.finalized.connect(_check_output)
