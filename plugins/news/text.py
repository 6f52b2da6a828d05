"""Small text helpers for listings."""

import re

# A sapo opens with its source in parentheses, "(Baohatinh.vn) - ": right on the article page,
# repetitive in a list of ten cards.
_SOURCE = re.compile(r"^\s*\([^)]{2,40}\)\s*[-–—]\s*")


def without_source(text: str) -> str:
    """The sapo without its leading `(Nguồn) - `."""
    return _SOURCE.sub("", text, count=1)
