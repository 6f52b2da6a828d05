"""Full build of a 1000-article corpus: our site vs stock Pelican, in the same run.

Stock is Pelican as `pelican-quickstart` leaves it (its pelicanconf.py template: default theme, no
plugins, pagination 10, RELATIVE_URLS left commented out, images under content/images/ copied as
static files) with FEED_ALL_ATOM on. Two comparisons, each side against its like:

- cold: a first build. Stock reads everything (quickstart has no content cache); ours starts
  with an empty content cache (and saves it, as a first build does).
- warm: a rebuild with nothing edited, the content cache on for both sides (stock gets
  CACHE_CONTENT and LOAD_CONTENT_CACHE), each primed by a build before the rounds.

The four builds take turns, round after round, the order reversed every other round; each
round's ratio is ours / stock of that round, so a machine that slows down during the run weighs
on both sides alike. The median ratio and the lowest and highest are printed, and for reference
the CPU time of each side (its processes together), which a machine busy with other work
disturbs far less than the wall time. Before each build the disk is settled (the previous
site's deferred deletion finished, written data flushed). Also printed: the peak memory of each
side's largest process (budget 1 GB for ours: Pagefind, indexing in parts, or the build itself)
and the size of the site each writes, the figures of the scale point (`--articles 10000`).

Our side runs the same code as `invoke build` (sitebuild.build) with its own content cache
folder, so the bench never touches the cache of the site in content/.
"""

import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .timing import run_measured

# Not bench.corpus's: our side's build process (`python -m bench.build_cost`) would import the
# corpus generator, and Pillow with it, for nothing.
ROOT = Path(__file__).resolve().parent.parent

BIN = Path(sys.executable).parent
# pelican/tools/templates/pelicanconf.py.jinja2 with quickstart's answers filled in.
QUICKSTART = """\
AUTHOR = "Phóng viên"
SITENAME = "Trang tin"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LINKS = [
    ("Pelican", "https://getpelican.com/"),
    ("Python.org", "https://www.python.org/"),
    ("Jinja2", "https://palletsprojects.com/p/jinja/"),
    ("You can modify those links in your config file", "#"),
]
SOCIAL = [
    ("You can add links in your config file", "#"),
    ("Another social link", "#"),
]
DEFAULT_PAGINATION = 10
"""
WARM_CACHE = 'CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nCACHE_PATH = "{cache}"\n'
ROUNDS = 5
BUDGET = 1.3
MEMORY_BUDGET = 1e9  # bytes, the largest process of one of our builds (issue 16: ≤ 1 GB)


@dataclass
class Side:
    """One build command and its times, round by round."""

    command: list[str]
    cache: Path | None = None  # emptied before every build: a cold one
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system, its processes together
    peaks: list[int] = field(default_factory=list)  # bytes, its largest process (Pagefind…)


