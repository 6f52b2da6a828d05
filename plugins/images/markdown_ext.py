"""Python-Markdown extension: content photos become figures with captions, as placeholders.

The tree processor knows the document's structure (a photo alone in its paragraph becomes a
<figure> replacing that paragraph) but nothing about the files: the <picture> itself is filled
in at `content_object_init` from the current cache (render.py). So Pelican's content cache,
which stores this converted HTML, never holds image sizes, cache keys or SITEURL, and a photo
replaced by an editor shows up even when the article's text did not change.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .library import RASTER

# The attribute that marks a placeholder <img>; render.py replaces the whole tag. Its name must
# not end in "src": Pelican rewrites {static} links in any attribute whose name ends so.
MARKER = "data-ntm-image"

# `{static}` or `|static|` (and attach) before a photo's path, as Pelican spells them.
LINK_PREFIX = re.compile(r"^[{|](?:static|attach)[}|]")
_CREDIT = re.compile(r"^\s*(ảnh|nguồn|đồ họa|đồ hoạ|video|clip|photo)\b", re.IGNORECASE)


def is_content_photo(src: str) -> bool:
    """Tell a raster file of the site (`/images/x.jpg`, `{static}/…`) from a remote URL."""
    parts = urlsplit(LINK_PREFIX.sub("", src))
    if parts.scheme or parts.netloc or not parts.path:
        return False
    suffix = unquote(parts.path).rsplit(".", 1)[-1].lower()
    return f".{suffix}" in RASTER


def credit(title: str) -> str:
    """Newspaper credit: `Thanh Hà` → `Ảnh: Thanh Hà`; `Nguồn: TTXVN` stays as written."""
    title = title.strip()
    return title if _CREDIT.match(title) else f"Ảnh: {title}"


class _FigureTreeprocessor(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        photos = [img for img in root.iter("img") if is_content_photo(img.get("src", ""))]
        for img in photos:
            _mark(img)
        for paragraph in [p for p in root.iter("p") if _only_photos(p)]:
            parent = parents[paragraph]
            index = list(parent).index(paragraph)
            parent.remove(paragraph)
            for offset, img in enumerate(list(paragraph)):
                figure = _figure(img)
                figure.tail = "\n"
                parent.insert(index + offset, figure)


def _mark(img: ET.Element) -> None:
    attributes = dict(img.attrib)
    img.attrib.clear()
    img.set(MARKER, attributes.pop("src"))
    img.set("alt", attributes.pop("alt", ""))
    img.attrib.update(attributes)  # class/id from attr_list, title on inline photos


def _only_photos(paragraph: ET.Element) -> bool:
    return (len(paragraph) > 0 and not (paragraph.text or "").strip()
            and all(child.tag == "img" and MARKER in child.attrib
                    and not (child.tail or "").strip() for child in paragraph))


def _figure(img: ET.Element) -> ET.Element:
    title = img.attrib.pop("title", None)
    alt = img.get("alt", "").strip()
    img.tail = None
    figure = ET.Element("figure", {"class": "figure"})
    figure.append(img)
    if alt or title:
        caption = ET.SubElement(figure, "figcaption")
        caption.text = alt
        if title and title.strip():
            caption.text = f"{alt} " if alt else None
            ET.SubElement(caption, "span", {"class": "credit"}).text = credit(title)
    return figure


class ImagesExtension(Extension):
    """Registers the figure tree processor."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # 5: after `inline` (20) made the <img>s and `attr_list` (8) gave them classes,
        # before `unescape` (0).
        md.treeprocessors.register(_FigureTreeprocessor(md), "images_figures", 5)
