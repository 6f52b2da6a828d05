"""Pelican wiring for the image pipeline."""

from __future__ import annotations

from pelican import signals

from sitekit.plugin_order import refuse_misplaced
from sitekit.problems import report

from . import settings
from .markdown_ext import ImagesExtension
from .run import ImageRun

_run: ImageRun | None = None  # the image work of the build in progress


def _take_place(pelican) -> None:
    refuse_misplaced(pelican.settings, __package__, settings.BEFORE)


def _configure_markdown(pelican) -> None:
    extensions = pelican.settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(ext, ImagesExtension) for ext in extensions):
        extensions.append(ImagesExtension())


def _prepare(generator) -> None:
    global _run
    images, problems = settings.read(generator.settings)
    for problem in problems:
        report(problem)
    _run = ImageRun(generator.settings, images)
    _run.prepare()


def _render(content) -> None:
    # Static files are Content objects too, without text.
    if _run is not None and isinstance(getattr(content, "_content", None), str):
        _run.render(content)


def _finish(generator) -> None:
    if _run is not None:
        _run.finish(generator)


def register() -> None:
    """Connect the handlers."""
    # initialized: before anything is read, a wrong place in PLUGINS stops the build.
    signals.initialized.connect(_take_place)
    # initialized: settings exist but no reader has been built yet; add the figure extension.
    signals.initialized.connect(_configure_markdown)
    # article_generator_init: once per build, before any content is read: check IMAGES and
    # process every uncached photo in a process pool, so reading only looks manifests up.
    signals.article_generator_init.connect(_prepare)
    # content_object_init: fires for every article and page, also those read from Pelican's
    # cache: fill in the <picture>s from the current photos, set cover and social_image.
    signals.content_object_init.connect(_render)
    # static_generator_finalized: all content is read, nothing is copied yet: skip originals no
    # page links to and hard-link the derivatives the pages use into the output.
    signals.static_generator_finalized.connect(_finish)
