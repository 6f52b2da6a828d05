"""Save an article → the open browser page shows the change, through the real `invoke serve`.

The clock starts when the saved file is on disk and stops when Chromium's reloaded page shows
the marker the save wrote (the browser's own clock, read the moment the marker appears). Three
kinds of edit: the body, the title (which the listings show too) and a tag.
"""

import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .corpus import ROOT, corpus

BUDGET = 0.4  # seconds: under Hugo's 0.49 s for the same save-to-reload on this machine
SAVES = 5
ARTICLE = "bai-00500"
# A checkout of other code to time in the same run, for a before/after comparison (its own
# `invoke serve`, with this one's .venv): BENCH_EDIT_BEFORE=/path/to/checkout invoke bench --edit
BEFORE_ENV = "BENCH_EDIT_BEFORE"


@dataclass(frozen=True)
class Edit:
    """One kind of save: how to change the source, and where the page shows it."""

    label: str
    change: Callable[[str, str], str]  # (source text, marker) → new source text
    selector: str  # the element of the article page that must show the marker


def _body(text: str, marker: str) -> str:
    return f"{text.rstrip()}\n\n{marker}\n"


def _title(text: str, marker: str) -> str:
    head, _, rest = text.partition("\n")
    return f"{head.split(' · ')[0]} · {marker}\n{rest}"


def _tag(text: str, marker: str) -> str:
    lines = [f"Tags: Hà Tĩnh, {marker}" if line.startswith("Tags:") else line
             for line in text.splitlines()]
    return "\n".join(lines) + "\n"


EDITS = (Edit("thân bài", _body, ".story-body"), Edit("tiêu đề", _title, "h1.story-title"),
         Edit("thẻ", _tag, ".tags"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _save(path: Path, text: str) -> float:
    """Write aside and rename, as editors save; the moment the new file is on disk."""
    aside = path.with_name(f".{path.name}.tmp")
    aside.write_text(text, encoding="utf-8")
    os.replace(aside, path)
    return time.time()


class _Connections:
    """The page's live-reload sockets: a save must wait until the reloaded page listens."""

    def __init__(self, page):
        self.greeted: list[bool] = []
        page.on("websocket", self._opened)

    def _opened(self, ws) -> None:
        index = len(self.greeted)
        self.greeted.append(False)
        ws.on("framereceived", lambda _frame: self.greeted.__setitem__(index, True))

    def wait(self, page, after: int) -> int:
        for _ in range(300):
            if len(self.greeted) > after and self.greeted[-1]:
                return len(self.greeted)
            page.wait_for_timeout(20)
        raise RuntimeError("the page never connected to the live-reload server")


@dataclass(frozen=True)
class Saved:
    """One save: seconds until the page showed it, and until the browser began reloading."""

    total: float
    until_reload: float  # the save heard, the pages rebuilt, the browser told


def _measure(page, connections: _Connections, article: Path, edit: Edit,
             seen: int, number: list[int]) -> tuple[list[Saved], int]:
    times = []
    for _ in range(SAVES):
        number[0] += 1
        marker = f"Dấu sửa {number[0]:03d}"
        text = edit.change(article.read_text(encoding="utf-8"), marker)
        saved = _save(article, text)
        shown, reloading = page.wait_for_function(
            """([selector, marker]) => {
                const found = document.querySelector(selector);
                return found && found.textContent.includes(marker)
                    ? [Date.now(), performance.timeOrigin] : false;
            }""", arg=[edit.selector, marker], polling=5, timeout=60_000).json_value()
        times.append(Saved(shown / 1000 - saved, reloading / 1000 - saved))
        seen = connections.wait(page, seen)
        page.wait_for_timeout(300)  # an editor does not save twice within a blink
    return times, seen


def _line(label: str, saves: list[Saved], before: list[Saved] | None) -> str:
    times = [s.total for s in saves]
    median = statistics.median(times)
    verdict = "đạt" if median <= BUDGET else "VƯỢT NGÂN SÁCH"
    server = statistics.median(s.until_reload for s in saves)
    reload = statistics.median(s.total - s.until_reload for s in saves)
    was = ""
    if before:
        old = [s.total for s in before]
        was = f"; mã trước: {statistics.median(old):.2f} s ({min(old):.2f}–{max(old):.2f})"
    return (f"  {label}: trung vị {median:.2f} s (từ {min(times):.2f} đến {max(times):.2f} s, "
            f"{len(times)} lần lưu{was}) – ngân sách ≤ {BUDGET} s: {verdict}\n"
            f"    trong đó đến lúc trình duyệt bắt đầu tải lại (nghe, dựng, báo): {server:.2f} s;"
            f" tải lại trang: {reload:.2f} s")


def run(articles: int = 1000) -> bool:
    """Time save → reloaded page on a generated corpus; True when every median is in budget."""
    print(f"Xem trước khi sửa bài (invoke serve, {articles} bài, Chromium):")
    before = None
    if os.environ.get(BEFORE_ENV):
        before = _time_serve(Path(os.environ[BEFORE_ENV]).resolve(), articles)
    results = _time_serve(ROOT, articles)
    for label, times in results.items():
        print(_line(label, times, before and before[label]))
    return all(statistics.median(s.total for s in saves) <= BUDGET
               for saves in results.values())


def _time_serve(checkout: Path, articles: int) -> dict[str, list[Saved]]:
    """Each edit's times through the `invoke serve` of `checkout`."""
    from playwright.sync_api import sync_playwright

    from qa import CHROMIUM, CHROMIUM_FLAGS

    with tempfile.TemporaryDirectory(prefix="bench-edit-") as scratch:
        work = Path(scratch)
        tree = work / "content"
        shutil.copytree(corpus(articles), tree)
        port = _free_port()
        log = (work / "serve.log").open("w", encoding="utf-8")
        server = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "invoke"), "serve", "--content", str(tree),
             "--output", str(work / "output"), "--port", str(port)],
            cwd=checkout, stdout=log, stderr=subprocess.STDOUT)
        try:
            results = _run_browser(sync_playwright, CHROMIUM, CHROMIUM_FLAGS, port,
                                   tree / "articles" / f"{ARTICLE}.md")
        except Exception:
            log.flush()
            print((work / "serve.log").read_text(encoding="utf-8")[-3000:])
            raise
        finally:
            server.terminate()
            server.wait(timeout=60)
            log.close()
            # The server's own lines (each rebuild's time), for a look after the run.
            name = "edit-serve.log" if checkout == ROOT else "edit-serve-before.log"
            shutil.copy(work / "serve.log", corpus(articles).parent / name)
    return results


def _run_browser(sync_playwright, chromium: str, flags, port: int,
                 article: Path) -> dict[str, list[Saved]]:
    url = f"http://127.0.0.1:{port}/{ARTICLE}/"
    deadline = time.monotonic() + 300  # the first, full build of the corpus
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=list(flags))
        page = browser.new_page()
        connections = _Connections(page)
        while True:
            try:
                page.goto(url)
                if page.locator("h1.story-title").count():
                    break
            except Exception:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("invoke serve never served the article")
            time.sleep(0.5)
        seen = connections.wait(page, 0)
        page.wait_for_timeout(1000)
        results, number = {}, [0]
        for edit in EDITS:
            results[edit.label], seen = _measure(page, connections, article, edit, seen, number)
        browser.close()
    return results
