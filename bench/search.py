"""Search (`invoke bench --search`): bytes and time of a first search, ours against stock.

Corpus: gen_corpus.py --articles 1000 --images 0 (cached under .cache/bench/).
  ours   pelicanconf.py through sitebuild.build: our theme, every plugin, our search index
  stock  Pelican's default theme with PLUGINS = [], then `pagefind --site` over the whole output
         (the pinned binary), searched by a bare page that does what our page does: Pagefind's
         JS API, then the data of the first five results
Both builds are kept under .cache/bench/ and redone when the corpus, the theme or the plugins
change. Each site is served by the site's gzip static host (qa/transfer.py), which
here also counts the bytes it sends, headers included. For each query a fresh Chromium opens
the search page, types the query 40 ms a key, and waits for the results: the bench sums every
byte of the search (library, WebAssembly, index chunks, filters, the five fragments) and times
the results from the last keystroke.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from qa import CHROMIUM, CHROMIUM_FLAGS
from qa.transfer import StaticHost, _GzipHandler

from .corpus import CACHE, ROOT, corpus

QUERIES = ("hội nghị", "nông thôn mới", "ha tinh")
BUDGET_BYTES = 300 * 1024
BUDGET_MS = 300
KEY_DELAY_MS = 40
STOCK_SETTINGS = """\
SITENAME = "Pelican gốc"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
PLUGINS = []
LOAD_CONTENT_CACHE = False
"""
# The stock site's search page: Pagefind's API with its defaults, five results rendered.
STOCK_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tìm</title></head>
<body><input id="o-tim" type="search"><p class="search-status"></p><ol class="search-results"></ol>
<script type="module">
const pf = await import("/pagefind/pagefind.js"); await pf.init();
const input = document.querySelector("#o-tim"), status = document.querySelector(".search-status");
let timer;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(async () => {
  const q = input.value, found = await pf.search(q);
  const hits = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
  document.querySelector(".search-results").innerHTML =
    hits.map((h) => `<li><a href="${h.url}">${h.meta.title}</a><p>${h.excerpt}</p></li>`).join("");
  status.textContent = `${found.results.length} kết quả cho “${q}”`;
}, 120); });
</script></body></html>
"""
# Time from the last keystroke to the results on screen, measured inside the page.
PROBE = """() => {
  window.__search = {};
  document.querySelector('#o-tim').addEventListener('input', () => {
    window.__search.key = performance.now(); });
  new MutationObserver(() => { window.__search.shown = performance.now(); })
    .observe(document.querySelector('.search-status'), {childList: true, subtree: true,
                                                        characterData: true});
}"""


@dataclass(frozen=True)
class Measure:
    """One first search on one site."""

    site: str
    query: str
    results: int
    search_bytes: int  # the search bundle and search.js, gzip as served, headers included
    page_bytes: int  # everything the visit fetched, the search page itself included
    latency_ms: float


class _CountingHandler(_GzipHandler):
    """The site's gzip static host, counting the bytes of each response it sends."""

    def send_response(self, code, message=None):
        self._head = len(f"HTTP/1.1 {code} OK\r\n")
        super().send_response(code, message)

    def send_header(self, keyword, value):
        self._head = getattr(self, "_head", 0) + len(f"{keyword}: {value}\r\n")
        super().send_header(keyword, value)

    def copyfile(self, source, outputfile):
        size = len(source.getbuffer()) if hasattr(source, "getbuffer") else 0
        self.server.sent.append((self.path, size + getattr(self, "_head", 0) + 2))
        super().copyfile(source, outputfile)


