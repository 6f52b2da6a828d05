"""Pelican wiring: check the written site before it is indexed, swapped in or published."""

from pathlib import Path

from pelican import signals

from plugins.editorial.problems import Problem, report, stop_if_errors
from plugins.rendered import page_rendered

from .links import broken_links, urls_in

# Output name → the URLs in that page, gathered while the pages are written.
_urls: dict[str, frozenset[str]] = {}


def _forget(_pelican) -> None:
    _urls.clear()


def _gather(name: str, html: str) -> None:
    if name.endswith(".html"):
        _urls[name] = frozenset(urls_in(html))


def _check_output(pelican) -> None:
    settings = pelican.settings
    if settings.get("SITE_PREVIEW"):  # a preview writes a few pages; the next full build checks
        return
    pages, siteurl = dict(_urls), settings.get("SITEURL", "")
    _urls.clear()
    for link in broken_links(pages, Path(settings["OUTPUT_PATH"]), siteurl):
        report(Problem(
            path=link.page, message=f"liên kết hỏng tới {link.url}",
            fix="sửa liên kết trong bài hoặc giao diện cho trỏ tới trang hay tệp có thật",
        ))
    stop_if_errors()


def register() -> None:
    """Connect the handlers."""
    signals.initialized.connect(_forget)  # a build that failed midway left its pages behind
    page_rendered.connect(_gather)
    # finalized: every page is written; listed before `search` so a broken site is never indexed.
    signals.finalized.connect(_check_output)
