"""Shared pieces of the search tests (this module holds no test itself).

`SearchPage` drives /tim-kiem/ the way a reader does: it types into the box (or opens the URL
the header form sends), waits for the sentence that counts the results, and reads the results
as shown on screen.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import serve_folder

from sitekit.text import fold

KEY_DELAY_MS = 40  # a quick typist: searches overtake each other, only the last one counts


@dataclass(frozen=True)
class Hit:
    """One result as the reader sees it."""

    url: str
    title: str
    date: str
    topic: str
    excerpt: str
    marks: list[str]


class SearchPage:
    """A Playwright page on the search page of a served site."""

    def __init__(self, page, site_url: str) -> None:
        self.page = page
        self.site_url = site_url.rstrip("/")
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def open(self, query: str | None = None) -> None:
        """The search page, with ?q= as the header form sends it."""
        suffix = "?q=" + query.replace(" ", "+") if query else ""
        self.page.goto(f"{self.site_url}/tim-kiem/{suffix}")
        self.page.wait_for_load_state("networkidle")
        if query:
            self.wait_for(query)

    def search(self, query: str, typed: bool = True) -> float:
        """Type the query into an empty box; return ms from the last keystroke to the results.

        `typed=False` pastes it instead: one input event, so exactly one search runs.
        """
        box = self.page.locator("#o-tim")
        box.fill("")
        self._arm()
        if typed:
            box.press_sequentially(query, delay=KEY_DELAY_MS)
        else:
            box.fill(query)
        self.wait_for(query, fresh=True)
        timing = self.page.evaluate("window.__t")
        return timing["shown"] - timing["key"]

    def refine(self, action, query: str) -> None:
        """Do something (tick a filter…) and wait for the results it brings."""
        self._arm()
        self.page.evaluate("window.__t.key = performance.now()")
        action()
        self.wait_for(query, fresh=True)

    def _arm(self) -> None:
        # Times of the last keystroke and of the last change of the status sentence.
        self.page.evaluate("""() => {
            if (window.__t) return;
            window.__t = {key: 0, shown: 0};
            document.querySelector('#o-tim').addEventListener('input',
                () => { window.__t.key = performance.now(); });
            new MutationObserver(() => { window.__t.shown = performance.now(); }).observe(
                document.querySelector('.search-status'),
                {childList: true, characterData: true, subtree: true});
        }""")

    def everywhere(self, query: str) -> None:
        """Press "Tìm cả trong các bài cũ hơn" if it is shown, and wait for the new results."""
        older = self.page.locator(".search-older")
        if older.is_visible():
            self.refine(older.click, query)

    def wait_for(self, query: str, fresh: bool = False) -> None:
        """Until the status names this query (a phrase without quotes); `fresh`: a new one."""
        shown = query.strip().strip('"“”')
        self.page.wait_for_function(
            "([q, fresh]) => (!fresh || window.__t.shown > window.__t.key) && document"
            ".querySelector('.search-status').textContent.includes('kết quả cho “' + q + '”')",
            arg=[shown, fresh], timeout=20_000)

    @property
    def status(self) -> str:
        """The sentence read out by screen readers."""
        return self.page.inner_text(".search-status")

    @property
    def count(self) -> int:
        """The number in "Tìm thấy N kết quả", 0 for "Không tìm thấy"."""
        found = re.match(r"Tìm thấy ([\d.]+) kết quả", self.status)
        return int(found.group(1).replace(".", "")) if found else 0

    def hits(self, every: bool = False) -> list[Hit]:
        """The results on screen; with `every`, after pressing "Xem thêm" until none is left."""
        more = self.page.locator(".search-more")
        while every and more.is_visible():
            shown = self.page.locator(".search-result").count()
            more.click()
            self.page.wait_for_function(
                "(n) => document.querySelectorAll('.search-result').length > n", arg=shown)
        return [
            Hit(
                url=item.locator("h2 a").get_attribute("href"),
                title=item.locator("h2 a").inner_text(),
                date=_text(item.locator(".search-result-meta time")),
                topic=_text(item.locator(".search-result-meta span")),
                excerpt=item.locator(".search-result-excerpt").inner_text(),
                marks=item.locator(".search-result-excerpt mark").all_inner_texts(),
            )
            for item in self.page.locator(".search-result").all()
        ]


def _text(locator) -> str:
    return locator.inner_text() if locator.count() else ""


def indexed_text(page: Path) -> str:
    """What the search covers of an article: its title, sapo and body, folded."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    story = soup.select_one("[data-pagefind-body]")
    for skipped in story.select(".breadcrumb, .dateline, .byline, .tags, .share"):
        skipped.decompose()
    return fold(story.get_text(" "))


def pages_with_words(site: Path, words: str) -> set[str]:
    """URL paths of indexed pages whose text holds every word of `words` (folded)."""
    wanted = fold(words).split()
    found = set()
    for page in site.rglob("index.html"):
        if "data-pagefind-body" not in page.read_text(encoding="utf-8"):
            continue
        text = set(re.findall(r"\w+", indexed_text(page)))
        if all(word in text for word in wanted):
            found.add("/" + str(page.parent.relative_to(site)) + "/")
    return found


def path_of(url: str, prefix: str = "") -> str:
    """The URL path of a result, without the deployment's sub-path."""
    path = re.sub(r"^https?://[^/]+", "", url)
    return path[len(prefix):] if prefix and path.startswith(prefix) else path


def bundle_texts(bundle: Path) -> dict[str, str]:
    """URL → the text Pagefind kept of each page of a bundle (its fragments, decompressed)."""
    texts = {}
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        texts[data["url"]] = data["content"]
    return texts


@contextlib.contextmanager
def serving(*folders: Path) -> Iterator[list[str]]:
    """Each built site served over HTTP, as a static host would; their URLs."""
    servers = [serve_folder(folder) for folder in folders]
    try:
        yield [url for _, url in servers]
    finally:
        for server, _ in servers:
            server.shutdown()
