"""Mistakes an editor meets in articles: each told once, at its line, with the fix.

Found by a review of what editors hit: a hidden article failing the build over a link nobody
wrote, a misspelt field silently ignored, legacy-encoded text and a bad Status told without
the line to look at.
"""

from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT, build_site
from tiny_site import tiny_content, write_article

from sitebuild.build import BuildOptions, check

HIDDEN = """\
Title: Bài ẩn
Date: 2017-02-08 16:45
Category: Chủ đề riêng
Tags: Thẻ riêng, Hà Tĩnh
Author: Người viết riêng
Status: hidden
Summary: Bài ẩn.

Nội dung bài ẩn.
"""


def found(content: Path) -> list:
    return check(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content))


def about(problems: list, name: str) -> list:
    return [p for p in problems if p.path == f"articles/{name}"]


class _Story(HTMLParser):
    """The links and the text of the byline, tags and breadcrumb of an article page."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_data(self, data):
        self.text.append(data)


def test_a_hidden_article_shows_terms_without_a_page_as_text_and_builds(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "bai-an.md", raw=HIDDEN)
    output = tmp_path / "out"
    build_site(output, content)  # before: a broken link to /tac-gia/nguoi-viet-rieng/
    story = _Story()
    story.feed((output / "bai-an" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(story.text)
    for name in ("Người viết riêng", "Thẻ riêng", "Chủ đề riêng"):
        assert name in text
    assert not any("nguoi-viet-rieng" in h or "the-rieng" in h or "chu-de-rieng" in h
                   for h in story.hrefs), story.hrefs
    # a term that has a page (Hà Tĩnh, used by the published article) is still linked
    assert any(h.rstrip("/").endswith("ha-tinh") for h in story.hrefs), story.hrefs
    assert not (output / "tac-gia" / "nguoi-viet-rieng").exists()


def test_a_real_broken_link_in_a_hidden_article_still_fails(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "bai-an.md", raw=HIDDEN.replace(
        "Nội dung bài ẩn.", '<a href="/khong-co-trang-nay/">xem</a>'))
    try:
        build_site(tmp_path / "out", content)
    except Exception as refused:  # BuildFailed: the link check still stops the build
        assert any("khong-co-trang-nay" in str(p) for p in refused.problems)
    else:
        raise AssertionError("a broken link in a hidden article was let through")


def test_a_misspelt_field_is_named_with_its_line_and_the_field_meant(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "sai-ten.md", raw="Title: Sai tên mục\nDate: 2017-02-08\n"
                  "Category: Thời sự\nTag: Hà Tĩnh\nCatgory: Kinh tế\nNguon: TTXVN\n\nThân.\n")
    problems = about(found(content), "sai-ten.md")
    by_line = {p.line: p for p in problems}
    assert set(by_line) == {4, 5}, [str(p) for p in problems]  # not `Nguon:`: no field is near
    assert "“Tags”" in by_line[4].message and "`Tags: ...`" in by_line[4].fix
    assert "“Category”" in by_line[5].message
    assert all(p.severity == "warning" for p in problems)


def test_legacy_text_below_the_metadata_is_named_at_its_own_line(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "tcvn3-than.md", raw="Title: Bai cu\nDate: 2017-02-08\n"
                  "Category: Thời sự\nSummary: Sapo.\n\nDong dau tien.\n\n"
                  "V¨n phßng §iÒu phèi t¹i Hµ TÜnh\n")
    (problem,) = about(found(content), "tcvn3-than.md")
    assert "bảng mã cũ TCVN3" in problem.message
    assert problem.line == 8


def test_a_wrong_status_is_named_at_its_line_once(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "nhap.md", raw="Title: Bài nháp\nDate: 2017-02-08\n"
                  "Category: Thời sự\nStatus: nháp\n\nThân.\n")
    (problem,) = about(found(content), "nhap.md")
    assert problem.severity == "error"
    assert problem.line == 4
    assert problem.message == "Status “nháp” không phải trạng thái bài hợp lệ"
    assert problem.fix == "viết `Status: draft`"


def _invoke_check(content: Path):
    import subprocess
    import sys

    invoke = str(Path(sys.executable).with_name("invoke"))
    return subprocess.run([invoke, "check", "--content", str(content)], cwd=ROOT,
                          capture_output=True, encoding="utf-8")


def test_check_says_when_it_stopped_before_reading_photos(tmp_path):
    # A link out of content/ stops the check before Pelican reads: the missing photo of
    # another article is not reported, and the closing line must not claim it saw everything.
    content = tiny_content(tmp_path)
    write_article(content, "ra-ngoai.md", body="[x]({static}/../../etc/hosts)")
    write_article(content, "thieu-anh.md", body="![Ảnh](/images/khong-co.jpg)")
    stopped = _invoke_check(content)
    assert stopped.returncode == 1
    last = stopped.stderr.strip().splitlines()[-1]
    assert "có thể còn lỗi khác" in last, stopped.stderr
    # once fixed, the check reads everything: the photo is named, the closing line is plain
    write_article(content, "ra-ngoai.md", body="Không còn liên kết ra ngoài.")
    complete = _invoke_check(content)
    assert "articles/thieu-anh.md" in complete.stderr
    assert "có thể còn lỗi khác" not in complete.stderr


def test_legacy_text_in_the_programme_is_named_at_its_line(tmp_path):
    content = tiny_content(tmp_path)
    (content / "programme").mkdir()
    (content / "programme" / "chuong-trinh.yaml").write_text(
        "event:\n  id: hoi-nghi\n  name: Hoi nghi\n"
        "  description: V¨n phßng §iÒu phèi t¹i Hµ TÜnh\n",
        encoding="utf-8")
    legacy = [p for p in found(content)
              if p.path == "programme/chuong-trinh.yaml" and "bảng mã cũ TCVN3" in p.message]
    assert [p.line for p in legacy] == [4]
