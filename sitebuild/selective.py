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
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from pelican.writers import Writer

Signature = tuple | None


def _source(item) -> str:
    return getattr(item, "source_path", None) or getattr(item, "url", "") or str(item)


def _sources(items) -> tuple[str, ...]:
    # Asked for every listing page of every rebuild: the common case first.
    return tuple([getattr(item, "source_path", None) or _source(item) for item in items or ()])


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
    # Each paginated listing of the last build: what it lists and the pages it made.
    listings: dict[tuple, Listing] = field(default_factory=dict)
    next_listings: dict[tuple, Listing] = field(default_factory=dict)

    def start(self, changed: set[str] | None) -> None:
        """A new build: a full one (None) or a preview of these saved sources."""
        self.changed = changed or set()
        self.everything = changed is None
        self.written = {}
        self.rendered = 0
        self.next_listings = {}

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
        self.listings = self.next_listings
        if output is not None:
            for name in gone:
                page = output / name
                page.unlink(missing_ok=True)
                with contextlib.suppress(OSError):  # only an emptied folder goes
                    page.parent.rmdir()
        return gone


@dataclass(frozen=True)
class Listing:
    """A paginated listing (home, chủ đề, tag, author, archives) as one build wrote it."""

    lists: tuple[tuple[str, ...], ...]  # the sources of each list it paginates, in order
    per_page: int
    pages: tuple[tuple[str, Signature], ...]  # each page's file and signature

    def unchanged(self, lists: tuple, per_page: int, plan: Plan) -> bool:
        """Every page would show what it showed: none needs rendering."""
        return (not plan.everything and lists == self.lists and per_page == self.per_page
                and all(sig is not None for _, sig in self.pages)
                and not any(source in plan.changed for sources in lists for source in sources))


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
        listing = self._listing(name, args, kwargs)
        if listing is None:
            return super().write_file(name, _Gate(template, self.plan), context, *args,
                                      **kwargs)
        key, lists, per_page = listing
        known = self.plan.listings.get(key)
        if known is not None and known.unchanged(lists, per_page, self.plan):
            # Pelican would make every page's context only for the gate to skip it.
            self.plan.written.update(known.pages)
            self.plan.next_listings[key] = known
            return None
        before = len(self.plan.written)
        done = super().write_file(name, _Gate(template, self.plan), context, *args, **kwargs)
        pages = tuple(islice(self.plan.written.items(), before, None))
        self.plan.next_listings[key] = Listing(lists, per_page, pages)
        return done

    def _listing(self, name, args, kwargs) -> tuple[tuple, tuple, int] | None:
        """A paginated listing's key, lists and page size, as Pelican's write_file sees them."""
        names = ("relative_urls", "paginated", "template_name", "override_output", "url")
        given = dict(zip(names, args, strict=False)) | {k: kwargs[k] for k in names
                                                        if k in kwargs}
        paginated = given.get("paginated")
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        template_name = given.get("template_name")
        if not name or not paginated or template_name not in self.settings["PAGINATED_TEMPLATES"]:
            return None
        per_page = (self.settings["PAGINATED_TEMPLATES"][template_name]
                    or self.settings["DEFAULT_PAGINATION"])
        key = (name, template_name, given.get("url"), given.get("relative_urls", False),
               tuple(paginated))
        return key, tuple(_sources(items) for items in paginated.values()), per_page

    @contextlib.contextmanager
    def _open_w(self, filename, encoding, override=False):
        sink = _Sink()
        yield sink
        if sink.text is not _SKIP:
            if filename not in self._overridden_files:  # else Pelican writes to os.devnull
                # A new file rather than the old one truncated: ext4 flushes a truncated
                # file's blocks when it is closed (auto_da_alloc), milliseconds a page.
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(filename)
            with super()._open_w(filename, encoding, override) as handle:
                handle.write(sink.text)

    def write_feed(self, *args, **kwargs):
        return None  # feeds are rewritten by the next full build


@contextlib.contextmanager
def copies_only_newer() -> Iterator[None]:
    """Pelican copies the theme's static files at every build: not those already there.

    A file is copied again when the copy is missing, of another size or older than it.
    """
    import pelican.utils

    original = pelican.utils.copy_file

    def copy_file(source: str, destination: str) -> None:
        try:
            there, here = os.stat(destination), os.stat(source)
        except OSError:
            there = here = None
        if there is None or there.st_size != here.st_size or \
                there.st_mtime_ns < here.st_mtime_ns:
            original(source, destination)

    pelican.utils.copy_file = copy_file
    try:
        yield
    finally:
        pelican.utils.copy_file = original


class _Members(list):
    """A term's list of articles that answers `in` at once.

    Pelican's writer picks each chủ đề's, tag's and author's articles out of all the dates with
    `article in articles`: a walk of the list per article, 0.05 s of every preview rebuild at
    1000 articles. The set of members is made at the first question (after every plugin has
    changed the lists) and made again if the list's length changed since.
    """

    _ids: set[int] | None = None
    _length = -1

    def __contains__(self, item) -> bool:
        if self._ids is None or self._length != len(self):
            self._ids, self._length = {id(member) for member in self}, len(self)
        return id(item) in self._ids  # articles are equal only to themselves


def quick_membership(generators) -> None:
    """At all_generators_finalized: the articles' terms answer `in` at once."""
    from pelican.generators import ArticlesGenerator

    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for tag, articles in list(generator.tags.items()):
                generator.tags[tag] = _Members(articles)
            generator.categories[:] = [(term, _Members(items))
                                       for term, items in generator.categories]
            generator.authors[:] = [(term, _Members(items)) for term, items in generator.authors]
