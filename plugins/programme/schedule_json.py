"""`schedule.json`: the schedule in the frab/c3voc JSON (schema: voc/schedule, schema.json).

The same data model as `schedule.xml`; here each day's rooms map a room's name to its
events, and every event carries all the keys the schema requires, empty where the
programme has nothing to say (no logo, no recording licence, no links).
"""

from __future__ import annotations

import json

from .schedule_model import LANGUAGE, TIMESLOT, Schedule, Talk

SCHEMA = "https://c3voc.de/schedule/schema.json"


def _event(talk: Talk) -> dict:
    return {
        "id": talk.id, "guid": talk.guid, "logo": "", "date": talk.date, "start": talk.clock,
        "duration": talk.duration, "room": talk.room.name, "slug": talk.slug, "url": talk.url,
        "title": talk.title, "subtitle": talk.subtitle, "track": talk.kind,
        "type": talk.kind, "language": LANGUAGE, "abstract": talk.abstract,
        "description": talk.description, "recording_license": "", "do_not_record": False,
        # `public_name` as frab writes it, `name` as pretalx does: apps read one or the other.
        "persons": [{"name": name, "public_name": name} for name in talk.persons],
        "links": [], "attachments": [], "answers": [],
    }


def document(schedule: Schedule) -> dict:
    """The schedule as the JSON document's data."""
    conference = {
        "acronym": schedule.acronym, "title": schedule.title,
        "start": schedule.start.isoformat(), "end": schedule.end.isoformat(),
        "daysCount": len(schedule.days), "timeslot_duration": TIMESLOT,
        "time_zone_name": schedule.timezone, "url": schedule.url,
        "rooms": [{"name": room.name, "guid": room.guid} for room in schedule.rooms],
        "days": [{
            "index": day.index, "date": day.date.isoformat(),
            "day_start": day.start.isoformat(timespec="seconds"),
            "day_end": day.end.isoformat(timespec="seconds"),
            "rooms": {room.name: [_event(t) for t in talks] for room, talks in day.rooms.items()},
        } for day in schedule.days],
    }
    if schedule.description:
        conference["description"] = schedule.description
    return {"$schema": SCHEMA, "schedule": {
        "version": schedule.version, "base_url": schedule.url, "conference": conference}}


def to_json(schedule: Schedule) -> bytes:
    """The schedule as UTF-8 JSON bytes (Vietnamese letters as they are), ending with a break."""
    text = json.dumps(document(schedule), ensure_ascii=False, indent=2)
    return text.encode("utf-8") + b"\n"
