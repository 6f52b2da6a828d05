"""What HTML an article, page or sapo may hold, and a parser that finds whatever else is there.

One allow-list serves both lines of defence: the review (raw_html.py) tells the editor, at
file:line, about anything outside it; the sanitiser (sanitise.py) hands the same list to nh3, so
what the review lets through is exactly what gets published. The list covers everything our
Markdown (extra, toc, smarty) and our plugins write into a body: headings with ids, figures and
<picture>s, tables with their alignment, footnotes, abbreviations, code, programme links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import urlsplit

# The images plugin's placeholder <img> attribute (plugins.images.markdown_ext.MARKER, not
# imported: the images plugin imports this package), filled with a <picture> after sanitising.
PHOTO_MARKER = "data-ntm-image"

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre",
    "q", "s", "samp", "small", "source", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Only when EDITORIAL["iframe_hosts"] lists a host, and then only frames from those hosts.
IFRAME = "iframe"
ATTRIBUTES: dict[str, frozenset[str]] = {
    # data-pagefind-*: an editor may keep a passage out of the search index or weigh it.
    "*": frozenset({"id", "class", "title", "lang", "dir", "data-pagefind-ignore",
                    "data-pagefind-weight"}),
    "a": frozenset({"href", "hreflang", "rel"}),
    "img": frozenset({"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding",
                      "fetchpriority", PHOTO_MARKER}),
    "source": frozenset({"srcset", "sizes", "type", "media", "width", "height"}),
    "blockquote": frozenset({"cite"}), "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}), "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}), "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}), "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}), "colgroup": frozenset({"span"}), "details": frozenset({"open"}),
    IFRAME: frozenset({"src", "title", "width", "height", "allow", "allowfullscreen", "loading",
                       "referrerpolicy"}),
}
# Markdown tables align columns with exactly these styles; no other `style` is kept.
_ALIGN = frozenset({f"text-align: {side};" for side in ("left", "center", "right")})
ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "td": {"style": _ALIGN}, "th": {"style": _ALIGN},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Schemes that run code or carry a whole document instead of pointing at one.
DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# Tags that run code, load a plugin or a frame, or change the whole page (its base address,
# a redirect, outside style sheets, a form posting elsewhere): refused, not merely dropped.
ACTIVE_TAGS = frozenset({"script", "object", "embed", "applet", "frame", "frameset", "base",
                         "meta", "link", "form"})
# Attributes whose value is a URL (or, for srcset, a list of them) in some element.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "cite", "data",
                            "background", "lowsrc", "dynsrc", "longdesc", "ping", "xlink:href",
                            "manifest", "codebase", "usemap"})
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})

Kind = Literal["script", "active", "handler", "url", "iframe", "srcdoc", "tag", "attribute",
               "scheme"]
_SEVERE: frozenset[str] = frozenset({"script", "active", "handler", "url", "iframe", "srcdoc"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20]")  # browsers drop them (`java\tscript:` runs)
_TAG_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Finding:
    """One thing outside the allow-list, at a line of the text that was scanned."""

    kind: Kind
    tag: str
    line: int
    name: str = ""  # the attribute
    value: str = ""  # the URL scheme or the iframe's host

    @property
    def severe(self) -> bool:
        """Whether it could run code or load another site (refused) or is merely dropped."""
        return self.kind in _SEVERE


def url_scheme(url: str) -> str:
    """The scheme a browser would see in an attribute's (decoded) value, '' for a relative URL."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url).lower())
    return match[1] if match else ""


def iframe_host(src: str) -> str:
    """The host an iframe would load from, '' when its src names none over http(s)."""
    parts = urlsplit(src.strip())
    if parts.scheme.lower() not in ("", "http", "https") or not parts.hostname:
        return ""
    return parts.hostname.lower()


def attribute_findings(tag: str, name: str, value: str | None, line: int,
                       iframe_hosts: frozenset[str]) -> list[Finding]:
    """What is wrong with one attribute of a tag (the tag itself is judged by the caller)."""
    value = value or ""
    if name.startswith("on"):
        return [Finding("handler", tag, line, name)]
    if tag == IFRAME and name == "srcdoc":
        return [Finding("srcdoc", tag, line, name)]
    urls = ([part.split()[0] for part in value.split(",") if part.strip()]
            if name in SRCSET_ATTRIBUTES else [value] if name in URL_ATTRIBUTES else [])
    for url in urls:
        scheme = url_scheme(url)
        if scheme in DANGEROUS_SCHEMES:
            return [Finding("url", tag, line, name, scheme)]
        if scheme and scheme not in URL_SCHEMES:
            return [Finding("scheme", tag, line, name, scheme)]
    if tag == IFRAME and name == "src" and iframe_host(value) not in iframe_hosts:
        return [Finding("iframe", tag, line, name, iframe_host(value))]
    if not allowed_attribute(tag, name, value):
        return [Finding("attribute", tag, line, name)]
    return []


def allowed_attribute(tag: str, name: str, value: str) -> bool:
    """Whether the sanitiser keeps this attribute (URL schemes aside)."""
    if name in ATTRIBUTES["*"] or name in ATTRIBUTES.get(tag, ()):
        return True
    return value in ATTRIBUTE_VALUES.get(tag, {}).get(name, ())


class _Scanner(HTMLParser):
    """Lists the findings of an HTML text; html.parser skips <script> and <style> contents."""

    def __init__(self, iframe_hosts: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.iframe_hosts = iframe_hosts
        self.found: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "script":
            self.found.append(Finding("script", tag, line))
        elif tag in ACTIVE_TAGS:
            self.found.append(Finding("active", tag, line))
        elif tag == IFRAME and not any(name == "src" for name, _ in attrs):
            self.found.append(Finding("iframe", tag, line, "src"))
        elif tag not in TAGS and tag != IFRAME and _TAG_NAME.match(tag):
            self.found.append(Finding("tag", tag, line))
        for name, value in attrs:
            self.found += attribute_findings(tag, name, value, line, self.iframe_hosts)


def scan(html: str, iframe_hosts: frozenset[str]) -> list[Finding]:
    """Everything in `html` outside the allow-list, with 1-based line numbers in `html`."""
    scanner = _Scanner(iframe_hosts)
    scanner.feed(html)
    scanner.close()
    return scanner.found
