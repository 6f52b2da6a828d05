"""Python-Markdown extension that normalises the source before Pelican reads it."""

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from sitekit.text import nfc


class _NormalisePreprocessor(Preprocessor):
    """NFC every line (dates in the metadata are read by reading.py, for every reader)."""

    def run(self, lines: list[str]) -> list[str]:
        return [nfc(line) for line in lines]


class VietnameseExtension(Extension):
    """Runs before the `meta` preprocessor so metadata is normalised too."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # priority 40 > meta's 27: our lines reach metadata parsing already composed.
        md.preprocessors.register(_NormalisePreprocessor(md), "vietnamese_normalise", 40)
