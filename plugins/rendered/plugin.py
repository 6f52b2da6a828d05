"""The `page_rendered` signal: the HTML of every page, straight from the writer.

The link check and the search index need the HTML of the pages Pelican writes. Reading output/
back after the build would be a second pass over every page, on a file system where opening a
thousand files costs more than rendering them did. The writer already holds each page as a
string just before it writes it: this plugin's writer sends it on, and the plugins that need it
connect to `sitekit.rendered.page_rendered` and receive the output name (relative to
OUTPUT_PATH, such as `bai-moi/index.html`) as sender and the text as `html`.
"""

from __future__ import annotations

from pelican import signals
from pelican.writers import Writer

from sitekit.rendered import page_rendered
from sitekit.settings_schema import refuse_wrong

from .settings import SCHEMA


class _Tapped:
    """A Jinja template whose every rendering is also sent as `page_rendered`."""

    def __init__(self, template):
        self._template = template

    def render(self, context: dict) -> str:
        html = self._template.render(context)
        page_rendered.send(context["output_file"], html=html)
        return html


class RenderingWriter(Writer):
    """Pelican's writer, telling `page_rendered` what each template produced."""

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, _Tapped(template), context, *args, **kwargs)


def _writer(pelican):
    refuse_wrong(pelican.settings, SCHEMA)  # before the first page is written
    # A preview brings its own writer for the few pages an edit touches; no check or index
    # runs on a preview, so it needs no pages from this one (Pelican uses a single writer).
    return None if pelican.settings.get("SITE_PREVIEW") else RenderingWriter


def register() -> None:
    """Connect the handlers."""
    # get_writer: the one extension point Pelican gives for how pages are written.
    signals.get_writer.connect(_writer)
