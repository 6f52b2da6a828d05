"""What the worker keeps from the first visit: the programme's pages, calendars and assets.

Pages are hashed as the writer renders them (`page_rendered`), never read back from the output.
The files they use (stylesheets, scripts, images, the .ics calendars) are written or copied by
other generators straight to disk, so those few are hashed from the folder this build writes.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .manifest import site_path


@dataclass(frozen=True)
class Entry:
    """One precached file: its URL relative to the site's root, content hash and size in bytes."""

    url: str
    sha256: str
    size: int


def entry(url: str, data: bytes) -> Entry:
    """The entry for a file's bytes."""
    return Entry(url, hashlib.sha256(data).hexdigest()[:20], len(data))


def version(entries: list[Entry]) -> str:
    """A hash of the list: it changes when any file, or the list itself, changes."""
    text = json.dumps([[e.url, e.sha256] for e in entries])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _is_file(url: str) -> bool:
    """A link to a file (`lich/programme.ics`), not to a page (`chuong-trinh/`, `x.html`)."""
    last = posixpath.basename(urlsplit(url).path)
    return "." in last and not last.endswith(".html")


class _Used(HTMLParser):
    """Collects what a page fetches (styles, scripts, images, icons) and its links to files."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        rel = values.get("rel", "").lower().split()
        if tag == "link" and {"stylesheet", "icon", "manifest"} & set(rel):
            self.urls.append(values.get("href", ""))
        elif tag == "script":
            self.urls.append(values.get("src", ""))
        elif tag in ("img", "source"):
            self.urls.append(values.get("src", ""))
            self.urls += [part.split()[0] for part in values.get("srcset", "").split(",")
                          if part.strip()]
        elif tag == "a" and _is_file(values.get("href", "")):
            self.urls.append(values.get("href", ""))  # calendars, schedule exports


def files_used(html: str, siteurl: str) -> set[str]:
    """The site's own files a page needs offline, as paths relative to the site's root."""
    parser = _Used()
    parser.feed(html)
    site = urlsplit(siteurl)
    prefix = site_path(siteurl)
    found = set()
    for url in filter(None, parser.urls):
        parts = urlsplit(url)
        if (parts.scheme or parts.netloc) and (parts.scheme, parts.netloc) != (site.scheme,
                                                                             site.netloc):
            continue  # another host: the worker never fetches it
        path = unquote(parts.path)
        name = posixpath.normpath(path[len(prefix):]) if path.startswith(prefix) else ""
        if name and not name.startswith(("..", "/")) and name != ".":
            found.add(name)
    return found


def page_url(save_as: str) -> str:
    """The URL a folder-style page is linked by: `chuong-trinh/index.html` → `chuong-trinh/`."""
    return save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as


def precache_list(pages: dict[str, str], output: Path, siteurl: str,
                  own: dict[str, bytes]) -> list[Entry]:
    """Entries for the pages (output name → HTML), the files they use, and this plugin's own.

    `own` holds the files written here (the manifest and its icons), name → bytes.
    """
    entries = {page_url(name): entry(page_url(name), html.encode("utf-8"))
               for name, html in pages.items()}
    entries |= {name: entry(name, data) for name, data in own.items()}
    for name in {f for html in pages.values() for f in files_used(html, siteurl)}:
        path = output / name
        if name not in entries and path.is_file():  # a missing file is the link check's to tell
            entries[name] = entry(name, path.read_bytes())
    return sorted(entries.values(), key=lambda e: e.url)
