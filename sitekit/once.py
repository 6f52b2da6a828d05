"""`{% call once(key…) %}…{% endcall %}`: a block rendered once per key, then reused.

A story card is the same HTML wherever the article is listed: on the home page, in its chủ đề,
tags, author and archive pages, and under ten other articles as related reading. Rendering it
once per article instead of at every mention saves a tenth of a 1000-article build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from markupsafe import Markup


class Once:
    """A per-build memory of rendered blocks, one in each generator's Jinja globals (theme.py)."""

    def __init__(self) -> None:
        self._rendered: dict[tuple, Markup] = {}

    def __call__(self, *key: Hashable, caller: Callable[[], Markup]) -> Markup:
        if key not in self._rendered:
            self._rendered[key] = caller()
        return self._rendered[key]

    def forget(self, part: Hashable) -> None:
        """Drop every block whose key holds `part` (a source saved since: render it again)."""
        for key in [key for key in self._rendered if part in key]:
            del self._rendered[key]
