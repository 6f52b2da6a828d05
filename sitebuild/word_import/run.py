"""One Word file → one draft article and its photos; several files, each on its own."""

import datetime as dt
import glob
from dataclasses import dataclass, field
from pathlib import Path

from sitekit.legacy_vietnamese import NAMES
from sitekit.text import nfc

from . import article, convert, document, photos, shape
from .document import ImportRefused


@dataclass
class Imported:
    """A draft written: where, its photos, and what the editor should know."""

    source: Path
    article: Path
    photos: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        saved = f", {len(self.photos)} ảnh vào {self.photos[0].parent}" if self.photos else ""
        lines = [f"Đã nhập {self.source.name} → {self.article} (bản nháp{saved})."]
        return "\n".join(lines + [f"  - {note}." for note in self.notes])


@dataclass
class Outcome:
    """Every file of one command: those imported and one sentence per file refused."""

    imported: list[Imported] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def expand(argument: str) -> list[Path]:
    """A file, a folder (its .docx files) or a quoted pattern such as "bai/*.docx"."""
    path = Path(argument).expanduser()
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".docx"
                      and not p.name.startswith("~$"))  # ~$ files are Word's lock files
    if not path.exists() and glob.has_magic(argument):
        return [Path(p) for p in sorted(glob.glob(str(path)))] or [path]
    return [path]


def import_all(paths: list[Path], content_dir: Path, category: str,
               now: dt.datetime | None = None) -> Outcome:
    """Import each file; a file refused does not stop the others."""
    outcome = Outcome()
    for path in paths:
        try:
            outcome.imported.append(import_file(path, content_dir, category, now))
        except ImportRefused as refused:
            outcome.refused.append(str(refused))
    return outcome


def import_file(path: Path, content_dir: Path, category: str,
                now: dt.datetime | None = None) -> Imported:
    """Read, convert, save the photos, write `content/articles/<slug>.md` as a draft."""
    from sitekit.legacy_vietnamese import detect

    word = document.read(path)
    try:
        converted = convert.to_html(word.data)
    except Exception:  # mammoth on a package python-docx accepted: still a damaged file
        raise document.damaged(path.name) from None
    for photo in converted.photos:
        photos.identify(photo)
    parts = shape.shape(converted.html, word.title, converted.photos)
    notes = [f"đã chuyển {count} đoạn chữ phông {NAMES.get(enc, enc)} sang Unicode"
             for enc, count in sorted(word.legacy_runs.items())]
    title = parts.title or nfc(path.stem)
    if not parts.title:
        notes.append(f"tài liệu không có tiêu đề nên lấy tên tệp “{title}” → sửa dòng Title")
    elif parts.heading_title and word.title and parts.heading_title != word.title:
        notes.append(f"tiêu đề lấy từ thuộc tính tài liệu “{word.title}”, khác dòng tiêu đề "
                     f"trong bài “{parts.heading_title}” → kiểm tra lại dòng Title")
    if not parts.summary:
        notes.append("chưa tìm thấy sapo → thêm dòng Summary (sapo) vào phần thông tin đầu bài")

    articles_dir, images_dir = content_dir / "articles", content_dir / "images"
    slug = article.free_slug(title, articles_dir)
    if slug != (wanted := article.base_slug(title)):
        notes.append(f"đã có bài tên (hoặc Slug) “{wanted}” nên bài mới được ghi thành "
                     f"{slug}.md, Slug: {slug}; bài cũ giữ nguyên")
    kept = [photo for photo in converted.photos if photo.extension]
    try:
        notes += photos.save(kept, images_dir, slug)
        shape.place_photos(parts.soup, kept)
        body = convert.to_markdown(str(parts.soup))
        draft = article.Draft(title=title, summary=parts.summary, category=category, body=body,
                              image=f"/images/{kept[0].name}" if kept else "")
        written = article.write(article.render(draft, slug, now), articles_dir, slug)
    except OSError as error:  # a folder not writable, a disk full, a file made meanwhile
        raise ImportRefused(f"Không ghi được bài từ {path.name} vào {content_dir} "
                            f"({error.strerror or error}) → kiểm tra quyền ghi và chỗ trống "
                            "trên đĩa rồi chạy lại lệnh.") from None
    notes += parts.notes
    if encoding := detect(body):
        notes.append(f"bài còn chữ có vẻ gõ bằng bảng mã {NAMES.get(encoding, encoding)} mà "
                     "không dùng phông của bảng mã đó → chuyển mã bằng Unikey rồi sửa lại")
    return Imported(source=path, article=written,
                    photos=[images_dir / photo.name for photo in kept], notes=notes)
