"""Publishing: a checked build under a sub-path, pushed to any git remote, or nothing at all."""

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from html_tools import html_pages, page_urls, resolve, soup

from sitebuild.publish import PublishError, publish

SUB_PATH_SITE = "https://example.github.io/hoi-nghi-ntm"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    """The sample site built with publishconf.py for a sub-path deployment."""
    import os

    output = tmp_path_factory.mktemp("sub-path") / "output"
    previous = os.environ.get("SITEURL")
    os.environ["SITEURL"] = SUB_PATH_SITE
    try:
        build_site(output, settings="publishconf.py")
    finally:
        os.environ.pop("SITEURL") if previous is None else os.environ.update(SITEURL=previous)
    return output


def test_every_link_and_asset_resolves_under_a_sub_path(published_site):
    broken = []
    for file in html_pages(published_site):
        for url in page_urls(soup(file)):
            target = resolve(published_site, file, url, siteurl=SUB_PATH_SITE)
            if target is not None and not target.exists():
                broken.append(f"{file.relative_to(published_site)} → {url}")
    assert not broken, "\n".join(broken[:20])


def test_published_pages_carry_absolute_urls(published_site):
    page = soup(published_site / "hoi-nghi-toan-quoc-van-phong-ntm-2017" / "index.html")
    canonical = page.select_one("link[rel=canonical]")["href"]
    assert canonical == f"{SUB_PATH_SITE}/hoi-nghi-toan-quoc-van-phong-ntm-2017/"
    assert page.select_one('meta[property="og:url"]')["content"] == canonical
    assert page.select_one('meta[property="og:image"]')["content"].startswith(SUB_PATH_SITE + "/")
    feed = (published_site / "feeds" / "tat-ca.atom.xml").read_text(encoding="utf-8")
    assert f"{SUB_PATH_SITE}/hoi-nghi-toan-quoc-van-phong-ntm-2017/" in feed
    sitemap = (published_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SUB_PATH_SITE}/</loc>" in sitemap
    assert f"Sitemap: {SUB_PATH_SITE}/sitemap.xml" in (published_site / "robots.txt").read_text()
    categories = list((published_site / "feeds" / "chu-de").glob("*.atom.xml"))
    assert len(categories) >= 3


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path]:
    """A clone of this project (content, theme, settings) and an empty bare remote."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "--quiet", str(remote))
    clone = tmp_path / "site"
    git(tmp_path, "clone", "--quiet", str(ROOT), str(clone))
    for name in ("content", "theme", "pelicanconf.py", "publishconf.py"):  # the tree under test
        subprocess.run(["rm", "-rf", str(clone / name)], check=True)
        subprocess.run(["cp", "-r", str(ROOT / name), str(clone / name)], check=True)
    git(clone, "add", "-A")
    git(clone, "-c", "user.name=t", "-c", "user.email=t@example.vn", "commit", "-qm", "nội dung",
        "--allow-empty")
    return clone, remote


def commit(clone: Path, message: str) -> None:
    git(clone, "add", "-A")
    git(clone, "-c", "user.name=t", "-c", "user.email=t@example.vn", "commit", "-qm", message)


def add_article(clone: Path, name: str, title: str, body: str) -> None:
    """Write and commit an article, as an editor would before publishing."""
    (clone / "content" / "articles" / name).write_text(
        f"Title: {title}\nDate: 2017-02-10 08:00\nCategory: Thời sự\n\n{body}\n",
        encoding="utf-8")
    commit(clone, title)


def _branch_files(remote: Path, branch: str = "gh-pages") -> set[str]:
    return set(git(remote, "ls-tree", "-r", "--name-only", branch).splitlines())


def test_publish_pushes_a_checked_site_with_nojekyll_and_cname(project):
    clone, remote = project
    message = publish(clone, remote=str(remote), branch="gh-pages", cname="tin.example.vn")
    assert "gh-pages" in message
    files = _branch_files(remote)
    assert {"index.html", ".nojekyll", "CNAME", "404.html"} <= files
    assert git(remote, "show", "gh-pages:CNAME") == "tin.example.vn"
    assert not any(f.startswith(("ban-nhap/", ".cache", ".output")) for f in files)
    assert not any("dau-an-hoi-nghi-ntm-ha-tinh" in f for f in files)  # the sample draft
    source = git(clone, "log", "-1", "--format=%h")
    assert source in git(remote, "log", "-1", "--format=%s", "gh-pages")


def test_a_broken_link_publishes_nothing(project):
    clone, remote = project
    publish(clone, remote=str(remote), branch="gh-pages")
    before = git(remote, "rev-parse", "gh-pages")
    add_article(clone, "lien-ket-hong.md", "Liên kết hỏng",
                "Xem [bài này]({filename}/articles/khong-co.md).")
    with pytest.raises(PublishError, match="lien-ket-hong.md"):
        publish(clone, remote=str(remote), branch="gh-pages")
    assert git(remote, "rev-parse", "gh-pages") == before


def test_uncommitted_content_is_refused_unless_allowed(project):
    clone, remote = project
    (clone / "content" / "articles" / "nhap.md").write_text(
        "Title: Chưa commit\nDate: 2017-02-10 08:00\nCategory: Thời sự\n\nThân.\n", "utf-8")
    with pytest.raises(PublishError, match="chưa commit"):
        publish(clone, remote=str(remote), branch="gh-pages")
    assert _branch_files_or_none(remote) is None
    publish(clone, remote=str(remote), branch="gh-pages", allow_dirty=True)
    assert "chua-commit/index.html" in _branch_files(remote)


def test_an_unreachable_remote_is_refused(project):
    clone, _remote = project
    with pytest.raises(PublishError, match="không kết nối được"):
        publish(clone, remote=str(clone.parent / "khong-co.git"), branch="gh-pages")


def _branch_files_or_none(remote: Path):
    listing = subprocess.run(["git", "rev-parse", "--verify", "gh-pages"], cwd=remote,
                             capture_output=True)
    return None if listing.returncode else _branch_files(remote)


def test_invalid_html_publishes_nothing(project):
    clone, remote = project
    add_article(clone, "html-sai.md", "HTML sai", '<p id="trung">Một</p>\n\n<p id="trung">Hai</p>')
    with pytest.raises(PublishError, match="HTML không hợp lệ: html-sai/index.html"):
        publish(clone, remote=str(remote), branch="gh-pages")
    assert _branch_files_or_none(remote) is None
