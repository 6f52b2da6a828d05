"""The worker's text: sw.js of this package with the build's list, version and offline page."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from .precache import Entry, version

SERVICE_WORKER = "sw.js"
# Pages and files read online, kept for offline reading: about twenty articles with their photos.
RUNTIME_LIMIT = 80
_TEMPLATE = Path(__file__).with_name("sw.js")


def offline_page(site_path: str, programme_url: str | None) -> str:
    """What a page never opened before shows offline, in Vietnamese, without any other file."""
    link = (f'<p><a href="{escape(site_path + programme_url)}">Xem chương trình hội nghị '
            "(đã lưu trên máy)</a></p>") if programme_url else ""
    return ('<!doctype html><html lang="vi"><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Không có kết nối mạng</title>"
            '<body style="font:1.1rem/1.6 system-ui,sans-serif;margin:2rem auto;max-width:34rem;'
            'padding:0 1rem"><h1>Không có kết nối mạng</h1>'
            "<p>Trang này chưa được lưu trên máy. Khi có mạng trở lại, hãy tải lại trang.</p>"
            f'{link}<p><a href="{escape(site_path)}">Về trang chủ</a></p></body></html>')


def worker_script(entries: list[Entry], site_path: str, programme_url: str | None) -> str:
    """The service worker's JavaScript for this build."""
    values = {
        "__VERSION__": version(entries),
        "__FILES__": json.dumps([[e.url, e.sha256] for e in entries], ensure_ascii=False),
        "__RUNTIME_LIMIT__": str(RUNTIME_LIMIT),
        "__OFFLINE_PAGE__": json.dumps(offline_page(site_path, programme_url),
                                       ensure_ascii=False),
    }
    text = _TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(key, value)
    return text
