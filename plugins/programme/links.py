"""`[xem lịch]({programme}hoi-nghi)` in articles: the session's URL, and who links what."""

from __future__ import annotations

import re

from sitekit.problems import Problem, display_path, report
from sitekit.source_lines import line_of
from sitekit.urls import absolute

from .model import Programme
from .route_map import drawable
from .route_svg import figure_anchor

# Same spelling as Pelican's own {filename}: `{programme}id` or `|programme|id`, in a quoted
# href; `#…` and `?…` after the id are kept (`{programme}tham-quan#doan-2`); no id at all
# (`{programme}`) links the programme page.
_LINK = re.compile(
    r"""(?P<head>\bhref\s*=\s*(?P<q>["']))[{|]programme[|}](?P<id>[^"'#?]*?)/?"""
    r"""(?P<tail>[#?][^"']*)?(?P=q)"""
)
# Anchors every session page has besides its delegations' (theme/templates/programme_session.html).
_SESSION_ANCHORS = ("lo-trinh", "bai-viet")
CONTEXT_KEY = "programme"
FAILED_KEY = "programme_failed"  # data had errors: they are reported already, stay quiet


def _unknown(instance, session_id: str, programme: Programme | None) -> None:
    noun = "trang" if type(instance).__name__ == "Page" else "bài"
    if programme is None:
        message = (f"{noun} “{instance.title}” dẫn tới phiên “{session_id}” của chương trình, "
                   "nhưng trang này chưa có chương trình hội nghị")
        fix = "bỏ liên kết {programme}… hoặc thêm dữ liệu chương trình vào content/programme/"
    else:
        known = ", ".join(s.id for s in programme.timeline)
        message = (f"{noun} “{instance.title}” dẫn tới phiên “{session_id}”, nhưng chương trình "
                   "không có phiên nào mang mã này")
        fix = f"dùng một mã phiên có sẵn: {known}"
    _report(instance, message, fix, f"{{programme}}{session_id}", f"|programme|{session_id}")


def _unknown_delegation(instance, session, anchor: str) -> None:
    # `{programme}tham-quan#doan-9`: the session page opens, at no route.
    noun = "trang" if type(instance).__name__ == "Page" else "bài"
    known = ", ".join(d.id for d in session.delegations)
    message = (f"{noun} “{instance.title}” dẫn tới đoàn “{anchor}” của phiên “{session.id}”, "
               "nhưng phiên này không có đoàn nào mang mã này")
    fix = (f"dùng mã một đoàn của phiên {session.id}: {known}" if known else
           f"bỏ phần “#{anchor}”: phiên {session.id} không có đoàn nào")
    _report(instance, message, fix, f"{session.id}#{anchor}", f"{session.id}/#{anchor}")


def _report(instance, message: str, fix: str, *needles: str) -> None:
    path = instance.source_path
    shown = display_path(path, instance.settings["PATH"])
    report(Problem(path=shown, line=line_of(path, *needles), message=message, fix=fix))


def _anchor_known(session, tail: str | None, programme: Programme) -> bool:
    if not tail or not tail.startswith("#"):
        return True
    anchor = tail[1:].split("?", 1)[0]
    ids = {d.id for d in session.delegations}
    # A visit's route map is a figure of its own (route_svg.figure_anchor).
    return (not anchor or anchor in _SESSION_ANCHORS or anchor in ids
            or anchor.removesuffix("-ten") in ids
            or (anchor == figure_anchor(session.id)
                and drawable(session.delegations, programme.event.venue)))


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
            if not _anchor_known(session, match["tail"], programme):
                _unknown_delegation(instance, session, match["tail"][1:].split("?", 1)[0])
            linked.append(session_id)
            url = session.url
        return f"{match['head']}{absolute(siteurl, url)}{match['tail'] or ''}{match['q']}"

    instance._content = _LINK.sub(swap, text)
    instance.programme_links = list(dict.fromkeys(linked))


def linking(items: list, session_id: str) -> list:
    """Return the items (articles) whose text links the session, newest first."""
    found = [a for a in items if session_id in getattr(a, "programme_links", ())]
    return sorted(found, key=lambda a: getattr(a, "date", None) or 0, reverse=True)
