"""The preview's articles and pages kept between saves: an unchanged source is not read again.

Pelican makes a new Article for every source at every build, from its content cache: the
metadata worked out again, the object built, every `content_object_init` handler run. Here each
object's state is noted the moment Pelican has built it, just before `content_object_init`
(so before any plugin filled it in), with the problems its reading reported. The next preview
build revives a fresh object from that note for every source whose file is unchanged (same
modification time, change time, size and inode, and not among the saved files): the noted
state (its lists and dicts copied, so that a plugin's additions stay in that build), this
build's settings and context, then `content_object_init` and the rest of the class's own
`__init__` (Article's WITH_FUTURE_DATES, which depends on the clock), exactly as when read.
The problems its reading reported are reported again. Notes are kept per preview (one content
tree) and dropped at each full build, which notes everything again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from pelican.contents import Article, Content, Page
from pelican.generators import CachingGenerator
from pelican.plugins import signals

from sitekit import problems

_OWN_CONTEXT = ("settings", "_context")  # this build's, never the noted build's
_CONTAINERS = (dict, list, set)


def _copied(value):
    """Lists, dicts and sets copied all the way down; what they hold shared."""
    kind = type(value)
    if kind is dict:
        return {key: _copied(item) for key, item in value.items()}
    if kind is list:
        return [_copied(item) for item in value]
    if kind is set:
        return {_copied(item) for item in value}
    return value


def _stamp(path: str) -> tuple[int, ...] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_ctime_ns, found.st_size, found.st_ino


@dataclass
class Noted:
    """One source's object as Pelican built it, before any plugin saw it."""

    cls: type
    stamp: tuple[int, ...]
    state: dict  # the values nothing can change in place (text, numbers, dates, terms)
    containers: dict  # the lists, dicts and sets, copied for each build
    reported: list = field(default_factory=list)  # problems its reading reported

    @classmethod
    def of(cls, obj, reported: list) -> Noted:
        state, containers = {}, {}
        for key, value in vars(obj).items():
            if key not in _OWN_CONTEXT:
                if type(value) in _CONTAINERS:
                    containers[key] = _copied(value)
                else:
                    state[key] = value
        return cls(type(obj), (), state, containers, reported)


@dataclass
class _Revival:
    noted: Noted
    settings: dict
    context: dict


class ContentObjects:
    """The noted objects of one preview; `active(reuse=...)` around a Pelican run."""

    def __init__(self) -> None:
        self.noted: dict[str, Noted] = {}  # by the path Pelican reads
        self.real: dict[str, str] = {}  # the resolved path → the path Pelican reads
        self.revived = 0  # in the last run, for the tests and the log
        # (source path, PATH) → the path from the content folder: Pelican works it out (two
        # absolute paths and a relative one) several times per article and build.
        self.relative: dict[tuple[str, str], str] = {}

    def forget(self, paths: set[str] | None = None) -> None:
        """Drop every note (None) or those of these resolved source paths."""
        if paths is None:
            self.noted.clear()
            self.real.clear()
            self.relative.clear()
        else:
            for path in paths:
                self.noted.pop(self.real.pop(path, path), None)

    @contextlib.contextmanager
    def active(self, reuse: bool) -> Iterator[None]:
        """Note every article and page built; with `reuse`, revive the unchanged ones."""
        store = self
        store.revived = 0
        building: dict[int, Noted] = {}  # id(object) → its note, until the generator keeps it
        # When the current source was begun: how many problems had been reported, its stamp
        # (taken before reading it: a save during the build must not pass for what was read).
        since: list = [0, None]
        signal = signals.content_object_init
        original_send = signal.send
        original_init = Content.__init__
        original_get = CachingGenerator.get_cached_data
        original_cache = CachingGenerator.cache_data
        original_relative = Content.get_relative_source_path

        def relative(obj, source_path=None):
            key = (source_path or obj.source_path, obj.settings["PATH"])
            found = store.relative.get(key)
            if found is None and key[0] is not None:
                found = store.relative[key] = original_relative(obj, source_path)
            return found

        def send(sender=None, /, *args, **kwargs):
            if type(sender) in (Article, Page) and sender.source_path:
                building[id(sender)] = Noted.of(sender, problems.found()[since[0]:])
            return original_send(sender, *args, **kwargs)

        def init(obj, *args, _revival: _Revival | None = None, **kwargs):
            if _revival is None:
                return original_init(obj, *args, **kwargs)
            noted = _revival.noted
            state = vars(obj)
            state.update(noted.state)
            for key, value in noted.containers.items():
                state[key] = _copied(value)
            obj.settings, obj._context = _revival.settings, _revival.context
            for problem in noted.reported:
                problems.report(problem)
            original_send(obj)  # the plugins fill it in as when it was read
            return None

        def get_cached_data(generator, filename, default=None):
            path = os.path.join(generator.path, filename)
            noted = store.noted.get(path) if reuse else None
            if noted is not None and noted.stamp == _stamp(path):
                store.revived += 1
                return noted.cls(_revival=_Revival(noted, generator.settings,
                                                   generator.context))
            since[:] = [len(problems.found()), _stamp(path)]
            return original_get(generator, filename, default)

        def cache_data(generator, filename, data):
            noted = building.pop(id(data), None)
            path = os.path.join(generator.path, filename)
            stamp, since[1] = since[1], None
            if noted is not None and stamp is not None and type(data) is noted.cls:
                noted.stamp = stamp
                store.noted[path] = noted
                store.real.setdefault(os.path.realpath(path), path)
            return original_cache(generator, filename, data)

        signal.send = send
        Content.__init__ = init
        Content.get_relative_source_path = relative
        CachingGenerator.get_cached_data = get_cached_data
        CachingGenerator.cache_data = cache_data
        try:
            yield
        finally:
            del signal.send
            Content.__init__ = original_init
            Content.get_relative_source_path = original_relative
            del CachingGenerator.get_cached_data, CachingGenerator.cache_data
            building.clear()


def forget_memos() -> None:
    """Empty Pelican's memo of each article's content and summary after a build.

    It is kept on the class, keyed by the article: without this every preview build's
    articles (and through them the whole build) would stay in memory for good.
    """
    for name in ("get_content", "get_summary"):
        memo = Content.__dict__.get(name)
        if hasattr(memo, "cache"):
            memo.cache.clear()
