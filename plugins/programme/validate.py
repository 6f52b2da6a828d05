"""Checks on the linked programme: times that contradict each other. Returns Problems."""

from __future__ import annotations

import datetime as dt

from sitekit.problems import Problem

from . import clashes
from .model import Programme, Stop, Where


def _at(moment: dt.datetime) -> str:
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


def _problem(where: Where, key: str, message: str, fix: str) -> Problem:
    return Problem(path=where.path, line=where.line_of(key), message=message, fix=fix)


def _order(where: Where, what: str, start: dt.datetime, end: dt.datetime,
           keys: tuple[str, str] = ("start", "end")) -> list[Problem]:
    if end > start:
        return []
    return [_problem(
        where, keys[1],
        f"{what} kết thúc lúc {_at(end)}, không sau lúc bắt đầu ({_at(start)}).",
        f"sửa “{keys[1]}” cho muộn hơn “{keys[0]}” (giờ viết theo 24 giờ: 2 giờ chiều là 14:00).",
    )]


def _inside(programme: Programme, where: Where, what: str, start: dt.datetime,
            end: dt.datetime, keys: tuple[str, str] = ("start", "end")) -> list[Problem]:
    event = programme.event
    if start >= event.start and end <= event.end:
        return []
    # A session moved to another day is fixed on its `date:` line when it has one.
    key = "date" if "date" in where.key_lines else keys[0] if start < event.start else keys[1]
    return [_problem(
        where, key,
        f"{what} ({_at(start)} – {_at(end)}) nằm ngoài thời gian hội nghị "
        f"({_at(event.start)} – {_at(event.end)}).",
        "sửa giờ (và ngày, nếu có) cho nằm trong thời gian hội nghị, hoặc sửa “start”/“end” "
        "của mục event nếu hội nghị thật sự kéo dài hơn.",
    )]


def _stop_problems(programme: Programme, stop: Stop, previous: Stop | None) -> list[Problem]:
    what = f"Điểm dừng thứ {stop.number} của đoàn “{stop.delegation.name}” ({stop.place.name})"
    found: list[Problem] = []
    if stop.arrive and stop.depart:
        found += _order(stop.where, what, stop.arrive, stop.depart, ("arrive", "depart"))
    found += _inside(programme, stop.where, what, stop.start, stop.end, ("arrive", "depart"))
    if previous is not None and stop.start < previous.end:
        key = "arrive" if stop.arrive else "depart"
        found.append(_problem(
            stop.where, key,
            f"{what} bắt đầu lúc {stop.start:%H:%M}, khi đoàn còn ở điểm trước "
            f"({previous.place.name}, đến {previous.end:%H:%M} mới rời): hai điểm chồng giờ nhau.",
            "cho điểm sau bắt đầu sau giờ đoàn rời điểm trước (cộng thời gian đi đường); "
            "các điểm dừng phải xếp theo đúng thứ tự đi.",
        ))
    return found


def validate(programme: Programme) -> list[Problem]:
    """Every contradiction in the programme's times, each told with its file and line."""
    event = programme.event
    found = _order(event.where, "Hội nghị", event.start, event.end)
    if found:  # every other time would also be "outside" a backwards event: say it once
        return found
    for session in programme.sessions:
        what = f"Phiên “{session.title}”"
        found += _order(session.where, what, session.start, session.end)
        found += _inside(programme, session.where, what, session.start, session.end)
    for delegation in programme.delegations:
        previous = None
        for stop in delegation.stops:
            found += _stop_problems(programme, stop, previous)
            previous = stop
    return found + clashes.check(programme)