def _settle(work: Path) -> None:
    deadline = time.monotonic() + 60
    # sitebuild/staging.py deletes the replaced site in a detached process, in `*.trash`.
    while any(work.glob(".*.trash")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.sync()


def _ours(content: Path, output: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "bench.build_cost", str(content), str(output), str(cache)]


def _sides(content: Path, work: Path) -> dict[str, Side]:
    stock = work / "stock.py"
    stock.write_text(QUICKSTART, encoding="utf-8")
    warm = work / "stock-warm.py"
    warm.write_text(QUICKSTART + WARM_CACHE.format(cache=work / "stock-cache"), encoding="utf-8")

    def pelican(settings: Path, output: str) -> list[str]:
        return [str(BIN / "pelican"), str(content), "-s", str(settings), "-o",
                str(work / output), "-q"]

    return {
        "stock cold": Side(pelican(stock, "stock-cold")),
        "ours cold": Side(_ours(content, work / "our-cold", work / "our-cold-cache"),
                          cache=work / "our-cold-cache"),
        "stock warm": Side(pelican(warm, "stock-warm")),
        "ours warm": Side(_ours(content, work / "our-warm", work / "our-warm-cache")),
    }


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(side: Side, work: Path) -> None:
    if side.cache is not None:
        shutil.rmtree(side.cache, ignore_errors=True)
    _settle(work)
    cpu, started = _children_cpu(), time.perf_counter()
    side.peaks.append(run_measured(side.command, cwd=ROOT))
    side.times.append(time.perf_counter() - started)
    side.cpu.append(_children_cpu() - cpu)  # the build and what it waited for (Pagefind)


def _cpu_line(label: str, ours: Side, stock: Side) -> None:
    ratio = statistics.median(mine / theirs for mine, theirs in zip(ours.cpu, stock.cpu,
                                                                     strict=True))
    print(f"{label}: {statistics.median(ours.cpu):.2f} s / {statistics.median(stock.cpu):.2f} s"
          f" CPU, tỉ lệ trung vị {ratio:.2f}× (để tham khảo: không phụ thuộc máy bận hay rảnh)")


def _line(label: str, ours: list[float], stock: list[float]) -> bool:
    ratios = [mine / theirs for mine, theirs in zip(ours, stock, strict=True)]
    ratio = statistics.median(ratios)
    verdict = "đạt" if ratio <= BUDGET else "VƯỢT NGÂN SÁCH"
    print(f"{label}: {statistics.median(ours):.2f} s / {statistics.median(stock):.2f} s, "
          f"tỉ lệ trung vị {ratio:.2f}× Pelican gốc (thấp nhất {min(ratios):.2f}×, "
          f"cao nhất {max(ratios):.2f}×; ngân sách ≤ {BUDGET}×: {verdict})")
    return ratio <= BUDGET


def run(articles: int = 1000, rounds: int = ROUNDS) -> bool:
    """Print our cold and warm full-build times as ratios of stock Pelican's; True when within."""
    from .corpus import corpus

    content = corpus(articles)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        work = Path(scratch)
        sides = _sides(content, work)
        # Every side built once first: the warm caches are primed, and stock (which writes
        # over its previous output) never counts a first write into an empty folder.
        for side in sides.values():
            _timed(side, work)
            side.times.clear()
            side.cpu.clear()
            side.peaks.clear()
        order = list(sides.values())
        for turn in range(rounds):
            for side in order if turn % 2 == 0 else reversed(order):
                _timed(side, work)
        sizes = {name: _size(work / folder) for name, folder in
                 (("ours", "our-cold"), ("stock", "stock-cold"))}
    print(f"Dựng {articles} bài (gen_corpus.py; Pelican gốc = pelican-quickstart + FEED_ALL_ATOM; "
          f"{rounds} lượt xen kẽ, tỉ lệ tính trong từng lượt):")
    cold = _line("  bản dựng đầu (không bộ đệm nội dung)", sides["ours cold"].times,
                 sides["stock cold"].times)
    warm = _line("  bản dựng lại (bộ đệm nội dung cả hai bên)", sides["ours warm"].times,
                 sides["stock warm"].times)
    _cpu_line("  thời gian CPU, bản dựng đầu", sides["ours cold"], sides["stock cold"])
    _cpu_line("  thời gian CPU, bản dựng lại", sides["ours warm"], sides["stock warm"])
    memory = _memory_line(sides)
    print(f"  dung lượng trang dựng ra: {sizes['ours'] / 1e6:.0f} MB / {sizes['stock'] / 1e6:.0f}"
          " MB Pelican gốc")
    return cold and warm and memory


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _memory_line(sides: dict[str, Side]) -> bool:
    # The largest process of each build (Pagefind, the build's Python…), highest of the rounds.
    peak = {name: max(side.peaks) for name, side in sides.items()}
    ours = max(peak["ours cold"], peak["ours warm"])
    verdict = "đạt" if ours <= MEMORY_BUDGET else "VƯỢT NGÂN SÁCH"
    print(f"  bộ nhớ đỉnh của tiến trình lớn nhất: {peak['ours cold'] / 1e6:.0f} MB (đầu), "
          f"{peak['ours warm'] / 1e6:.0f} MB (lại) / {peak['stock cold'] / 1e6:.0f} MB, "
          f"{peak['stock warm'] / 1e6:.0f} MB Pelican gốc (ngân sách ≤ "
          f"{MEMORY_BUDGET / 1e9:g} GB: {verdict})")
    return ours <= MEMORY_BUDGET


def _build_ours(content: str, output: str, cache: str) -> None:
    """What `invoke build --content C --output O` does, with the content cache in `cache`."""
    from sitebuild import console
    from sitebuild.build import BuildFailed, BuildOptions, build, ending_after_build

    console.setup()
    options = BuildOptions(settings_file=ROOT / "pelicanconf.py", content=Path(content),
                           output=Path(output), extra={"CACHE_PATH": cache})
    try:
        build(options)
    except BuildFailed as failure:
        sys.exit(str(failure))
    ending_after_build()  # as `invoke build` does


if __name__ == "__main__":
    _build_ours(*sys.argv[1:4])
