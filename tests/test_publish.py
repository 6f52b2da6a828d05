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
    assert not list(clone.glob(".publish*")), "a refused publish leaves no folder behind"


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


# --- Trust: publish takes no option, command or markup from its arguments -----------------------

def _planted_files(tmp_path: Path) -> list[Path]:
    """Files an injected `touch PWNED` would leave: in git's folder, ours, or the temp folder."""
    import tempfile

    places = [*tmp_path.rglob("PWNED"), Path.cwd() / "PWNED",
              Path(tempfile.gettempdir()) / "PWNED"]
    return [path for path in places if path.exists()]


@pytest.mark.parametrize("remote, branch, sentence", [
    ("--upload-pack=touch PWNED", "gh-pages", "kho đích --remote '--upload-pack=touch PWNED' "
                                              "bắt đầu bằng dấu '-'"),
    ("ext::sh -c touch% PWNED", "gh-pages", "kiểu kết nối 'ext'"),
    (None, "--foo", "nhánh --branch '--foo' bắt đầu bằng dấu '-'"),
    (None, "--upload-pack=touch PWNED", "nhánh --branch '--upload-pack=touch PWNED' bắt đầu"),
    (None, "@{-1}", "nhánh --branch '@{-1}' không phải tên nhánh git hợp lệ"),
])
def test_an_option_as_remote_or_branch_is_refused_and_runs_nothing(project, tmp_path, remote,
                                                                    branch, sentence):
    clone, bare = project
    with pytest.raises(PublishError) as refused:
        publish(clone, remote=remote or str(bare), branch=branch)
    assert sentence in str(refused.value)
    assert "→ cần" in str(refused.value)  # and what is expected instead
    assert not _planted_files(tmp_path)
    assert git(bare, "for-each-ref") == ""  # nothing pushed, under any name


@pytest.mark.parametrize("cname", [
    "tin.example.vn\nevil.example.vn",
    "<script>alert(1)</script>",
    "https://tin.example.vn",
    "tin.example.vn/trang",
    "tin example.vn",
    "tin.example.vn:8080",
    "hội<b>nghị</b>.vn",
])
def test_a_cname_that_is_not_a_host_name_is_refused(project, cname):
    clone, remote = project
    with pytest.raises(PublishError) as refused:
        publish(clone, remote=str(remote), branch="gh-pages", cname=cname)
    assert f"tên miền --cname {cname!r} không hợp lệ → cần một tên miền" in str(refused.value)
    assert git(remote, "for-each-ref") == ""


