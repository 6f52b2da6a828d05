"""One dict setting per plugin (IMAGES, PROGRAMME, SEARCH...), merged over its defaults.

Every key is checked once at start; a wrong one becomes a Problem naming the key, what was
expected and what arrived, never a crash in the middle of a build.
"""

from collections.abc import Callable
from typing import Any

from .problems import Problem

# Says what a key expects when the value is not that; "" (or None) when the value is fine.
Expectation = Callable[[str, Any], str | None]


def merge_dict_setting(settings: dict, name: str, defaults: dict,
                       expect: Expectation) -> tuple[dict, list[Problem]]:
    """`settings[name]` laid over `defaults`, with a Problem for every unusable key."""
    given = settings.get(name) or {}
    problems: list[Problem] = []
    if not isinstance(given, dict):
        keys = ", ".join(list(defaults)[:3])
        problems.append(setting_problem(name, (
            f"{name} phải là một từ điển (dict) các khoá như {keys}…, "
            f"nhưng đang là {type(given).__name__}.")))
        given = {}
    values = dict(defaults)
    for key, value in given.items():
        if key not in defaults:
            problems.append(setting_problem(name, (
                f"{name}['{key}'] không phải khoá đã biết; các khoá có: "
                f"{', '.join(defaults)}.")))
        elif expected := expect(key, value):
            problems.append(setting_problem(
                name, f"{name}['{key}'] phải là {expected}, nhưng đang là {value!r}."))
        else:
            values[key] = value
    return values, problems


def setting_problem(name: str, message: str) -> Problem:
    """A problem in pelicanconf.py's `name` setting."""
    return Problem(path="pelicanconf.py", message=message,
                   fix=f"sửa hoặc xoá khoá đó trong {name} (để trống thì dùng giá trị mặc định).")
