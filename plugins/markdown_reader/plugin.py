"""Read Markdown with one `markdown.Markdown` kept for the whole build, reset between files.

Pelican's reader builds a new Markdown object for every file, and with it every extension, block
processor and inline pattern: on a 1000-article site that set-up costs as much as a third of the
conversion itself. Python-Markdown's documented way to convert many documents is one instance
and `reset()` between them; its extensions, ours included, keep no state past a reset.
"""

from __future__ import annotations

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

_META = "meta"  # the preprocessor that reads the metadata block


class ReusingMarkdownReader(MarkdownReader):
    """MarkdownReader whose Markdown object outlives a file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._markdown: Markdown | None = None
        self._meta = None

    def read(self, source_path):
        """Parse content and metadata of a Markdown file, like MarkdownReader.read."""
        if self._markdown is None:
            self._markdown = Markdown(**self.settings["MARKDOWN"])
            registry = self._markdown.preprocessors
            self._meta = (registry[_META], next(item.priority for item in registry._priority
                                                if item.name == _META))
        elif _META not in self._markdown.preprocessors:
            # The previous file's metadata fields were converted without it (_parse_metadata).
            self._markdown.preprocessors.register(self._meta[0], _META, self._meta[1])
        self._source_path = source_path
        self._md = self._markdown.reset()
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        return content, self._parse_metadata(self._md.Meta)


def _use_reusing_reader(readers) -> None:
    for extension, reader in readers.reader_classes.items():
        if reader is MarkdownReader:  # a site's own READERS choice is left alone
            readers.reader_classes[extension] = ReusingMarkdownReader


def register() -> None:
    """Connect the handlers."""
    # readers_init: Pelican's reader classes are chosen, none is built yet.
    signals.readers_init.connect(_use_reusing_reader)
