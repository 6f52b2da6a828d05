"""`schedule.xml`: the schedule in frab's XML, as pretalx exports it (schema: voc/schedule).

ElementTree escapes every value (`&`, `<`, quotes), so any title an editor types stays
well-formed. Elements follow the schema's names; its optional `url` and `base_url` must be
http(s) URLs, so a local build (SITEURL empty) leaves them out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .schedule_model import LANGUAGE, TIMESLOT, Schedule, Talk

_WEB = ("http://", "https://")


def _add(parent: ET.Element, tag: str, text: str | int = "", **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attributes)
    child.text = str(text)
    return child


def _conference(root: ET.Element, schedule: Schedule) -> None:
    conference = ET.SubElement(root, "conference")
    _add(conference, "acronym", schedule.acronym)
    _add(conference, "title", schedule.title)
    _add(conference, "start", schedule.start.isoformat())
    _add(conference, "end", schedule.end.isoformat())
    _add(conference, "days", len(schedule.days))
    _add(conference, "timeslot_duration", TIMESLOT)
    if schedule.url.startswith(_WEB):
        _add(conference, "base_url", schedule.url)
    _add(conference, "time_zone_name", schedule.timezone)


def _event(room: ET.Element, talk: Talk) -> None:
    event = ET.SubElement(room, "event", guid=talk.guid, id=str(talk.id))
    for tag, value in (("date", talk.date), ("start", talk.clock),
                       ("duration", talk.duration), ("room", talk.room.name),
                       ("slug", talk.slug), ("title", talk.title), ("subtitle", talk.subtitle),
                       ("track", talk.kind), ("type", talk.kind), ("language", LANGUAGE),
                       ("abstract", talk.abstract), ("description", talk.description)):
        _add(event, tag, value)
    persons = ET.SubElement(event, "persons")
    for name in talk.persons:
        _add(persons, "person", name)
    if talk.url.startswith(_WEB):
        _add(event, "url", talk.url)


def to_xml(schedule: Schedule) -> bytes:
    """The schedule as UTF-8 XML bytes, indented, ending with a line break."""
    root = ET.Element("schedule")
    _add(root, "version", schedule.version)
    _conference(root, schedule)
    for day in schedule.days:
        element = ET.SubElement(root, "day", index=str(day.index), date=day.date.isoformat(),
                                start=day.start.isoformat(timespec="seconds"),
                                end=day.end.isoformat(timespec="seconds"))
        for room, talks in day.rooms.items():
            room_element = ET.SubElement(element, "room", name=room.name)
            for talk in talks:
                _event(room_element, talk)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
