"""Pelican wiring for the news theme."""

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from sitekit import theme
from sitekit.contents import every_content
from sitekit.rendered import page_rendered
from sitekit.settings_schema import refuse_wrong

from . import jsonld, related, sitemap, terms, urls
from .settings import SCHEMA

_HOME_BLOCK_SIZE = 4
_YES = {"yes", "true", "1", "có"}

# Article URL → last change, from the article pass to the sitemap written at the end of a build.
_modified: dict[str, object] = {}


def _check_settings(pelican) -> None:
    refuse_wrong(pelican.settings, SCHEMA)


def _add_globals(generator) -> None:
    # The strings, `once` (story cards, rendered once per article and build), the cards'
    # `without_source` and tojson's style.
    theme.prepare(generator.env, generator.settings)


def _image_url(article) -> str | None:
    card = getattr(article, "social_image", None)  # set by the images plugin
    return card.url if card else None


def _prepare_articles(generators) -> None:
    jsonld.new_build()
    for generator in generators:
        if isinstance(generator, ArticlesGenerator | PagesGenerator):
            urls.freeze(every_content(generator))
        if not isinstance(generator, ArticlesGenerator):
            continue
        published = generator.articles
        suggestions = related.suggest(published, generator.drafts)
        shared = jsonld.site(generator.settings)
        for article in published + generator.drafts:
            offer = suggestions[id(article)]
            article.related, article.same_category = offer.related, offer.same_category
            article.previous_article, article.next_article = offer.previous, offer.next
            article.jsonld = jsonld.news_article(article, generator.settings, _image_url(article),
                                                shared)
        # Home page: the lead story is the newest article marked `Featured: yes`, else the newest.
        featured = [a for a in published if str(getattr(a, "featured", "")).lower() in _YES]
        generator.context["lead_article"] = (featured or published or [None])[0]
        # and a block per chủ đề with its latest articles.
        generator.context["home_blocks"] = [
            (category, sorted(items, key=lambda a: a.date, reverse=True)[:_HOME_BLOCK_SIZE])
            for category, items in generator.categories
        ]
        _modified.clear()
        _modified.update({a.url: getattr(a, "modified", None) or a.date for a in published})


def _write_sitemap(pelican) -> None:
    if pelican.settings.get("SITE_PREVIEW"):  # a few pages rewritten: the last build's files stay
        return
    output = Path(pelican.settings["OUTPUT_PATH"])
    siteurl = pelican.settings.get("SITEURL", "")
    # Without the `rendered` plugin no written page is handed on: no sitemap rather than a
    # wrong one, and robots.txt does not name it.
    listed = sitemap.pages_written() and siteurl.startswith(("http://", "https://"))
    if listed:  # a sitemap lists absolute URLs only
        sitemap.write_sitemap(output, siteurl, _modified)
    sitemap.write_robots(output, siteurl, with_sitemap=listed)


def register() -> None:
    """Connect the handlers."""
    # initialized: the names the theme prints are checked before anything is read.
    signals.initialized.connect(_check_settings)
    # generator_init: each generator owns a Jinja environment; templates need the strings.
    signals.generator_init.connect(_add_globals)
    # all_generators_finalized: every article is known and nothing is written yet.
    signals.all_generators_finalized.connect(_prepare_articles)
    # all_generators_finalized: every term page is known (drafts' ones too), none is linked yet.
    signals.all_generators_finalized.connect(terms.mark_term_pages)
    # initialized: a new build (a second one in `invoke serve`) has written no page yet.
    signals.initialized.connect(sitemap.forget_pages)
    # page_rendered (sitekit, sent by `rendered`'s writer): each page as it is written.
    page_rendered.connect(sitemap.page_written)
    # finalized: the sitemap lists the pages that were actually written.
    signals.finalized.connect(_write_sitemap)
