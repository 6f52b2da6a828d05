"""`[xem lịch]({programme}hoi-nghi)` in articles: the session's URL, and who links what."""

from __future__ import annotations

import re

from sitekit.problems import Problem, display_path, report
from sitekit.source_lines import line_of
from sitekit.urls import absolute

from .model import Programme

# Same spelling as Pelican's own {filename}: `{programme}id` or `|programme|id`, in a quoted
# href; `#…` and `?…` after the id are kept (`{programme}tham-quan#doan-2`); no id at all
# (`{programme}`) links the programme page.
_LINK = re.compile(
    r"""(?P<head>\bhref\s*=\s*(?P<q>["']))[{|]programme[|}](?P<id>[^"'#?/]*)/?"""
    r"""(?P<tail>[#?][^"']*)?(?P=q)"""
)
CONTEXT_KEY = "programme"
FAILED_KEY = "programme_failed"  # data had errors: they are reported already, stay quiet


def _unknown(instance, session_id: str, programme: Programme | None) -> None:
    path = instance.source_path
    shown = display_path(path, instance.settings["PATH"])
    noun = "Trang" if type(instance).__name__ == "Page" else "Bài"
    if programme is None:
        message = (f"{noun} “{instance.title}” dẫn tới phiên “{session_id}” của chương trình, "
                   "nhưng trang này chưa có chương trình hội nghị.")
        fix = "bỏ liên kết {programme}… hoặc thêm dữ liệu chương trình vào content/programme/."
    else:
        known = ", ".join(s.id for s in programme.timeline)
        message = (f"{noun} “{instance.title}” dẫn tới phiên “{session_id}”, nhưng chương trình "
                   "không có phiên nào mang mã này.")
        fix = f"dùng một mã phiên có sẵn: {known}."
    line = line_of(path, f"{{programme}}{session_id}", f"|programme|{session_id}")
    report(Problem(path=shown, line=line, message=message, fix=fix))


def replace_links(instance) -> None:
    """Turn programme links into session URLs and remember which sessions this text links.

    Runs at content_object_init, on every build: Pelican's cache keeps what the reader
    returned, not this object, so the SITEURL written here never ends up in the cache.
    """
    text = getattr(instance, "_content", None)
    if not text or "programme" not in text:
        return
    context = getattr(instance, "_context", None) or {}
    programme: Programme | None = context.get(CONTEXT_KEY)
    siteurl = instance.settings.get("SITEURL", "")
    linked: list[str] = []

    def swap(match: re.Match) -> str:
        session_id = match["id"]
        if not session_id and programme:  # `{programme}` alone: the programme page itself
            url = programme.url
        else:
            session = programme.session(session_id) if programme else None
            if session is None:
                if not context.get(FAILED_KEY):
                    _unknown(instance, session_id, programme)
                return match[0]
            linked.append(session_id)
            url = session.url
        return f"{match['head']}{absolute(siteurl, url)}{match['tail'] or ''}{match['q']}"

    instance._content = _LINK.sub(swap, text)
    instance.programme_links = list(dict.fromkeys(linked))


def linking(items: list, session_id: str) -> list:
    """Return the items (articles) whose text links the session, newest first."""
    found = [a for a in items if session_id in getattr(a, "programme_links", ())]
    return sorted(found, key=lambda a: getattr(a, "date", None) or 0, reverse=True)
