"""Checks on how items fit together; `validate` adds them to the times' own checks.

A route tied to a session that is no visit is an error; two sessions in one place at once is
a warning: a large venue may hold parallel halls, and a place can be split into halls.
"""

from __future__ import annotations

from sitekit.problems import Problem

from .model import KINDS, Delegation, Programme, Session


def _span(session: Session) -> str:
    return f"{session.start:%H:%M} – {session.end:%H:%M} ngày {session.start:%d/%m/%Y}"


def _at(session: Session) -> str:
    return f"{session.where.path}:{session.where.line}"


def _not_a_visit(programme: Programme, delegation: Delegation) -> list[Problem]:
    session = delegation.session
    if session is None or session.kind == "visit":
        return []
    visits = ", ".join(s.id for s in programme.sessions if s.kind == "visit") or "chưa có"
    return [Problem(
        path=delegation.where.path, line=delegation.where.line_of("session"),
        message=f"đoàn “{delegation.name}” gắn với phiên “{session.title}” (mã {session.id}), "
        f"một phiên loại {session.kind} ({KINDS[session.kind]}), không phải phiên tham quan: "
        "chỉ phiên “kind: visit” mới có lộ trình các đoàn.",
        fix=f"ghi mã của một phiên tham quan ({visits}) ở dòng “session:”, hoặc bỏ dòng đó để "
        "lộ trình đứng riêng.")]


def _clash(first: Session, second: Session) -> Problem:
    place = first.place.name if first.place else ""
    return Problem(
        path=second.where.path, line=second.where.line_of("start"), severity="warning",
        message=f"Phiên “{second.title}” ({_span(second)}) trùng giờ với phiên “{first.title}” "
        f"({_span(first)}, ở {_at(first)}) tại cùng địa điểm “{place}”.",
        fix="nếu hai phiên thật sự diễn ra song song ở hai hội trường, tách địa điểm thành hai "
        "mục trong places (mỗi hội trường một mã); nếu không, sửa giờ cho khỏi chồng nhau.")


def _overlaps(programme: Programme) -> list[Problem]:
    found = []
    for place in programme.places.values():
        # In time order: the later of two sessions is the one told, at its `start:` line, and
        # only once (with the first it meets), so one session typed too long is not N warnings
        # about every pair after it.
        held = sorted(place.sessions, key=lambda s: (s.start, s.end))
        for number, later in enumerate(held):
            if first := next((s for s in held[:number] if later.start < s.end), None):
                found.append(_clash(first, later))
    return found


def check(programme: Programme) -> list[Problem]:
    """Delegations tied to a session that is not a visit; sessions sharing a place at once."""
    found = [p for d in programme.delegations for p in _not_a_visit(programme, d)]
    return found + _overlaps(programme)
