"""Failures the generated-input tests found, kept as plain examples (each says what it did).

Each builds through hostile_trial.attempt, so every promise of design §8 is asserted on the way,
and then names the sentence that now tells the editor about the mistake.
"""

import logging
from pathlib import Path

import pytest
from hostile_trial import Trial, attempt, good_site
from tiny_site import write_article

from sitebuild.build import BuildFailed, build


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> Path:
    """A good site, built once; each example starts from a copy of it in output/."""
    return good_site(tmp_path_factory.mktemp("good"))


_GOOD = "Date: 2017-02-08 16:45\nCategory: Thời sự\n"


@pytest.mark.parametrize(("text", "line", "words"), [
    # Pelican's sentence quoted the status, then named the first absolute path in it (the
    # review now names the file and the line of Status before Pelican reads it).
    (f"Title: Bài thử\n{_GOOD}Status: /tmp/x.html\n\nThân bài.\n", 4, "Status"),
    # Pelican looked the template up at writing time: an internal error with a list in it.
    (f"Title: Bài thử\n{_GOOD}Template: khong-co\n\nThân bài.\n", 4, "Template"),
    # A language "code" of 300 letters became a file name: OSError, file name too long.
    (f"Title: Bài thử\n{_GOOD}Lang: {'a' * 300}\n\nThân bài.\n", 4, "Lang"),
    (f"Title: {'Đoàn ' * 60}\n{_GOOD}\nThân bài.\n", 1, "Title"),
    (f"Title: Bài thử\n{_GOOD}Tags: {'a' * 300}\n\nThân bài.\n", 4, "Tags"),
    # Written nowhere, linked from every listing: broken links named after output pages.
    (f"Title: Bài thử\n{_GOOD}Save_as:\n\nThân bài.\n", 4, "Save_as"),
    (f"Title: Bài thử\n{_GOOD}Url: khac/\n\nThân bài.\n", 4, "Url"),
    # Pelican made a list of the two titles and printed it: <h1>['Một', 'Hai']</h1>.
    (f"Title: Một\nTitle: Hai\n{_GOOD}\nThân bài.\n", 2, "Title"),
    (f"Title: Một\n    Hai\n{_GOOD}\nThân bài.\n", 2, "Title"),
    # An indented key is a key to Python-Markdown, and was a continued title to the review.
    (f"Title: Bài thử\n{_GOOD}  Template: khong-co\n\nThân bài.\n", 4, "Template"),
    # A list reached Pelican's translation sorting: AttributeError out of `invoke check`.
    (f"Title: Bài thử\n{_GOOD}Translation: a\nTranslation: b\n\nThân bài.\n", 5,
     "Translation"),
    (f"Title: Bài thử\n{_GOOD}Template:\n\nThân bài.\n", 4, "Template"),
    (f"Title: Bài thử\n{_GOOD}Lang:\n\nThân bài.\n", 4, "Lang"),
    # A warning Pelican gives once per process: the check heard it, the build after it did not.
    (f"Title: Bài thử\n{_GOOD}Translation:\n\nThân bài.\n", None, "translations"),
    # Listings linked /a#b/: a broken link named after every listing page.
    (f"Title: Bài thử\n{_GOOD}Slug: a#b\n\nThân bài.\n", 4, "Slug"),
    # A folder index.html/ where the home page goes: IsADirectoryError, an internal error.
    (f"Title: Bài thử\n{_GOOD}Slug: index.html\n\nThân bài.\n", 4, "Slug"),
], ids=["status-a-path", "template-missing", "lang-too-long", "title-too-long", "tag-too-long",
        "save-as-empty", "url-elsewhere", "title-twice", "title-continued", "key-indented",
        "translation-twice", "template-empty", "lang-empty", "warning-heard-twice", "slug-hash",
        "slug-index-html"])
def test_found_by_the_properties(tmp_path, good_output, caplog, text, line, words):
    caplog.set_level(logging.WARNING)
    outcome = attempt(tmp_path, good_output, caplog, {"articles/bai.md": text.encode("utf-8")})
    assert not outcome.passed
    naming = [p for p in outcome.found if p.path == "articles/bai.md" and p.severity == "error"]
    assert any(p.line == line and words in p.message for p in naming), \
        [str(p) for p in outcome.found]


def test_a_broken_link_in_a_body_names_the_file(tmp_path, good_output, caplog):
    """The link check named the written page (`bai-thu/index.html`); editors know the file."""
    caplog.set_level(logging.WARNING)
    text = f"Title: Bài thử\n{_GOOD}\nXem [bài cũ](/bai-khong-co/).\n"
    trial = Trial(tmp_path / "cay")
    trial.content.mkdir(parents=True)
    write_article(trial.content, "bai.md", raw=text)
    with pytest.raises(BuildFailed) as failed:
        build(trial.options())
    assert [(p.path, p.message) for p in failed.value.problems] == [
        ("articles/bai.md", "liên kết hỏng tới /bai-khong-co/ (trên trang bai-thu/index.html)")]


@pytest.mark.parametrize("name", [".an.md", ".an/bai.md", "bai.markdown", "bai.mkd", "bai.mdown"])
def test_every_file_pelican_reads_is_reviewed(tmp_path, good_output, caplog, name):
    """The review took `*.md` only, and skipped any path with a part starting with a dot."""
    caplog.set_level(logging.WARNING)
    text = f"Title: Bài thử\n{_GOOD}Template: khong-co\n\nThân bài.\n"
    outcome = attempt(tmp_path, good_output, caplog, {f"articles/{name}": text.encode()})
    assert not outcome.passed
    assert [(p.path, p.line) for p in outcome.found if "Template" in p.message] == [
        (f"articles/{name}", 4)]


def test_a_file_pelican_will_not_read_is_announced(tmp_path, good_output, caplog):
    """`.MD` is not a Markdown extension to Pelican: the article would silently be missing."""
    caplog.set_level(logging.WARNING)
    text = f"Title: Bài thử\n{_GOOD}\nThân bài.\n"
    outcome = attempt(tmp_path, good_output, caplog, {"articles/bai.MD": text.encode()})
    assert [(p.path, p.severity) for p in outcome.found] == [("articles/bai.MD", "warning")]


@pytest.mark.parametrize("slug", ["tim-kiem", "chu-de", "luu-tru"])
def test_an_article_cannot_take_the_place_of_a_site_page(tmp_path, good_output, caplog, slug):
    """`Slug: tim-kiem` silently replaced the search page (and `.` the home page)."""
    caplog.set_level(logging.WARNING)
    text = f"Title: Bài thử\n{_GOOD}Slug: {slug}\n\nThân bài.\n"
    trial = Trial(tmp_path / "cay")
    write_article(trial.content, "bai.md", raw=text)
    with pytest.raises(BuildFailed) as failed:
        build(trial.options())
    assert [(p.path, slug in p.message) for p in failed.value.problems] == [
        ("articles/bai.md", True)]
