"""Reading a Word file: is it a .docx we can open, its title, its text in Unicode."""

import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sitekit.text import nfc

# Word puts this before the file name when a document was printed to PDF or converted.
_WORD_PREFIX = "Microsoft Word - "


class ImportRefused(Exception):
    """A file that cannot be imported; the message is one Vietnamese sentence naming it."""


@dataclass
class WordFile:
    """A .docx read and ready for mammoth."""

    path: Path
    data: bytes  # the package, with legacy-font runs already in Unicode
    title: str  # from the core properties; "" when the document has none
    legacy_runs: Counter = field(default_factory=Counter)  # runs converted, per encoding


def read(path: Path) -> WordFile:
    """Open `path` as a .docx or refuse it with a sentence saying what to do."""
    shown = path.name
    if not path.is_file():
        raise ImportRefused(f"Không tìm thấy tệp {path} → kiểm tra lại tên và thư mục của tệp.")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ImportRefused(f"{shown} là tệp Word cũ (.doc) → mở bằng Word, chọn Lưu thành "
                            "(Save As) kiểu “Word Document (.docx)” rồi nhập tệp .docx đó.")
    if suffix != ".docx":
        raise ImportRefused(f"{shown} không phải tệp Word .docx → chỉ nhập được tệp .docx; "
                            "mở tệp bằng Word và lưu thành .docx.")
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise damaged(shown)
    try:
        return _parse(path, data)
    except ImportRefused:
        raise
    except Exception:  # whatever breaks inside a damaged package, the editor gets one sentence
        raise damaged(shown) from None


def damaged(shown: str) -> ImportRefused:
    """The sentence for a file that is not a readable Word package."""
    return ImportRefused(f"{shown} bị hỏng hoặc không phải tài liệu Word → mở tệp bằng Word; "
                         "nếu mở được, lưu lại thành .docx rồi nhập lại, nếu không, xin bản "
                         "gốc từ người gửi.")


def _parse(path: Path, data: bytes) -> WordFile:
    import docx

    from sitekit.legacy_vietnamese import detect, to_unicode

    from .legacy import convert_runs

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if package.testzip() is not None:  # a member whose bytes do not match its CRC
            raise damaged(path.name)
    document = docx.Document(io.BytesIO(data))
    converted = convert_runs(document)
    if converted:
        buffer = io.BytesIO()
        document.save(buffer)
        data = buffer.getvalue()
    title = " ".join((document.core_properties.title or "").split())
    title = title.removeprefix(_WORD_PREFIX)
    if encoding := detect(title):
        title = to_unicode(title, encoding)
    return WordFile(path=path, data=data, title=nfc(title), legacy_runs=converted)
