"""Generate a content tree of Vietnamese news for benchmarks and tests: articles, pages, photos.

    python -m bench.gen_corpus OUT --articles 1000 --images 1 --size 3000x2000 --pages 3 --seed 7

or in-process: `generate(Path("OUT"), articles=1000, images=0)`. It writes the layout of
content/: OUT/articles/bai-00000.md …, OUT/pages/trang-0.md …, OUT/images/anh-00000.jpg …; with
`--images N` article i shows photos i·N to i·N+N−1, each once. The same options give the same tree,
byte for byte (photos: with the same Pillow).
"""

import argparse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

try:
    from .corpus_photos import photo
    from .corpus_text import Writer
except ImportError:  # run as a script: python bench/gen_corpus.py
    from corpus_photos import photo
    from corpus_text import Writer

# Six chủ đề (the site's four and two it does not list, as a newsroom adds them), twelve tags.
CATEGORIES = ("Nông thôn mới", "Thời sự", "Kinh tế", "Văn hóa - Xã hội", "Giáo dục", "Đời sống")
TAGS = ("Hà Tĩnh", "nông thôn mới", "hội nghị", "OCOP", "khu dân cư kiểu mẫu", "giảm nghèo",
        "giao thông nông thôn", "chuyển đổi số", "vườn mẫu", "Can Lộc", "Thạch Hà", "Đức Thọ")
TAGS_PER_ARTICLE = 3
AUTHORS = ("Thanh Hà", "Nguyễn Văn Minh", "Trần Thị Thu", "Lê Quang Hưng", "Phan Ngọc Ánh",
           "Võ Thị Hoài", "Đinh Công Sơn", "Hồ Mai Lan")
FIRST_DATE = datetime(2017, 1, 1, 7, 0)
HOURS_APART = 7  # a story every few hours: 1000 articles span most of a year of archives
PREFIX = "(Baohatinh.vn) - "  # the newspaper's sapo opens with its name


@dataclass
class Document:
    """One Markdown file of the tree: where it goes, its metadata, its blocks of text."""

    path: str  # relative to the tree, e.g. articles/bai-00001.md
    meta: dict[str, str]
    blocks: list[str]

    def text(self) -> str:
        """Pelican's Markdown: `Key: value` lines, a blank line, blocks apart by blank lines."""
        head = "".join(f"{key}: {value}\n" for key, value in self.meta.items())
        return head + "\n" + "\n\n".join(self.blocks) + "\n"


def photo_name(index: int) -> str:
    """The file name of the index-th photo."""
    return f"anh-{index:05d}.jpg"


def article(writer: Writer, number: int, images: int) -> Document:
    """The number-th article: a sapo, a paragraph before each photo, then the story."""
    rng = writer.rng
    lead = writer.sentence(18, 30)
    when = FIRST_DATE + timedelta(hours=HOURS_APART * number + rng.randint(0, 6),
                                  minutes=rng.randint(0, 59))
    slug = f"bai-{number:05d}"
    meta = {"Title": writer.phrase(6, 14), "Date": when.strftime("%Y-%m-%d %H:%M"),
            "Category": rng.choice(CATEGORIES),
            "Tags": ", ".join(rng.sample(TAGS, TAGS_PER_ARTICLE)),
            "Author": rng.choice(AUTHORS), "Summary": lead, "Slug": slug}
    blocks = [PREFIX + lead]
    for index in range(number * images, (number + 1) * images):
        caption = writer.phrase(5, 10)
        blocks += [writer.paragraph(), f"![{caption}]({{static}}/images/{photo_name(index)})"]
    blocks += [writer.paragraph() for _ in range(rng.randint(4, 8))]
    return Document(f"articles/{slug}.md", meta, blocks)


def page(writer: Writer, number: int) -> Document:
    """The number-th static page: a title and five paragraphs."""
    slug = f"trang-{number}"
    meta = {"Title": f"Trang {number + 1}: {writer.phrase(3, 6)}", "Slug": slug}
    return Document(f"pages/{slug}.md", meta, [writer.paragraph() for _ in range(5)])


def photos(folder: Path, count: int, size: tuple[int, int], seed: int) -> None:
    """Write count photos; each has its own seed, so threads may make them in any order."""
    def make(index: int) -> None:
        photo(folder / photo_name(index), size, f"{seed}-photo-{index}")

    # Pillow lets go of the GIL while it blurs and encodes: threads use every core.
    with ThreadPoolExecutor() as pool:
        list(pool.map(make, range(count)))


def generate(out: Path, articles: int = 100, images: int = 1, pages: int = 3,
             size: tuple[int, int] = (3000, 2000), seed: int = 7) -> Path:
    """Write the tree into `out` (created if missing, existing files overwritten); return it."""
    out = Path(out)
    for folder in ("articles", "pages", "images"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    writer = Writer.seeded(seed)
    documents = [article(writer, number, images) for number in range(articles)]
    documents += [page(writer, number) for number in range(pages)]
    for document in documents:
        (out / document.path).write_text(document.text(), encoding="utf-8")
    photos(out / "images", articles * images, size, seed)
    return out


def parse_size(text: str) -> tuple[int, int]:
    """`3000x2000` → (3000, 2000)."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    if width < 1 or height < 1:
        raise argparse.ArgumentTypeError(f"expected a positive size, got {text!r}")
    return width, height


def main(argv: list[str] | None = None) -> None:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (created if missing)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--images", type=int, default=1, help="photos per article")
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--size", type=parse_size, default=(3000, 2000), help="WIDTHxHEIGHT")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    generate(args.out, articles=args.articles, images=args.images, pages=args.pages,
             size=args.size, seed=args.seed)


if __name__ == "__main__":
    main()
