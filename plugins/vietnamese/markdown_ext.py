"""Python-Markdown extension that normalises the source before Pelican reads it."""

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .dates import parse_day_first
from .text import nfc

_DATE_LINE = re.compile(r"^(?P<key>(?:date|modified)\s*:\s*)(?P<value>.+)$", re.IGNORECASE)


class _NormalisePreprocessor(Preprocessor):
    """NFC every line, and rewrite day-first dates in the metadata block as ISO."""

    def run(self, lines: list[str]) -> list[str]:
        out, in_metadata = [], True
        for line in lines:
            line = nfc(line)
            if in_metadata:
                if not line.strip():
                    in_metadata = False
                elif match := _DATE_LINE.match(line):
                    parsed = parse_day_first(match["value"])
                    if parsed is not None:
                        line = f"{match['key']}{parsed:%Y-%m-%d %H:%M}"
            out.append(line)
        return out


class VietnameseExtension(Extension):
    """Runs before the `meta` preprocessor so metadata is normalised too."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # priority 40 > meta's 27: our lines reach metadata parsing already composed.
        md.preprocessors.register(_NormalisePreprocessor(md), "vietnamese_normalise", 40)
