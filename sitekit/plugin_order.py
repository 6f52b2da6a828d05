"""Which plugins must come before a plugin in PLUGINS, checked when the build starts.

Pelican runs the handlers of one signal in the order of PLUGINS, so that order is part of how
the site is built (the sanitiser before photos are filled in, the link check before the search
index). Each plugin declares, by dotted name (never by importing another plugin), the plugins
it needs before it and those that, when present, must come before it; at `initialized` a wrong
order or a missing plugin is one sentence naming both plugins and the fix, and the build stops
there, before anything is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import problems
from .problems import Problem
from .settings_schema import CONFIG


@dataclass(frozen=True)
class Before:
    """A plugin that must run before the one declaring it, and why (a Vietnamese clause)."""

    plugin: str
    why: str
    # True: the declaring plugin does not work without it; False: only its place matters.
    required: bool = False


def plugin_names(plugins: Iterable[object]) -> list[str]:
    """Dotted names of PLUGINS' entries, given as strings or as imported modules."""
    return [entry if isinstance(entry, str) else getattr(entry, "__name__", str(entry))
            for entry in plugins or ()]


def misplaced(settings: Mapping, plugin: str, before: Iterable[Before]) -> list[Problem]:
    """A problem for every plugin of `before` that is missing (when needed) or listed later."""
    names = plugin_names(settings.get("PLUGINS") or ())
    if plugin not in names:
        return []  # loaded under another name: its place cannot be told
    here = names.index(plugin)
    found = []
    for need in before:
        if need.plugin not in names:
            if need.required:
                found.append(Problem(
                    path=CONFIG,
                    message=f"PLUGINS có {plugin} nhưng thiếu {need.plugin}, plugin mà "
                            f"{plugin} cần ({need.why}).",
                    fix=f'thêm "{need.plugin}" vào PLUGINS, ngay trước "{plugin}".'))
        elif names.index(need.plugin) > here:
            found.append(Problem(
                path=CONFIG,
                message=f"PLUGINS xếp {plugin} trước {need.plugin}, nhưng {need.plugin} phải "
                        f"chạy trước {plugin} ({need.why}).",
                fix=f'trong PLUGINS, chuyển "{need.plugin}" lên trước "{plugin}".'))
    return found


def refuse_misplaced(settings: Mapping, plugin: str, before: Iterable[Before]) -> None:
    """At `initialized`: report a wrong place of `plugin` in PLUGINS and stop the build."""
    if found := misplaced(settings, plugin, before):
        for problem in found:
            problems.report(problem)
        problems.stop_if_errors()
