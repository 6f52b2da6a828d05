"""The news plugin's per-build shortcuts give what Pelican itself would, build after build.

`urls.freeze` works out each URL once, without asking Pelican twice; the JSON-LD keeps the
plain text of summaries from the last build; `related` keeps its last picks. A site is built
with every kind of content Pelican reads, and then rebuilt in the same process after edits.
"""

import json
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build_site
from pelican import signals
from pelican.contents import Article
from tiny_site import tiny_content, write_article

from sitekit.contents import every_content

HEAD = "Date: {date}\nCategory: {category}\nTags: {tags}\nAuthor: {author}\n"


def _article(content: Path, name: str, title: str, extra: str = "", date="2017-02-08 16:45",
             category="Thời sự", tags="Hà Tĩnh", author="Phóng viên",
             summary="(Baohatinh.vn) - Một bài thử.") -> None:
    head = HEAD.format(date=date, category=category, tags=tags, author=author)
    write_article(content, name, raw=f"Title: {title}\n{head}Summary: {summary}\n{extra}\n"
                                     "Nội dung bài.\n")


def _every_kind(tmp_path: Path) -> Path:
    content = tiny_content(tmp_path)
    _article(content, "bai-hai.md", "Bài hai", "Slug: bai-hai\n", category="Kinh tế",
             author="Trần Thị Bình")
    _article(content, "bai-hai-en.md", "Second story", "Slug: second-story\nLang: en\n")
    _article(content, "bai-nhap.md", "Bài nháp", "Status: draft\n")
    _article(content, "bai-an.md", "Bài ẩn", "Status: hidden\n")
    _article(content, "bai-rieng.md", "Bài riêng",
             "Url: chuyen-de/bai-rieng/\nSave_as: chuyen-de/bai-rieng/index.html\n")
    pages = content / "pages"
    (pages / "gioi-thieu-en.md").write_text(
        "Title: About\nSlug: about\nLang: en\n\nAbout us.\n", encoding="utf-8")
    (pages / "trang-nhap.md").write_text(
        "Title: Trang nháp\nStatus: draft\n\nChưa xong.\n", encoding="utf-8")
    (pages / "trang-an.md").write_text(
        "Title: Trang ẩn\nStatus: hidden\n\nKhông có trong trình đơn.\n", encoding="utf-8")
    return content


# URL patterns reading every value Pelican offers them (the relative path, the date, the
# chủ đề's and the author's slugs, the language), for the translations.
PATTERNS = {
    "ARTICLE_LANG_URL": "{lang}/{category}/{author}/{date:%Y}/{slug}/",
    "ARTICLE_LANG_SAVE_AS": "{lang}/{category}/{author}/{date:%Y}/{slug}/index.html",
    "PAGE_LANG_URL": "{lang}/{path}/",
    "PAGE_LANG_SAVE_AS": "{lang}/{path}/index.html",
}


def _pelicans_own(content, key: str) -> str:
    """What Pelican's `url`/`save_as` give without the plugin's override."""
    if key in content.metadata:  # `Url:` / `Save_as:` in the file
        return content.metadata[key]
    return content._expand_settings(key if content.in_default_lang else f"lang_{key}")


