"""Vietnamese typed in the pre-Unicode TCVN3 (ABC) and VNI encodings: recognised, converted.

Such text reaches us as the characters its bytes show in Windows-1252 (what copying from a
`.VnTime` or `VNI-Times` document gives): TCVN3 puts each Vietnamese letter on one byte
(`Hµ TÜnh`, µ = à), VNI writes a vowel followed by a mark byte (`Haø Tónh`, aø = à).

The tables follow TCVN 5712:1993 VN3 (the `.VnTime` fonts) and the VNI-Windows layout, as
Unikey and xvnkb implement them. VN3 has codes for the lower-case letters only, plus the seven
capitals Ă Â Ê Ô Ơ Ư Đ; the other capitals are the same bytes drawn by a capitals font
(`.VnTimeH`). So a toned TCVN3 letter becomes lower case, except inside a word written in
capitals (`TÜNH` → `TĨNH`) and at the start of a sentence; `capitals_font` tells a caller which
fonts draw everything in capitals (upper-case what they convert).

API: `detect`, `first_line`, `to_unicode`, `encoding_of_font`, `capitals_font`, `NAMES`;
`from_unicode` for tests.
"""

import re
import unicodedata

# The five tones, in the order of the rows below: sắc, huyền, hỏi, ngã, nặng.
_TONE_MARKS = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

