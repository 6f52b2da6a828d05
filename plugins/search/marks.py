"""What Pagefind reads of a page: Vietnamese letters folded, their marks kept as a code.

Pagefind 1.5 folds tone marks (`hà` and `ha` share the key `ha`) but not đ, which is a letter of
its own: `đoàn` sits under the key `đoan`, so `doan` misses it. And its quoted-phrase search
looks for the phrase in one spelling ("variant") of each word at a time, so `"Hà Tĩnh"` misses
a page that also holds `hạ` or `tỉnh`: Vietnamese pages nearly always do.

The fix works on the copy of each page given to Pagefind, never on the published HTML. In each
word, a letter Pagefind would keep apart is written as its bare letter, and the word is followed
by a code that says, letter by letter, which marks were taken away (`~` is đ, `!` no change):

    đường  →  dường|~!!!!|          main index: only đ is folded, tones stay
    Đường  →  Duong|~]^!!|          phrase index: every mark is folded

Pagefind keeps only the letters and digits of a word (`dường`), so the code adds nothing to the
index; and its characters are ASCII punctuation after the last letter, which Pagefind strips
without splitting the word in parts. The text of a result (excerpt, title) still holds the code:
`search.js` turns `dường|~!!!!|` back into `đường` before showing it. The browser folds the query
the same way (đ → d, tones kept), so `đoàn` looks for `doàn` and finds the page whose `đoàn` was
indexed as `doàn`, with Pagefind's bonus for matching marks, and `doan` finds it too.

- The main index folds only đ: Pagefind's own tone folding then makes every spelling of a word
  find the same pages (`ha tinh`, `Hà Tĩnh`, `HÀ TĨNH`), and ranks the exact spelling first.
- The phrase index folds every mark, so each word has a single form and Pagefind's phrase search
  is right again; search.js loads it only for a query in quotes.

Why not a hidden, folded duplicate of the text? It doubles the index a first search downloads,
and its words, not the page's, end up in the excerpts.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# The code of a letter: quality mark × 6 + tone mark, or D_STROKE for đ. 0: the letter as is.
ALPHABET = "!#$%()*+,-./:;=?@[]^_`{}~"  # ASCII punctuation; no < > & " ' \ (HTML) and no |
QUALITIES = {"\u0302": 1, "\u0306": 2, "\u031b": 3}  # â ê ô, ă, ơ ư
TONES = {"\u0300": 1, "\u0301": 2, "\u0303": 3, "\u0309": 4, "\u0323": 5}  # huyền sắc ngã hỏi nặng
D_STROKE = 24
FENCE = "|"

_TOKEN = re.compile(r"\S+")
_CODED = re.compile(r"(\S*?)\|([" + re.escape(ALPHABET) + r"]+)\|")
_TAG_OR_TEXT = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_RAW_TEXT = ("<script", "<style", "<template")


def _fold_letter(letter: str, tones: bool) -> tuple[str, int] | None:
    """Bare letter and code, or None when it carries a mark Vietnamese does not use."""
    if letter in "đĐ":
        return ("d" if letter == "đ" else "D"), D_STROKE
    if not tones or letter.isascii():
        return letter, 0
    base, *marks = unicodedata.normalize("NFD", letter)
    quality = tone = 0
    for mark in marks:
        if mark in QUALITIES and not quality:
            quality = QUALITIES[mark]
        elif mark in TONES and not tone:
            tone = TONES[mark]
        else:
            return None
    return base, quality * 6 + tone


@lru_cache(maxsize=65536)  # a site uses a few thousand distinct words, millions of times
def mark_word(word: str, tones: bool = False) -> str:
    """One whitespace-free token: `Đoàn,` → `Doàn|~!!!|,` (with `tones`: `Doan|~!#!|,`)."""
    letters = [i for i, ch in enumerate(word) if ch.isalnum()]
    if not letters:
        return word
    start, end = letters[0], letters[-1] + 1
    folded, codes = [], []
    for letter in word[start:end]:
        result = _fold_letter(letter, tones)
        if result is None:
            return word  # a foreign word (ü, ñ…): Pagefind handles it as it comes
        folded.append(result[0])
        codes.append(result[1])
    if not any(codes):
        return word
    code = "".join(ALPHABET[c] for c in codes)
    return f"{word[:start]}{''.join(folded)}{FENCE}{code}{FENCE}{word[end:]}"


def mark_text(text: str, tones: bool = False) -> str:
    """Every word of a text, spaces kept as they are."""
    if text.isascii() or not (tones or "đ" in text or "Đ" in text):
        return text  # nothing to fold: the common case for the main index
    return _TOKEN.sub(lambda m: mark_word(m.group(), tones), unicodedata.normalize("NFC", text))


def mark_html(page: str, tones: bool = False) -> str:
    """The text of an HTML page marked; tags, attributes and script/style bodies untouched.

    Attributes keep their letters on purpose: filter values (the chủ đề) and inline metadata
    are shown to readers as they are and are never searched by a folded query.
    """
    parts = _TAG_OR_TEXT.split(page)
    raw = False
    for i, part in enumerate(parts):
        if i % 2:  # a tag or a comment
            lower = part[:9].lower()
            if lower.startswith(_RAW_TEXT):
                raw = True
            elif lower.startswith(("</script", "</style", "</template")):
                raw = False
        elif part and not raw:
            text = mark_text(html.unescape(part), tones)
            parts[i] = html.escape(text, quote=False)
    return "".join(parts)


def unmark(text: str) -> str:
    """Inverse of `mark_text`, the same as `restore()` in search.js; for tests and tools."""

    def undo(match: re.Match) -> str:
        word, codes = match.group(1), [ALPHABET.index(c) for c in match.group(2)]
        at = len(word) - len(codes)
        if at < 0 or not all(map(_fits, word[at:], codes)):
            return match.group()  # not a code of ours: text that happens to look like one
        return word[:at] + "".join(map(_unfold, word[at:], codes))

    return unicodedata.normalize("NFC", _CODED.sub(undo, text))


# The letters each quality mark goes on (â ê ô, ă, ơ ư), and the vowels that take a tone.
_TAKES = {0: "aeiouy", 1: "aeo", 2: "a", 3: "ou"}


def _fits(letter: str, code: int) -> bool:
    if code == D_STROKE:
        return letter in "dD"
    return code == 0 or (code < D_STROKE and letter.lower() in _TAKES[code // 6])


def _unfold(letter: str, code: int) -> str:
    if code == D_STROKE:
        return "Đ" if letter == "D" else "đ"
    quality = {v: k for k, v in QUALITIES.items()}.get(code // 6, "")
    tone = {v: k for k, v in TONES.items()}.get(code % 6, "")
    return letter + quality + tone