def _tree(remote: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    """Every file of the branch with its bytes."""
    tree = {}
    for name in _branch_files(remote, branch):
        shown = subprocess.run(["git", "cat-file", "blob", f"{branch}:{name}"], cwd=remote,
                               capture_output=True, check=True)
        tree[name] = shown.stdout
    return tree


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


def test_a_vietnamese_domain_lands_in_cname_as_punycode(project):
    clone, remote = project
    publish(clone, remote=str(remote), branch="gh-pages", cname="Hộinghị.vn")
    written = git(remote, "show", "gh-pages:CNAME")
    # RFC 3492 punycode of the lower-cased label, computed apart from the IDNA codec.
    assert written == "xn--" + "hộinghị".encode("punycode").decode("ascii") + ".vn"
    assert written.encode("ascii").decode("idna") == "hộinghị.vn"


def test_publish_leaves_output_alone_and_cleans_up(project):
    clone, remote = project
    preview = clone / "output"
    (preview / "ban-nhap" / "bai-nhap").mkdir(parents=True)
    (preview / "index.html").write_text("<p>bản xem trước của invoke serve</p>", "utf-8")
    (preview / "ban-nhap" / "bai-nhap" / "index.html").write_text("<p>nháp</p>", "utf-8")
    before = _snapshot(preview)
    publish(clone, remote=str(remote), branch="gh-pages")
    assert _snapshot(preview) == before
    assert "index.html" in _branch_files(remote)
    assert not list(clone.glob(".publish*")), "the publish folder is removed after"
    assert not list(clone.glob(".output.*")), "no staging beside output/ either"


def test_a_serve_rebuilding_output_meanwhile_cannot_publish_drafts(project, monkeypatch):
    """What is pushed is exactly the folder the checks passed, whatever happens to output/."""
    import sitebuild.publish as publishing
    from sitebuild.build import BuildOptions

    clone, remote = project
    checked: dict[str, bytes] = {}
    real_check, real_build = publishing.valid_html, publishing.build

    def check_and_remember(folder: Path) -> list[str]:
        checked.update(_snapshot(folder))
        return real_check(folder)

    def build_then_serve_rebuilds(options):
        report = real_build(options)
        # `invoke serve` finishes a rebuild of output/ (drafts included) at this very moment.
        real_build(BuildOptions(settings_file=clone / "pelicanconf.py",
                                content=clone / "content", output=clone / "output",
                                drafts=True))
        return report

    monkeypatch.setattr(publishing, "valid_html", check_and_remember)
    monkeypatch.setattr(publishing, "build", build_then_serve_rebuilds)
    publish(clone, remote=str(remote), branch="gh-pages")
    assert any(name.startswith("ban-nhap/") for name in _snapshot(clone / "output"))
    pushed = _tree(remote)
    assert pushed.pop(".nojekyll") == b""
    assert checked and pushed == checked
    assert not any(name.startswith("ban-nhap/") for name in pushed)


def test_missing_checkers_name_the_one_command_that_installs_them(project, tmp_path,
                                                                  monkeypatch):
    import sitebuild.html_checker

    clone, remote = project
    monkeypatch.setattr(sitebuild.html_checker, "NODE_MODULES", tmp_path / "khong-co-node_modules")
    with pytest.raises(PublishError, match=r"chạy `python3 bootstrap\.py publish`"):
        publish(clone, remote=str(remote), branch="gh-pages")
    assert git(remote, "for-each-ref") == ""


def test_bootstrap_publish_installs_only_the_checkers_and_passes_every_argument(monkeypatch):
    """`python3 bootstrap.py publish ARGS…` from a fresh clone: no apt or npm really runs here."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("bootstrap_under_test", ROOT / "bootstrap.py")
    bootstrap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bootstrap)
    commands, calls = [], []

    class Replaced(Exception):
        """os.execv would have replaced the process here."""

    def execv(program, argv):
        calls.append(("execv", program, argv))
        raise Replaced

    monkeypatch.setattr(bootstrap, "ensure_venv", lambda *extras: calls.append(("venv",)))
    monkeypatch.setattr(bootstrap, "ensure_node_tools", lambda: calls.append(("npm ci",)))
    monkeypatch.setattr(bootstrap, "found", lambda probe: False)  # a machine with nothing
    monkeypatch.setattr(bootstrap, "run", lambda *command, **_: commands.append(command))
    monkeypatch.setattr(bootstrap.os, "execv", execv)
    monkeypatch.setattr(bootstrap.os, "chdir", lambda path: calls.append(("chdir", path)))
    arguments = ["--remote", "../kho đích.git", "--branch", "trang", "--cname", "hộinghị.vn",
                 "--allow-dirty"]
    monkeypatch.setattr(sys, "argv", ["bootstrap.py", "publish", *arguments])
    with pytest.raises(Replaced):
        bootstrap.main()
    installed = [command for command in commands if "install" in command]
    assert len(installed) == 1
    packages = set(installed[0][installed[0].index("--no-install-recommends") + 1:])
    assert packages == {"default-jre-headless", "nodejs", "npm"}  # Java, npm; no Chromium
    invoke = str(ROOT / ".venv" / "bin" / "invoke")
    assert calls == [("venv",), ("npm ci",), ("chdir", ROOT), ("execv", invoke,
                                                               [invoke, "publish", *arguments])]
