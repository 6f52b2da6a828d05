"""Pelican wiring: reset, collect and stop on editor-facing problems."""

from pelican import signals

from . import pelican_log, problems
from .settings import editorial_settings

_bridge: pelican_log.PelicanLogBridge | None = None


def _start(pelican) -> None:
    global _bridge
    problems.reset()
    if _bridge is not None:
        pelican_log.detach(_bridge)
    strict = editorial_settings(pelican.settings)["strict"]
    _bridge = pelican_log.attach(pelican.settings["PATH"], strict)


def _checkpoint(_sender) -> None:
    problems.stop_if_errors()


def register() -> None:
    """Connect the handlers."""
    # initialized: a new build starts with no problems from an earlier one in this process,
    # and Pelican's own log records are watched from the first file read.
    signals.initialized.connect(_start)
    # all_generators_finalized: everything is read, nothing is written yet: stop here first.
    signals.all_generators_finalized.connect(_checkpoint)
    # finalized: problems found while writing still make the build fail.
    signals.finalized.connect(_checkpoint)
