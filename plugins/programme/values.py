"""Values as editors typed them, made safe for pages, calendars, JSON-LD and messages."""

from __future__ import annotations

import re

from sitekit.text import nfc

# C0 and C1 control characters other than tab and line breaks: a double-quoted YAML string
# can hold any of them ("\0", "\a", "\e"); no page, calendar or feed should. Nor lone
# surrogates ("\ud800": no UTF-8 file can hold one) or U+FFFE/U+FFFF (not XML characters).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Every way of ending a line: icalendar refuses them in one-line properties (SUMMARY, NAME).
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")

TEXT_FIX = ("viết chữ ngay sau dấu “:” trên cùng dòng; nếu chữ có dấu “:”, “#”, “[”, “{” "
            "hay bắt đầu bằng “- ” thì đặt cả câu trong ngoặc kép.")


def shape(value: object) -> str | None:
    """How a value that is not text looks to the editor ('một danh sách'); None for text."""
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một khối “khoá: giá trị”"
    if value is None or isinstance(value, str | int | float | bool):
        return None
    return "một giá trị không phải chữ"


def tidy(value: object, lines: bool = False) -> str:
    """Composed (NFC) text without control characters; on one line unless `lines`.

    One-line fields (titles, names, speakers, address parts) become calendar SUMMARY and
    LOCATION, JSON-LD `name` and page headings: every line break and run of spaces is one
    space there. Descriptions and notes keep their lines.
    """
    text = _CONTROLS.sub(" ", _LINE_BREAKS.sub("\n", nfc(str(value))))
    if lines:
        return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
    return " ".join(text.split())


def shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: one line, cut after `limit` characters."""
    text = tidy(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
