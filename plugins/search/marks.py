"""What Pagefind reads of a page: đ written as d, with a code that brings it back.

Pagefind 1.5 folds tone marks (`hà` and `ha` share the key `ha`) but not đ, which is a letter of
its own: `đoàn` sits under the key `đoan`, so `doan` misses it.

The fix works on the copy of each page given to Pagefind, never on the published HTML. In each
word holding đ, the đ is written as d and the word is followed by a code that says, letter by
letter, which ones were đ (`~`) and which stay as they are (`!`):

    đường  →  dường|~!!!!|          Đà  →  Dà|~!|

Pagefind keeps only the letters and digits of a word (`dường`), so the code adds nothing to the
index; and its characters are ASCII punctuation after the last letter, which Pagefind strips
without splitting the word in parts. The text of a result (excerpt, title) still holds the code:
`search.js` turns `dường|~!!!!|` back into `đường` before showing it. The browser folds the query
the same way (đ → d, tones kept), so `đoàn` looks for `doàn` and finds the page whose `đoàn` was
indexed as `doàn`, with Pagefind's bonus for matching marks, and `doan` finds it too; Pagefind's
own tone folding makes every spelling of a word find the same pages (`ha tinh`, `Hà Tĩnh`,
`HÀ TĨNH`) and ranks the exact spelling first.

Why not a hidden, folded duplicate of the text? It doubles the index a first search downloads,
and its words, not the page's, end up in the excerpts.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

D_STROKE, KEEP, FENCE = "~", "!", "|"

# A whitespace-free word holding đ: found from its first letter (a word without đ never
# matches, nor does a space), so only those words cost a Python call.
_D_WORD = re.compile(r"[^\sđĐ]*[đĐ]\S*")
_CODED = re.compile(r"(\S*?)\|([!~]+)\|")
_TAG_OR_TEXT = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_RAW_TEXT = ("<script", "<style", "<template")


def mark_word(word: str) -> str:
    """One whitespace-free token: `Đoàn,` → `Doàn|~!!!|,`; a word without đ stays as it is."""
    if "đ" not in word and "Đ" not in word:
        return word
    letters = [i for i, ch in enumerate(word) if ch.isalnum()]
    start, end = letters[0], letters[-1] + 1
    core = word[start:end]
    code = "".join(D_STROKE if ch in "đĐ" else KEEP for ch in core)
    folded = core.replace("đ", "d").replace("Đ", "D")
    return f"{word[:start]}{folded}{FENCE}{code}{FENCE}{word[end:]}"


# A site uses a few thousand distinct words with đ, many times over: each is worked out once.
_mark_word_cached = lru_cache(maxsize=65536)(mark_word)


def mark_text(text: str) -> str:
    """Every word of a text, spaces kept as they are."""
    if "đ" not in text and "Đ" not in text:
        return text  # nothing to fold: the common case
    # Spaces and words without đ stay as they are: only the words holding đ are replaced.
    return _D_WORD.sub(lambda word: _mark_word_cached(word[0]), unicodedata.normalize("NFC", text))


def mark_html(page: str) -> str:
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
            parts[i] = html.escape(mark_text(html.unescape(part)), quote=False)
    return "".join(parts)


def unmark(text: str) -> str:
    """Inverse of `mark_text`, the same as `restore()` in search.js; for tests and tools."""

    def undo(match: re.Match) -> str:
        word, code = match.group(1), match.group(2)
        at = len(word) - len(code)
        if at < 0 or any(c == D_STROKE and word[at + i] not in "dD" for i, c in enumerate(code)):
            return match.group()  # not a code of ours: text that happens to look like one
        return word[:at] + "".join(("Đ" if ch == "D" else "đ") if c == D_STROKE else ch
                                   for ch, c in zip(word[at:], code, strict=True))

    return _CODED.sub(undo, text)
