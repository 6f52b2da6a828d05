"""HTML for processed photos: the body's <picture>s, and the cover and social card for templates."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from .library import Photo
from .markdown_ext import MARKER
from .pixels import Variant

# Placeholders written by markdown_ext (the serializer sorts attributes); values there are
# escaped, so `"` and `>` never occur inside them.
PLACEHOLDER = re.compile(
    rf'<img(?P<before>[^>]*?) {MARKER}="(?P<ref>[^"]*)"(?P<after>[^>]*?)\s*/?>'
)
_ALT = re.compile(r'\balt="([^"]*)"')
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png",
        "gif": "image/gif"}
_MODERN = ("avif", "webp")
# The <img src> for browsers without srcset: the largest width up to this.
_DEFAULT_WIDTH = 800


@dataclass(frozen=True)
class Source:
    """One <source> of a <picture>."""

    type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """A responsive photo for templates (article.cover): enough to write <picture> by hand."""

    url: str  # fallback <img src> (JPEG, or PNG/GIF)
    srcset: str  # fallback format at every width
    type: str  # MIME type of the fallback
    sources: tuple[Source, ...]  # AVIF then WebP
    width: int  # intrinsic size of the largest width: the aspect ratio, no layout shift
    height: int
    alt: str
    sizes: str
    source: str  # the original, relative to the content folder
    in_body: bool = False  # the same photo is also a figure of the body

    def html(self, sizes: str | None = None, eager: bool = False, alt: str | None = None,
             css_class: str = "") -> Markup:
        """Write the whole <picture>; `alt=""` for a thumbnail whose link holds the title."""
        text = self.alt if alt is None else alt
        attributes = f' alt="{_attr(text)}"' + (f' class="{_attr(css_class)}"' if css_class else "")
        return Markup(tag(self, sizes or self.sizes, eager, attributes))


@dataclass(frozen=True)
class SocialImage:
    """The OpenGraph / Twitter card (article.social_image)."""

    url: str
    width: int
    height: int
    alt: str
    type: str = "image/jpeg"


@dataclass
class Body:
    """Content HTML with its placeholders filled, and the photos it used, in order."""

    html: str
    refs: list[tuple[str, Photo | None, str]] = field(default_factory=list)  # ref, photo, alt


def picture(photo: Photo, base_url: str, alt: str, sizes: str) -> Picture:
    """Describe a processed photo, URLs under `base_url` (SITEURL + output folder)."""
    by_format: dict[str, list[Variant]] = {}
    for variant in photo.manifest.variants:
        by_format.setdefault(variant.format, []).append(variant)

    def srcset(variants: list[Variant]) -> str:
        return ", ".join(f"{base_url}/{photo.output_name(v)} {v.width}w"
                         for v in sorted(variants, key=lambda v: v.width))

    fallback = sorted(by_format[photo.manifest.fallback], key=lambda v: v.width)
    default = ([v for v in fallback if v.width <= _DEFAULT_WIDTH] or fallback)[-1]
    largest = fallback[-1]
    return Picture(
        url=f"{base_url}/{photo.output_name(default)}",
        srcset=srcset(fallback),
        type=MIME[photo.manifest.fallback],
        sources=tuple(Source(MIME[f], srcset(by_format[f])) for f in _MODERN if f in by_format),
        width=largest.width,
        height=largest.height,
        alt=alt,
        sizes=sizes,
        source=photo.relpath,
    )


def social_image(photo: Photo, base_url: str, alt: str) -> SocialImage | None:
    """Describe the social card of a processed photo, if the recipe makes cards."""
    card = photo.manifest.social
    if card is None:
        return None
    return SocialImage(f"{base_url}/{photo.output_name(card)}", card.width, card.height, alt)


def tag(pic: Picture, sizes: str, eager: bool, attributes: str) -> str:
    """<picture> markup; `attributes` is escaped HTML (alt, class…) for the <img>."""
    sizes = _attr(sizes)
    sources = "".join(f'<source type="{s.type}" srcset="{_attr(s.srcset)}" sizes="{sizes}">'
                      for s in pic.sources)
    # The first photo of a page is usually the largest paint: fetch it first, never lazily.
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return (f'<picture>{sources}<img src="{_attr(pic.url)}" srcset="{_attr(pic.srcset)}" '
            f'sizes="{sizes}" width="{pic.width}" height="{pic.height}"{attributes} '
            f'decoding="async" {loading}></picture>')


def fill(content_html: str, lookup: Callable[[str], Photo | None], base_url: str, sizes: str,
         eager_first: bool) -> Body:
    """Replace every placeholder; a missing or bad photo leaves only its caption behind."""
    body = Body(content_html)

    def replace(match: re.Match) -> str:
        ref = html.unescape(match["ref"])
        attrs = match["before"] + match["after"]
        alt_match = _ALT.search(attrs)
        alt = html.unescape(alt_match[1]) if alt_match else ""
        photo = lookup(ref)
        body.refs.append((ref, photo, alt))
        if photo is None or photo.manifest.error:
            return ""  # the build fails on it; nothing half-made is published
        eager = eager_first and len(body.refs) == 1
        return tag(picture(photo, base_url, alt, sizes), sizes, eager, attrs)

    body.html = PLACEHOLDER.sub(replace, content_html)
    return body


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
