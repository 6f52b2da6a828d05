"""Each content source is read from disk once per build, by the review and the reader together."""

import builtins
import io
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import build_site
from tiny_site import tiny_content, write_article

from sitekit import source_texts

NEW_TITLE = "Xã Thạch Đài về đích nông thôn mới"


class _OpenCounter:
    """Counts every opening of a file under `root` through open()/io.open()/os.open()."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch):
        self.root = os.path.realpath(root)
        self.opened: Counter[str] = Counter()
        real_open, real_os_open = builtins.open, os.open

        def counting_open(file, *args, **kwargs):
            self._note(file)
            return real_open(file, *args, **kwargs)

        def counting_os_open(path, *args, **kwargs):
            self._note(path)
            return real_os_open(path, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", counting_open)
        monkeypatch.setattr(io, "open", counting_open)  # pathlib's read_bytes/read_text
        monkeypatch.setattr(os, "open", counting_os_open)

    def _note(self, file) -> None:
        if isinstance(file, int):  # a file descriptor: opened (and counted) already
            return
        path = os.path.realpath(os.fsdecode(os.fspath(file)))
        if path.startswith(self.root + os.sep) and os.path.isfile(path):
            self.opened[os.path.relpath(path, self.root)] += 1

    def take(self) -> Counter[str]:
        opened, self.opened = self.opened, Counter()
        return opened


def _sources(content: Path) -> set[str]:
    return {p.relative_to(content).as_posix() for p in content.rglob("*.md")}


def test_each_source_is_opened_once_cold_and_after_an_edit(tmp_path, monkeypatch):
    content = tiny_content(tmp_path)
    write_article(content, "bai-hai.md", title="Bài thứ hai", body="Thân bài hai.\n\n"
                  "[Bài một]({filename}bai-mot.md)")
    output, cache = tmp_path / "output", tmp_path / "cache"
    extra = {"CACHE_PATH": str(cache), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    source_texts.forget_all()  # a cold start, as a new `invoke build` process has
    counter = _OpenCounter(content, monkeypatch)

    build_site(output, content=content, extra=extra)
    first = counter.take()
    assert set(first) == _sources(content), "every source read, and nothing else in content/"
    assert all(count == 1 for count in first.values()), f"a source read twice: {first}"

    edited = write_article(content, "bai-hai.md", title=NEW_TITLE, body="Thân bài đã sửa.")
    later = time.time() + 2  # a new stamp even where the clock is coarse
    os.utime(edited, (later, later))
    counter.take()  # the edit itself is not a read
    build_site(output, content=content, extra=extra)  # the same process, as `invoke serve`
    second = counter.take()
    assert second == Counter({"articles/bai-hai.md": 1}), \
        f"a rebuild reads the saved file once and no other: {second}"
    assert any(NEW_TITLE in p.read_text(encoding="utf-8") for p in output.rglob("index.html")), \
        "the rebuild shows the saved text"


def test_a_deleted_source_is_not_kept(tmp_path):
    content = tiny_content(tmp_path)
    extra = write_article(content, "bai-tam.md", title="Bài tạm")
    build_site(tmp_path / "output", content=content)
    assert source_texts.holds(extra)
    extra.unlink()
    build_site(tmp_path / "output", content=content)  # as `invoke serve` rebuilds after it
    assert not source_texts.holds(extra), "a long-running server keeps no deleted file"
    assert source_texts.holds(content / "articles" / "bai-mot.md")


def test_the_reader_sees_the_text_pelican_open_gives(tmp_path):
    from pelican.utils import pelican_open

    path = tmp_path / "bai.md"
    path.write_bytes("\ufeffTitle: Cũ\r\nDate: 2017-02-08\rCategory: A\n\nThân\r\n".encode())
    with pelican_open(str(path)) as opened:
        assert source_texts.read_text(path) == opened
