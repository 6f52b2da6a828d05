"""The review keeps each file's findings between builds, and never a stale one.

Every build runs Pelican itself on a tiny tree (EDITORIAL check_only: it stops after reading,
as `invoke check` does) and reads the problems reported; the findings of a file must be the
same whether they were worked out again, kept in memory (`invoke serve`) or kept on disk under
CACHE_PATH (the next `invoke build`).
"""

import datetime as dt
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT
from pelican import Pelican
from pelican.settings import read_settings
from tiny_site import tiny_content, write_article

from plugins.editorial import content_checks, review, review_store, sanitise_store
from plugins.editorial import sanitise as sanitiser
from plugins.editorial.sanitise import new_build, sanitise
from sitekit import problems, source_texts
from sitekit.dates import VIETNAM

FLAWED = """\
Title: Bài có lỗi
Date: 2031-05-01 08:00
Modified: 1980-01-01
Category: Chủ đề lạ
Tag: nông thôn

Xem [kế hoạch]({filename}/articles/ke-hoach.md).

![](/images/khong-chu-thich.jpg)

<font color="red">chữ đỏ</font>
"""


def check(content: Path, cache: Path, **editorial) -> list[str]:
    """The problems one check-only Pelican run reports, as the editor reads them."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(content.parent / "output"),
        "CACHE_PATH": str(cache), "EDITORIAL": {"check_only": True, **editorial}})
    try:
        Pelican(settings).run()
    except SystemExit as stop:  # CheckFinished, after reading
        assert stop.code == 0
    else:
        raise AssertionError("a check-only run goes on to write")
    return [f"{p.severity}: {p}" for p in problems.found()]


@pytest.fixture
def reviews(monkeypatch) -> list[str]:
    """The files whose checks ran (rather than being taken from a kept review)."""
    ran: list[str] = []
    real = review.review_file

    def counting(path, *args, **kwargs):
        ran.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(review, "review_file", counting)
    review_store.forget()
    yield ran
    review_store.forget()


def _about(found: list[str], name: str) -> list[str]:
    return [line for line in found if f"articles/{name}:" in line]


def test_kept_reviews_report_the_same_problems_in_memory_and_from_disk(tmp_path, reviews):
    content = tiny_content(tmp_path)
    write_article(content, "loi.md", raw=FLAWED)
    write_article(content, "trung.md", raw=FLAWED.replace("Tag: nông thôn\n", ""))
    cache = tmp_path / "cache"
    first = check(content, cache)
    flawed = _about(first, "loi.md")
    # Every kind of finding, the cross-file ones included, is there the first time.
    for words in ("ở hơn một năm sau hôm nay", "trước năm 1990", "chủ đề mới “Chủ đề lạ”",
                  "mục “Tag”", "{filename}/articles/ke-hoach.md trỏ tới tệp không có",
                  "ảnh không có chú thích", "thẻ <font>"):
        assert any(words in line for line in flawed), (words, first)
    assert any("trùng với articles/loi.md" in line for line in _about(first, "trung.md"))
    assert sorted(reviews) == ["bai-mot.md", "gioi-thieu.md", "loi.md", "trung.md"]

    reviews.clear()
    assert check(content, cache) == first  # the same process: kept in memory
    assert reviews == []
    review_store.forget()
    assert check(content, cache) == first  # as a new build would: kept on disk
    assert reviews == []


def test_a_new_process_takes_the_reviews_kept_on_disk(tmp_path, reviews):
    content = tiny_content(tmp_path)
    write_article(content, "loi.md", raw=FLAWED)
    cache = tmp_path / "cache"
    first = check(content, cache)
    assert (cache / review_store.FILE_NAME).is_file()
    script = (
        "import json, sys\n"
        "sys.path[:0] = [sys.argv[3], sys.argv[3] + '/tests']\n"
        "from pathlib import Path\n"
        "import test_editorial_review_memo as t\n"
        "from plugins.editorial import review\n"
        "ran = []\n"
        "real = review.review_file\n"
        "review.review_file = lambda path, *a, **k: ran.append(path) or real(path, *a, **k)\n"
        "found = t.check(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "print(json.dumps({'found': found, 'ran': len(ran)}))\n")
    result = subprocess.run([sys.executable, "-c", script, str(content), str(cache), str(ROOT)],
                            capture_output=True, encoding="utf-8", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    again = json.loads(result.stdout.splitlines()[-1])
    assert again == {"found": first, "ran": 0}


@pytest.mark.parametrize("from_disk", [False, True], ids=["memory", "disk"])
def test_an_edited_file_is_reviewed_again(tmp_path, reviews, from_disk):
    content = tiny_content(tmp_path)
    path = write_article(content, "bai.md", raw="Title: Bài\nDate: 2017-02-08\n"
                         "Category: Thời sự\nLang: tiếng việt\n\nThân bài.\n")
    cache = tmp_path / "cache"
    before = _about(check(content, cache), "bai.md")
    assert len(before) == 1 and "Lang “tiếng việt” không phải mã ngôn ngữ" in before[0]
    # The Lang fixed, a Template the theme has not added: one error gone, another there.
    path.write_text("Title: Bài\nDate: 2017-02-08\nCategory: Thời sự\nLang: vi\n"
                    "Template: trang-rieng\n\nThân bài, sửa lại.\n", encoding="utf-8")
    if from_disk:
        review_store.forget()
        source_texts.forget_all()
    reviews.clear()
    after = _about(check(content, cache), "bai.md")
    assert len(after) == 1 and "Template “trang-rieng” không dùng được" in after[0]
    assert reviews == ["bai.md"]


def test_a_linked_file_made_later_is_seen_without_editing_the_link(tmp_path, reviews):
    content = tiny_content(tmp_path)
    write_article(content, "bai.md", body="Xem [kế hoạch]({filename}/articles/ke-hoach.md).")
    cache = tmp_path / "cache"
    assert any("ke-hoach.md trỏ tới tệp không có" in line
               for line in _about(check(content, cache), "bai.md"))
    write_article(content, "ke-hoach.md", title="Kế hoạch")
    assert _about(check(content, cache), "bai.md") == []


@pytest.mark.parametrize("from_disk", [False, True], ids=["memory", "disk"])
def test_a_setting_the_checks_read_invalidates(tmp_path, reviews, from_disk):
    content = tiny_content(tmp_path)
    write_article(content, "video.md", body='<iframe src="https://www.youtube.com/embed/abc">'
                  "</iframe>")
    cache = tmp_path / "cache"
    refused = _about(check(content, cache), "video.md")
    assert len(refused) == 1 and "máy chủ “www.youtube.com” chưa có" in refused[0]
    if from_disk:
        review_store.forget()
    assert _about(check(content, cache, iframe_hosts=["www.youtube.com"]), "video.md") == []
    if from_disk:
        review_store.forget()
    strict = _about(check(content, cache, strict=True), "video.md")
    assert len(strict) == 1 and strict[0].startswith("error: ")


@pytest.mark.parametrize("junk", [
    b"\x80\x04garbage",  # not JSON at all
    b'{"format": 1, "context": "x", "reviews": {}}',  # another tree or configuration
    b"[1, 2, 3]",
    b"",
], ids=["bytes", "foreign", "list", "empty"])
def test_a_corrupt_or_foreign_cache_file_is_ignored(tmp_path, reviews, junk):
    content = tiny_content(tmp_path)
    write_article(content, "loi.md", raw=FLAWED)
    cache = tmp_path / "cache"
    first = check(content, cache)
    kept = json.loads((cache / review_store.FILE_NAME).read_text(encoding="utf-8"))
    (cache / review_store.FILE_NAME).write_bytes(junk)
    review_store.forget()
    reviews.clear()
    assert check(content, cache) == first
    assert sorted(reviews) == ["bai-mot.md", "gioi-thieu.md", "loi.md"]
    # Written whole again for the next build (the clock it was judged at aside).
    assert _timeless(json.loads((cache / review_store.FILE_NAME).read_text("utf-8"))) == \
        _timeless(kept)


def _timeless(kept: dict) -> dict:
    for entry in kept["reviews"].values():
        entry.pop("since")
    return kept


def test_a_damaged_review_in_the_cache_file_is_ignored(tmp_path, reviews):
    content = tiny_content(tmp_path)
    write_article(content, "loi.md", raw=FLAWED)
    cache = tmp_path / "cache"
    first = check(content, cache)
    kept = json.loads((cache / review_store.FILE_NAME).read_text(encoding="utf-8"))
    for entry in kept["reviews"].values():
        entry["head"] = [["p", 1, None, None, "dòng", "error"]]  # wrong types in every field
    (cache / review_store.FILE_NAME).write_text(json.dumps(kept), encoding="utf-8")
    review_store.forget()
    assert check(content, cache) == first


def _clock(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(content_checks, "now_in_vietnam", lambda: moment)


def test_dates_are_judged_again_when_the_day_comes(tmp_path, reviews, monkeypatch):
    content = tiny_content(tmp_path)
    write_article(content, "sap-dang.md", date="2030-06-01 08:00")
    cache = tmp_path / "cache"
    _clock(monkeypatch, dt.datetime(2029, 5, 1, tzinfo=VIETNAM))  # more than a year before
    assert any("ở hơn một năm sau hôm nay" in line
               for line in _about(check(content, cache), "sap-dang.md"))
    _clock(monkeypatch, dt.datetime(2030, 5, 31, tzinfo=VIETNAM))  # the day before
    waiting = _about(check(content, cache), "sap-dang.md")
    assert len(waiting) == 1 and "ngày đăng 2030-06-01 08:00 còn ở tương lai" in waiting[0]
    review_store.forget()  # the kept window holds on disk too
    assert _about(check(content, cache), "sap-dang.md") == waiting
    _clock(monkeypatch, dt.datetime(2030, 6, 1, 8, 0, tzinfo=VIETNAM))  # the very minute
    assert _about(check(content, cache), "sap-dang.md") == []
    assert reviews.count("sap-dang.md") == 1  # only the dates were judged again


def test_another_content_tree_gets_its_own_review(tmp_path, reviews):
    one = tiny_content(tmp_path / "mot")
    other = tiny_content(tmp_path / "hai")
    write_article(one, "bai.md", raw="Title: Bài\nDate: 2017-02-08\nCategory: Thời sự\n"
                  "Lang: tiếng việt\n\nThân bài.\n")
    write_article(other, "bai.md", raw="Title: Bài\nDate: 2017-02-08\nCategory: Thời sự\n"
                  "Lang: vi\n\nThân bài.\n")
    cache = tmp_path / "cache"  # one CACHE_PATH for both, as the shared .cache/pelican
    assert len(_about(check(one, cache), "bai.md")) == 1
    assert _about(check(other, cache), "bai.md") == []
    assert len(_about(check(one, cache), "bai.md")) == 1


class _Fonts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fonts = 0

    def handle_starttag(self, tag, attrs):
        self.fonts += tag == "font"


def test_the_sanitiser_keeps_cleaning_what_it_cleaned_before(tmp_path):
    """Two builds in one process publish the same cleaned body, the second from the memo."""
    content = tiny_content(tmp_path)
    write_article(content, "mau.md", title="Chữ màu", body='<font color="red">chữ đỏ</font>')
    output = tmp_path / "output"
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache")})
    for _ in range(2):
        Pelican(settings).run()
        page = output / "chu-mau" / "index.html"
        parser = _Fonts()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.fonts == 0 and "chữ đỏ" in page.read_text(encoding="utf-8")


def test_sanitise_memo_gives_the_same_answer_and_forgets_after_two_builds():
    clean, dirty = "<p>Xin chào &ndash; bạn</p>", '<p onclick="x()">Xin chào</p>'
    first = [sanitise(clean, frozenset()), sanitise(dirty, frozenset())]
    assert first[0] is clean and first[1] == "<p>Xin chào</p>"
    new_build()
    assert sanitise(clean, frozenset()) is clean and sanitise(dirty, frozenset()) == first[1]
    # Other hosts are another question.
    frame = '<iframe src="https://www.youtube.com/embed/a"></iframe>'
    assert sanitise(frame, frozenset()) == ""
    assert sanitise(frame, frozenset({"www.youtube.com"})) is frame


@pytest.fixture
def cleanings(monkeypatch) -> list[str]:
    """The texts handed to nh3 (rather than known to be kept whole)."""
    cleaned: list[str] = []
    real = sanitiser._sanitised

    def counting(html, hosts):
        cleaned.append(html)
        return real(html, hosts)

    monkeypatch.setattr(sanitiser, "_sanitised", counting)
    _new_process()
    yield cleaned
    _new_process()


def _new_process() -> None:
    """Forget what this process keeps, as a new build process starts with nothing."""
    sanitiser.new_build()
    sanitiser.new_build()
    sanitise_store.forget()
    review_store.forget()


def test_texts_kept_whole_are_not_cleaned_again_by_the_next_build(tmp_path, cleanings):
    content = tiny_content(tmp_path)
    write_article(content, "mau.md", title="Chữ màu", body='<font color="red">chữ đỏ</font>')
    cache = tmp_path / "cache"
    first = check(content, cache)
    assert any("thẻ <font>" in line for line in _about(first, "mau.md"))
    everything = len(cleanings)
    assert everything >= 4 and sum("<font" in html for html in cleanings) == 1
    _new_process()
    cleanings.clear()
    assert check(content, cache) == first
    # Only the text nh3 changes is cleaned again; a new build process knows the others.
    assert cleanings == ['<p><font color="red">chữ đỏ</font></p>']
    # Another list of iframe hosts is another question for every text.
    _new_process()
    cleanings.clear()
    check(content, cache, iframe_hosts=["www.youtube.com"])
    assert len(cleanings) == everything


def test_a_corrupt_sanitiser_file_is_ignored(tmp_path, cleanings):
    content = tiny_content(tmp_path)
    cache = tmp_path / "cache"
    first = check(content, cache)
    everything = len(cleanings)
    (cache / sanitise_store.FILE_NAME).write_bytes(b'{"format": 1, "code": 3, "whole": [1]}')
    _new_process()
    cleanings.clear()
    assert check(content, cache) == first
    assert len(cleanings) == everything
