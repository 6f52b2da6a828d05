"""A digest of the code in some folders, for caches whose results that code decides."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


@cache
def modules_digest(*folders: Path) -> bytes:
    """SHA-256 of every `*.py` directly in `folders`, names and bytes.

    Read once per process: the code a process runs is the code it imported, even when a file
    changes on disk meanwhile (the preview server then makes a full build with the same code).
    """
    digest = hashlib.sha256()
    for folder in folders:
        for module in sorted(folder.glob("*.py")):
            digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.digest()
