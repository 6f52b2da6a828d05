"""Save an article → the open browser page shows the change, through the real `invoke serve`.

The clock starts when the saved file is on disk and stops when Chromium's reloaded page shows
the marker the save wrote: the browser's own clock, read at the first frame drawn after the
marker is in the page (so after the style sheets the page waits for). Three
kinds of edit: the body, the title (which the listings show too) and a tag.
"""

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from qa.livereload import LiveReload

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


def _save(path: Path, text: str) -> float:
    """Write aside and rename, as editors save; the moment the new file is on disk."""
    aside = path.with_name(f".{path.name}.tmp")
    aside.write_text(text, encoding="utf-8")
    os.replace(aside, path)
    return time.time()


@dataclass(frozen=True)
class Saved:
    """One save: seconds until the page showed it, and until the browser began reloading."""

    total: float
    until_reload: float  # the save heard, the browser told (as the rebuild starts)
    at: float = 0.0  # when the file was on disk (this machine's clock)
    steps: dict[str, float] | None = None  # the server's moments (sitebuild.serve), as spans


def _rebuilt(timings: Path, saved: float, seconds: float = 120) -> dict:
    """The server's moments for the rebuild a save started, once that rebuild is over."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            for line in timings.read_text(encoding="utf-8").splitlines():
                if line.strip() and (moments := json.loads(line))["heard"] >= saved - 0.01:
                    return moments
        time.sleep(0.02)
    raise AssertionError("the preview never finished the rebuild after a save")


def _measure(page, connections: LiveReload, article: Path, edit: Edit,
             seen: int, number: list[int], timings: Path) -> tuple[list[Saved], int]:
    times = []
    for _ in range(SAVES):
        number[0] += 1
        marker = f"Dấu sửa {number[0]:03d}"
        text = edit.change(article.read_text(encoding="utf-8"), marker)
        page.evaluate("(wanted) => sessionStorage.setItem('bench-cho', JSON.stringify(wanted))",
                      [edit.selector, marker])
        saved = _save(article, text)
        # The page's own clock (_WATCH): no delay of Playwright's polling in the figure.
        shown, reloading = page.wait_for_function(
            """(marker) => window.__benchShown && window.__benchShown[0] === marker
                ? window.__benchShown.slice(1) : false""",
            arg=marker, polling=20, timeout=60_000).json_value()
        times.append(Saved(shown / 1000 - saved, reloading / 1000 - saved, saved))
        seen = connections.listening(seen)
        # The page shows the save; the next one waits until the whole rebuild is over (one
        # save's latency, not a queue), and for the page shown again if it reloaded once more.
        if _rebuilt(timings, saved).get("again"):
            seen = connections.listening(seen)
        page.wait_for_timeout(300)  # an editor does not save twice within a blink
    return times, seen


# In every document the page loads, before its own scripts: the moment the wanted marker is in
# the element and the next frame is drawn (after the style sheets it waits for), on the page's
# clock, with the moment this document's navigation began.
_WATCH = """(() => {
  const observer = new MutationObserver(() => {
    const wanted = JSON.parse(sessionStorage.getItem("bench-cho") || "null");
    if (!wanted || window.__benchShown) return;
    const found = document.querySelector(wanted[0]);
    if (found && found.textContent.includes(wanted[1])) {
      observer.disconnect();
      requestAnimationFrame(() => {
        window.__benchShown = [wanted[1], Date.now(), performance.timeOrigin];
      });
    }
  });
  observer.observe(document, {childList: true, subtree: true, characterData: true});
})();"""


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
    line = (f"  {label}: trung vị {median:.2f} s (từ {min(times):.2f} đến {max(times):.2f} s, "
            f"{len(times)} lần lưu{was}) – ngân sách ≤ {BUDGET} s: {verdict}\n"
            f"    trong đó đến lúc trình duyệt bắt đầu tải lại: {server:.2f} s;"
            f" từ đó đến khi trang hiện ra: {reload:.2f} s")
    steps = [s.steps for s in saves if s.steps]
    if steps:
        names = dict.fromkeys(name for step in steps for name in step)
        parts = ", ".join(
            f"{name} {statistics.median(step[name] for step in steps if name in step):.3f}"
            for name in names)
        line += f"\n    từng bước (trung vị, giây; máy chủ ghi lại {len(steps)} lần): {parts}"
    return line


# The spans between the moments sitebuild.serve notes, as the bench prints them.
# The browser is told to reload as the rebuild starts (sitebuild.serve): "sau khi dựng" is
# what the page still took once the rebuild was over.
STEPS = {"nghe thấy": ("saved", "heard"), "chờ": ("heard", "started"),
         "dựng": ("started", "built"), "trang hiện ra sau khi dựng": ("built", "shown")}
# With a first look (sitebuild.first_look), the page is shown before the rebuild is over.
FIRST_LOOK_STEPS = {"nghe thấy": ("saved", "heard"), "chờ": ("heard", "started"),
                    "ghi trang đầu": ("started", "first"),
                    "trang hiện ra sau đó": ("first", "shown"),
                    "dựng phần còn lại": ("first", "built")}


def _with_steps(results: dict[str, list[Saved]], timings: Path) -> dict[str, list[Saved]]:
    """Each save with the server's moments for the rebuild it started (the first after it)."""
    try:
        lines = timings.read_text(encoding="utf-8").splitlines()
    except OSError:
        return results
    records = sorted((json.loads(line) for line in lines if line.strip()),
                     key=lambda r: r["heard"])
    joined = {}
    for label, saves in results.items():
        joined[label] = []
        for save in saves:
            found = next((r for r in records if r["heard"] >= save.at - 0.01), None)
            steps = None
            if found is not None:
                moments = {**found, "saved": save.at, "shown": save.at + save.total}
                spans = FIRST_LOOK_STEPS if "first" in found else STEPS
                steps = {name: moments[b] - moments[a] for name, (a, b) in spans.items()}
            joined[label].append(replace(save, steps=steps))
    return joined


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
    from qa.ports import free_port

    with tempfile.TemporaryDirectory(prefix="bench-edit-") as scratch:
        work = Path(scratch)
        tree = work / "content"
        shutil.copytree(corpus(articles), tree)
        port = free_port()
        log = (work / "serve.log").open("w", encoding="utf-8")
        timings = work / "thoi-gian.jsonl"
        server = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "invoke"), "serve", "--content", str(tree),
             "--output", str(work / "output"), "--port", str(port)],
            cwd=checkout, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "XEM_TRUOC_GHI_THOI_GIAN": str(timings)})
        try:
            results = _run_browser(sync_playwright, CHROMIUM, CHROMIUM_FLAGS, port,
                                   tree / "articles" / f"{ARTICLE}.md", timings)
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
        results = _with_steps(results, timings)
    return results


def _run_browser(sync_playwright, chromium: str, flags, port: int,
                 article: Path, timings: Path) -> dict[str, list[Saved]]:
    url = f"http://127.0.0.1:{port}/{ARTICLE}/"
    deadline = time.monotonic() + 300  # the first, full build of the corpus
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=list(flags))
        page = browser.new_page()
        page.add_init_script(_WATCH)
        connections = LiveReload(page)
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
        seen = connections.listening()
        page.wait_for_timeout(1000)
        results, number = {}, [0]
        for edit in EDITS:
            results[edit.label], seen = _measure(page, connections, article, edit, seen, number,
                                                 timings)
        browser.close()
    return results