# TCVN3 (VN3) byte of each lower-case letter: no tone, then the five tones. None: plain ASCII.
_TCVN3_ROWS: dict[str, tuple[int | None, ...]] = {
    "a": (None, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9),
    "ă": (0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB),
    "e": (None, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6),
    "i": (None, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (None, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4),
    "ô": (0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE),
    "u": (None, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9),
    "y": (None, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
_TCVN3_SINGLE = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6,
                 "Đ": 0xA7}

# VNI-Windows spelling of each lower-case letter (capitals: the same bytes' capital forms,
# `aø` → `AØ`). A plain vowel takes ù ø û õ ï (0xF9 F8 FB F5 EF) for the tones; â ê ô are the
# vowel plus â á à å ã ä (0xE2 E1 E0 E5 E3 E4), ă the vowel plus ê é è ú ü ë (0xEA E9 E8 FA FC
# EB); ơ is ô (0xF4), ư is ö (0xF6); i and ỵ have bytes of their own; đ is ñ (0xF1).
_VNI_ROWS: dict[str, tuple[str, ...]] = {
    "a": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "e": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),
    "o": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "u": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ư": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),
}
_VNI_SINGLE = {"đ": "ñ"}

ENCODINGS = ("tcvn3", "vni")
NAMES = {"tcvn3": "TCVN3", "vni": "VNI"}  # each encoding as editors know it


def _letter(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + (_TONE_MARKS[tone - 1] if tone else ""))


def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """(TCVN3 → Unicode, Unicode → TCVN3, VNI → Unicode, Unicode → VNI), both cases."""
    tcvn3_in: dict[str, str] = {}
    tcvn3_out: dict[str, str] = {}
    vni_in: dict[str, str] = {}
    vni_out: dict[str, str] = {}
    for base, codes in _TCVN3_ROWS.items():
        for tone, code in enumerate(codes):
            if code is None:
                continue
            letter = _letter(base, tone)
            tcvn3_in[chr(code)] = letter
            tcvn3_out[letter] = tcvn3_out[letter.upper()] = chr(code)  # capital: same byte
    for letter, code in _TCVN3_SINGLE.items():
        tcvn3_in[chr(code)] = letter
        tcvn3_out[letter] = chr(code)
    singles = {base: (spelling,) for base, spelling in _VNI_SINGLE.items()}
    for base, spellings in {**_VNI_ROWS, **singles}.items():
        for tone, spelling in enumerate(spellings):
            letter = _letter(base, tone)
            for case_letter, case_spelling in ((letter, spelling),
                                               (letter.upper(), spelling.upper())):
                if case_spelling != case_letter:
                    vni_in[case_spelling] = case_letter
                    vni_out[case_letter] = case_spelling
            if len(spelling) == 2:  # a capital followed by a lower-case mark still means one
                vni_in[spelling[0].upper() + spelling[1]] = letter.upper()
                vni_in[spelling[0] + spelling[1].upper()] = letter
    return tcvn3_in, tcvn3_out, vni_in, vni_out


_TCVN3_IN, _TCVN3_OUT, _VNI_IN, _VNI_OUT = _tables()
_TCVN3_TRANSLATE = str.maketrans(_TCVN3_IN)
_TCVN3_CAPITALS = frozenset(code for code, letter in _TCVN3_IN.items() if letter.isupper())
_TCVN3_WORD = re.compile("[A-Za-z" + re.escape("".join(_TCVN3_IN)) + "]+")
_VNI_CODE = re.compile("|".join(re.escape(s) for s in sorted(_VNI_IN, key=len, reverse=True)))
_VNI_CHARS = "".join(sorted({ch for spelling in _VNI_IN for ch in spelling if ord(ch) > 0x7F}))
_VNI_WORD = re.compile("[A-Za-z" + re.escape(_VNI_CHARS) + "]+")


# Where a sentence starts within a line: after . ! ? and a space; at the start of a heading, of
# a metadata value, or of a line that opens a paragraph (list marks and opening quotes skipped).
_SENTENCE_START = re.compile(r"""^[ \t]*(?:[#>*+-]+[ \t]+|\d+[.)][ \t]+|[A-Za-z][\w-]*:[ \t]+)?"""
                             r"""["“‘'(\[*_]*|[.!?…]["”’')\]*_]*[ \t]+["“‘'(\[*_]*""")


def _tcvn3_line(line: str, paragraph_start: bool) -> str:
    starts = {m.end() for m in _SENTENCE_START.finditer(line)
              if m.start() or paragraph_start or "#" in m[0] or ":" in m[0]}

    def word(match: re.Match) -> str:
        code = match[0]
        letters = code.translate(_TCVN3_TRANSLATE)
        capitals = sum(ch.isascii() and ch.isupper() or ch in _TCVN3_CAPITALS for ch in code)
        small = sum(ch.isascii() and ch.islower() for ch in code)
        # VN3 has bytes for lower-case letters only: a word otherwise in capitals was drawn
        # in capitals, and so was the first letter of a sentence.
        if capitals >= 2 and not small:
            return letters.upper()
        if match.start() in starts and code[0] in _TCVN3_IN:
            return letters[0].upper() + letters[1:]
        return letters

    return _TCVN3_WORD.sub(word, line)


def _tcvn3(text: str) -> str:
    lines = text.splitlines(keepends=True)
    out = []
    for number, line in enumerate(lines):
        # Not the text's first line: a fragment (a Word run) may start mid-sentence.
        out.append(_tcvn3_line(line, number > 0 and not lines[number - 1].strip()))
    return "".join(out)


def to_unicode(text: str, encoding: str) -> str:
    """Text typed in `encoding` ("tcvn3" or "vni"), in Unicode NFC. ASCII never changes.

    The whole text is converted (call `detect` first to know whether it should be). Its first
    line may be a fragment (a Word run), so no letter of it is made a capital for opening it.
    """
    if encoding == "tcvn3":
        converted = _tcvn3(text)
    elif encoding == "vni":
        converted = _VNI_CODE.sub(lambda match: _VNI_IN[match[0]], text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}: expected one of {ENCODINGS}")
    return unicodedata.normalize("NFC", converted)


def from_unicode(text: str, encoding: str) -> str:
    """Unicode text as it would be typed in `encoding` (for tests and samples).

    TCVN3 gives toned capitals the byte of their lower-case letter, as Unikey does.
    """
    table = {"tcvn3": _TCVN3_OUT, "vni": _VNI_OUT}.get(encoding)
    if table is None:
        raise ValueError(f"unknown legacy encoding {encoding!r}: expected one of {ENCODINGS}")
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


_VNI_FONT = re.compile(r"vni[-_ ]", re.IGNORECASE)
_TCVN3_FONT = re.compile(r"\.?vn[a-z3]", re.IGNORECASE)


def encoding_of_font(font_name: str | None) -> str | None:
    """"tcvn3" for the ABC fonts (.VnTime, .VnTimeH, .VnArial…), "vni" for VNI-Times…, else None."""
    name = (font_name or "").strip()
    if _VNI_FONT.match(name):
        return "vni"
    if _TCVN3_FONT.match(name):
        return "tcvn3"
    return None


def capitals_font(font_name: str | None) -> bool:
    """Whether an ABC font draws every letter as a capital (.VnTimeH, .VnArialH…)."""
    name = (font_name or "").strip()
    return encoding_of_font(name) == "tcvn3" and name.endswith("H")


# --- Recognising legacy text -------------------------------------------------------------------

# A well-formed Vietnamese syllable once its tone is set aside: a converted word that is not one
# was never Vietnamese (`naïve`, `Zoë`, `Acme®`), so foreign names do not count as evidence.
_SYLLABLE = re.compile(r"(ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|[bcdđghklmnprstvx])?"
                       r"[aăâeêioôơuưy]{1,3}(ch|nh|ng|[cmnpt])?")
# Vowel pairs of ordinary Unicode Vietnamese (hoà, quá, khoẻ, tiên, xuân) that VNI would also
# read as a mark: they prove nothing.
_UNICODE_PAIRS = frozenset({"uâ", "uê", "iê", "yê", "oà", "oá", "oã", "uà", "uá", "uã", "oè",
                            "oé", "uè", "ué"})
_VNI_ONLY = frozenset("ñöæîÑÖÆÎ")
# TCVN3 codes between ¡ and ¾ are symbols in every other text, letters only here.
_TCVN3_SIGNS = frozenset(code for code in _TCVN3_IN if ord(code) < 0xC0)
# Letters only Unicode Vietnamese has (ă đ ơ ư ạ ả ấ …): a text full of them is Unicode already.
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169"
                                 "\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_TCVN3_SIGN = re.compile("[" + re.escape("".join(sorted(_TCVN3_SIGNS))) + "]")
# Each VNI mark pair or VNI-only letter (a superset of what `_vni_evidence` counts).
_VNI_MARK = re.compile("[aeiouyôöAEIOUYÔÖ][" + re.escape("ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË")
                       + "]|[" + re.escape("".join(sorted(_VNI_ONLY))) + "]")
_WORD = re.compile(r"[^\W\d_]+")
_MINIMUM_WORDS = 3  # words read as Vietnamese once converted
_SHARE = 0.05  # of all the words of the text


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONE_MARKS for ch in decomposed) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def _has_consonant(word: str) -> bool:
    # A lone vowel proves little: French `où` reads as VNI `ó`, `©` as TCVN3 `â`.
    return any(ch.isascii() and ch.isalpha() and ch.lower() not in "aeiouy" for ch in word)


