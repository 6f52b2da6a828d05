"""Print the quality budgets of the key pages: Lighthouse scores, layout shift, bytes before images.

    .venv/bin/python bench/budgets.py              # build the sample site into a scratch folder
    .venv/bin/python bench/budgets.py --site output # measure an already built site

The same runners as tests/test_budgets.py (qa/); this only reports, never judges.
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

from qa import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from qa.lighthouse import CATEGORIES, run_until_fast  # noqa: E402
from qa.transfer import StaticHost, load_page  # noqa: E402

PAGES = {
    "Trang chủ": "/",
    "Bài hội nghị": "/hoi-nghi-toan-quoc-van-phong-ntm-2017/",
    "Chương trình": "/chuong-trinh/",
    "Tìm kiếm": "/tim-kiem/",
}
HEADINGS = ["Trang", "Hiệu năng", "Trợ năng", "Thực hành", "SEO", "CLS", "KB trước ảnh",
            "Máy khác"]


def measure(site: Path) -> list[list[str]]:
    """One row per page: four Lighthouse scores, its layout shift, its bytes before images."""
    from playwright.sync_api import sync_playwright

    rows = []
    with StaticHost(site) as host, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        for name, path in PAGES.items():
            if not (site / path.lstrip("/") / "index.html").is_file():
                rows.append([name, *["–"] * 4, "–", "chưa có trang", "–"])
                continue
            report = run_until_fast(host.url + path)
            context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
            load = load_page(context.new_page(), host.url + path)
            context.close()
            rows.append([
                name, *(str(report.scores.get(c, "?")) for c in CATEGORIES),
                f"{report.layout_shift:g}".replace(".", ","),
                f"{load.before_images / 1000:.1f}".replace(".", ","),
                str(len(load.foreign)),
            ])
        browser.close()
    return rows


def print_table(rows: list[list[str]]) -> None:
    """Columns padded to their widest cell."""
    widths = [max(len(row[i]) for row in [HEADINGS, *rows]) for i in range(len(HEADINGS))]
    for row in [HEADINGS, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def main() -> None:
    """Build (or take) the site, measure each key page, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="thư mục trang đã dựng (mặc định: dựng mới)")
    args = parser.parse_args()
    if args.site:
        print_table(measure(args.site.resolve()))
        return
    from sitebuild.build import BuildOptions, build

    with tempfile.TemporaryDirectory(prefix="ngan-sach-") as scratch:
        output = Path(scratch) / "output"
        build(BuildOptions(settings_file=ROOT / "pelicanconf.py", output=output))
        print_table(measure(output))


if __name__ == "__main__":
    main()
