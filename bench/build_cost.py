"""Full build of a 1000-article corpus: our settings vs stock Pelican, in the same run.

The three builds (stock, ours without content cache, ours with it) take turns, round after
round, and each side's median is taken: a machine that slows down or speeds up during the run
weighs on all three alike. Before each build the disk is settled (the previous site's deferred
deletion finished, written data flushed), so that no build pays for what the one before it
left the disk to do.
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .corpus import ROOT, corpus
from .timing import report, run_command

BIN = Path(sys.executable).parent
STOCK_SETTINGS = """\
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
PLUGINS = []
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
"""
ROUNDS = 5


def _settle(work: Path) -> None:
    deadline = time.monotonic() + 60
    # sitebuild/staging.py deletes the replaced site in a detached process, in `*.trash`.
    while any(work.glob(".*.trash")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.sync()


def run(articles: int = 1000) -> bool:
    """Print our full-build time as a ratio of stock Pelican's; True when within 1.3×."""
    content = corpus(articles)
    times: dict[str, list[float]] = {"stock": [], "cold": [], "warm": []}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        work = Path(scratch)
        stock = work / "stock.py"
        stock.write_text(STOCK_SETTINGS, encoding="utf-8")
        commands = {
            "stock": [str(BIN / "pelican"), str(content), "-s", str(stock),
                      "-o", str(work / "stock-out"), "-q"],
            "cold": [str(BIN / "invoke"), "build", "--content", str(content),
                     "--output", str(work / "our-out")],
        }
        commands["warm"] = commands["cold"]
        for _ in range(ROUNDS):
            for side, command in commands.items():
                if side == "cold":  # our content cache off the table: a first build
                    shutil.rmtree(ROOT / ".cache" / "pelican", ignore_errors=True)
                _settle(work)
                started = time.perf_counter()
                run_command(command, cwd=ROOT)
                times[side].append(time.perf_counter() - started)
    baseline, cold, warm = (statistics.median(times[side]) for side in ("stock", "cold", "warm"))
    print(f"Dựng {articles} bài (gen_corpus.py, không ảnh; trung vị của {ROUNDS} lượt xen kẽ, "
          "ổ đĩa lắng trước mỗi lần dựng):")
    ok = report("  bản dựng đầu (không bộ đệm)", cold, baseline, 1.3, "Pelican gốc")
    report("  bản dựng lại (có bộ đệm nội dung)", warm, baseline, 1.3, "Pelican gốc")
    return ok
