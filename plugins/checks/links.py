"""Find internal links and images in the written pages that point at nothing.

The URLs of a page are taken from its HTML as the writer renders it (see plugins/rendered), with
a regular expression rather than a parser: our templates and Markdown write every URL quoted,
and 1000 pages take a tenth of a second. Only whether each target exists is asked of the disk,
once per target.
"""

import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

# An attribute follows white space; anchoring on it (not on \b) makes the scan twice as fast.
_URL_ATTRIBUTE = re.compile(r"""\s(href|src|srcset|poster)=(?:"([^"]*)"|'([^']*)')""")
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#")
# The target of a root-relative URL that leaves out the site's sub-path: never a file.
MISSING_PREFIX = "(thiếu tiền tố)"


@dataclass(frozen=True)
class BrokenLink:
    """One URL in one page that resolves to no file."""

    page: str
    url: str


def urls_in(html: str) -> Iterator[str]:
    """Every URL a browser would follow or fetch, srcset candidates included."""
    for attribute, double_quoted, single_quoted in _URL_ATTRIBUTE.findall(html):
        value = unescape(double_quoted or single_quoted)  # Markdown escapes mailto: links
        if attribute == "srcset":
            yield from (part.split()[0] for part in value.split(",") if part.strip())
        else:
            yield value


def target_of(url: str, page: str, siteurl: str) -> str | None:
    """The file (relative to the output) a URL in `page` points at; None if it is not ours.

    `page` is the page's own output name, such as `bai-moi/index.html`.
    """
    if not url or url.startswith(_SKIPPED_SCHEMES):
        return None
    parts, site = urlsplit(url), urlsplit(siteurl)
    if (parts.scheme or parts.netloc) and (parts.scheme, parts.netloc) != (site.scheme,
                                                                         site.netloc):
        return None  # another host: not ours to check here
    path = unquote(parts.path)
    if not path:
        return None  # `?trang=2` and the like: the page itself
    if path.startswith("/"):
        prefix = site.path.rstrip("/")
        if prefix and not (path == prefix or path.startswith(prefix + "/")):
            return f"{MISSING_PREFIX}{path}"
        path = path[len(prefix):]
    else:
        path = posixpath.join("/", posixpath.dirname(page), path)
    target = posixpath.normpath(path).lstrip("/")
    return posixpath.join(target, "index.html") if path.endswith("/") else target


def broken_links(pages: Mapping[str, Iterable[str]], output: Path,
                 siteurl: str) -> list[BrokenLink]:
    """Every URL of every page (output name → its URLs) that points at no file in `output`."""

    @cache
    def resolve(url: str, folder: str) -> str | None:
        return target_of(url, f"{folder}/index.html", siteurl)

    @cache
    def exists(target: str) -> bool:
        return os.path.isfile(os.path.join(output, target))

    broken = []
    for page, urls in pages.items():
        folder = posixpath.dirname(page)
        for url in urls:
            # A root-relative or absolute URL points at the same file from every page.
            target = resolve(url, "" if url.startswith("/") or "//" in url else folder)
            if target is not None and not exists(target):
                broken.append(BrokenLink(page, url))
    return sorted(broken, key=lambda b: (b.page, b.url))
