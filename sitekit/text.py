"""Text normalisation and ASCII slugs for Vietnamese."""

import re
import unicodedata

# đ/Đ is a letter of its own, not d plus a mark, so NFD does not strip it.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
# A sapo opens with its source in parentheses, "(Baohatinh.vn) - ": right on the article page,
# repetitive in a list of ten cards.
_SOURCE = re.compile(r"^\s*\([^)]{2,40}\)\s*[-–—]\s*")


def nfc(text: str) -> str:
    """Compose text (macOS and Word often hand us decomposed Vietnamese)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case text with tone marks, vowel marks and đ removed: `Đoàn` → `doan`."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).lower()


def slugify_vi(text: str, separator: str = "-") -> str:
    """ASCII slug: `Đoàn 1 – Hà Tĩnh` → `doan-1-ha-tinh`.

    The signature matches Python-Markdown's toc `slugify(value, separator)`.
    """
    return _NON_SLUG.sub(separator, fold(text)).strip(separator)


def without_source(text: str) -> str:
    """The sapo without its leading `(Nguồn) - `."""
    return _SOURCE.sub("", text, count=1)
