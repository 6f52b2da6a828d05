"""Photos of the document: captions and credits in the site's style, files in content/images/."""

import io
import re
from dataclasses import dataclass
from pathlib import Path

from sitekit.text import nfc

# Pillow's format → the file's extension; all are photos the images plugin reads.
_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "BMP": ".bmp",
               "TIFF": ".tif"}
# "Ảnh: Thu Hà", "(Ảnh: Thu Hà)", "Ảnh minh họa: TTXVN", "Nguồn: Sở NN&PTNT" at the end of a
# caption, or alone: how Vietnamese papers credit a photo. The last such label counts.
_CREDIT_WORD = r"(?:(?:Ảnh|ẢNH)(?:\s+minh\s+họa|\s+minh\s+hoạ|\s+tư\s+liệu)?|Nguồn|NGUỒN|Đồ\s+họa)"
_LABEL = re.compile(rf"(?:^|[\s.,;–—-]+)\(?\s*(?P<word>{_CREDIT_WORD})\s*[:：–—-]\s*")
_LONGEST_CREDIT = 8  # words: a name or an agency; past that, "Ảnh: …" introduces a caption
# Word's own guess at a description ("A group of people … Description automatically
# generated", "… Mô tả được tạo tự động"): not a caption an editor wrote.
_GENERATED_ALT = re.compile(r"automatically generated|được tạo tự động|tạo tự động", re.IGNORECASE)
_LONGEST_CAPTION = 300  # longer than this after a photo, a paragraph is body text


@dataclass
class Photo:
    """One picture of the document, as mammoth handed it over."""

    number: int  # 1, 2… in document order
    data: bytes
    word_alt: str  # the description Word keeps for the picture, often empty or generated
    extension: str = ""  # "" when Pillow cannot read it (EMF, WMF, damaged)
    caption: str = ""
    credit: str = ""  # "Ảnh: Thu Hà"
    name: str = ""  # the file written in content/images/

    @property
    def alt(self) -> str:
        """What goes in the brackets: the caption, else the description an editor gave Word."""
        if self.caption or _GENERATED_ALT.search(self.word_alt):
            return self.caption
        return _clean(self.word_alt)


@dataclass(frozen=True)
class Caption:
    """A caption paragraph read as text and credit."""

    text: str
    credit: str


def identify(photo: Photo) -> None:
    """Find the photo's format with Pillow (it also proves the bytes are a picture)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(photo.data)) as image:
            image.verify()
            photo.extension = _EXTENSIONS.get(image.format or "", "")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        photo.extension = ""


def read_caption(text: str, styled: bool, italic: bool) -> Caption | None:
    """The paragraph after a photo as its caption, or None when it is body text.

    It is a caption when styled Caption, when it is a credit (`Ảnh: …`), when it ends with one,
    or when it is short and all in italics, the way papers set captions.
    """
    text = nfc(" ".join(text.split()))
    if not text or len(text) > _LONGEST_CAPTION and not styled:
        return None
    labels = list(_LABEL.finditer(text))
    last = labels[-1] if labels else None
    who = text[last.end():].strip().removesuffix(")").strip() if last else ""
    if last and (len(who.split()) > _LONGEST_CREDIT or "(" in who or not who):
        if last.start() == 0 and who:  # "Ảnh: Đại biểu thăm vườn mẫu ở Cẩm Xuyên…"
            return Caption(_clean(who), "")
        last = None
    if not (styled or last or italic):
        return None
    if not last:
        return Caption(_clean(text), "")
    word, before = last["word"], text[:last.start()]
    if opening := _LABEL.match(before):  # "Ảnh: Đại biểu tham quan. Ảnh: Thu Hà"
        before = before[opening.end():]
    who = _typographic_quotes(who.removesuffix("."))
    return Caption(_clean(before), f"{word[:1].upper()}{word[1:].lower()}: {who}")


def credit_only(text: str) -> str:
    """`Ảnh: Thu Hà` alone in a paragraph (after a caption), else ""."""
    caption = read_caption(text, styled=False, italic=False)
    return caption.credit if caption and not caption.text else ""


def _clean(text: str) -> str:
    """Caption text as the site writes it: no closing full stop, no quote a title cannot hold."""
    text = text.strip().strip("–—-").strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    # Markdown's `![caption](src "credit")`: brackets and straight quotes would end it early.
    return _typographic_quotes(text.replace("[", "(").replace("]", ")"))


def _typographic_quotes(text: str) -> str:
    parts = text.split('"')
    return "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) \
        + parts[-1]


def save(photos: list[Photo], images_dir: Path, stem: str) -> list[str]:
    """Write each readable photo as `<stem>-<n><ext>`, never over a file; say what was renamed."""
    notes = []
    images_dir.mkdir(parents=True, exist_ok=True)
    for photo in photos:
        if not photo.extension:
            continue
        wanted = f"{stem}-{photo.number}{photo.extension}"
        photo.name = _write_new(images_dir, f"{stem}-{photo.number}", photo.extension, photo.data)
        if photo.name != wanted:
            notes.append(f"content/images/{wanted} đã có nên ảnh {photo.number} được ghi thành "
                         f"{photo.name} (tệp cũ giữ nguyên)")
    return notes


def _write_new(folder: Path, stem: str, extension: str, data: bytes) -> str:
    for attempt in range(1, 1000):
        name = f"{stem}{extension}" if attempt == 1 else f"{stem}-{attempt}{extension}"
        try:
            with (folder / name).open("xb") as handle:  # "x": never over an existing file
                handle.write(data)
            return name
        except FileExistsError:
            continue
    raise FileExistsError(folder / f"{stem}{extension}")
