"""Pelican wiring for the news theme."""

from pelican import signals

from .strings import load_strings


def _add_globals(generator) -> None:
    generator.env.globals["T"] = load_strings(generator.settings["THEME"])


def register() -> None:
    """Connect the handlers."""
    # generator_init: each generator owns a Jinja environment; templates need the strings.
    signals.generator_init.connect(_add_globals)
