"""A build whose searchable content is unchanged takes the last bundle, Pagefind not run.

Bundles are kept in CACHE_PATH/search/ under the hash of everything fed to Pagefind
(plugins/search/bundle_cache.py); a changed article, setting or damaged entry runs Pagefind again.
"""

import hashlib
import logging
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from test_search_support import bundle_texts
from tiny_site import tiny_content, write_article

from plugins.search import bundle_cache, reuse
from sitebuild.build import BuildOptions, load_settings, run_pelican
from sitekit.problems import BuildRefused

REUSED = "dùng lại chỉ mục đã lưu"


@pytest.fixture
def workers(monkeypatch) -> list:
    """Every Pagefind worker a build starts (reuse.py starts them through IndexFeed)."""
    started = []
    real = reuse.IndexFeed

    def counted(*args, **kwargs):
        started.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(reuse, "IndexFeed", counted)
    return started


def _build(content: Path, output: Path, cache: Path, **extra) -> Path:
    build_site(output, content=content, extra={"CACHE_PATH": str(cache), **extra})
    return output / "pagefind"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _entries(cache: Path) -> list[Path]:
    return [p for p in (cache / bundle_cache.FOLDER).iterdir() if not p.name.startswith(".")]


def test_the_sample_site_built_again_unchanged_reuses_its_bundle(tmp_path, workers, caplog):
    # The sample site has programme pages, fed before the articles: the key covers them too.
    cache = tmp_path / "cache"
    first = _build(ROOT / "content", tmp_path / "mot", cache)
    assert len(workers) == 1 and not [r for r in caplog.records if REUSED in r.getMessage()]
    caplog.clear()
    with caplog.at_level(logging.INFO):
        second = _build(ROOT / "content", tmp_path / "hai", cache)
    assert workers == [workers[0]]  # no worker, so no Pagefind, for the second build
    assert [r for r in caplog.records if REUSED in r.getMessage()]
    assert _files(second) == _files(first)
    assert any("/phien/" in url or "/dia-diem/" in url for url in bundle_texts(second))


def test_a_changed_article_is_indexed_again_with_its_new_word(tmp_path, workers):
    content, cache = tiny_content(tmp_path), tmp_path / "cache"
    article = write_article(content, "bai-hai.md", title="Bài thứ hai", body="Đoàn về Hà Tĩnh.")
    before = bundle_texts(_build(content, tmp_path / "output", cache))
    assert "Kỳ lân" not in before["/bai-thu-hai/"]
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Đoàn về Hà Tĩnh.", "Đoàn gặp Kỳ lân ở Hồng Lĩnh."), encoding="utf-8")
    after = bundle_texts(_build(content, tmp_path / "output", cache))
    assert len(workers) == 2
    assert "Kỳ lân ở Hồng Lĩnh." in after["/bai-thu-hai/"]
    assert "Hà Tĩnh." not in after["/bai-thu-hai/"]
    assert after["/doan-tham-quan-vuon-mau/"] == before["/doan-tham-quan-vuon-mau/"]
    assert len(_entries(cache)) == 2  # the new bundle is kept beside the old


@pytest.mark.parametrize("search", [{"chunk_size": 500}, {"exclude_selectors": [".tags"]}])
def test_a_changed_search_setting_runs_pagefind_again(tmp_path, workers, search):
    content, cache = tiny_content(tmp_path), tmp_path / "cache"
    _build(content, tmp_path / "output", cache)
    _build(content, tmp_path / "output", cache, SEARCH=search)
    assert len(workers) == 2
    _build(content, tmp_path / "output", cache, SEARCH=search)
    assert len(workers) == 2  # and that bundle is kept in turn


def _truncate_a_fragment(entry: Path) -> None:
    fragment = next((entry / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:10])


def _drop_the_manifest(entry: Path) -> None:
    (entry / bundle_cache.MANIFEST).unlink()


def _add_a_file(entry: Path) -> None:
    (entry / "fragment" / "la.pf_fragment").write_bytes(b"?")


@pytest.mark.parametrize("damage", [_truncate_a_fragment, _drop_the_manifest, _add_a_file])
def test_a_damaged_cache_entry_is_not_used(tmp_path, workers, damage):
    content, cache = tiny_content(tmp_path), tmp_path / "cache"
    good = _files(_build(content, tmp_path / "mot", cache))
    (entry,) = _entries(cache)
    damage(entry)
    bundle = _build(content, tmp_path / "hai", cache)
    assert len(workers) == 2  # Pagefind ran again
    assert set(_files(bundle)) == set(good)
    assert set(bundle_texts(bundle)) == {"/doan-tham-quan-vuon-mau/"}
    (entry,) = _entries(cache)  # the damaged entry replaced by the new, whole bundle
    assert bundle_cache.lookup(cache / bundle_cache.FOLDER, entry.name) is not None


def _digests(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in _files(folder).items()}


def test_a_later_build_in_place_never_changes_a_cached_file(tmp_path, workers):
    # Plain `pelican` writes into output/ itself; the reused bundle there is made of hard links
    # to the cache. Pagefind writing the next bundle must not write through them.
    content, cache, output = tiny_content(tmp_path), tmp_path / "cache", tmp_path / "output"

    def build() -> None:
        run_pelican(load_settings(BuildOptions(settings_file=ROOT / "pelicanconf.py",
                                               content=content,
                                               extra={"CACHE_PATH": str(cache)}), output))

    build()
    (entry,) = _entries(cache)
    kept = _digests(entry)
    build()  # reused: linked from the cache
    assert len(workers) == 1
    assert (output / "pagefind" / "pagefind.js").stat().st_nlink > 1
    write_article(content, "bai-hai.md", title="Bài mới", body="Chữ mới tinh.")
    build()
    assert len(workers) == 2
    assert _digests(entry) == kept
    assert "Chữ mới tinh." in bundle_texts(output / "pagefind")["/bai-moi/"]


def test_a_build_refused_after_reusing_leaves_no_bundle_and_the_entry_whole(tmp_path, workers):
    content, cache, output = tiny_content(tmp_path), tmp_path / "cache", tmp_path / "output"
    _build(content, tmp_path / "tot", cache)
    (entry,) = _entries(cache)
    kept = _digests(entry)
    # A page (never indexed) gets a broken link: the index is the same, the build is refused
    # at the end, after the stored bundle was placed.
    page = content / "pages" / "gioi-thieu.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Xem](/khong-co/)\n",
                    encoding="utf-8")
    with pytest.raises(BuildRefused):
        run_pelican(load_settings(BuildOptions(settings_file=ROOT / "pelicanconf.py",
                                               content=content,
                                               extra={"CACHE_PATH": str(cache)}), output))
    assert len(workers) == 1
    assert (output / "gioi-thieu" / "index.html").is_file()
    assert not (output / "pagefind").exists()
    assert _digests(entry) == kept
