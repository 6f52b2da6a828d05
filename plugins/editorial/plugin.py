"""Pelican wiring: review content, collect problems, stop before writing when there are errors."""

from pelican import signals

from sitekit import problems

from . import boundary, fields, pelican_log, sanitise_store
from .review import review_content
from .sanitise import new_build, sanitise_content
from .settings import editorial_settings
from .settings import read as read_settings

_bridge: pelican_log.PelicanLogBridge | None = None


def _start(pelican) -> None:
    global _bridge
    problems.reset()
    new_build(pelican.settings)  # the sanitiser keeps what it made of the last build's texts
    if _bridge is not None:
        pelican_log.detach(_bridge)
    options = editorial_settings(pelican.settings)
    _bridge = pelican_log.attach(pelican.settings["PATH"], options["strict"])
    found = read_settings(pelican.settings)[1] + review_content(pelican.settings)
    for problem in found:
        problems.report(problem)
    # A link out of the content tree: stop before Pelican reads (or walks, or copies) through it.
    if any(isinstance(problem, boundary.BoundaryProblem) for problem in found):
        if options["check_only"]:
            problems.stop_before_reading()
            raise problems.CheckFinished()
        problems.stop_if_errors()


def _after_reading(generators) -> None:
    sanitise_store.finish(_settings_of(generators))  # every body and sapo is sanitised by now
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
    # content_object_init: every article and page, also those from Pelican's content cache
    # (which holds what the reader wrote), goes through the sanitiser before any other plugin
    # fills in photos or programme links and before a template prints it.
    signals.content_object_init.connect(sanitise_content)
    # page_generator_finalized: articles and pages are read, their {static} targets not yet
    # listed to copy: drop (and report) those outside the content tree the review could not see.
    signals.page_generator_finalized.connect(boundary.guard_static_links)
    # static_generator_finalized: the last moment before any static file is copied.
    signals.static_generator_finalized.connect(boundary.guard_static)
    # article/page_generator_context: a file's metadata is read, no content object is made
    # yet: a key written twice (reported by the review) reaches Pelican as its first value.
    signals.article_generator_context.connect(fields.first_values)
    signals.page_generator_context.connect(fields.first_values)
    # all_generators_finalized: everything is read, nothing is written yet: stop here first
    # (and always, for a check).
    signals.all_generators_finalized.connect(_after_reading)
    # finalized: problems found while writing still make the build fail.
    signals.finalized.connect(_after_writing)
