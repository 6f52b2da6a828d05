"""The searchable region of every article, rendered from the theme before the pages are written.

The theme's `search_region(article)` macro (partials/macros.html) holds what the index keeps of
an article, and article.html shows it through the same macro. Rendered for every article as soon
as Pelican starts writing articles, the regions reach Pagefind at once, so it writes its bundle
while the article pages are still being written, instead of after the last one. The macro keeps
each rendering (`once`), so the page reuses it and the text is rendered once.
"""

from __future__ import annotations

from jinja2 import TemplateNotFound

from sitekit.contents import every_content

TEMPLATE = "partials/macros.html"
MACRO = "search_region"


def articles_written(generator) -> dict[str, object]:
    """Output name → article, for every article the generator writes (drafts: previews do)."""
    return {name: article for article in every_content(generator) if (name := article.save_as)}


def article_regions(generator, articles: dict[str, object] | None = None) -> dict[str, str]:
    """Output name → searchable region of each article written, or of `articles` only.

    {} if the theme has no `search_region` macro.
    """
    try:
        macros = generator.env.get_template(TEMPLATE)
    except TemplateNotFound:
        return {}
    render = getattr(macros.make_module(vars=generator.context), MACRO, None)
    if render is None:
        return {}
    chosen = articles_written(generator) if articles is None else articles
    return {name: str(render(article)) for name, article in chosen.items()}
