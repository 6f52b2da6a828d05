"""Search (`invoke bench --search`): what a reader waits for, and what a first search costs.

Corpus: gen_corpus.py --articles 1000 --images 0 (cached under .cache/bench/).
  ours   pelicanconf.py through sitebuild.build: our theme, every plugin, our search index
  stock  Pelican's default theme with PLUGINS = [], then `pagefind --site` over the whole output
         (the pinned binary), searched by a bare page that does what our page does: Pagefind's
         JS API, then the data of the first five results
Both builds are kept under .cache/bench/ and redone when the corpus, the theme or the plugins
change. Each site is served by the site's gzip static host (qa/transfer.py), which here also
counts the bytes it sends, headers included.

Each visit is a fresh Chromium context (empty caches): the search page loads, the reader takes
READ_MS to find the box, clicks it and types the query at a person's pace (KEY_DELAYS_MS, the
same pseudo-random delays on every visit). The time is taken inside the page: from the `input`
event of the last keystroke to the first animation frame after the first result of the final
query enters the list (a MutationObserver stamps it). RUNS visits per query give the median and
the spread; bytes are those of the search (library, WebAssembly, index chunks, filters,
fragments, search.js) over the whole visit, typing included. For reference, the same queries
typed into the header's box of the home page are timed from Enter to the first result on the
search page it opens (a new page: Pagefind starts there).
"""

from __future__ import annotations