def test_frozen_urls_are_pelicans_own_for_every_kind_of_content(tmp_path):
    seen = []

    def collect(generator, writer=None) -> None:  # after the news plugin, before nothing
        for item in every_content(generator):
            seen.append((item, item.override_url, item.override_save_as,
                         _pelicans_own(item, "url"), _pelicans_own(item, "save_as")))

    signals.article_writer_finalized.connect(collect)
    signals.page_writer_finalized.connect(collect)
    output = tmp_path / "output"
    build_site(output, content=_every_kind(tmp_path), drafts=True, extra=PATTERNS)
    kinds = {(type(item).__name__, item.status, item.in_default_lang) for item, *_ in seen}
    assert kinds >= {("Article", "published", True), ("Article", "published", False),
                     ("Article", "draft", True), ("Article", "hidden", True),
                     ("Page", "published", True), ("Page", "published", False),
                     ("Page", "draft", True), ("Page", "hidden", True)}, kinds
    for item, url, save_as, own_url, own_save_as in seen:
        assert (url, save_as) == (own_url, own_save_as), item.source_path
    by_name = {Path(item.source_path).name: (url, save_as) for item, url, save_as, *_ in seen}
    assert by_name["bai-rieng.md"] == ("chuyen-de/bai-rieng/", "chuyen-de/bai-rieng/index.html")
    assert by_name["bai-hai-en.md"][0] == "en/thoi-su/phong-vien/2017/second-story/"
    assert by_name["gioi-thieu-en.md"][0] == "en/pages/gioi-thieu-en.md/"
    for _url, save_as in by_name.values():  # pages are written where the URL says
        if save_as and not save_as.startswith("ban-nhap/"):
            assert (output / save_as).is_file(), save_as
    assert all(isinstance(item, Article) or item.status != "draft" or url.startswith("ban-nhap/")
               for item, url, *_ in seen)


def _jsonld(output: Path, slug: str) -> dict:
    page = BeautifulSoup((output / slug / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    return json.loads(page.select_one('script[type="application/ld+json"]').string)


def _related(output: Path, slug: str) -> list[str]:
    page = BeautifulSoup((output / slug / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    return [a.get_text(strip=True) for a in page.select(".related .card-title a")]


def test_a_rebuild_in_the_same_process_follows_every_edit(tmp_path):
    content = tiny_content(tmp_path)
    _article(content, "bai-hai.md", "Bài hai", "Slug: bai-hai\n", tags="Hà Tĩnh, OCOP",
             summary="Sapo <em>đầu</em> tiên.")
    _article(content, "bai-ba.md", "Bài ba", "Slug: bai-ba\n", tags="OCOP",
             date="2017-02-07 08:00", category="Kinh tế")
    _article(content, "bai-bon.md", "Bài bốn", "Slug: bai-bon\n", tags="Can Lộc",
             date="2017-02-06 08:00", category="Kinh tế")
    output = tmp_path / "output"
    build_site(output, content=content)
    first = _jsonld(output, "bai-hai")
    assert first["description"] == "Sapo đầu tiên."
    assert first["author"][0]["name"] == "Phóng viên"
    # One tag shared each: the same chủ đề first.
    assert _related(output, "bai-hai")[:2] == ["Đoàn tham quan vườn mẫu", "Bài ba"]

    # Same sources, other summary, author and tags: nothing of the first build may remain.
    _article(content, "bai-hai.md", "Bài hai", "Slug: bai-hai\n", tags="Can Lộc",
             author="Trần Thị Bình", summary="Sapo <strong>mới</strong> hơn.")
    build_site(output, content=content)
    second = _jsonld(output, "bai-hai")
    assert second["description"] == "Sapo mới hơn."
    assert second["keywords"] == ["Can Lộc"]
    assert [(a["name"], a["url"].rstrip("/").rsplit("/", 1)[-1]) for a in second["author"]] \
        == [("Trần Thị Bình", "tran-thi-binh")]
    assert _related(output, "bai-hai")[0] == "Bài bốn", "the article sharing the new tag first"
    assert "Bài hai" not in _related(output, "bai-ba"), "no longer shares OCOP"

    # Only a title changes: the picks may be the last build's, the cards must be this one's.
    _article(content, "bai-bon.md", "Bài bốn đã sửa", "Slug: bai-bon\n", tags="Can Lộc",
             date="2017-02-06 08:00", category="Kinh tế")
    build_site(output, content=content)
    assert _related(output, "bai-hai")[0] == "Bài bốn đã sửa"
    assert _jsonld(output, "bai-hai")["description"] == "Sapo mới hơn."
