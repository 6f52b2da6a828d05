"""The settings the editorial plugin reads: `EDITORIAL`, and the newsroom's `CATEGORIES`."""

import re
from typing import Any

from sitekit.problems import Problem
from sitekit.settings_schema import SITE_PREVIEW, Boolean, DictSetting, ListOf, Option, Text
from sitekit.settings_schema import read as read_schema

_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


class _Host(Text):
    """A host name as a URL holds it, without scheme or path."""

    def accepts(self, value: Any) -> bool:
        return isinstance(value, str) and bool(_HOST.fullmatch(value.lower()))


SCHEMA: dict[str, Option] = {
    "EDITORIAL": DictSetting({
        # Strict: Pelican's warnings (an unresolved link, a duplicate definition...) stop the
        # build too. `invoke build` and `invoke publish` turn it on; plain `pelican` stops on
        # errors only.
        "strict": Boolean(False),
        # Check only: read and validate everything, then stop before writing (`invoke check`).
        "check_only": Boolean(False),
        # Hosts an article may embed with <iframe src="https://HOST/...">, e.g.
        # "www.youtube.com". Empty: no published page makes the reader's browser load another
        # site in a frame.
        "iframe_hosts": ListOf(_Host(), [], 'một danh sách tên máy chủ, ví dụ '
                               '["www.youtube.com"] (không có https:// hay /)'),
    }),
    # Chủ đề the newsroom works with; `invoke check` announces an article in another one.
    "CATEGORIES": ListOf(Text(), [], "một danh sách tên chủ đề (chuỗi)"),
    # A preview's quick rebuild keeps the review in memory, not in CACHE_PATH (review.py).
    "SITE_PREVIEW": SITE_PREVIEW,
}
DEFAULTS = SCHEMA["EDITORIAL"].default


def editorial_settings(settings: dict) -> dict:
    """The EDITORIAL setting merged over its defaults."""
    return {**DEFAULTS, **settings.get("EDITORIAL", {})}


def read(settings: dict) -> tuple[dict, list[Problem]]:
    """The editorial settings over their defaults, with a problem for each unusable value."""
    return read_schema(settings, SCHEMA)


def iframe_hosts(settings: dict) -> frozenset[str]:
    """The hosts iframes may load from (unusable entries are reported by `read` at start)."""
    hosts = editorial_settings(settings).get("iframe_hosts")
    if not isinstance(hosts, list | tuple):
        return frozenset()
    return frozenset(host.lower() for host in hosts if isinstance(host, str))
