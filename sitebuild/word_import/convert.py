"""Word → HTML with mammoth, HTML → Markdown with markdownify, in the site's Markdown dialect.

mammoth reads the document's structure (styles, lists, tables, links, pictures) and gives
plain semantic HTML; markdownify turns that into Markdown, with a few overrides for what
Python-Markdown (the site's reader) expects.
"""

import io
import re
from dataclasses import dataclass, field

import mammoth
from markdownify import ATX, MarkdownConverter

from .photos import Photo

# Word styles → HTML the shaping step recognises. mammoth matches style names without regard
# to case (Word's built-in "caption" is shown as "Caption").
STYLE_MAP = """
p[style-name='Title'] => h1.doc-title:fresh
p[style-name='Caption'] => p.caption:fresh
p[style-name='Image Caption'] => p.caption:fresh
p[style-name='Chú thích'] => p.caption:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""
PHOTO_SRC = "word-photo:"  # placeholder until the photo's file name is known


@dataclass
class Converted:
    """The document as HTML, its photos in order, and mammoth's remarks."""

    html: str
    photos: list[Photo] = field(default_factory=list)


def to_html(data: bytes) -> Converted:
    """Run mammoth over the package; photos are collected, not inlined."""
    photos: list[Photo] = []

    def keep(image) -> dict:
        with image.open() as stream:
            photo = Photo(number=len(photos) + 1, data=stream.read(),
                          word_alt=" ".join((image.alt_text or "").split()))
        photos.append(photo)
        return {"src": f"{PHOTO_SRC}{photo.number}"}

    result = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP,
                                     convert_image=mammoth.images.img_element(keep))
    return Converted(html=result.value, photos=photos)


# Characters that start a block in Markdown when a line begins with them.
_LINE_START = re.compile(r"^(\s*(?:\d{1,9})?)(#{1,6}\s|[-+>]\s|(?<=\d)[.)]\s)", re.MULTILINE)


class SiteMarkdown(MarkdownConverter):
    """markdownify for Python-Markdown: 4-space nesting, escaped `|` in tables, HTML sub/sup."""

    def escape(self, text: str, parent_tags) -> str:
        text = super().escape(text, parent_tags)
        # `<` would open raw HTML; `[` a link. Python-Markdown knows `\[` but not `\<`.
        return text.replace("<", "&lt;").replace("[", "\\[").replace("]", "\\]")

    def convert_p(self, el, text, parent_tags) -> str:
        converted = super().convert_p(el, text, parent_tags)
        # A paragraph of Word that begins "1. " or "- " is text, not a list.
        return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], converted, count=1) \
            if not el.find("img") else converted

    def convert_list(self, el, text, parent_tags) -> str:
        converted = super().convert_list(el, text, parent_tags)
        before = el.find_previous_sibling()
        if "li" not in parent_tags and before is not None and before.name in ("ul", "ol"):
            # Python-Markdown joins a list to the one just above it, bullets or numbers alike;
            # an HTML comment between them keeps two lists (and is not shown).
            return "\n\n<!-- -->" + converted
        return converted

    convert_ul = convert_list  # markdownify binds these names to its own convert_list
    convert_ol = convert_list

    def convert_li(self, el, text, parent_tags) -> str:
        converted = super().convert_li(el, text, parent_tags)
        first, newline, rest = converted.partition("\n")
        width = len(first) - len(first.split(" ", 1)[-1]) if " " in first else 0
        # markdownify indents a nested block by the bullet's width; Python-Markdown needs 4.
        rest = re.sub(rf"^ {{{width}}}", "    ", rest, flags=re.MULTILINE) if width else rest
        return first + newline + rest

    def convert_td(self, el, text, parent_tags) -> str:
        return super().convert_td(el, text.replace("|", "\\|"), parent_tags)

    def convert_th(self, el, text, parent_tags) -> str:
        return super().convert_th(el, text.replace("|", "\\|"), parent_tags)

    def convert_s(self, el, text, parent_tags) -> str:
        return text  # Python-Markdown has no strike-through; the words stay


def to_markdown(html: str) -> str:
    """Markdown body with `##` headings, `-` bullets and a header row on every table."""
    converter = SiteMarkdown(heading_style=ATX, bullets="-", table_infer_header=True,
                             keep_inline_images_in=["p", "td", "th"],  # a photo in a table stays
                             sub_symbol="<sub>", sup_symbol="<sup>", escape_underscores=True)
    markdown = converter.convert(html)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
