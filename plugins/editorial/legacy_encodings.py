"""Recognise Vietnamese typed in the pre-Unicode TCVN3 (ABC) and VNI encodings.

Such text, saved as UTF-8 or as a Windows code page, shows tell-tale characters: TCVN3 puts
Vietnamese letters on Latin-1 symbols (`µ` for à, `¸` for á, `®` for đ), VNI writes a vowel followed
by a mark letter (`aø` for à, `ñ` for đ). A real Vietnamese text has almost none of those.
"""

import re

# Latin-1 symbols that TCVN3 uses for its commonest letters (µ à, ¸ á, ¨ ă, © â, ® đ...);
# none of them occurs in Vietnamese written in Unicode.
_TCVN3 = re.compile(r"[\u00a1-\u00bf]")
# VNI: a vowel followed by a mark letter (aø à, aù á, aû ả, aï ạ, oö ư...), or ñ for đ.
_VNI = re.compile(r"[aeiouy][øùûïö]|ñ", re.IGNORECASE)
# A few hits per hundred letters, and several in all, so a stray "±" or "Ñ" is not flagged.
_THRESHOLD = 0.03
_MINIMUM_HITS = 3
_LETTER = re.compile(r"[^\W\d_]")  # what str.isalpha() accepts, counted from C


def legacy_encoding(text: str) -> str | None:
    """'TCVN3' or 'VNI' when the text looks typed in that encoding, else None."""
    tcvn3, vni = len(_TCVN3.findall(text)), len(_VNI.findall(text))
    hits = max(tcvn3, vni)
    if hits < _MINIMUM_HITS:
        return None  # every build reads every file: count the letters only when it matters
    if hits / (len(_LETTER.findall(text)) or 1) < _THRESHOLD:
        return None
    return "TCVN3" if tcvn3 >= vni else "VNI"


def how_to_convert(name: str) -> str:
    """The fix, as an editor can do it with Unikey."""
    return (
        f"chuyển sang Unicode: mở Unikey → Công cụ (Ctrl+Shift+F6), chọn nguồn {name}, "
        "đích Unicode, chuyển mã nội dung rồi dán lại và lưu tệp với bảng mã UTF-8"
    )
