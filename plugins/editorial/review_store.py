"""Each file's review kept between builds: in memory for this process, on disk under CACHE_PATH.

A kept review is used only when everything that decided it is the same: the file's bytes (a
digest), its path and kind, the content folder, the settings the checks read and the code of
the checks (every module of this plugin and of sitekit, the Python, Pelican, Markdown and
Unidecode versions): all but the bytes make up the `context`, and a memo holds the reviews of
one context only, so nothing crosses from one content tree or configuration to another.

The disk copy is one JSON file (never code: a file someone else wrote there cannot run
anything), written to a file of its own and renamed over the old one; one that cannot be read,
or is of another format or context, is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path

import sitekit
from sitekit.code_digest import modules_digest
from sitekit.problems import Problem

from .boundary import BoundaryProblem
from .file_review import FileReview
from .settings import editorial_settings
from .sources import Source

FORMAT = 1  # bump when the file's layout changes
# In a folder of its own: the content_cache plugin removes every top-level file of CACHE_PATH
# that is not one of Pelican's pickles.
FILE_NAME = "editorial/review.json"
# The settings a file's checks read (raw_html: EDITORIAL; fields: the rest).
_READ_SETTINGS = ("FORMATTED_FIELDS", "SLUG_REGEX_SUBSTITUTIONS", "CATEGORY_REGEX_SUBSTITUTIONS",
                  "AUTHOR_REGEX_SUBSTITUTIONS", "TAG_REGEX_SUBSTITUTIONS")
_KINDS: dict[type, str] = {Problem: "p", BoundaryProblem: "b"}
_CLASSES = {tag: kind for kind, tag in _KINDS.items()}


@cache
def code_version() -> str:
    """A digest of the code the checks (and the sanitiser) run: this plugin, sitekit, libraries."""
    digest = hashlib.sha256(modules_digest(Path(__file__).parent, Path(sitekit.__file__).parent))
    for name in ("pelican", "markdown", "unidecode", "nh3"):
        digest.update(f"{name}={version(name)}\0".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def context_of(settings: dict) -> str:
    """What, besides a file's bytes and path, decides its review."""
    read = {
        "code": code_version(),
        "root": os.path.abspath(settings["PATH"]),
        "editorial": editorial_settings(settings),
        **{name: settings.get(name) for name in _READ_SETTINGS},
    }
    # repr for anything JSON cannot write: an object printed with its address is never reused.
    text = json.dumps(read, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


def digest_of(data: bytes) -> str:
    """The digest a review is kept under."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


@dataclass
class Memo:
    """The kept reviews of one context, by `kind:path`."""

    context: str
    reviews: dict[str, FileReview] = field(default_factory=dict)
    saved_in: str | None = None  # the cache file known to hold exactly these reviews
    seen: dict[str, FileReview] = field(default_factory=dict)  # this build's

    def kept(self, key: str, data: bytes) -> FileReview | None:
        """The kept review of these bytes at `key`, if any."""
        review = self.reviews.get(key)
        if review is None:
            return None
        if review.data is not data:  # the same bytes object is the same file, unhashed
            if review.digest != digest_of(data):
                return None
            review.data = data
        return review

    def use(self, key: str, review: FileReview, changed: bool) -> None:
        """Note a review this build used; `changed`: it is not the kept one any more."""
        self.seen[key] = review
        if changed:
            self.saved_in = None

    def finish(self, cache_file: Path | None) -> None:
        """Keep this build's reviews only (a deleted file's goes); save them when asked."""
        if self.seen.keys() != self.reviews.keys():
            self.saved_in = None
        self.reviews, self.seen = self.seen, {}
        if cache_file is not None and self.saved_in != str(cache_file) \
                and save(cache_file, self):
            self.saved_in = str(cache_file)


_memory: Memo | None = None


def memo_for(settings: dict, cache_file: Path | None) -> Memo:
    """The memo of this process for the same context, else the one on disk, else a new one."""
    global _memory
    context = context_of(settings)
    if _memory is None or _memory.context != context:
        reviews = load(cache_file, context) if cache_file is not None else {}
        _memory = Memo(context, reviews, str(cache_file) if reviews else None)
    _memory.seen = {}
    return _memory


def forget() -> None:
    """Keep nothing in memory (tests)."""
    global _memory
    _memory = None


def cache_file_of(settings: dict) -> Path | None:
    """Where the reviews are kept on disk, or None when there is no CACHE_PATH."""
    folder = settings.get("CACHE_PATH")
    return Path(folder) / FILE_NAME if folder else None


def load(path: Path, context: str) -> dict[str, FileReview]:
    """The reviews kept in `path` for this context; {} when it is missing or unusable."""
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT \
                or data.get("context") != context:
            return {}
        return {_text(key): _review(value) for key, value in data["reviews"].items()}
    except Exception:  # noqa: BLE001 - a cache that cannot be read is no cache, never a crash
        return {}


def save(path: Path, memo: Memo) -> bool:
    """Write the memo's reviews to `path` atomically; False when that was not possible."""
    data = {"format": FORMAT, "context": memo.context,
            "reviews": {key: _plain(review) for key, review in memo.reviews.items()}}
    return write_atomically(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def write_atomically(path: Path, text: str) -> bool:
    """Write a file of its own, then rename it over `path`; False when that was not possible."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)  # readers see the old file or the new one, whole
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:  # a read-only cache folder: the next build works it out again
        return False
    return True


def _plain(review: FileReview) -> dict:
    source = review.source
    return {
        "digest": review.digest, "shown": review.shown, "head": _problems(review.head),
        "dates": _problems(review.dates), "since": review.since, "until": review.until,
        "summary": _problems(review.summary), "tail": _problems(review.tail),
        "links": [[target, _problem(problem)] for target, problem in review.links],
        "boundary": _problems(review.boundary), "slug": review.slug,
        "source": None if source is None else {
            "kind": source.kind, "folder": str(source.folder),
            "meta": {key: [value, line] for key, (value, line) in source.meta.items()}},
    }


def _problems(problems: list[Problem]) -> list[list]:
    return [_problem(problem) for problem in problems]


def _problem(problem: Problem) -> list:
    return [_KINDS[type(problem)], problem.path, problem.message, problem.fix, problem.line,
            problem.severity]


def _review(plain: dict) -> FileReview:
    source = plain["source"]
    if source is not None:
        meta = {_text(key): (_text(value), _number(line))
                for key, (value, line) in source["meta"].items()}
        source = Source(shown=_text(plain["shown"]), kind=_text(source["kind"]),
                        folder=Path(_text(source["folder"])), text="", meta=meta)
    until = plain["until"]
    return FileReview(
        digest=_text(plain["digest"]), shown=_text(plain["shown"]),
        head=_read_problems(plain["head"]), dates=_read_problems(plain["dates"]),
        since=_number(plain["since"]), until=None if until is None else _number(until),
        summary=_read_problems(plain["summary"]), tail=_read_problems(plain["tail"]),
        links=[(None if target is None else _text(target), _read_problem(problem))
               for target, problem in plain["links"]],
        boundary=_read_problems(plain["boundary"]), source=source, slug=_text(plain["slug"]))


def _read_problems(plain: list) -> list[Problem]:
    if not isinstance(plain, list):
        raise TypeError(plain)
    return [_read_problem(problem) for problem in plain]


def _read_problem(plain: list) -> Problem:
    tag, path, message, fix, line, severity = plain
    if severity not in ("error", "warning") or (line is not None and not isinstance(line, int)):
        raise ValueError(plain)
    return _CLASSES[tag](_text(path), _text(message), _text(fix), line, severity)


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _number(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(value)
    return value
