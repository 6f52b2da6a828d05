"""Bad content stops the build with one sentence naming the file, and output/ stays whole."""

import logging

import pytest
from conftest import build_site
from tiny_site import tiny_content, write_article

from sitebuild.build import BuildFailed

NO_TITLE = "Date: 2017-02-08 16:45\nCategory: Thời sự\n\nThân bài.\n"


@pytest.fixture
def built(tmp_path):
    """A tiny site already built once: the good output that a failed build must keep."""
    content = tiny_content(tmp_path)
    output = tmp_path / "output"
    build_site(output, content=content)
    return content, output


def _snapshot(output):
    return {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"),
    [
        ("khong-tieu-de.md", {"raw": NO_TITLE}, "thiếu Title"),
        ("ngay-sai.md", {"date": "ngày mai"}, "ngày tháng"),
        ("ma-cu.md", {"title": "Bài mã cũ", "encoding": "utf-16"}, "UTF-8"),
        ("anh-thieu.md", {"title": "Ảnh thiếu", "body": "![Một ảnh](/images/khong-co.jpg)"},
         "khong-co.jpg"),
    ],
)
def test_bad_article_fails_naming_the_file(built, caplog, name, kwargs, expected):
    content, output = built
    before = _snapshot(output)
    write_article(content, name, **kwargs)
    caplog.set_level(logging.WARNING)
    with pytest.raises(BuildFailed):
        build_site(output, content=content)
    ours = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR
            and not r.name.startswith("pelican")]
    naming = [m for m in ours if f"articles/{name}" in m]
    assert len(naming) == 1, ours
    assert expected in naming[0]
    assert "Traceback" not in caplog.text
    assert _snapshot(output) == before
