"""Read Markdown with one `markdown.Markdown` kept for the whole build, reset between files.

Pelican's reader builds a new Markdown object for every file, and with it every extension, block
processor and inline pattern: on a 1000-article site that set-up costs as much as a third of the
conversion itself. Python-Markdown's documented way to convert many documents is one instance
and `reset()` between them; its extensions, ours included, keep no state past a reset.

The file's text comes from `sitekit.source_texts`, where the content review (run at `initialized`)
left it: each source is read from disk once per build, and the two see the same bytes. The
metadata block is split by `sitekit.metadata_block`, the review's parser, in place of the `meta`
extension's: what `invoke check` judged is what the build takes.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from pelican import signals
from pelican.readers import MarkdownReader

from sitekit import metadata_block, source_texts

_META = "meta"  # the preprocessor that reads the metadata block


class _MetadataBlock(Preprocessor):
    """The `meta` preprocessor's job done by the content review's parser.

    It fills Markdown.Meta (each key's values, in order) and hands on the lines after the block.
    """

    def run(self, lines: list[str]) -> list[str]:
        block = metadata_block.split(lines)
        self.md.Meta = block.meta()
        return lines[block.body_start - 1:]


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
            priority = next(item.priority for item in registry._priority if item.name == _META)
            self._meta = (_MetadataBlock(self._markdown), priority)
            registry.register(self._meta[0], _META, priority)  # in the `meta` extension's place
        elif _META not in self._markdown.preprocessors:
            # The previous file's metadata fields were converted without it (_parse_metadata).
            self._markdown.preprocessors.register(self._meta[0], _META, self._meta[1])
        self._source_path = source_path
        self._md = self._markdown.reset()
        # The text as pelican_open gives it (UTF-8, BOM dropped, universal newlines).
        content = self._md.convert(source_texts.read_text(source_path))
        return content, self._parse_metadata(self._md.Meta)


def _use_reusing_reader(readers) -> None:
    for extension, reader in readers.reader_classes.items():
        if reader is MarkdownReader:  # a site's own READERS choice is left alone
            readers.reader_classes[extension] = ReusingMarkdownReader


def _new_build(_pelican) -> None:
    source_texts.forget_changed()


def register() -> None:
    """Connect the handlers."""
    # initialized: before anything reads a source, drop the files changed or deleted since the
    # last build in this process (a long `invoke serve`), so they are read again, or not kept.
    signals.initialized.connect(_new_build)
    # readers_init: Pelican's reader classes are chosen, none is built yet.
    signals.readers_init.connect(_use_reusing_reader)
