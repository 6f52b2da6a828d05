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

import os

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from pelican import signals
from pelican.readers import MarkdownReader

from sitekit import metadata_block, source_texts
from sitekit.helper_processes import can_fork

from .second_core import SecondCore

_META = "meta"  # the preprocessor that reads the metadata block
# The articles' generator until its reader's first file, when a helper may start (second_core).
_articles = None
_helper: SecondCore | None = None


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
        _start_helper(self)
        # The text as pelican_open gives it (UTF-8, BOM dropped, universal newlines).
        text = source_texts.read_text(source_path)
        converted = _helper.take(source_path, text) if _helper is not None else None
        self._md = self._markdown.reset()  # _parse_metadata converts the formatted fields
        if converted is None:
            converted = self._md.convert(text), self._md.Meta
        content, meta = converted
        return content, self._parse_metadata(meta)


def _start_helper(reader: ReusingMarkdownReader) -> None:
    """At the articles' first file read: a helper for the articles still to read, if many."""
    global _articles, _helper
    generator = _articles
    if generator is None or reader not in generator.readers.readers.values():
        return
    _articles = None
    if not can_fork():  # the preview server: no walk of the articles on each save
        return
    settings = generator.settings
    paths = [os.path.join(generator.path, name) for name in
             generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])]
    mine = [path for path in paths if generator.readers.readers.get(
        os.path.splitext(path)[1][1:]) is reader]
    unread = [path for path in mine  # the content cache has nothing for these
              if generator.readers.get_cached_data(path, (None, None))[0] is None]
    _helper = SecondCore.start(reader._markdown, unread)


def _articles_to_read(generator) -> None:
    global _articles
    _articles = generator


def _stop_helper(*_args) -> None:
    global _articles, _helper
    _articles = None
    if _helper is not None:
        _helper.stop()
        _helper = None


def _use_reusing_reader(readers) -> None:
    for extension, reader in readers.reader_classes.items():
        if reader is MarkdownReader:  # a site's own READERS choice is left alone
            readers.reader_classes[extension] = ReusingMarkdownReader


def _new_build(_pelican) -> None:
    _stop_helper()  # a build that failed while reading left one
    source_texts.forget_changed()


def register() -> None:
    """Connect the handlers."""
    # initialized: before anything reads a source, drop the files changed or deleted since the
    # last build in this process (a long `invoke serve`), so they are read again, or not kept.
    signals.initialized.connect(_new_build)
    # readers_init: Pelican's reader classes are chosen, none is built yet.
    signals.readers_init.connect(_use_reusing_reader)
    # article_generator_init: the articles' reader may start a helper at its first file (many
    # to read: a first build); article_generator_finalized: every article is read, it ends.
    signals.article_generator_init.connect(_articles_to_read)
    signals.article_generator_finalized.connect(_stop_helper)
