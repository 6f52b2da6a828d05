"""Pelican wiring for the conference programme."""

from pelican import signals

from sitekit import theme
from sitekit.numbers import km
from sitekit.plugin_order import refuse_misplaced

from . import links
from .generator import ProgrammeGenerator
from .settings import BEFORE


def _take_place(pelican) -> None:
    refuse_misplaced(pelican.settings, __package__, BEFORE)


def _generators(_pelican):
    return ProgrammeGenerator


def _add_filters(generator) -> None:
    generator.env.filters["km"] = km
    # The strings, `once` and story cards' `without_source`: its pages list articles too.
    theme.prepare(generator.env, generator.settings)


def register() -> None:
    """Connect the handlers."""
    # initialized: before anything is read, a wrong place in PLUGINS stops the build.
    signals.initialized.connect(_take_place)
    # get_generators: the programme is read, and its pages and calendars written, by its own
    # generator; it is built with the others, so the data is known before any article is read.
    signals.get_generators.connect(_generators)
    # generator_init: every generator has its own Jinja environment; all get the `km` filter
    # and what the theme's templates need, with or without the news plugin.
    signals.generator_init.connect(_add_filters)
    # content_object_init: each article's {programme}id links, replaced on every build.
    signals.content_object_init.connect(links.replace_links)
