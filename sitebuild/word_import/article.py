"""Writing the draft: a free slug, the metadata block the site's articles use, the body."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from plugins.editorial.content_files import MARKDOWN_EXTENSIONS
from sitekit import metadata_block
from sitekit.dates import SITE_TIME
from sitekit.text import nfc, slugify_vi

_MARKDOWN_SUFFIXES = {f".{extension}" for extension in MARKDOWN_EXTENSIONS}


@dataclass(frozen=True)
class Draft:
    """What the article file says."""

    title: str
    summary: str
    category: str
    body: str  # Markdown
    image: str = ""  # the cover, `/images/x.jpg`


def free_slug(title: str, articles_dir: Path) -> str:
    """`slugify_vi(title)`, or with -2, -3… when an article already has that name or slug."""
    base = base_slug(title)
    taken = _slugs_in(articles_dir)
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def base_slug(title: str) -> str:
    """The slug the title asks for, before any -2."""
    return slugify_vi(title) or "bai-viet"


def _slugs_in(articles_dir: Path) -> set[str]:
    taken = set()
    for path in articles_dir.rglob("*"):
        if not path.is_file():
            continue
        taken.add(path.stem)
        if path.suffix.lower() in _MARKDOWN_SUFFIXES:
            taken |= _declared_slug(path)
    return taken


def _declared_slug(path: Path) -> set[str]:
    """The Slug of the file's metadata block, read as the build reads it."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    slugs = metadata_block.split(text.splitlines()).meta().get("slug", [])
    return {slugs[0]} if slugs and slugs[0] else set()


def render(draft: Draft, slug: str, now: dt.datetime | None = None) -> str:
    """The file's text: metadata as `invoke new` writes it, `Status: draft`, the body."""
    moment = (now or dt.datetime.now(SITE_TIME)).astimezone(SITE_TIME)
    lines = [f"Title: {_one_line(draft.title)}", f"Date: {moment:%Y-%m-%d %H:%M}",
             f"Category: {draft.category}", "Tags:", "Author:", f"Slug: {slug}"]
    if draft.summary:
        lines.append(f"Summary: {_one_line(draft.summary)}")
    if draft.image:
        lines.append(f"Image: {draft.image}")
    lines.append("Status: draft")
    return nfc("\n".join(lines) + "\n\n" + draft.body)


def write(text: str, articles_dir: Path, slug: str) -> Path:
    """Create `<slug>.md`; "x" mode, so a file made meanwhile is never overwritten."""
    articles_dir.mkdir(parents=True, exist_ok=True)
    path = articles_dir / f"{slug}.md"
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _one_line(text: str) -> str:
    return " ".join(text.split())
