"""A content cache cut short (a killed build, two builds sharing it) never stops a later build."""

import pickle
from pathlib import Path

import pytest
from conftest import build_site
from tiny_site import tiny_content, write_article


def _cached_build(content: Path, output: Path, cache: Path) -> None:
    build_site(output, content=content,
               extra={"CACHE_PATH": str(cache), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True})


@pytest.fixture
def cached_site(tmp_path):
    content = tiny_content(tmp_path)
    cache = tmp_path / "cache"
    _cached_build(content, tmp_path / "output", cache)
    caches = sorted(p for p in cache.iterdir() if p.is_file())
    assert caches, "the build wrote no content cache"
    return content, cache, caches


def test_a_truncated_cache_is_read_again_not_a_crash(cached_site, tmp_path):
    content, cache, caches = cached_site
    for path in caches:  # what a build killed while saving leaves
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    write_article(content, "bai-hai.md", title="Bài viết thứ hai")
    _cached_build(content, tmp_path / "output", cache)
    html = (tmp_path / "output" / "bai-viet-thu-hai" / "index.html").read_text(encoding="utf-8")
    assert "Bài viết thứ hai" in html
    for path in caches:  # saved whole again
        with path.open("rb") as stream:
            pickle.load(stream)


def test_a_save_cut_short_leaves_the_previous_cache_whole(cached_site, tmp_path, monkeypatch):
    content, cache, caches = cached_site
    before = {path: path.read_bytes() for path in caches}
    real_dump = pickle.dump

    def dump_then_die(obj, stream, *args, **kwargs):
        stream.write(b"\x80\x04half")  # some bytes are out when the process dies
        raise KeyboardInterrupt

    monkeypatch.setattr(pickle, "dump", dump_then_die)
    write_article(content, "bai-hai.md", title="Bài viết thứ hai")
    with pytest.raises(BaseException):  # noqa: B017 (whatever stops the build)
        _cached_build(content, tmp_path / "output", cache)
    monkeypatch.setattr(pickle, "dump", real_dump)
    assert {path: path.read_bytes() for path in caches} == before
    assert not [p for p in cache.iterdir() if p.name.endswith(".partial")]
