"""Previews: pages for the chủ đề, tags and authors that only drafts use.

Pelican makes those pages from published articles only, so the links of a draft by a new
author (`/tac-gia/phong-vien-moi/`) would lead nowhere and the link check would rightly stop
the preview. In a build that writes drafts, each such term gets its page, listing the drafts
that use it: what the site will show once they are published. A build that writes no drafts
(every published build) is left exactly as Pelican makes it, and its links checked as ever.
"""

from pelican.generators import ArticlesGenerator


def add_draft_terms(generator) -> None:
    """Give the terms only drafts use a page of their own (article_generator_finalized)."""
    if not isinstance(generator, ArticlesGenerator) or not generator.settings.get(
            "DRAFT_SAVE_AS"):
        return
    categories = {category for category, _ in generator.categories}
    authors = {author for author, _ in generator.authors}
    tags = set(generator.tags)  # a dict, tag → articles (Pelican lists the other two)
    new_categories: dict = {}
    new_authors: dict = {}
    for draft in generator.drafts:
        category = getattr(draft, "category", None)
        if category is not None and category not in categories:
            new_categories.setdefault(category, []).append(draft)
        for tag in getattr(draft, "tags", []):
            if tag not in tags:
                generator.tags[tag].append(draft)
        for author in getattr(draft, "authors", []):
            if author not in authors:
                new_authors.setdefault(author, []).append(draft)
    # The lists are the very objects in the templates' context: extend them in place.
    generator.categories.extend(new_categories.items())
    generator.categories.sort(reverse=generator.settings["REVERSE_CATEGORY_ORDER"])
    generator.authors.extend(new_authors.items())
    generator.authors.sort()

