"""Pelican wiring: a service worker and a manifest, so the programme works without a network.

Previews (`invoke serve`, `--drafts`) get neither: a worker there would keep serving the page an
editor just changed from its cache, and drafts must never be stored on a reader's phone.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from pelican import signals

from sitekit.rendered import page_rendered
from sitekit.settings_schema import refuse_wrong

from .icons import write_icons
from .manifest import MANIFEST, manifest, site_path, theme_colour
from .precache import precache_list
from .settings import SCHEMA
from .worker import SERVICE_WORKER, worker_script

logger = logging.getLogger(__name__)

# Output name → HTML of the programme's pages, as the writer rendered them in this build.
_pages: dict[str, str] = {}
# Output names of the programme page and its session and place pages, once all is read.
_wanted: set[str] = set()
_programme_url: str | None = None


def is_preview(settings: dict) -> bool:
    """A preview or a build with drafts: no worker, no manifest."""
    return bool(settings.get("SITE_PREVIEW") or settings.get("DRAFT_SAVE_AS"))


def _start(pelican) -> None:
    refuse_wrong(pelican.settings, SCHEMA)  # a wrong SITE_SHORTNAME stops the build at once
    _forget(pelican)


def _forget(_pelican) -> None:
    global _programme_url
    _pages.clear()
    _wanted.clear()
    _programme_url = None


def _tell_theme(generator) -> None:
    # The template shows the manifest link and the register script only when they are written.
    generator.context["offline_worker"] = not is_preview(generator.settings)


def _programme_pages(generators) -> None:
    global _programme_url
    # Duck-typed, not imported: the programme is in the context for every template to show.
    for generator in generators:
        programme = generator.context.get("programme")
        if programme is None or not getattr(programme, "save_as", ""):
            continue
        _programme_url = programme.url
        for item in [programme, *programme.sessions, *programme.places.values()]:
            if item.save_as:
                _wanted.add(posixpath.normpath(item.save_as))
        return


def _keep(name: str, html: str) -> None:
    name = posixpath.normpath(name)
    if name in _wanted:
        _pages[name] = html


def _write(pelican) -> None:
    settings = pelican.settings
    if is_preview(settings):
        return
    output = Path(settings["OUTPUT_PATH"])
    siteurl = settings.get("SITEURL", "")
    colour = theme_colour(settings["THEME"])
    icons = write_icons(output, colour)
    manifest_bytes = manifest(settings, colour).encode("utf-8")
    (output / MANIFEST).write_bytes(manifest_bytes)
    entries = precache_list(dict(_pages), output, siteurl, {MANIFEST: manifest_bytes, **icons})
    (output / SERVICE_WORKER).write_text(worker_script(entries, site_path(siteurl), _programme_url),
                                         encoding="utf-8")
    logger.debug("Service worker: %d tệp lưu sẵn, %d byte", len(entries),
                 sum(e.size for e in entries))
    _forget(pelican)


def register() -> None:
    """Connect the handlers."""
    signals.initialized.connect(_start)  # a build that failed midway left its pages behind
    signals.generator_init.connect(_tell_theme)  # before any template is rendered
    # all_generators_finalized: the programme is read; its pages are not written yet.
    signals.all_generators_finalized.connect(_programme_pages)
    page_rendered.connect(_keep)  # the programme's pages as written, never read back
    # finalized: every page and file is written; listed before `checks`, which then finds the
    # manifest and icons the pages link to.
    signals.finalized.connect(_write)
