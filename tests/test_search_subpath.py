"""Search on a site published under a sub-path, as on GitHub Pages (…github.io/hoi-nghi-ntm)."""

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest
from conftest import build_site
from test_search_support import SearchPage, path_of

from qa.ports import free_port

SUB_PATH = "/hoi-nghi-ntm"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The sample site built with publishconf.py for a sub-path URL, served from its parent."""
    root = tmp_path_factory.mktemp("xuat-ban")
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}{SUB_PATH}"
    build_site(root / "www" / SUB_PATH.strip("/"), settings="publishconf.py",
               extra={"SITEURL": siteurl, "FEED_DOMAIN": siteurl,
                      "CACHE_PATH": str(root / "cache")})
    handler = functools.partial(_QuietHandler, directory=str(root / "www"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield siteurl
    server.shutdown()


def test_search_works_under_the_sub_path(browser, published):
    context = browser.new_context()
    requested, failed = [], []
    context.on("request", lambda r: requested.append(r.url))
    context.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    search = SearchPage(context.new_page(), published)
    search.page.goto(published + "/")
    box = search.page.get_by_role("search").get_by_label("Tìm trong trang tin")
    box.fill("đoàn 1")
    box.press("Enter")
    search.wait_for("đoàn 1")
    assert urlsplit(search.page.url).path == f"{SUB_PATH}/tim-kiem/"
    hits = search.hits()
    assert hits and search.count >= len(hits)
    assert all(hit.url.startswith(published + "/") for hit in hits)
    search.page.click(".search-result h2 a")
    search.page.wait_for_load_state("load")
    assert search.page.locator("h1").inner_text() == hits[0].title
    assert path_of(search.page.url, SUB_PATH) == path_of(hits[0].url, SUB_PATH)
    assert failed == []
    assert all(urlsplit(url).path.startswith(SUB_PATH + "/") for url in requested), requested
    assert any("/pagefind/" in url for url in requested)
    assert search.errors == []
    context.close()


def test_a_quoted_phrase_works_under_the_sub_path(browser, published):
    context = browser.new_context()
    search = SearchPage(context.new_page(), published)
    search.open('"hà tĩnh"')
    assert search.count > 0
    assert all(hit.url.startswith(published + "/") for hit in search.hits())
    assert search.errors == []
    context.close()
