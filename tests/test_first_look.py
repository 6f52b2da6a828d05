"""The preview writes the saved article's own page first, and the rebuild makes everything right.

sitebuild.first_look writes the page from the saved text before the rebuild; the rebuild then
writes what a full build writes. The first look must show the edit, must be taken only when it
cannot mislead (no problem in the save, the page where it was), must be undone by a failed
rebuild, and in the browser no other page may be served before the rebuild is over.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_preview_consistency import _edit, _previewed_corpus, _same_as_full_build
from tiny_site import tiny_content, write_article

from qa.livereload import LiveReload
from qa.ports import free_port, wait_until_listening

INVOKE = str(Path(sys.executable).with_name("invoke"))


def test_a_body_edit_is_shown_first_as_the_rebuild_writes_it(tmp_path):
    preview, content, output = _previewed_corpus(tmp_path)
    saved = _edit(content / "articles" / "bai-10.md", r"^Nội dung bài 10\.$", "Đoạn vừa sửa.")
    look = preview.first_look([saved])
    assert look is not None and "Đoạn vừa sửa." in (output / look.name).read_text("utf-8")
    preview.rebuild([saved])
    assert preview.status.ok and look.settled()  # no second reload for a body edit
    _same_as_full_build(output, content, tmp_path)


def test_a_title_edit_is_shown_first_and_the_rebuild_mends_the_rest(tmp_path):
    preview, content, output = _previewed_corpus(tmp_path)
    # The slug kept (else the page moves: see below).
    saved = _edit(content / "articles" / "bai-11.md", r"^Title: .*$",
                  "Title: Tên mới bài 11\nSlug: bai-so-11")
    look = preview.first_look([saved])
    assert look is not None
    assert "<h1" in (page := (output / look.name).read_text("utf-8"))
    assert "Tên mới bài 11" in page
    preview.rebuild([saved])
    _same_as_full_build(output, content, tmp_path)


@pytest.mark.parametrize("line, replacement", [
    (r"^Date: .*$", "Date: 30/02/2017"),  # a problem: the rebuild reports it
    (r"^Title: .*$", "Title: Bài số 12\nSlug: duong-dan-moi"),  # the page moves
    (r"^Title: .*$", "Title: Bài số 12\nStatus: draft"),  # it leaves the listings
])
def test_no_first_look_when_it_could_mislead(tmp_path, line, replacement):
    preview, content, output = _previewed_corpus(tmp_path)
    before = {p: p.read_bytes() for p in output.rglob("*.html")}
    saved = _edit(content / "articles" / "bai-12.md", line, replacement)
    assert preview.first_look([saved]) is None
    assert {p: p.read_bytes() for p in output.rglob("*.html")} == before


def test_no_first_look_through_a_link_out_of_the_tree(tmp_path):
    preview, content, output = _previewed_corpus(tmp_path)
    article = content / "articles" / "bai-08.md"
    outside = tmp_path / "ngoai.md"
    outside.write_text(article.read_text("utf-8").replace("Nội dung bài 8.", "Thư riêng."),
                       "utf-8")
    article.unlink()
    article.symlink_to(outside)
    assert preview.first_look([article]) is None
    assert not any("Thư riêng." in page.read_text("utf-8") for page in output.rglob("*.html"))


def test_a_failed_rebuild_puts_the_old_page_back(tmp_path, monkeypatch):
    from sitebuild.build import BuildFailed

    preview, content, output = _previewed_corpus(tmp_path)
    saved = _edit(content / "articles" / "bai-09.md", r"^Nội dung bài 9\.$", "Sửa dở.")
    page = output / "bai-so-9" / "index.html"
    before = page.read_bytes()
    look = preview.first_look([saved])
    assert look is not None and page.read_bytes() != before

    def fail(_sources):
        raise BuildFailed("Trang xem trước chưa được cập nhật.")

    monkeypatch.setattr(preview, "_write_selected", fail)
    preview.rebuild([saved])
    assert not preview.status.ok and page.read_bytes() == before and not look.settled()


# Every document a tab loads, with what it shows: the story's title, or the home page's list.
_NOTE = """(() => addEventListener("DOMContentLoaded", () => {
  const shown = JSON.parse(sessionStorage.getItem("thay") || "[]");
  shown.push(document.body.innerText);
  sessionStorage.setItem("thay", JSON.stringify(shown));
}))();"""


def test_other_pages_wait_for_the_rebuild(tmp_path, browser):
    content = tiny_content(tmp_path)
    write_article(content, "bai-hai.md", title="Bài thứ hai", date="2017-02-07 08:00")
    timings = tmp_path / "thoi-gian.jsonl"
    port = free_port()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [INVOKE, "serve", "--content", str(content), "--output", str(tmp_path / "out"),
         "--port", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "XEM_TRUOC_GHI_THOI_GIAN": str(timings)})
    try:
        assert wait_until_listening(port)
        url = f"http://127.0.0.1:{port}"
        context = browser.new_context()
        context.add_init_script(_NOTE)
        story, home = context.new_page(), context.new_page()
        sockets = [LiveReload(story), LiveReload(home)]
        story.goto(f"{url}/doan-tham-quan-vuon-mau/")
        home.goto(f"{url}/")
        seen = [connections.listening() for connections in sockets]
        article = content / "articles" / "bai-mot.md"
        article.write_text(article.read_text("utf-8").replace(
            "Title: Đoàn tham quan vườn mẫu",
            "Title: Đoàn đại biểu thăm vườn mẫu\nSlug: doan-tham-quan-vuon-mau"), "utf-8")
        story.locator("h1", has_text="Đoàn đại biểu thăm vườn mẫu").wait_for(timeout=30_000)
        home.get_by_text("Đoàn đại biểu thăm vườn mẫu").first.wait_for(timeout=30_000)
        for connections, before in zip(sockets, seen, strict=True):
            connections.listening(before)
        moments = [json.loads(line) for line in timings.read_text("utf-8").splitlines()]
        assert "first" in moments[-1] and moments[-1]["first"] < moments[-1]["built"]
        # The home page was loaded once after the save, and then only as rebuilt.
        loads = json.loads(home.evaluate("sessionStorage.getItem('thay')"))
        assert len(loads) >= 2 and all("Đoàn đại biểu thăm vườn mẫu" in text
                                       for text in loads[1:])
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        print((tmp_path / "serve.log").read_text(encoding="utf-8"))
