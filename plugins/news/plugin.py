"""Pelican wiring for the news theme."""

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from . import jsonld, related, sitemap
from .strings import load_strings

_HOME_BLOCK_SIZE = 4

# Article URL → last change, from the article pass to the sitemap written at the end of a build.
_modified: dict[str, object] = {}


def _add_globals(generator) -> None:
    generator.env.globals["T"] = load_strings(generator.settings["THEME"])
    # JSON-LD in readable Vietnamese; tojson still escapes <, >, & and ' for <script>.
    generator.env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}


def _image_url(article) -> str | None:
    return getattr(article, "social_image", None) or None


def _prepare_articles(generators) -> None:
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        published = generator.articles
        near = related.neighbours(published)
        for article in published + generator.drafts:
            article.related = related.related(article, published)
            article.same_category = [
                a for a in related.same_category(article, published)
                if a not in article.related
            ][:_HOME_BLOCK_SIZE]
            around = near.get(id(article))
            article.previous_article = around.previous if around else None
            article.next_article = around.next if around else None
            article.jsonld = jsonld.news_article(article, generator.settings, _image_url(article))
        # Home page: a block per chủ đề with its latest articles.
        generator.context["home_blocks"] = [
            (category, sorted(items, key=lambda a: a.date, reverse=True)[:_HOME_BLOCK_SIZE])
            for category, items in generator.categories
        ]
        _modified.clear()
        _modified.update({a.url: getattr(a, "modified", None) or a.date for a in published})


def _write_sitemap(pelican) -> None:
    output = Path(pelican.settings["OUTPUT_PATH"])
    siteurl = pelican.settings.get("SITEURL", "")
    if siteurl.startswith(("http://", "https://")):  # a sitemap lists absolute URLs only
        sitemap.write_sitemap(output, siteurl, _modified)
    sitemap.write_robots(output, siteurl)


def register() -> None:
    """Connect the handlers."""
    # generator_init: each generator owns a Jinja environment; templates need the strings.
    signals.generator_init.connect(_add_globals)
    # all_generators_finalized: every article is known and nothing is written yet.
    signals.all_generators_finalized.connect(_prepare_articles)
    # finalized: the sitemap lists the pages that were actually written.
    signals.finalized.connect(_write_sitemap)
