"""Pelican wiring for Vietnamese text and dates."""

from pelican import signals

from sitekit import dates
from sitekit.text import slugify_vi

from .markdown_ext import VietnameseExtension
from .reading import read_dates_ourselves

JINJA_FILTERS = {
    "dateline": dates.dateline,
    "isodate": dates.iso,
    "long_date": dates.long_date,
    "short_date": dates.short_date,
    "clock": dates.clock,
}


def _configure_markdown(pelican) -> None:
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(ext, VietnameseExtension) for ext in extensions):
        extensions.append(VietnameseExtension())
    # Python-Markdown's own toc slugify drops đ (`Đoàn 1` → `oan-1`).
    toc = markdown.setdefault("extension_configs", {}).get("markdown.extensions.toc")
    if toc is not None:
        toc["slugify"] = slugify_vi


def _add_filters(generator) -> None:
    generator.env.filters.update(JINJA_FILTERS)


def register() -> None:
    """Connect the handlers."""
    # initialized: settings exist but no reader has been built yet.
    signals.initialized.connect(_configure_markdown)
    # generator_init: each generator owns a Jinja environment.
    signals.generator_init.connect(_add_filters)
    # generator_init: the generator's readers exist and have read nothing yet; from here on
    # they read Date:/Modified: day first, as `invoke check` does, never by dateutil's guess.
    signals.generator_init.connect(read_dates_ourselves)
