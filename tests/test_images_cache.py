"""Cache and pool: warm builds do no image work; one changed photo is the only one redone."""

import os
import shutil
from pathlib import Path

import pytest
from images_site import build, photo, save, write_article


def _site(root: Path, count: int = 3) -> Path:
    for i in range(count):
        save(photo((1600, 1000), colour=(30 * i, 90, 160)),
             root / "content" / "images" / f"anh-{i}.jpg", "JPEG")
        write_article(root / "content", f"bai-{i}.md", f"![Ảnh {i}](/images/anh-{i}.jpg)\n")
    return root


def _cache_files(root: Path) -> dict[Path, tuple[int, int]]:
    """Every cached derivative with its inode and modification time."""
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in (root / ".cache" / "images" / "v1").rglob("*") if p.is_file()}


def _src_of(root: Path, slug: str) -> str:
    html = (root / "output" / slug / "index.html").read_text(encoding="utf-8")
    return html.split('<img src="', 1)[1].split('"', 1)[0]


@pytest.fixture
def warm(tmp_path):
    """A site built once (cold), with the stats of that build."""
    root = _site(tmp_path)
    stats = build(root)
    return root, stats


def test_cold_build_spreads_work_over_the_cores(warm):
    _, stats = warm
    assert stats.processed == stats.found == 3
    assert stats.workers == min(os.cpu_count() or 1, 3)


def test_rebuild_without_changes_does_no_image_work(warm):
    root, _ = warm
    before = _cache_files(root)
    stats = build(root)
    assert (stats.reused, stats.hashed, stats.processed, stats.workers) == (3, 0, 0, 0)
    assert _cache_files(root) == before
    # The output's derivatives are the cached files themselves (hard links), not copies.
    cached_inodes = {inode for inode, _ in before.values()}
    published = list((root / "output" / "images" / "_r").iterdir())
    assert len(published) == 3 * 10  # 3 widths × 3 formats + the social card
    assert {p.stat().st_ino for p in published} <= cached_inodes


def test_deleting_the_output_keeps_the_cache(warm):
    root, _ = warm
    shutil.rmtree(root / "output")
    stats = build(root)
    assert stats.processed == 0
    src = _src_of(root, "bai-1")
    assert (root / "output" / src.lstrip("/")).is_file()


def test_changing_one_photo_redoes_only_that_photo(warm):
    root, _ = warm
    before = {slug: _src_of(root, slug) for slug in ("bai-0", "bai-1", "bai-2")}
    save(photo((1600, 900), colour=(250, 250, 0)), root / "content" / "images" / "anh-1.jpg",
         "JPEG")
    stats = build(root)
    assert (stats.reused, stats.hashed, stats.processed, stats.workers) == (2, 1, 1, 0)
    after = {slug: _src_of(root, slug) for slug in before}
    assert after["bai-0"] == before["bai-0"] and after["bai-2"] == before["bai-2"]
    # New pixels, new URL (so no browser or CDN keeps the old photo), and the new shape.
    assert after["bai-1"] != before["bai-1"]
    html = (root / "output" / "bai-1" / "index.html").read_text(encoding="utf-8")
    assert 'width="1200" height="675"' in html


def test_touching_a_photo_rehashes_but_does_not_reprocess(warm):
    root, _ = warm
    path = root / "content" / "images" / "anh-2.jpg"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    stats = build(root)
    assert (stats.hashed, stats.processed) == (1, 0)


def test_changing_a_pixel_setting_makes_new_derivatives(warm):
    root, _ = warm
    stats = build(root, IMAGES={"jpeg_quality": 70})
    assert stats.processed == 3
    # A setting that only changes the HTML does not.
    stats = build(root, IMAGES={"jpeg_quality": 70, "sizes": "100vw"})
    assert stats.processed == 0


def test_cache_lives_beside_pelican_cache_not_in_the_working_directory(tmp_path, monkeypatch):
    root = _site(tmp_path / "site", count=1)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    build(root)
    assert (root / ".cache" / "images" / "index.json").is_file()
    assert not any(elsewhere.iterdir())


def test_a_damaged_cache_entry_is_made_again(warm):
    root, _ = warm
    damaged = next((root / ".cache" / "images" / "v1").rglob("800.avif"))
    damaged.unlink()
    build(root)
    assert damaged.is_file()
    published = list((root / "output" / "images" / "_r").glob("*-800.avif"))
    assert len(published) == 3
