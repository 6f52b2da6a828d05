"""Full build of a 1000-article corpus: our settings vs stock Pelican, in the same run."""

import shutil
import sys
import tempfile
from pathlib import Path

from .corpus import ROOT, corpus
from .timing import median_seconds, report, run_command

BIN = Path(sys.executable).parent
STOCK_SETTINGS = """\
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
PLUGINS = []
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
"""


def run(articles: int = 1000) -> bool:
    """Print our full-build time as a ratio of stock Pelican's; True when within 1.3×."""
    content = corpus(articles)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        work = Path(scratch)
        stock = work / "stock.py"
        stock.write_text(STOCK_SETTINGS, encoding="utf-8")

        def stock_build() -> None:
            run_command([str(BIN / "pelican"), str(content), "-s", str(stock),
                         "-o", str(work / "stock-out"), "-q"])

        def our_build() -> None:
            run_command([str(BIN / "invoke"), "build", "--content", str(content),
                         "--output", str(work / "our-out")], cwd=ROOT)

        def cold() -> None:  # our content cache off the table: a first build
            shutil.rmtree(ROOT / ".cache" / "pelican", ignore_errors=True)

        baseline = median_seconds(stock_build)
        ours_cold = median_seconds(our_build, prepare=cold)
        ours_warm = median_seconds(our_build)
    print(f"Dựng {articles} bài (gen_corpus.py, không ảnh):")
    ok = report("  bản dựng đầu (không bộ đệm)", ours_cold, baseline, 1.3, "Pelican gốc")
    report("  bản dựng lại (có bộ đệm nội dung)", ours_warm, baseline, 1.3, "Pelican gốc")
    return ok
