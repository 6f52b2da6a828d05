"""Reading generated pages the way a browser would."""

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def soup(path: Path) -> BeautifulSoup:
    """Parse one generated page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(output: Path) -> list[Path]:
    """Every HTML file in a built site."""
    return sorted(output.rglob("*.html"))


def page_urls(page: BeautifulSoup) -> Iterator[str]:
    """Every URL a browser would follow or fetch from this page."""
    for tag in page.find_all(True):
        for attribute in ("href", "src"):
            if tag.get(attribute):
                yield tag[attribute]
        for attribute in ("srcset", "imagesrcset"):
            for candidate in (tag.get(attribute) or "").split(","):
                if candidate.strip():
                    yield candidate.split()[0]


def resolve(output: Path, page_file: Path, url: str, siteurl: str = "") -> Path | None:
    """The file an internal URL points at, or None for external and non-file URLs.

    With `siteurl` (absolute, maybe with a sub-path), internal URLs must start with it, or with
    its path when root-relative: a root-relative URL that forgets the sub-path is broken.
    """
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "javascript", "data") or url.startswith("#"):
        return None
    prefix = urlsplit(siteurl).path.rstrip("/")
    if parts.scheme or parts.netloc:
        if not siteurl or not (url == siteurl or url.startswith(siteurl.rstrip("/") + "/")):
            return None
        path = unquote(parts.path)[len(prefix):] or "/"
    elif parts.path.startswith("/"):
        path = unquote(parts.path)
        if prefix:
            if not path.startswith(prefix + "/"):
                return output / "__missing_sub_path__" / path.lstrip("/")
            path = path[len(prefix):]
    else:
        path = unquote(parts.path)
    base = output if path.startswith("/") else page_file.parent
    target = (base / path.lstrip("/")).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target
