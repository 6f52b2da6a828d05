"""The build checks every internal link of the pages it writes, from the HTML it rendered."""

from pathlib import Path

import pytest
from conftest import build_site
from tiny_site import tiny_content, write_article

from plugins.checks.links import broken_links
from sitebuild.build import BuildFailed


def _tree(output: Path) -> dict:
    return {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}


def test_a_link_to_a_missing_page_fails_the_build_naming_the_page_and_the_url(tmp_path):
    content = tiny_content(tmp_path)
    output = tmp_path / "output"
    build_site(output, content=content)
    before = _tree(output)
    write_article(content, "lien-ket.md", title="Liên kết hỏng",
                  body="Xem [bài cũ](/bai-khong-co/) và [ảnh](../khong-co.png).")
    with pytest.raises(BuildFailed) as failed:
        build_site(output, content=content)
    sentences = [str(problem) for problem in failed.value.problems]
    assert any("lien-ket-hong/index.html" in s and "/bai-khong-co/" in s for s in sentences)
    assert any("lien-ket-hong/index.html" in s and "../khong-co.png" in s for s in sentences)
    assert _tree(output) == before  # the previous site, whole


def test_every_written_page_is_checked_without_reading_output_back(tmp_path, monkeypatch):
    # The broken link is found, and no written page is read back from disk to find it
    # (the search index, fed from the same rendered HTML, reads none either).
    content = tiny_content(tmp_path)
    write_article(content, "lien-ket.md", title="Liên kết hỏng", body="[Xem](/khong-co/)")
    read_back = []
    original = Path.read_text

    def spy(path, *args, **kwargs):
        if path.suffix == ".html" and tmp_path in path.parents:
            read_back.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", spy)
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path / "output", content=content)
    assert any("/khong-co/" in str(problem) for problem in failed.value.problems)
    assert read_back == []


@pytest.mark.parametrize(("url", "broken"), [
    ("/hoi-nghi/", False),
    ("/hoi-nghi/index.html", False),
    ("../hoi-nghi/", False),  # relative to bai/index.html
    ("/khong-co/", True),
    ("https://example.github.io/hoi-nghi/", True),  # the site's host without its sub-path
    ("https://example.github.io/ntm/hoi-nghi/", False),
    ("https://baohatinh.vn/khong-co/", False),  # another host: not checked here
    ("mailto:toasoan@example.vn", False),
])
def test_urls_are_resolved_as_a_browser_would(tmp_path, url, broken):
    (tmp_path / "hoi-nghi").mkdir()
    (tmp_path / "hoi-nghi" / "index.html").write_text("", encoding="utf-8")
    siteurl = "https://example.github.io/ntm"
    if url.startswith("/"):
        url = "/ntm" + url  # root-relative URLs of a sub-path site carry the sub-path
    found = broken_links({"bai/index.html": [url]}, tmp_path, siteurl)
    assert bool(found) is broken, found
