"""Which chủ đề, tag and author pages exist, so the theme links only to those.

Pelican makes those pages from published articles only: the author of a `Status: hidden`
article (or of a draft in a build that writes drafts without a page for its terms) has no page,
and a link to it would be a broken link the editor never wrote. Each term an article shows gets
`has_page`; article.html prints a term without a page as plain text.
"""

from pelican.generators import ArticlesGenerator


def mark_term_pages(generators) -> None:
    """Set `has_page` on every category, tag and author of every article (all_generators_finalized).

    Runs after `article_generator_finalized`, where a drafts build gives the terms only drafts
    use their own page (sitebuild/draft_terms.py).
    """
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        settings = generator.settings
        pages = {
            "category": _written(settings, "CATEGORY", [c for c, _ in generator.categories]),
            "tags": _written(settings, "TAG", list(generator.tags)),
            "authors": _written(settings, "AUTHOR", [a for a, _ in generator.authors]),
        }
        every = (generator.articles + generator.translations + generator.hidden_articles
                 + generator.hidden_translations + generator.drafts
                 + generator.drafts_translations)
        for article in every:
            category = getattr(article, "category", None)
            terms = ([("category", category)] if category is not None else []) + [
                (kind, term) for kind in ("tags", "authors")
                for term in getattr(article, kind, None) or []]
            for kind, term in terms:
                term.has_page = term in pages[kind]


def _written(settings: dict, prefix: str, terms: list) -> set:
    """The terms that get a page: none when the site writes no such pages (`TAG_SAVE_AS = ""`)."""
    return set(terms) if settings.get(f"{prefix}_SAVE_AS") else set()