import hashlib
import random
import shutil
import statistics
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
RUNS = 5
READ_MS = 1000  # from the page's load event to the click in the box
KEY_DELAYS_MS = (90, 180)  # a person typing: 90-180 ms between keys, seeded
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
# Installed before the page's own scripts: stamps every keystroke in the box, and each time the
# page shows results for what the box holds, the first animation frame after it (the results
# are then drawn). Whose results the list holds: its data-q (our page sets it with the first
# result of a query), else the query the status names, as “…” (the stock page).
PROBE = """
window.__search = {key: 0, shown: []};
addEventListener('input', (e) => {
  if (e.target.id === 'o-tim') window.__search.key = performance.now(); }, true);
addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && e.target.id === 'o-tim-nhanh')
    sessionStorage.enter = performance.timeOrigin + performance.now(); }, true);
document.addEventListener('DOMContentLoaded', () => {
  const list = document.querySelector('.search-results');
  const status = document.querySelector('.search-status');
  const box = document.querySelector('#o-tim');
  new MutationObserver(() => {
    const q = box.value.trim().replace(/\\s+/g, ' ');
    if (!q || !list.querySelector('li')) return;
    const named = list.dataset.q ?? status.textContent.match(/“(.*)”/)?.[1];
    if (named !== q) return;
    const at = performance.now();
    requestAnimationFrame(() => window.__search.shown.push({at, frame: performance.now()}));
  }).observe(list.parentNode, {childList: true, subtree: true, characterData: true});
});
"""
# The time to the first results of the final query, from the stamps above.
LATENCY = """() => {
  const s = window.__search, shown = s.shown.find((x) => x.at >= s.key);
  return shown ? shown.frame - s.key : null;
}"""
# From Enter in the header's box, on the page before, to the first results on the search page.
FROM_ENTER = """() => {
  const shown = window.__search.shown[0], enter = Number(sessionStorage.enter);
  return shown && enter ? performance.timeOrigin + shown.frame - enter : null;
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


def _delays(query: str) -> list[int]:
    # The same delays for a query on every visit and both sites.
    chance = random.Random(query)
    return [chance.randint(*KEY_DELAYS_MS) for _ in query]


def measure(browser, host: CountingHost, page_path: str, site: str, query: str) -> Measure:
    """One visit: open the search page in a fresh context, type the query, time the results.

    With `site` "header", the query is typed into the header's box of the home page instead,
    and timed from Enter there to the first results on the search page it opens.
    """
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(PROBE)
    host.sent.clear()
    header = site == "header"
    page.goto(host.url + ("/" if header else page_path), wait_until="load")
    page.wait_for_timeout(READ_MS)
    page.click("#o-tim-nhanh" if header else "#o-tim")
    for key, delay in zip(query, _delays(query), strict=True):
        page.wait_for_timeout(delay)
        page.keyboard.type(key)
    if header:
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: page_path + "?q=" in url)
    timing = FROM_ENTER if header else LATENCY
    page.wait_for_function(timing, timeout=30_000)
    latency = page.evaluate(timing)
    page.wait_for_load_state("networkidle")
    results = len(page.query_selector_all(".search-results li"))
    status = page.inner_text(".search-status")
    context.close()
    count = int("".join(ch for ch in status.split("kết quả")[0] if ch.isdigit()) or 0)
    search = sum(size for path, size in host.sent if "pagefind" in path or "search.js" in path)
    return Measure(site, query, count if results else 0, search,
                   sum(size for _, size in host.sent), latency)


@dataclass(frozen=True)
class Summary:
    """The visits of one query on one site."""

    results: int
    kb: float  # the most any visit transferred for its search
    median_ms: float
    low_ms: float
    high_ms: float


def summarise(measures: list[Measure], site: str, query: str) -> Summary:
    """Median and spread of the visits of `query` on `site`."""
    mine = [m for m in measures if m.site == site and m.query == query]
    times = [m.latency_ms for m in mine]
    return Summary(max(m.results for m in mine), max(m.search_bytes for m in mine) / 1024,
                   statistics.median(times), min(times), max(times))


def run(articles: int = 1000, queries: tuple[str, ...] = QUERIES,
        runs: int = RUNS) -> list[Measure]:
    """Measure every query `runs` times on both sites; print the table; return the measures."""
    from playwright.sync_api import sync_playwright

    measures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        for site, (folder, page_path) in sites(articles).items():
            with CountingHost(folder) as host:
                # Visits alternate between queries, so a busy moment of the machine spreads.
                measures += [measure(browser, host, page_path, kind, q)
                             for kind in ([site, "header"] if site == "ours" else [site])
                             for _ in range(runs) for q in queries]
        browser.close()
    low, high = KEY_DELAYS_MS
    print(f"Tìm kiếm lần đầu trên {articles} bài: {runs} trang mới mỗi truy vấn, gõ {low}–{high} "
          f"ms mỗi phím, gzip như máy chủ tĩnh.\n  ms: từ phím cuối đến kết quả đầu tiên hiện ra, "
          f"trung vị (thấp nhất–cao nhất); KB: lượt tải nhiều nhất của tìm kiếm")
    print(f"  {'':<16} {'':>7} {'ours: trung vị (thấp–cao)':>27} {'/ngân sách':>10} "
          f"{'KB':>6} {'/ngân sách':>10}   {'gốc: trung vị':>13} {'KB':>6}")
    for query in queries:
        ours, stock = summarise(measures, "ours", query), summarise(measures, "stock", query)
        print(f"  {query:<16} {ours.results:>7} "
              f"{f'{ours.median_ms:.0f} ms ({ours.low_ms:.0f}–{ours.high_ms:.0f})':>27} "
              f"{ours.median_ms / BUDGET_MS:>9.2f}× {ours.kb:>6.1f} "
              f"{ours.kb * 1024 / BUDGET_BYTES:>9.2f}×   "
              f"{f'{stock.median_ms:.0f} ms':>13} {stock.kb:>6.1f}")
    print("  Từ ô tìm ở đầu trang chủ (Enter, rồi trang tìm kiếm mở mới), đến kết quả đầu tiên; "
          "để tham khảo:")
    for query in queries:
        header = summarise(measures, "header", query)
        print(f"  {query:<16} {header.results:>7} "
              f"{f'{header.median_ms:.0f} ms ({header.low_ms:.0f}–{header.high_ms:.0f})':>27} "
              f"{header.median_ms / BUDGET_MS:>9.2f}× {header.kb:>6.1f}")
    return measures


def main(articles: int = 1000) -> bool:
    """Run the bench; True when every query of ours is within both budgets at the median."""
    measures = run(articles)
    ours = [summarise(measures, "ours", q) for q in QUERIES]
    ok = all(s.kb * 1024 <= BUDGET_BYTES and s.median_ms <= BUDGET_MS for s in ours)
    verdict = "đạt" if ok else "VƯỢT NGÂN SÁCH"
    print(f"  ngân sách: ≤ {BUDGET_BYTES // 1024} KB và ≤ {BUDGET_MS} ms (trung vị) sau phím "
          f"cuối: {verdict}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
