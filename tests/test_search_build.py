"""The build writes the search index last, from the pages it just wrote, and never a stale one."""

import gzip
import json
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, build_site
from tiny_site import tiny_content, write_article

from plugins.search import plugin
from plugins.search.indexer import UNUSED, IndexFeed
from plugins.search.settings import DEFAULTS, read
from sitebuild.build import BuildFailed, BuildOptions, load_settings, run_pelican
from sitekit import problems
from sitekit.problems import BuildRefused, Problem
from sitekit.rendered import page_rendered

SUB_PATH_SITEURL = "https://example.github.io/hoi-nghi-ntm"


def _build(content: Path, output: Path, **extra) -> Path:
    build_site(output, content=content, extra={"CACHE_PATH": str(output.parent / "cache"),
                                               **extra})
    return output


def _entry(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))


def _fragments(bundle: Path) -> list[dict]:
    texts = []
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        texts.append(json.loads(data[len(b"pagefind_dcd"):]))
    return texts


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tim-kiem")
    content = tiny_content(root)
    write_article(content, "bai-hai.md", title="Đường về Đà Nẵng",
                  body="Đoàn 1 đi Hà Tĩnh. Đoàn 2 đi Đà Nẵng.")
    return _build(content, root / "output")


def test_every_article_is_indexed(site):
    articles = {"/doan-tham-quan-vuon-mau/", "/duong-ve-da-nang/"}
    bundle = site / "pagefind"
    assert _entry(bundle)["languages"]["vi"]["page_count"] == len(articles)
    assert {f["url"] for f in _fragments(bundle)} == articles
    assert not [name for name in UNUSED if (bundle / name).exists()]
    assert (bundle / "pagefind.js").is_file()


def test_pages_without_a_marked_region_are_left_out(site):
    assert (site / "gioi-thieu" / "index.html").is_file()
    assert {f["url"] for f in _fragments(site / "pagefind")} == {"/doan-tham-quan-vuon-mau/",
                                                                 "/duong-ve-da-nang/"}


def test_the_index_holds_the_article_but_not_its_byline_and_tags(site):
    fragment = next(f for f in _fragments(site / "pagefind") if f["url"] == "/duong-ve-da-nang/")
    assert fragment["filters"] == {"chu_de": ["Thời sự"]}
    assert fragment["meta"]["ngay"] == "08/02/2017"
    content = fragment["content"]
    assert content.startswith("Dường|~!!!!| về Dà|~!| Nẵng.")  # the title comes first
    assert "Một bài thử" in content  # the sapo
    assert "Phóng viên" not in content  # the byline
    assert "Thẻ" not in content and "Trang chủ" not in content  # the tags, the breadcrumb
    # đ reaches Pagefind folded, with its code; the reader's page keeps its letters.
    assert "Doàn|~!!!| 1 di|~!| Hà Tĩnh." in content
    published = (site / "duong-ve-da-nang" / "index.html").read_text(encoding="utf-8")
    assert "Đoàn 1 đi Hà Tĩnh." in published


