"""The web app manifest, in Vietnamese, with the site's sub-path as start and scope."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from .icons import ICONS

MANIFEST = "manifest.webmanifest"
FALLBACK_COLOUR = "#9b1c1c"
_ACCENT = re.compile(r"--accent:\s*(#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?)\b")


def site_path(siteurl: str) -> str:
    """The path every URL of the site starts with: `/`, or `/hoi-nghi-ntm/` under a sub-path."""
    return urlsplit(siteurl).path.rstrip("/") + "/"


def theme_colour(theme: str) -> str:
    """The accent of the theme's CSS (its first `--accent:`), so the bar matches the masthead."""
    css = Path(theme) / "static" / "css" / "site.css"
    found = _ACCENT.search(css.read_text(encoding="utf-8")) if css.is_file() else None
    return found.group(1).lower() if found else FALLBACK_COLOUR


def manifest(settings: dict, colour: str) -> str:
    """The manifest's JSON text; icon URLs are relative to it, so any host and sub-path work."""
    path = site_path(settings.get("SITEURL", ""))
    name = settings.get("SITENAME", "")
    document = {
        "name": name,
        "short_name": settings.get("SITE_SHORTNAME") or name,
        "description": settings.get("SITESUBTITLE", ""),
        "lang": "vi",
        "dir": "ltr",
        "start_url": path,
        "scope": path,
        "id": path,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": colour,
        "icons": [{"src": icon.name, "sizes": f"{icon.size}x{icon.size}", "type": "image/png",
                   "purpose": icon.purpose} for icon in ICONS],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
