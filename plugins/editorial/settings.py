"""Defaults for the EDITORIAL setting."""

import re
from typing import Any

from sitekit.dict_setting import merge_dict_setting
from sitekit.problems import Problem

DEFAULTS = {
    # Strict: Pelican's warnings (an unresolved link, a duplicate definition...) stop the build
    # too. `invoke build` and `invoke publish` turn it on; plain `pelican` stops on errors only.
    "strict": False,
    # Check only: read and validate everything, then stop before writing (`invoke check`).
    "check_only": False,
    # Hosts an article may embed with <iframe src="https://HOST/...">, e.g. "www.youtube.com".
    # Empty: no published page makes the reader's browser load another site in a frame.
    "iframe_hosts": [],
}
_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


def editorial_settings(settings: dict) -> dict:
    """The EDITORIAL setting merged over its defaults."""
    return {**DEFAULTS, **settings.get("EDITORIAL", {})}


def read(settings: dict) -> tuple[dict, list[Problem]]:
    """EDITORIAL merged over its defaults, with a problem for each unusable key."""
    return merge_dict_setting(settings, "EDITORIAL", DEFAULTS, _expect)


def iframe_hosts(settings: dict) -> frozenset[str]:
    """The hosts iframes may load from (unusable entries are reported by `read` at start)."""
    hosts = editorial_settings(settings).get("iframe_hosts")
    if not isinstance(hosts, list | tuple):
        return frozenset()
    return frozenset(host.lower() for host in hosts if isinstance(host, str))


def _expect(key: str, value: Any) -> str | None:
    if key in ("strict", "check_only"):
        return None if isinstance(value, bool) else "True hoặc False"
    if key == "iframe_hosts" and not (
            isinstance(value, list | tuple)
            and all(isinstance(host, str) and _HOST.fullmatch(host.lower()) for host in value)):
        return 'một danh sách tên máy chủ, ví dụ ["www.youtube.com"] (không có https:// hay /)'
    return None
