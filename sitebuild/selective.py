"""Which pages an edit touches, page by page, so a preview rewrites those and only those.

Every page Pelican writes is described by what it shows of the articles: an article page by its
own source and the sources it lists (previous, next, "Đọc thêm", same chủ đề), a listing page
by its number, the number of pages and the sources it lists. The description of each page is
kept from one build to the next; a page is rendered again when its description changed or when
it shows an article that was saved. A page whose description says nothing (the home page's
first page, the lists of chủ đề/tags/authors, 404, search) is always written. A page that the
last build wrote and this one does not (a tag no article has any more, a renamed slug) is
deleted: output/ then holds exactly what a full build of the same content would.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from pelican.writers import Writer

Signature = tuple | None


def _source(item) -> str:
    return getattr(item, "source_path", None) or getattr(item, "url", "") or str(item)


def _sources(items) -> tuple[str, ...]:
    return tuple(_source(item) for item in items or ())


def signature(context: dict) -> Signature:
    """What a page shows of the articles; None for a page that is always written."""
    listing = context.get("articles_page") or context.get("dates_page")
    if listing is not None:
        if context.get("page_name") == "index" and listing.number == 1:
            return None  # the lead story, the chủ đề blocks and the drafts: from every article
        pages = context.get("articles_paginator") or context.get("dates_paginator")
        return ("listing", listing.number, pages.num_pages,
                _sources(listing.object_list),
                _sources(getattr(context.get("dates_page"), "object_list", ())))
    if "article" in context:
        article = context["article"]
        return ("article", _source(article),
                _sources([article.previous_article] if getattr(article, "previous_article",
                                                                None) else []),
                _sources([article.next_article] if getattr(article, "next_article",
                                                           None) else []),
                _sources(getattr(article, "related", ())),
                _sources(getattr(article, "same_category", ())))
    if "page" in context:
        return ("page", _source(context["page"]))
    return None


def site_wide(context: dict) -> tuple:
    """What every page shows: the chủ đề and the pages in the header."""
    categories = tuple((c.name, c.url) for c, _ in context.get("categories", ()))
    pages = tuple((p.title, p.url) for p in context.get("pages", ()))
    return categories, pages


@dataclass
class Plan:
    """The pages of the last good build, and what this rebuild must write."""

    pages: dict[str, Signature] = field(default_factory=dict)
    site: tuple | None = None
    next_site: tuple | None = None
    changed: set[str] = field(default_factory=set)
    everything: bool = True
    written: dict[str, Signature] = field(default_factory=dict)
    rendered: int = 0

    def start(self, changed: set[str] | None) -> None:
        """A new build: a full one (None) or a preview of these saved sources."""
        self.changed = changed or set()
        self.everything = changed is None
        self.written = {}
        self.rendered = 0

    def must_render(self, name: str, sig: Signature) -> bool:
        self.written[name] = sig
        if self.everything or sig is None or self.pages.get(name, ()) != sig:
            return True
        return any(source in self.changed for part in sig[1:]
                   for source in (part if isinstance(part, tuple) else (part,)))

    def finish(self, output: Path | None) -> list[str]:
        """Keep this build's pages; delete from `output` those no longer written."""
        gone = [name for name in self.pages if name not in self.written]
        self.pages, self.site = self.written, self.next_site
        if output is not None:
            for name in gone:
                page = output / name
                page.unlink(missing_ok=True)
                with contextlib.suppress(OSError):  # only an emptied folder goes
                    page.parent.rmdir()
        return gone


class _Skipped(str):
    """What a page that need not change "renders" to: nothing is written for it."""


_SKIP = _Skipped()


class _Gate:
    """A Jinja template that renders only the pages the plan says to."""

    def __init__(self, template, plan: Plan):
        self._template, self._plan = template, plan

    def render(self, context: dict) -> str:
        if self._plan.must_render(context["output_file"], signature(context)):
            self._plan.rendered += 1
            return self._template.render(context)
        return _SKIP


class _Sink:
    text: str = _SKIP

    def write(self, text: str) -> None:
        self.text = text


class SelectiveWriter(Writer):
    """Pelican's writer, rendering and writing only the pages `plan` selects."""

    plan = Plan()

    def write_file(self, name, template, context, *args, **kwargs):
        if name and not kwargs.get("paginated") and ("article" in kwargs or "page" in kwargs):
            # An article or a page: decided before Pelican copies the context for it.
            if not self.plan.must_render(name, signature(kwargs)):
                return None
        return super().write_file(name, _Gate(template, self.plan), context, *args, **kwargs)

    @contextlib.contextmanager
    def _open_w(self, filename, encoding, override=False):
        sink = _Sink()
        yield sink
        if sink.text is not _SKIP:
            with super()._open_w(filename, encoding, override) as handle:
                handle.write(sink.text)

    def write_feed(self, *args, **kwargs):
        return None  # feeds are rewritten by the next full build