def test_the_search_page_and_header_box_take_their_urls_from_siteurl(tmp_path):
    output = _build(tiny_content(tmp_path), tmp_path / "output", SITEURL=SUB_PATH_SITEURL)
    page = (output / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert f'data-bundle="{SUB_PATH_SITEURL}/pagefind/"' in page
    assert f'data-base="{SUB_PATH_SITEURL}/"' in page
    assert f'src="{SUB_PATH_SITEURL}/theme/js/search.js"' in page
    home = (output / "index.html").read_text(encoding="utf-8")
    assert f'<form class="search-box" role="search" action="{SUB_PATH_SITEURL}/tim-kiem/"' in home


def test_a_failed_build_leaves_the_previous_site_and_its_index_together(tmp_path):
    content = tiny_content(tmp_path)
    output = _build(content, tmp_path / "output")
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    write_article(content, "hong.md", raw="Date: 2017-02-08\n\nThiếu tiêu đề.\n")
    with pytest.raises(BuildFailed):
        _build(content, output)
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_no_index_is_written_when_the_build_has_errors(tmp_path):
    pelican = SimpleNamespace(settings={"OUTPUT_PATH": str(tmp_path)})
    page = '<html lang="vi"><body><main data-pagefind-body><h1>Bài</h1></main></body></html>'
    problems.reset()
    try:
        for error in (True, False):
            plugin._start(pelican)
            plugin._add_page("bai/index.html", html=page)
            if error:
                problems.report(Problem(path="bai.md", message="lỗi thử", fix="sửa"))
            plugin._write(pelican)
            assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file() is not error
            problems.reset()
    finally:
        problems.reset()


def test_pagefind_writes_the_bundle_while_the_article_pages_are_written(tmp_path, monkeypatch):
    # Every article's region is indexed before the first article page, and the write is asked
    # for then: the article pages and the listings are written while Pagefind writes.
    events = []
    page_rendered.connect(lambda name, html: events.append(name), weak=False)
    asked = IndexFeed.write

    def write(feed):
        if not feed.writing:  # `finish` calls it again, and then it asks nothing
            events.append("WRITE")
        asked(feed)

    monkeypatch.setattr(IndexFeed, "write", write)
    content = tiny_content(tmp_path)
    write_article(content, "bai-hai.md", title="Bài thứ hai", body="Đoàn về **Hà Tĩnh**.")
    output = _build(content, tmp_path / "output")
    assert events.count("WRITE") == 1
    written = events.index("WRITE")
    assert "gioi-thieu/index.html" in events[:written]
    assert {"doan-tham-quan-vuon-mau/index.html", "bai-thu-hai/index.html", "index.html",
            "the/ha-tinh/index.html", "chu-de/thoi-su/index.html",
            "tac-gia/phong-vien/index.html"} <= set(events[written:])
    assert _entry(output / "pagefind")["languages"]["vi"]["page_count"] == 2
    # What was indexed is what the page shows: its words, in its region, and nothing else.
    fragment = next(f for f in _fragments(output / "pagefind") if f["url"] == "/bai-thu-hai/")
    assert fragment["content"].startswith("Bài thứ hai.")
    assert "Doàn|~!!!| về Hà Tĩnh." in fragment["content"]
    page = (output / "bai-thu-hai" / "index.html").read_text(encoding="utf-8")
    assert page.count("data-pagefind-body") == 1
    assert "Đoàn về <strong>Hà Tĩnh</strong>." in page


@pytest.mark.parametrize(("template", "main", "page", "said"), [
    # The index took the article's region from the theme's search_region macro: a page that
    # shows another one would be found by words it does not hold.
    ("article.html", "<h1>{{ article.title }}</h1>", "doan-tham-quan-vuon-mau/index.html",
     "không chứa đúng vùng tìm kiếm"),
    # A marked listing would arrive after the index was closed.
    ("tag.html", "{{ tag }}", "the/ha-tinh/index.html", "chỉ mục tìm kiếm đã khép lại"),
])
def test_a_theme_that_marks_pages_otherwise_fails_the_build_naming_the_page(
        tmp_path, template, main, page, said):
    overrides = tmp_path / "mau"
    overrides.mkdir()
    (overrides / template).write_text(
        f'<!doctype html><html lang="vi"><body><main data-pagefind-body>{main}</main>'
        "</body></html>", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        _build(tiny_content(tmp_path), tmp_path / "output",
               THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    (problem,) = failed.value.problems
    assert problem.path == page
    assert said in problem.message and "search_region" in problem.fix
    assert not (tmp_path / "output").exists()


def test_a_build_refused_after_the_write_began_leaves_no_bundle(tmp_path):
    # Plain `pelican` writes in place: the broken link is found at the end, after Pagefind was
    # asked to write; the worker and Pagefind are stopped and what they wrote is taken back.
    content = tiny_content(tmp_path)
    write_article(content, "lien-ket.md", title="Liên kết hỏng", body="[Xem](/khong-co/)")
    output = tmp_path / "output"
    settings = load_settings(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content,
                                          extra={"CACHE_PATH": str(tmp_path / "cache")}), output)
    with pytest.raises(BuildRefused):
        run_pelican(settings)
    assert (output / "lien-ket-hong" / "index.html").is_file()  # the pages were written
    time.sleep(1)  # a Pagefind left running would go on writing
    assert not (output / "pagefind").exists()


@pytest.mark.parametrize(("given", "sentence"), [
    ({"chunk_size": 5}, "SEARCH['chunk_size'] phải là số nguyên từ 100 trở lên, nhưng đang là 5"),
    ({"exclude_selectors": ".tags"}, "SEARCH['exclude_selectors'] phải là danh sách bộ chọn CSS"),
    ({"phrase": True}, "SEARCH['phrase'] không phải khoá đã biết; các khoá có: exclude_selectors"),
    ([1], "SEARCH phải là một từ điển (dict) các khoá như exclude_selectors, chunk_size, "
          "pages_per_index…, nhưng đang là list"),
])
def test_a_wrong_search_setting_is_named_in_a_sentence(given, sentence):
    settings, found = read({"SEARCH": given})
    assert [p.message for p in found if p.message.startswith(sentence)], found
    assert found[0].path == "pelicanconf.py"
    assert settings.chunk_size == DEFAULTS["chunk_size"]  # the default stands in for the 5
