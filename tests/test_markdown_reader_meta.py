"""The Markdown reader, splitting metadata with the review's parser, reads what Pelican's reads.

`plugins.markdown_reader` replaces Python-Markdown's `meta` preprocessor with
`sitekit.metadata_block` (the parser `invoke check` judges files with): for any file an editor
may write, its content and metadata must equal those of Pelican's own MarkdownReader.
"""

import copy

import hostile
from conftest import ROOT
from hostile_trial import hostile_settings
from hypothesis import example, given
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from plugins.markdown_reader.plugin import ReusingMarkdownReader
from plugins.vietnamese.markdown_ext import VietnameseExtension


def _settings() -> dict:
    settings = copy.deepcopy(read_settings(str(ROOT / "pelicanconf.py")))
    settings["MARKDOWN"].setdefault("extensions", []).append(VietnameseExtension())
    return settings


SETTINGS = _settings()
READER = ReusingMarkdownReader(SETTINGS)  # one for every example, as in a build


@hostile_settings(2.0)
@given(text=hostile.metadata_blocks())
@example(text="---\nTitle: A\n  Summary: b\n    nối tiếp\n...\n   \nThân\n")
@example(text="Title: A\nTitle: B\nDate: 2017-02-08\n")  # no body, no blank line
@example(text="Thân không có thông tin\n\nTitle: X\n")
@example(text="Title: A\n  hai dấu cách\n\nThân\n")  # not a continuation: the body starts
@example(text="Title: A\nSummary: một\n    hai\n\tba\nTags: x\n\nThân\n")
@example(text="\ufeffTitle: A\r\nTags: a,\r    b\r\n\r\n\t   \r\nThân\x02\r\n")
def test_the_reader_reads_what_pelicans_reader_reads(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("bai") / "bai.md"
    path.write_bytes(text.encode("utf-8"))
    try:
        expected = MarkdownReader(SETTINGS).read(str(path))
    except Exception as error:  # noqa: BLE001 - the same refusal is what is expected
        expected = type(error)
    try:
        found = READER.read(str(path))
    except Exception as error:  # noqa: BLE001
        found = type(error)
    assert found == expected