class CountingHost(StaticHost):
    """StaticHost whose `sent` lists (path, bytes) of every response since the last clear."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        import functools

        self._server.RequestHandlerClass = functools.partial(_CountingHandler,
                                                             directory=str(folder))
        self._server.sent = []

    @property
    def sent(self) -> list[tuple[str, int]]:
        """Responses sent so far."""
        return self._server.sent


def _fingerprint(*paths: Path) -> str:
    digest = hashlib.sha256()
    for root in paths:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode() + file.read_bytes())
    return digest.hexdigest()


def _cached(target: Path, fingerprint: str, make) -> Path:
    stamp = target / ".bench-fingerprint"
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return target
    shutil.rmtree(target, ignore_errors=True)
    make(target)
    stamp.write_text(fingerprint)
    return target


def build_ours(content: Path, output: Path) -> None:
    """Our full build (strict, staged, indexed) of the corpus."""
    from sitebuild.build import BuildOptions, build

    build(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content, output=output))


def build_stock(content: Path, output: Path) -> None:
    """Stock Pelican and stock Pagefind over everything it wrote."""
    from plugins.search.indexer import executable

    output.mkdir(parents=True)
    settings = output.parent / f"{output.name}-pelicanconf.py"
    settings.write_text(STOCK_SETTINGS, encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "pelican"), str(content), "-s", str(settings), "-o", str(output),
                    "-q"], check=True, capture_output=True)
    subprocess.run([str(executable()), "--site", str(output), "--quiet"], check=True,
                   capture_output=True)
    (output / "bench-tim-kiem.html").write_text(STOCK_PAGE, encoding="utf-8")


def sites(articles: int) -> dict[str, tuple[Path, str]]:
    """Both built sites, (folder, search page path), made or reused."""
    content = corpus(articles)
    work = CACHE / f"search-{articles}"
    work.mkdir(parents=True, exist_ok=True)
    source = _fingerprint(content / "articles")[:16]
    ours = _fingerprint(ROOT / "pelicanconf.py", ROOT / "plugins", ROOT / "sitekit",
                        ROOT / "theme", ROOT / "sitebuild")
    return {
        "ours": (_cached(work / "ours", source + ours, lambda t: build_ours(content, t)),
                 "/tim-kiem/"),
        "stock": (_cached(work / "stock", source, lambda t: build_stock(content, t)),
                  "/bench-tim-kiem.html"),
    }


def measure(browser, host: CountingHost, page_path: str, site: str, query: str) -> Measure:
    """Open the search page in a fresh context, type the query, wait for the results."""
    context = browser.new_context()
    page = context.new_page()
    host.sent.clear()
    page.goto(host.url + page_path, wait_until="networkidle")
    page.evaluate(PROBE)
    page.type("#o-tim", query, delay=KEY_DELAY_MS)
    page.wait_for_function(
        "(q) => document.querySelector('.search-status').textContent.includes(q + '”')",
        arg=query, timeout=30_000)
    page.wait_for_load_state("networkidle")
    results = len(page.query_selector_all(".search-results li"))
    timing = page.evaluate("window.__search")
    status = page.inner_text(".search-status")
    context.close()
    count = int("".join(ch for ch in status.split("kết quả")[0] if ch.isdigit()) or 0)
    search = sum(size for path, size in host.sent if "pagefind" in path or "search.js" in path)
    return Measure(site, query, count if results else 0, search,
                   sum(size for _, size in host.sent), timing["shown"] - timing["key"])


def run(articles: int = 1000, queries: tuple[str, ...] = QUERIES) -> list[Measure]:
    """Measure every query on both sites; print the table; return the measures."""
    from playwright.sync_api import sync_playwright

    measures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        for site, (folder, page_path) in sites(articles).items():
            with CountingHost(folder) as host:
                measures += [measure(browser, host, page_path, site, q) for q in queries]
        browser.close()
    print(f"Tìm kiếm lần đầu trên {articles} bài (gen_corpus.py), gzip như máy chủ tĩnh:")
    print(f"  {'truy vấn':<16} {'kết quả':>8} {'ours KB':>8} {'gốc KB':>8} {'ours ms':>8} "
          f"{'gốc ms':>7}")
    for query in queries:
        ours = next(m for m in measures if m.site == "ours" and m.query == query)
        stock = next(m for m in measures if m.site == "stock" and m.query == query)
        print(f"  {query:<16} {ours.results:>8} {ours.search_bytes / 1024:>8.1f} "
              f"{stock.search_bytes / 1024:>8.1f} {ours.latency_ms:>8.0f} {stock.latency_ms:>7.0f}")
    return measures


def main(articles: int = 1000) -> bool:
    """Run the bench; True when every first search of ours is within both budgets."""
    ours = [m for m in run(articles) if m.site == "ours"]
    ok = all(m.search_bytes <= BUDGET_BYTES and m.latency_ms <= BUDGET_MS for m in ours)
    verdict = "đạt" if ok else "VƯỢT NGÂN SÁCH"
    print(f"  ngân sách: ≤ {BUDGET_BYTES // 1024} KB và ≤ {BUDGET_MS} ms sau phím cuối: {verdict}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
