"""The metadata block at the top of a Markdown file, split one way for the review and the build.

Pelican's Markdown reader reads metadata with Python-Markdown's `meta` extension. The content
review (`editorial`) must judge exactly the keys and values the build takes (a key it missed,
`  Template: x` indented, would go unchecked into the build), and it needs each value's line
for its sentences. So there is one parser, this one, written line for line after
`markdown.extensions.meta.MetaPreprocessor`: the review runs it over each file, and the
`markdown_reader` plugin runs it in place of the `meta` preprocessor, over the lines Markdown
hands that preprocessor. tests/test_hostile_input.py compares it with the `meta` extension.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# markdown.extensions.meta's expressions.
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_BEGIN = re.compile(r"^-{3}(\s.*)?")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass(frozen=True)
class Entry:
    """One value of the block: a `Key: value` line, or a line continuing the key above."""

    key: str  # lower case, as Pelican gets it
    value: str
    line: int  # from 1
    continued: bool


@dataclass
class MetadataBlock:
    """The block's values in order, and the line where the body starts."""

    entries: list[Entry] = field(default_factory=list)
    body_start: int = 1  # the first line after the block; one past the end when there is none

    def meta(self) -> dict[str, list[str]]:
        """The values as Python-Markdown's `Markdown.Meta`: each key's lines, in order."""
        values: dict[str, list[str]] = {}
        for entry in self.entries:
            values.setdefault(entry.key, []).append(entry.value)
        return values


def split(lines: list[str]) -> MetadataBlock:
    """Split lines as the `meta` preprocessor does.

    The lines are those Markdown gives its preprocessors at that point: tabs already expanded,
    STX/ETX removed, every line ending a line feed.
    """
    block = MetadataBlock()
    start = 1 if lines and _BEGIN.match(lines[0]) else 0  # a `---` opening line is skipped
    key = None
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip() or _END.match(line):  # a blank line or `---`/`...` ends the block
            block.body_start = number + 1
            return block
        if match := _META_LINE.match(line):
            key = match["key"].lower().strip()
            block.entries.append(Entry(key, match["value"].strip(), number, continued=False))
        elif key and (more := _META_MORE.match(line)):  # a continued value
            block.entries.append(Entry(key, more["value"].strip(), number, continued=True))
        else:  # the body starts here; what was read above is still metadata
            block.body_start = number
            return block
    block.body_start = len(lines) + 1
    return block
