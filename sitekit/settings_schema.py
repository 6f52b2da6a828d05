"""Declared settings: every option a plugin reads, its default and what it accepts.

In the style of mkdocs' config options: a plugin lists its settings as options (a typed value,
a choice, an optional value, a list of values, a dict setting whose keys are options in turn)
and the site's configuration is checked against them once, at start. A wrong value becomes a
Problem at pelicanconf.py naming the key, what was expected and what was found, and the default
stands in for it, never a crash in the middle of a build. Settings Pelican itself defines
(`pelican.settings.DEFAULT_CONFIG`) are not redeclared, only constrained where a plugin needs it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from typing import Any

from . import problems
from .problems import Problem

CONFIG = "pelicanconf.py"


class Option:
    """One setting, or one key of a dict setting: its default and the values it accepts."""

    expected = "một giá trị hợp lệ"  # what a sentence says the key must be ("phải là …")

    def __init__(self, default: Any = None, expected: str | None = None):
        self.default = default
        if expected is not None:
            self.expected = expected

    def accepts(self, value: Any) -> bool:
        """Whether `value` is usable for this option."""
        raise NotImplementedError

    def problems(self, name: str, value: Any, within: str | None = None) -> list[Problem]:
        """Problems of `value` given for `name` (`IMAGES['widths']` of the dict `within`)."""
        if self.accepts(value):
            return []
        message = f"{name} phải là {self.expected}, nhưng đang là {value!r}."
        return [setting_problem(within, message) if within else top_level_problem(name, message)]


class Type(Option):
    """A value of one of the given Python types (an int is never a bool here)."""

    def __init__(self, types: type | tuple[type, ...], default: Any = None,
                 expected: str | None = None):
        super().__init__(default, expected)
        self.types = types if isinstance(types, tuple) else (types,)

    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool) and bool not in self.types:
            return False
        return isinstance(value, self.types)


class Boolean(Type):
    """True or False."""

    expected = "True hoặc False"

    def __init__(self, default: bool = False, expected: str | None = None):
        super().__init__(bool, default, expected)


class Integer(Option):
    """A whole number, within bounds when they are given."""

    def __init__(self, default: int | None = None, low: int | None = None,
                 high: int | None = None, expected: str | None = None):
        self.low, self.high = low, high
        if expected is None:
            expected = ("một số nguyên" if low is None and high is None
                        else f"một số nguyên từ {low} đến {high}" if high is not None
                        else "một số nguyên dương" if low == 1
                        else f"một số nguyên từ {low} trở lên")
        super().__init__(default, expected)

    def accepts(self, value: Any) -> bool:
        return (isinstance(value, int) and not isinstance(value, bool)
                and (self.low is None or value >= self.low)
                and (self.high is None or value <= self.high))


class Text(Option):
    """A string that is not blank; with `contains`, a pattern that must hold that field."""

    expected = "một chuỗi không rỗng"

    def __init__(self, default: str | None = None, contains: str | None = None,
                 expected: str | None = None):
        super().__init__(default, expected)
        self.contains = contains

    def accepts(self, value: Any) -> bool:
        return (isinstance(value, str) and bool(value.strip())
                and (self.contains is None or self.contains in value))


class RelativePath(Text):
    """A relative path that stays inside its folder (no leading /, no ..)."""

    def accepts(self, value: Any) -> bool:
        return (super().accepts(value) and not value.startswith("/")
                and ".." not in posixpath.normpath(value).split("/"))


class Choice(Option):
    """One of a few values."""

    def __init__(self, choices: Iterable[Any], default: Any = None,
                 expected: str | None = None):
        self.choices = tuple(choices)
        super().__init__(default, expected or "một trong " + ", ".join(map(repr, self.choices)))

    def accepts(self, value: Any) -> bool:
        return any(value == choice and type(value) is type(choice) for choice in self.choices)


class Optional(Option):
    """None, or a value the inner option accepts."""

    def __init__(self, inner: Option, default: Any = None, expected: str | None = None):
        self.inner = inner
        super().__init__(default, expected or f"None hoặc {inner.expected}")

    def accepts(self, value: Any) -> bool:
        return value is None or self.inner.accepts(value)


class ListOf(Option):
    """A list or tuple whose every item the item option accepts.

    `length`: exactly that many items (a pair is `length=2`); `non_empty`: at least one;
    `must_include`: items that must be among them (the JPEG fallback of `formats`).
    """

    def __init__(self, item: Option, default: Any = (), expected: str | None = None, *,
                 length: int | None = None, non_empty: bool = False,
                 must_include: tuple = ()):
        self.item, self.length = item, length
        self.non_empty, self.must_include = non_empty, must_include
        super().__init__(default, expected or f"một danh sách, mỗi mục là {item.expected}")

    def accepts(self, value: Any) -> bool:
        return (isinstance(value, list | tuple)
                and (self.length is None or len(value) == self.length)
                and (not self.non_empty or len(value) > 0)
                and all(self.item.accepts(item) for item in value)
                and all(item in value for item in self.must_include))


class Integers(ListOf):
    """A non-empty tuple of whole numbers within bounds (widths, a (width, height) pair)."""

    def __init__(self, default: tuple[int, ...], low: int, high: int,
                 expected: str | None = None, *, length: int | None = None):
        super().__init__(Integer(low=low, high=high), default, expected, length=length,
                         non_empty=True)


class DictSetting(Option):
    """A dict setting (`IMAGES = {...}`) whose keys are options; unknown keys are refused."""

    def __init__(self, options: Mapping[str, Option]):
        self.options = dict(options)
        super().__init__({key: option.default for key, option in self.options.items()})

    def accepts(self, value: Any) -> bool:
        return isinstance(value, dict)

    def merge(self, name: str, given: Any) -> tuple[dict, list[Problem]]:
        """`given` laid over the defaults, with a Problem for every unusable key."""
        found: list[Problem] = []
        values = dict(self.default)
        if not isinstance(given, dict):
            keys = ", ".join(list(self.options)[:3])
            found.append(setting_problem(name, (
                f"{name} phải là một từ điển (dict) các khoá như {keys}…, "
                f"nhưng đang là {type(given).__name__}.")))
            return values, found
        for key, value in given.items():
            option = self.options.get(key)
            if option is None:
                found.append(setting_problem(name, (
                    f"{name}['{key}'] không phải khoá đã biết; các khoá có: "
                    f"{', '.join(self.options)}.")))
            elif wrong := option.problems(f"{name}['{key}']", value, name):
                found += wrong
            else:
                values[key] = value
        return values, found


Schema = Mapping[str, Option]


def read(settings: Mapping, schema: Schema) -> tuple[dict, list[Problem]]:
    """Every option of `schema` as the settings give it (defaults for what is absent or wrong).

    A dict setting is merged over its defaults key by key; a top-level option is checked only
    when the site sets it (absent, its default is what the plugin that reads it assumes).
    """
    values: dict = {}
    found: list[Problem] = []
    for name, option in schema.items():
        given = settings.get(name)
        if isinstance(option, DictSetting):
            values[name], wrong = option.merge(name, given or {})
        elif name not in settings:
            values[name], wrong = option.default, []
        else:
            wrong = option.problems(name, given)
            values[name] = option.default if wrong else given
        found += wrong
    return values, found


def report_new(found: Iterable[Problem]) -> list[Problem]:
    """Report the problems this build does not hold yet (several plugins check one setting)."""
    new = [problem for problem in dict.fromkeys(found) if problem not in problems.found()]
    for problem in new:
        problems.report(problem)
    return new


def refuse_wrong(settings: Mapping, schema: Schema) -> dict:
    """Check `schema` at start and stop the build at once on a wrong value (nothing is read)."""
    values, found = read(settings, schema)
    if found:
        report_new(found)
        problems.stop_if_errors()
    return values


def setting_problem(name: str, message: str) -> Problem:
    """A problem in pelicanconf.py's dict setting `name`."""
    return Problem(path=CONFIG, message=message,
                   fix=f"sửa hoặc xoá khoá đó trong {name} (để trống thì dùng giá trị mặc định).")


def top_level_problem(name: str, message: str) -> Problem:
    """A problem in pelicanconf.py's top-level setting `name`."""
    return Problem(path=CONFIG, message=message,
                   fix=f"sửa dòng {name} = … trong {CONFIG} (xoá dòng đó thì dùng giá trị "
                       "mặc định).")


# Site-wide settings several plugins (and the theme) read, each declared here once and listed
# in the SCHEMA of every plugin that reads it.

# Set by `invoke serve` for the few pages a preview rewrites: no link check, no search index,
# no sitemap, Pelican's own writer.
SITE_PREVIEW = Boolean(False)
# Who publishes the site: the footer, and the publisher of every article's JSON-LD (absent:
# SITENAME).
PUBLISHER = Text(None)
# The short name after every page title ("Chủ đề: Thời sự – Hội nghị NTM Hà Tĩnh").
SITE_SHORTNAME = Text(None)
# The line under the name in the header, and the description of pages without their own.
SITESUBTITLE = Type(str, None, "một chuỗi")
