"""Pelican wiring for the site search (Pagefind, with Vietnamese folding)."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from plugins.editorial import Problem, problems, report
from plugins.vietnamese.numbers import seconds

from . import indexer
from .settings import BUNDLE, PHRASE_BUNDLE, SearchSettings, read

logger = logging.getLogger(__name__)

_settings: SearchSettings | None = None


def _check_settings(pelican) -> None:
    global _settings
    _settings, found = read(pelican.settings)
    for problem in found:
        report(problem)


def _add_globals(generator) -> None:
    # URLs from SITEURL, so the search works under a sub-path (…github.io/hoi-nghi-ntm/).
    site = generator.settings["SITEURL"].rstrip("/")
    generator.env.globals["search"] = {
        "base": f"{site}/",
        "bundle": f"{site}/{BUNDLE}/",
        "phrase_bundle": f"{site}/{PHRASE_BUNDLE}/" if _settings and _settings.phrases else "",
    }


def _index(pelican) -> None:
    if pelican.settings.get("SITE_PREVIEW"):  # a preview writes a few pages; keep the index
        return
    if problems.errors() or _settings is None:
        logger.warning("Bỏ qua chỉ mục tìm kiếm: bản dựng này có lỗi.")
        return
    try:
        done = indexer.index_site(Path(pelican.settings["OUTPUT_PATH"]), _settings)
    except indexer.IndexingFailed as failure:
        report(Problem(path=pelican.settings["OUTPUT_PATH"], message=str(failure),
                       fix="dựng lại; nếu lỗi còn, cài lại gói: .venv/bin/pip install -e ."))
        problems.stop_if_errors()
        return
    logger.info("Đã lập chỉ mục tìm kiếm cho %d trang trong %s.", done.pages,
                seconds(done.seconds))


def register() -> None:
    """Connect the handlers."""
    # initialized: the SEARCH setting is checked once, before anything is read.
    signals.initialized.connect(_check_settings)
    # generator_init: templates need the bundle URLs (the search page, the header box).
    signals.generator_init.connect(_add_globals)
    # finalized: every page is written (into staging with `invoke build`) and every check that
    # runs earlier at this signal has spoken; a build with errors gets no index at all.
    signals.finalized.connect(_index)
