"""What the review finds in one source file, kept in a form that can be used again.

Everything here depends on the file's bytes, its place in the content tree, a few settings and
the code of the checks (review_store.py keys on all of them), with two exceptions worked out
again whenever a kept review is used: whether the files its `{filename}`/`{static}` links name
exist (`links`), and the dates, which depend on today (`dates`, kept with the span of moments
in which they stay true).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from sitekit.date_input import DateRefused
from sitekit.problems import Problem

from . import boundary, fields
from . import content_checks as checks
from .raw_html import raw_html_problems
from .sources import Source, read_source

# The metadata the checks across files (duplicate addresses, new chủ đề) and the dates read.
KEPT_FIELDS = ("title", "date", "modified", "category", "status", "slug")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
# a_year_after(now) (sitekit.date_input.unlikely) is 365 or 366 days after now.
_SHORTEST_YEAR, _LONGEST_YEAR = dt.timedelta(days=365), dt.timedelta(days=366)


def micros(moment: dt.datetime) -> int:
    """An aware moment as whole microseconds since 1970 (exact, unlike a float)."""
    return (moment - _EPOCH) // _MICROSECOND


@dataclass
class FileReview:
    """One file's findings, in the order review_content reports them."""

    digest: str  # of the bytes reviewed
    shown: str
    head: list[Problem]  # reading the file, required fields
    dates: list[Problem]
    since: int  # the dates hold for a clock in [since, until) (microseconds since 1970)
    until: int | None  # None: whatever the clock says
    summary: list[Problem]
    links: list[tuple[str | None, Problem]]  # (file that must exist, problem) or (None, problem)
    tail: list[Problem]  # raw HTML, fields
    boundary: list[Problem]  # links and photos out of the content tree, output paths
    source: Source | None  # KEPT_FIELDS only (no text); None when the file could not be read
    slug: str  # the address it is written at ('' for a draft)
    data: bytes | None = field(default=None, compare=False)  # in memory only

    def problems(self, now: dt.datetime) -> tuple[list[Problem], bool]:
        """The per-file problems for a build at `now`; True when the dates were looked at again."""
        renewed = False
        if self.source is not None and not self.dates_hold(micros(now)):
            self.dates, self.since, self.until = dated(self.source, now)
            renewed = True
        found = [*self.head, *self.dates, *self.summary]
        found += [problem for target, problem in self.links
                  if target is None or not Path(target).exists()]
        return found + self.tail, renewed

    def dates_hold(self, now: int) -> bool:
        """Whether the kept dates' findings are still those of a build at `now`."""
        return self.since <= now and (self.until is None or now < self.until)


def review_file(path: Path, shown: str, kind: str, raw: bytes, digest: str, root: Path,
                settings: dict, now: dt.datetime) -> FileReview:
    """Run every check of one file (the same checks, in the same order, as review_content)."""
    source, head = read_source(path, shown, kind, raw)
    if source is None:
        return FileReview(digest, shown, head, [], micros(now), None, [], [], [], [], None, "")
    head += checks.required_fields(source)
    dates, since, until = dated(source, now)
    summary = checks.summary_length(source)
    links = checks.body_link_checks(source, root)
    tail = raw_html_problems(source, settings) + fields.review(source, settings)
    outside = boundary.targets(source, os.path.relpath(source.folder, root))
    outside += boundary.output_paths(source)
    kept = Source(shown=shown, kind=kind, folder=source.folder, text="",
                  meta={key: source.meta[key] for key in KEPT_FIELDS if key in source.meta})
    return FileReview(digest, shown, head, dates, since, until, summary, links, tail, outside,
                      kept, checks.address_slug(source, settings))


def dated(source: Source, now: dt.datetime) -> tuple[list[Problem], int, int | None]:
    """checks.dates at `now`, with the span of clock readings in which its answer stays.

    A date's findings change only when the clock reaches it (no longer in the future) or comes
    within a year of it (no longer "more than a year ahead"); a date already past stays past.
    """
    until: int | None = None
    for _key, _text, moment in checks.declared_dates(source):
        if isinstance(moment, DateRefused) or moment <= now:
            continue  # refused whatever the day, or past for good
        # "More than a year ahead" may stop being true from 366 days before the date.
        edge = moment - _LONGEST_YEAR if moment - now > _SHORTEST_YEAR else moment
        until = micros(edge) if until is None else min(until, micros(edge))
    return checks.dates(source, now), micros(now), until
