"""Which texts the sanitiser kept whole, remembered under CACHE_PATH for the next build.

Almost every body and sapo comes out of nh3 as it went in (sanitise.py then keeps the
original), yet a new process (a warm `invoke build`) would clean all of them again: 2000 texts
on a 1000-article site. The digests of the texts kept whole, with the hosts iframes may load
from and the code that judged them (review_store.code_version, nh3's included), are written
to one JSON file after reading; the next build keeps such a text without asking nh3. A text
nh3 changed is never remembered here: it is cleaned, and reported, on every build.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import review_store

FORMAT = 1
FILE_NAME = "editorial/sanitised.json"  # beside review.json, out of content_cache's way


@dataclass
class _Kept:
    path: str | None = None  # the file `whole` was read from or written to
    whole: frozenset[str] = frozenset()
    seen: set[str] = field(default_factory=set)  # this build's texts kept whole


_kept = _Kept()


def digest(html: str, hosts: frozenset[str]) -> str:
    """What a text is remembered by: its hosts and its characters."""
    text = "\0".join(sorted(hosts)) + "\0\0" + html
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def start(settings: dict) -> None:
    """Read what the last build remembered (called as each build starts)."""
    global _kept
    path = _file(settings)
    if path is None or str(path) != _kept.path:
        _kept = _Kept(None if path is None else str(path), _load(path) if path else frozenset())
    _kept.seen = set()


def kept_whole(key: str) -> bool:
    """Whether an earlier build found nh3 keeps this text whole."""
    return key in _kept.whole


def note_whole(key: str) -> None:
    """Note that nh3 kept this text whole in this build."""
    _kept.seen.add(key)


def finish(settings: dict) -> None:
    """Remember this build's texts kept whole (after reading; not for a preview's quick build)."""
    path = _file(settings)
    if path is None or settings.get("SITE_PREVIEW") or _kept.seen == _kept.whole:
        return
    data = {"format": FORMAT, "code": review_store.code_version(), "whole": sorted(_kept.seen)}
    if review_store.write_atomically(path, json.dumps(data, separators=(",", ":"))):
        _kept.path, _kept.whole = str(path), frozenset(_kept.seen)


def forget() -> None:
    """Remember nothing in this process (tests)."""
    global _kept
    _kept = _Kept()


def _file(settings: dict) -> Path | None:
    folder = settings.get("CACHE_PATH")
    return Path(folder) / FILE_NAME if folder else None


def _load(path: Path) -> frozenset[str]:
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT \
                or data.get("code") != review_store.code_version():
            return frozenset()
        whole = data["whole"]
        if not isinstance(whole, list) or not all(isinstance(key, str) for key in whole):
            return frozenset()
        return frozenset(whole)
    except Exception:  # noqa: BLE001 - a cache that cannot be read is no cache, never a crash
        return frozenset()
