"""Pelican wiring: review content, collect problems, stop before writing when there are errors."""

from pelican import signals

from . import pelican_log, problems
from .review import review_content
from .settings import editorial_settings

_bridge: pelican_log.PelicanLogBridge | None = None


def _start(pelican) -> None:
    global _bridge
    problems.reset()
    if _bridge is not None:
        pelican_log.detach(_bridge)
    options = editorial_settings(pelican.settings)
    _bridge = pelican_log.attach(pelican.settings["PATH"], options["strict"])
    for problem in review_content(pelican.settings):
        problems.report(problem)


def _after_reading(generators) -> None:
    if editorial_settings(_settings_of(generators))["check_only"]:
        raise problems.CheckFinished()
    problems.stop_if_errors()


def _settings_of(generators) -> dict:
    return generators[0].settings if generators else {}


def _after_writing(_pelican) -> None:
    problems.stop_if_errors()


def register() -> None:
    """Connect the handlers."""
    # initialized: a new build starts with no problems from an earlier one in this process,
    # Pelican's own log records are watched from the first file read, and every source file
    # is reviewed (with line numbers) before Pelican reads it.
    signals.initialized.connect(_start)
    # all_generators_finalized: everything is read, nothing is written yet: stop here first
    # (and always, for a check).
    signals.all_generators_finalized.connect(_after_reading)
    # finalized: problems found while writing still make the build fail.
    signals.finalized.connect(_after_writing)
