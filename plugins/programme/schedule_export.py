"""The two schedule files for conference apps, written by the programme's generator."""

from __future__ import annotations

from .model import Programme
from .schedule_json import to_json
from .schedule_model import paths, schedule
from .schedule_xml import to_xml


def files(programme: Programme, siteurl: str) -> dict[str, bytes]:
    """Output path → bytes: `schedule.xml` and `schedule.json` beside the programme page."""
    data = schedule(programme, siteurl)
    xml_path, json_path = paths(programme)
    return {xml_path: to_xml(data), json_path: to_json(data)}