def _tcvn3_evidence(word: str) -> bool:
    return any(ch in _TCVN3_SIGNS for ch in word) and _has_consonant(word)


def _vni_evidence(word: str) -> bool:
    if not _has_consonant(word):
        return False
    if any(ch in _VNI_ONLY for ch in word):
        return True
    return any(len(code) == 2 and code.lower() not in _UNICODE_PAIRS
               for code in _VNI_CODE.findall(word))


def _vietnamese_words(text: str, encoding: str) -> int:
    """Words that show the encoding's marks and read as Vietnamese syllables once converted."""
    if encoding == "tcvn3":
        words, evidence = _TCVN3_WORD.findall(text), _tcvn3_evidence
    else:
        words, evidence = _VNI_WORD.findall(text), _vni_evidence
    return sum(evidence(word) and _is_syllable(to_unicode(word, encoding)) for word in words)


def first_line(text: str, encoding: str) -> int:
    """The number of the first line holding a word typed in that encoding (1 if none is found).

    `detect` judges the whole text; an editor needs the line to look at, which may be far
    below an ASCII metadata block.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.isascii() and _vietnamese_words(line, encoding):
            return number
    return 1


def detect(text: str) -> str | None:
    """"tcvn3" or "vni" when the text was typed in that encoding, else None.

    Conservative: it takes several words that carry the encoding's own marks and become
    Vietnamese syllables once converted, a share of the text's words, and a text not already
    full of Unicode Vietnamese letters. English, numbers and Unicode Vietnamese give None.
    """
    if text.isascii():
        return None  # most files: nothing either encoding could have written
    # Every build reads every file: first an upper bound from one pass per encoding, enough to
    # clear a Unicode article, then the word-by-word reading only for a likely legacy text.
    signs = len(_TCVN3_SIGN.findall(text))
    marks = sum(pair.lower() not in _UNICODE_PAIRS for pair in _VNI_MARK.findall(text))
    bound = max(signs, marks)
    if bound < _MINIMUM_WORDS:
        return None
    unicode_letters = len(_UNICODE_VIETNAMESE.findall(text))
    if unicode_letters >= 4 * bound:
        return None
    counts = {encoding: _vietnamese_words(text, encoding) for encoding in ENCODINGS}
    encoding = max(ENCODINGS, key=lambda name: counts[name])
    found = counts[encoding]
    if found < _MINIMUM_WORDS or found < _SHARE * len(_WORD.findall(text)):
        return None
    if unicode_letters >= 4 * found:
        return None  # Unicode Vietnamese quoting a few foreign words
    return encoding


def is_unicode_vietnamese(text: str) -> bool:
    """Whether the text holds a letter only Unicode Vietnamese has (a line already converted)."""
    return _UNICODE_VIETNAMESE.search(text) is not None
