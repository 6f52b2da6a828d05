"""Pelican wiring: check the written site before it is indexed, swapped in or published."""

from pathlib import Path

from pelican import signals

from plugins.editorial.problems import Problem, report, stop_if_errors

from .links import broken_links


def _check_output(pelican) -> None:
    settings = pelican.settings
    if settings.get("SITE_PREVIEW"):  # a preview writes a few pages; the next full build checks
        return
    for link in broken_links(Path(settings["OUTPUT_PATH"]), settings.get("SITEURL", "")):
        report(Problem(
            path=link.page, message=f"liên kết hỏng tới {link.url}",
            fix="sửa liên kết trong bài hoặc giao diện cho trỏ tới trang hay tệp có thật",
        ))
    stop_if_errors()


def register() -> None:
    """Connect the handlers."""
    # finalized: every page is written; listed before `search` so a broken site is never indexed.
    signals.finalized.connect(_check_output)
