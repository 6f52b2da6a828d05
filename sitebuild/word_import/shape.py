"""From mammoth's HTML to an article's parts: title, sapo, body headings, captioned photos."""

from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from sitekit.text import nfc

from .convert import PHOTO_SRC
from .photos import Photo, credit_only, read_caption

_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
_SAPO_WINDOW = 3  # a bold sapo is looked for among the first paragraphs only
_LONGEST_HEADLINE = 160  # characters: a bold first line longer than this is a sapo


@dataclass
class Shaped:
    """The article's parts; `soup` is the body left once title and sapo are taken out."""

    soup: BeautifulSoup
    title: str
    heading_title: str  # the headline written in the document ("" when none)
    summary: str
    notes: list[str] = field(default_factory=list)


def shape(html: str, core_title: str, photos: list[Photo]) -> Shaped:
    """Take the title and sapo out of the body, set heading levels and photo captions."""
    soup = BeautifulSoup(html, "html.parser")
    heading_title = _take_headline(soup, core_title)
    title = core_title or heading_title
    summary = _take_sapo(soup)
    _shift_headings(soup)
    for link in soup.find_all("a"):
        if not link.get("href") or link["href"].startswith("#"):
            link.unwrap()  # Word's bookmarks, table-of-contents and footnote links: no target here
    notes = _caption_photos(soup, photos)
    return Shaped(soup=soup, title=title, heading_title=heading_title, summary=summary,
                  notes=notes)


def text_of(element: Tag) -> str:
    """The element's words as a reader sees them (a line break is a space), NFC."""
    parts = [" " if isinstance(node, Tag) else str(node) for node in element.descendants
             if isinstance(node, NavigableString) or node.name == "br"]
    return nfc(" ".join("".join(parts).split()))


def _blocks(soup: BeautifulSoup) -> list[Tag]:
    return [child for child in soup.children if isinstance(child, Tag)]


def _take_headline(soup: BeautifulSoup, core_title: str) -> str:
    """The headline written in the document, taken out of the body; "" when there is none.

    The Title-styled paragraph, else a heading opening the document, else a first paragraph
    that repeats the document's title or, without one, a short bold line with no full stop
    (how headlines are typed without styles). Failing those, the first heading names the
    article but stays in the body, where it heads a part.
    """
    headline = soup.find("h1", class_="doc-title")
    blocks = [block for block in _blocks(soup) if text_of(block) or block.find("img")]
    first = blocks[0] if blocks else None
    if headline is None and first is not None:
        if first.name in _HEADINGS or _typed_headline(first, core_title, len(blocks)):
            headline = first
    if headline is not None:
        text = text_of(headline)
        headline.decompose()
        return text
    later = soup.find(_HEADINGS)
    return text_of(later) if later is not None else ""


def _typed_headline(block: Tag, core_title: str, blocks: int) -> bool:
    if block.name != "p" or block.find("img"):
        return False
    text = text_of(block)
    if core_title:
        return text.casefold() == core_title.casefold()
    return blocks > 2 and _all_in(block, "strong") and len(text) <= _LONGEST_HEADLINE \
        and not text.endswith((".", ":", ";", ","))


def _take_sapo(soup: BeautifulSoup) -> str:
    paragraphs = []
    for block in _blocks(soup):
        if block.name != "p" or block.find("img") or "caption" in block.get("class", []):
            break  # the sapo comes before any heading, list, table or photo
        if text_of(block):
            paragraphs.append(block)
        if len(paragraphs) == _SAPO_WINDOW:
            break
    if not paragraphs:
        return ""
    sapo = next((p for p in paragraphs if _all_in(p, "strong")), paragraphs[0])
    text = text_of(sapo)
    sapo.decompose()
    return text


def _all_in(paragraph: Tag, tag: str) -> bool:
    """Every word of the paragraph is inside <tag> (bold or italic)."""
    inside = " ".join(" ".join(t.get_text(" ") for t in paragraph.find_all(tag)).split())
    return bool(inside) and inside == " ".join(paragraph.get_text(" ").split())


def _shift_headings(soup: BeautifulSoup) -> None:
    """The page's title is the only h1: the document's top level becomes `##`."""
    headings = soup.find_all(_HEADINGS)
    if not headings:
        return
    top = min(int(h.name[1]) for h in headings)
    for heading in headings:
        heading.name = f"h{min(6, int(heading.name[1]) - top + 2)}"
        heading.attrs = {}


def _caption_photos(soup: BeautifulSoup, photos: list[Photo]) -> list[str]:
    by_number = {photo.number: photo for photo in photos}
    notes = []
    for img in soup.find_all("img"):
        number = int(img.get("src", "").removeprefix(PHOTO_SRC) or 0)
        photo = by_number.get(number)
        paragraph = img.parent
        if photo is None or not photo.extension:
            img.decompose()
            if paragraph is not None and paragraph.name == "p" and not text_of(paragraph):
                paragraph.decompose()
            notes.append(f"ảnh {number} không phải dạng JPEG, PNG, GIF… (có thể là EMF/WMF) nên "
                         "không được lấy → lưu ảnh đó thành JPEG, đặt vào content/images/ rồi "
                         "chèn vào bài")
            continue
        alone = paragraph is not None and paragraph.name == "p" \
            and len(paragraph.find_all("img")) == 1 and not text_of(paragraph)
        if alone:
            _take_caption(paragraph, photo)
        if not photo.alt:
            notes.append(f"ảnh {number} chưa có chú thích → viết chú thích trong ngoặc vuông "
                         f"![Chú thích](/images/...)")
    return notes


def _take_caption(paragraph: Tag, photo: Photo) -> None:
    following = paragraph.find_next_sibling()
    if following is None or following.name != "p" or following.find("img"):
        return
    styled = "caption" in following.get("class", [])
    caption = read_caption(text_of(following), styled, _all_in(following, "em"))
    if caption is None:
        return
    following.decompose()
    photo.caption, photo.credit = caption.text, caption.credit
    after = paragraph.find_next_sibling()
    if not photo.credit and after is not None and after.name == "p":
        if credit := credit_only(text_of(after)):
            photo.credit = credit
            after.decompose()


def place_photos(soup: BeautifulSoup, photos: list[Photo], url_prefix: str = "/images/") -> None:
    """Point each placeholder at its saved file, with the caption and credit Markdown takes."""
    by_number = {photo.number: photo for photo in photos}
    for img in soup.find_all("img"):
        photo = by_number[int(img["src"].removeprefix(PHOTO_SRC))]
        img.attrs = {"src": url_prefix + photo.name, "alt": photo.alt}
        if photo.credit:
            img["title"] = photo.credit
