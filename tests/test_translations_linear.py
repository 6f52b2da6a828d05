"""The builds' linear grouping of translations gives what Pelican's own gives."""

from datetime import datetime

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import process_translations as pelican_process

from sitebuild.translations import linear_translations, process_translations


def _articles():
    settings = {**DEFAULT_CONFIG, "DEFAULT_LANG": "vi"}
    made = []
    # Two slugs with a translation each (one flagged), one alone, one whose only
    # version is in another language.
    for slug, lang, extra in [("hop-bao", "vi", {}), ("hop-bao", "en", {}),
                              ("le-hoi", "en", {"translation": "true"}), ("le-hoi", "vi", {}),
                              ("mot-minh", "vi", {}), ("tieng-anh", "en", {})]:
        meta = {"title": slug, "slug": slug, "lang": lang, "date": datetime(2024, 5, 1), **extra}
        made.append(Article("<p>x</p>", metadata=meta, settings=settings,
                            source_path=f"/tmp/{slug}-{lang}.md"))
    return made


def test_same_originals_translations_and_order_as_pelican():
    for translation_id in ("slug", ("slug", "lang"), None):
        ours = process_translations(_articles(), translation_id)
        theirs = pelican_process(_articles(), translation_id)
        # The same objects by position: compare what identifies them, and their translations.
        def described(result):
            return [[(a.slug, a.lang, sorted((t.slug, t.lang) for t in a.translations)
                      if hasattr(a, "translations") else None) for a in part]
                    for part in result]
        assert described(ours) == described(theirs)
    index, translations = process_translations(_articles(), "slug")
    assert [(a.slug, a.lang) for a in translations] == [("hop-bao", "en"), ("le-hoi", "en")]
    assert len(index) == 4


def test_the_patch_is_undone_after_the_run():
    import pelican.generators

    before = pelican.generators.process_translations
    with linear_translations():
        assert pelican.generators.process_translations is process_translations
    assert pelican.generators.process_translations is before
