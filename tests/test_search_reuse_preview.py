"""In `invoke serve`, a saved article is found by its new words once the index catches up.

The selective rebuild writes the pages and returns (the browser reloads); the bundle is rebuilt
in the background from the last build's lines with the saved articles' regions replaced, then
exchanged with output/pagefind in one rename (plugins/search/preview_index.py).
"""

import logging
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT, serve_folder
from test_search_corpus import SEARCH_URLS
from test_search_support import bundle_texts
from tiny_site import tiny_content, write_article

from plugins.search import preview_index
from sitebuild.build import BuildOptions
from sitebuild.preview import Preview

OLD, NEW = "Đoàn về Hà Tĩnh.", "Đoàn gặp Kỳ lân ở Hồng Lĩnh."


def _save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.02)  # the preview tells saves apart by modification time
    path.write_text(text.replace(old, new), encoding="utf-8")
    moment = time.time() + 1
    os.utime(path, (moment, moment))


@pytest.fixture
def preview(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "bai-hai.md", title="Bài thứ hai", body=OLD)
    options = BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content,
                           output=tmp_path / "out",
                           extra={"CACHE_PATH": str(tmp_path / "cache")})
    preview = Preview(options, [content])
    preview.rebuild()
    assert preview.status.ok
    yield preview
    preview_index.cancel(wait=10)


def _output(preview: Preview) -> Path:
    return preview.options.output


def test_a_saved_article_is_found_by_its_new_words(preview, browser, caplog):
    caplog.set_level(logging.DEBUG, logger=preview_index.__name__)
    output = _output(preview)
    article = preview.articles_root / "articles" / "bai-hai.md"
    other = bundle_texts(output / "pagefind")["/doan-tham-quan-vuon-mau/"]
    _save(article, OLD, NEW)
    preview.rebuild()
    assert preview.status.ok and preview.plan.rendered  # the selective path
    assert preview_index.running()  # the reload did not wait for the index
    assert "Hồng Lĩnh" not in bundle_texts(output / "pagefind")["/bai-thu-hai/"]
    assert preview_index.wait(60)
    contents = bundle_texts(output / "pagefind")
    assert "Doàn|~!!!| gặp Kỳ lân ở Hồng Lĩnh." in contents["/bai-thu-hai/"]  # đ marked
    assert "Hà Tĩnh." not in contents["/bai-thu-hai/"]
    assert contents["/doan-tham-quan-vuon-mau/"] == other
    deadline = time.monotonic() + 10  # the bundle swapped out is removed by another process
    while [p for p in output.iterdir() if p.name.startswith(".")] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p.name for p in output.iterdir() if p.name.startswith(".")]
    assert [r for r in caplog.records if "chỉ mục tìm kiếm của bản xem trước" in r.getMessage()]
    server, url = serve_folder(output)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{url}/tim-kiem/")
        assert page.evaluate(SEARCH_URLS, "kỳ lân") == ["/bai-thu-hai/"]
        assert page.evaluate(SEARCH_URLS, "hong linh") == ["/bai-thu-hai/"]
    finally:
        context.close()
        server.shutdown()


def test_two_quick_saves_both_reach_the_index(preview):
    output = _output(preview)
    articles = preview.articles_root / "articles"
    _save(articles / "bai-hai.md", OLD, NEW)
    preview.rebuild()
    _save(articles / "bai-mot.md", "Nội dung bài.", "Vườn mẫu trồng bưởi Phúc Trạch.")
    preview.rebuild()  # cancels the rebuild of the index still running, if any
    assert preview_index.wait(60)
    contents = bundle_texts(output / "pagefind")
    assert "Kỳ lân" in contents["/bai-thu-hai/"]
    assert "bưởi Phúc Trạch." in contents["/doan-tham-quan-vuon-mau/"]


def test_a_bundle_another_build_put_in_place_is_left_alone(preview):
    output = _output(preview)
    stranger = output / "pagefind"
    copy = output.parent / "pagefind-khac"
    shutil.copytree(stranger, copy)
    shutil.rmtree(stranger)
    copy.rename(stranger)  # same files, another folder: not the bundle this preview made
    before = {p: p.read_bytes() for p in stranger.rglob("*") if p.is_file()}
    _save(preview.articles_root / "articles" / "bai-hai.md", OLD, NEW)
    preview.rebuild()
    assert preview.status.ok and preview.plan.rendered
    assert not preview_index.running()
    assert {p: p.read_bytes() for p in stranger.rglob("*") if p.is_file()} == before


def test_a_file_saved_while_the_build_ran_is_never_taken_as_indexed(tmp_path):
    # Its text may have been read before the save: the next preview renders it again.
    source = tmp_path / "bai.md"
    source.write_text("Title: Bài\n", encoding="utf-8")
    time.sleep(0.3)  # longer than the clocks' grain the check allows for
    assert preview_index.stamp(str(source), time.time_ns())[0] == source.stat().st_mtime_ns
    started = time.time_ns()
    source.write_text("Title: Bài đã sửa\n", encoding="utf-8")
    assert preview_index.stamp(str(source), started) == preview_index.UNSURE
