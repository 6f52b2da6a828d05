"""Save one article → its rebuilt page on disk, as `invoke serve` does it, vs a full build."""

import tempfile
import time
from pathlib import Path

from sitebuild.build import BuildOptions, build
from sitebuild.preview import Preview

from .corpus import ROOT, corpus
from .timing import median_seconds, report


def _edit_cycle(preview: Preview, article: Path, page: Path, stamp: list[int]) -> None:
    stamp[0] += 1
    marker = f"Đoạn sửa lần {stamp[0]}."
    with article.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{marker}\n")
    preview.rebuild()
    if marker not in page.read_text(encoding="utf-8"):
        raise RuntimeError(f"{page} was not rebuilt after the edit")


def measure(content: Path, article_name: str, slug: str, label: str,
            budget: float | None) -> bool:
    """Print the edit-to-page time as a ratio of a full build of the same tree."""
    with tempfile.TemporaryDirectory(prefix="bench-edit-") as scratch:
        work = Path(scratch)
        tree = work / "content"
        import shutil

        shutil.copytree(content, tree)
        output = work / "output"
        options = BuildOptions(settings_file=ROOT / "pelicanconf.py", content=tree,
                               output=output)
        preview = Preview(options, [tree])
        preview.rebuild()  # the first, full build a serve starts with
        article = tree / "articles" / article_name
        page = output / slug / "index.html"
        stamp = [0]
        time.sleep(0.01)
        edit = median_seconds(lambda: _edit_cycle(preview, article, page, stamp))
        full = median_seconds(lambda: build(options))
    return report(f"  {label}: lưu một bài → trang mới trên đĩa", edit, full, budget,
                  "một lần dựng đầy đủ")


def run(articles: int = 1000) -> bool:
    """Edit timing on the sample site and on a generated corpus."""
    print("Xem trước khi sửa bài (invoke serve):")
    measure(ROOT / "content", "hoi-nghi-toan-quoc-van-phong-ntm-2017.md",
            "hoi-nghi-toan-quoc-van-phong-ntm-2017", "trang mẫu", budget=None)
    # The budget is set for a newsroom's archive: on a dozen articles a full build is already
    # about as quick as Python's start.
    return measure(corpus(articles), "bai-00500.md", "bai-00500", f"{articles} bài",
                   budget=0.5)
