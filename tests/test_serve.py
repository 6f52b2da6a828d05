"""`invoke serve`: the editor saves an article and the open browser shows it, drafts included."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from tiny_site import tiny_content, write_article

from qa.ports import free_port, wait_until_listening

INVOKE = str(Path(sys.executable).with_name("invoke"))


@pytest.fixture
def served(tmp_path):
    """`invoke serve` on a tiny content tree with one draft, on a free loopback port."""
    content = tiny_content(tmp_path)
    write_article(content, "ban-nhap.md", raw=(
        "Title: Bài đang viết\nDate: 2017-02-09 08:00\nCategory: Thời sự\nStatus: draft\n\n"
        "Chưa xong.\n"))
    port = free_port()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [INVOKE, "serve", "--content", str(content), "--output", str(tmp_path / "out"),
         "--port", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_listening(port)
    yield content, url
    server.terminate()
    server.wait(timeout=30)
    log.close()
    print((tmp_path / "serve.log").read_text(encoding="utf-8"))  # shown when a test fails


def _wait_until_listening(page, greetings: list) -> None:
    """An editor saves once the page shows, not within the moment its script connects."""
    for _ in range(100):
        if greetings:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the page never connected to the live-reload server")


def test_a_saved_article_reloads_the_open_page(served, browser):
    content, url = served
    page = browser.new_page()
    greetings = []  # the live-reload server says hello once a page is listening
    page.on("websocket", lambda socket: socket.on(
        "framereceived", lambda payload: "hello" in str(payload) and greetings.append(payload)))
    page.goto(f"{url}/doan-tham-quan-vuon-mau/")
    assert page.locator("h1").inner_text() == "Đoàn tham quan vườn mẫu"
    _wait_until_listening(page, greetings)
    greetings.clear()  # the reloaded page's own hello comes next
    article = content / "articles" / "bai-mot.md"
    article.write_text(article.read_text("utf-8").replace(
        "Nội dung bài.", "Đoạn mới viết thêm."), encoding="utf-8")
    # no manual rebuild, no reload: the server rebuilds and tells the browser to reload
    page.locator(".story-body", has_text="Đoạn mới viết thêm.").wait_for(timeout=30_000)
    # a second save right after the reloaded page listens again reloads it too
    _wait_until_listening(page, greetings)
    article.write_text(article.read_text("utf-8").replace(
        "Đoạn mới viết thêm.", "Sửa lần hai."), encoding="utf-8")
    page.locator(".story-body", has_text="Sửa lần hai.").wait_for(timeout=30_000)
    page.close()


def test_drafts_are_previewed_and_marked(served, browser):
    _content, url = served
    page = browser.new_page()
    page.goto(f"{url}/")
    page.locator(".draft-list a", has_text="Bài đang viết").click()
    page.wait_for_url(f"{url}/ban-nhap/bai-dang-viet/")
    assert page.locator("h1").inner_text() == "Bài đang viết"
    assert "Bản nháp" in page.locator(".draft-notice").inner_text()
    page.close()
