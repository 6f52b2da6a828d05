"""The marking replaces only the words holding đ: the same text as marking every word in turn."""

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from plugins.search.marks import mark_text, mark_word, unmark

# Letters with and without đ, marks as typed (combining too), every kind of space, punctuation.
ALPHABET = st.sampled_from(list("đĐdDaàăễo1 \t\n\u00a0\u2003,.-|~!") + ["\u0300", "\u0309"])


def _every_word(text: str) -> str:
    # The reference: split on runs of spaces, kept; mark each piece (spaces mark as themselves).
    return "".join(mark_word(piece) if piece.strip() else piece
                   for piece in re.split(r"(\s+)", unicodedata.normalize("NFC", text)))


@given(st.text(ALPHABET, max_size=40))
def test_only_words_with_d_change(text):
    assert mark_text(text) == (_every_word(text) if "đ" in text or "Đ" in text else text)


def test_a_sentence_is_marked_and_brought_back():
    text = "Đoàn đại biểu  đến\u00a0Hà Tĩnh, đường làng."
    assert mark_text(text) == ("Doàn|~!!!| dại|~!!| biểu  dến|~!!|\u00a0Hà Tĩnh, "
                               "dường|~!!!!| làng.")
    assert unmark(mark_text(text)) == text
