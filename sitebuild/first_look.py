"""A first look at a saved article: its own page rewritten before the rest of the rebuild.

After a save the preview runs Pelican over every article (sitebuild.preview): every other
article revived, its plugins' handlers run again, every page asked whether the save touches it.
At 10 000 articles that takes over a second. The page an editor watches is the saved article's
own, so before that rebuild the saved file alone is read, with the generator and context the
last good build left, and its page is written over the old one for the browser to reload at
once (Hugo's server does the same: its fast render mode renders the pages being viewed first).

What the page shows of other articles (neighbours, "Đọc thêm", its JSON-LD, filled in after
reading by the plugins) comes from the article as the last build had it. The rebuild that
follows writes every page the save touches, this one included, exactly as a full build would;
the server reloads the page again only if that differs from the first look. No first look is
taken when the save moves the page, changes its status or its pictures, or reports a problem
while it is read, nor for a file outside the content tree (sitebuild.preview): the rebuild
alone then decides, as before. The text is sanitised as it is read (the editorial plugin's
content_object_init); the content review and the checks across files run in the rebuild, and
a rebuild they fail puts the old page back, the browser then reloading it with the error shown.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.readers import SkipStub
from pelican.writers import Writer

from sitekit import problems
from sitekit.contents import every_content
from sitekit.once import Once

# What a page loads of the article's pictures: a new one is made by the rebuild only.
_PICTURES = re.compile(r'\b(?:src|srcset)="([^"]*)"')


@dataclass(frozen=True)
class Look:
    """A page written early: its output name, and what it held before (for a failed rebuild)."""

    name: str
    path: Path
    before: bytes
    written: bytes

    def restore(self) -> None:
        """Put the old page back: the rebuild failed, output/ keeps the last good site."""
        self.path.write_bytes(self.before)

    def settled(self) -> bool:
        """Whether the rebuild left the page as the first look wrote it."""
        try:
            return self.path.read_bytes() == self.written
        except OSError:
            return False


class FirstLook:
    """The last good build's article generator, and the early page of one saved article."""

    def __init__(self) -> None:
        self._generator: ArticlesGenerator | None = None

    def remember(self, generators: list) -> None:
        """all_generators_finalized: keep this build's articles as its plugins left them."""
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                self._generator = generator

    def forget(self) -> None:
        """A failed build: its articles are not the site's."""
        self._generator = None

    def take(self, saved: list[Path], output: Path) -> Look | None:
        """Write the page of the one saved article from its new text; None when it cannot."""
        generator = self._generator
        if generator is None or len(saved) != 1:
            return None
        source = str(saved[0].resolve())
        old = next((a for a in every_content(generator) if a.source_path == source), None)
        if old is None or not old.save_as:
            return None
        reported = len(problems.found())
        try:
            new = self._read(generator, old.source_path)
        except Exception:  # noqa: BLE001 - the rebuild reads it again and says what is wrong
            return None
        if new is None or len(problems.found()) > reported or not _same_place(old, new):
            return None
        for key, value in vars(old).items():  # what plugins add after reading, as it was
            vars(new).setdefault(key, value)
        if isinstance(once := generator.env.globals.get("once"), Once):
            once.forget(old.source_path)  # its blocks as the last build rendered them
        path = output / new.save_as
        try:
            before = path.read_bytes()
            _write(generator, new, output)
            return Look(new.save_as, path, before, path.read_bytes())
        except Exception:  # noqa: BLE001 - same: the rebuild writes the page
            return None

    @staticmethod
    def _read(generator: ArticlesGenerator, source: str) -> Article | None:
        new = generator.readers.read_file(
            base_path=generator.path, path=os.path.relpath(source, generator.path),
            content_class=Article, context=generator.context,
            preread_signal=signals.article_generator_preread, preread_sender=generator,
            context_signal=signals.article_generator_context, context_sender=generator)
        return None if isinstance(new, SkipStub) or not new.is_valid() else new


def _same_place(old: Article, new: Article) -> bool:
    """The page stays where it was, in the same lists, showing the same pictures."""
    return (new.save_as == old.save_as and new.status == old.status
            and getattr(new, "lang", None) == getattr(old, "lang", None)
            and set(_PICTURES.findall(new.content)) == set(_PICTURES.findall(old.content)))


def _write(generator: ArticlesGenerator, article: Article, output: Path) -> None:
    # As Pelican's generate_articles and generate_drafts call the writer.
    extra = {"all_articles": generator.articles} if article.status == "draft" else {}
    Writer(str(output), settings=generator.settings).write_file(
        article.save_as, generator.get_template(article.template), generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"], article=article,
        category=getattr(article, "category", None),
        override_output=hasattr(article, "override_save_as"), url=article.url, blog=True,
        **extra)
