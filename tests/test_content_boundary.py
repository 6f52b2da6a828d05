"""The content tree is a boundary: nothing read or copied from outside, nothing written out.

A build reads and copies nothing from outside content/, and writes nothing outside its output
folder, whatever the content says.

Every site here lives in tmp/host (content/, a `keys` folder and files beside content/ that
hold a secret), is built into tmp/host/a/b/output (two levels down, so `../..` from the output
still lands inside tmp/host), with Pelican's caches in tmp/cache.
"""

import hashlib
import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from PIL import Image
from tiny_site import tiny_content

from sitebuild.build import BuildFailed, BuildOptions, check
from sitebuild.staging import staging_dir

# The part of the secret that would survive being read as Markdown, pickled or copied.
TOKEN = b"b3BlbnNzaC1rZXktdjEAAAAAranh-gioi-content"
SECRET = b"-----BEGIN OPENSSH PRIVATE KEY-----\n" + TOKEN + b"\n"
# Names an output folder, a staging folder or a cache would show had a secret been processed.
LEAKED_NAMES = ("secret", "anh-khoa", "id_rsa", "bai-mat")


@dataclass
class Host:
    """The tmp tree: the content folder, the secrets beside it, where the build writes."""

    root: Path
    content: Path
    output: Path
    cache: Path

    @property
    def written(self) -> list[Path]:
        """Folders a build may write: the output, its staging folder, the caches."""
        return [self.output, staging_dir(self.output), self.cache]

    def extra(self) -> dict:
        return {"CACHE_PATH": str(self.cache / "pelican")}


@dataclass(frozen=True)
class Case:
    """One way out of the content tree, and the sentence expected for it."""

    name: str
    path: str  # the file (or link) the sentence names, relative to content/
    line: int | None
    says: str = "ngoài thư mục"


def _host(tmp_path: Path) -> Host:
    root = tmp_path / "host"
    content = tiny_content(root)
    (root / "keys").mkdir()
    (root / "keys" / "id_rsa").write_bytes(SECRET)
    (root / "keys" / "bai-mat.md").write_bytes(  # an article Pelican would read and cache
        "Title: Bài mật\nDate: 2017-02-08 16:45\nCategory: Thời sự\n\n".encode() + SECRET)
    _secret_jpeg(root / "keys" / "anh-khoa.jpg")
    _secret_jpeg(root / "secret.jpg")
    (root / "keys" / "ngay-sai.md").write_text(  # what the review would find, were it read
        "Title: Bài ngoài\nDate: không rõ\nCategory: Thời sự\n\nThân bài.\n", encoding="utf-8")
    (root / "README.md").write_bytes(SECRET)
    (root / "x").write_bytes(SECRET)
    (root / "a" / "b").mkdir(parents=True)  # the output's parent exists; output/ need not
    return Host(root, content, root / "a" / "b" / "output", tmp_path / "cache")


def _secret_jpeg(path: Path) -> None:
    """A real photo whose bytes carry the secret (in a JPEG comment), so a copy shows it."""
    Image.new("RGB", (64, 48), (200, 30, 30)).save(path, "JPEG", comment=SECRET)


def _article(host: Host, name: str, meta: list[str], body: list[str]) -> Path:
    lines = ["Title: Bài " + name, "Date: 2017-02-08 16:45", "Category: Thời sự",
             "Summary: Sapo.", *meta, "", *body, ""]
    path = host.content / "articles" / f"{name}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def _body_case(name: str, line: str):
    def make(host: Host) -> Case:
        path = _article(host, name, [], ["Đoạn mở đầu.", "", line.replace("HOST", str(host.root))])
        return Case(name, f"articles/{name}.md", _line_of(path, line.split("{")[0]))
    return make


def _meta_case(name: str, meta: str):
    def make(host: Host) -> Case:
        path = _article(host, name, [meta], ["Thân bài."])
        return Case(name, f"articles/{name}.md", _line_of(path, meta))
    return make


def _file_link(host: Host) -> Case:
    (host.content / "images" / "id_rsa.jpg").symlink_to(host.root / "keys" / "id_rsa")
    return Case("file-link", "images/id_rsa.jpg", None)


def _folder_link(host: Host) -> Case:
    (host.content / "images" / "khoa").symlink_to(host.root / "keys", target_is_directory=True)
    return Case("folder-link", "images/khoa", None)


def _article_folder_link(host: Host) -> Case:
    (host.content / "articles" / "mat").symlink_to(host.root / "keys", target_is_directory=True)
    return Case("article-folder-link", "articles/mat", None)


def _article_file_link(host: Host) -> Case:
    (host.content / "articles" / "mat.md").symlink_to(host.root / "keys" / "ngay-sai.md")
    return Case("article-file-link", "articles/mat.md", None)


def _dangling_link(host: Host) -> Case:
    (host.content / "articles" / "hong.md").symlink_to("khong-co.md")
    return Case("dangling-link", "articles/hong.md", None, "không có")


CASES = {
    "static": _body_case("static", "Xem [tệp]({static}/../README.md)."),
    "attach": _body_case("attach", "Tải [tệp]({attach}../../x) về."),
    "filename": _body_case("filename", "Xem [bài]({filename}/../../etc/passwd)."),
    "static-absolute": _body_case("static-absolute",
                                  '<a href="{static}/HOST/keys/id_rsa">khóa</a>'),
    "raw-img": _body_case("raw-img", '<img src="{static}/../secret.jpg" alt="Ảnh">'),
    "photo": _body_case("photo", "![Ảnh ngoài](/images/../../secret.jpg)"),
    "image-meta": _meta_case("image-meta", "Image: ../../secret.jpg"),
    "save-as": _meta_case("save-as", "Save_as: ../output-khac/index.html"),
    "file-link": _file_link,
    "folder-link": _folder_link,
    "article-folder-link": _article_folder_link,
    "article-file-link": _article_file_link,
    "dangling-link": _dangling_link,
}


def _snapshot(host: Host) -> dict[str, str]:
    """Every file, folder and link under tmp/host, with what each holds.

    Left out: the output folder and the build's own bookkeeping beside it (staging, lock file).
    """
    skip = {host.output, staging_dir(host.output),
            host.output.with_name(f".{host.output.name}.lock")}  # sitebuild's lock, if any
    seen = {}
    for folder, dirs, files in os.walk(host.root):
        dirs[:] = [d for d in dirs if Path(folder, d) not in skip]
        for name in dirs + files:
            path = Path(folder, name)
            if path in skip:
                continue
            key = path.relative_to(host.root).as_posix()
            if path.is_symlink():
                seen[key] = f"link → {os.readlink(path)}"
            elif path.is_dir():
                seen[key] = "folder"
            else:
                seen[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def _assert_nothing_leaked(host: Host) -> None:
    for folder in host.written:
        for path in folder.rglob("*") if folder.exists() else []:
            if path.is_file() and not path.is_symlink():
                assert TOKEN not in path.read_bytes(), path
            assert not any(path.name.lower().startswith(word) for word in LEAKED_NAMES), path


def _sentences(problems) -> list[tuple[str, int | None]]:
    return sorted(((p.path, p.line) for p in problems if p.severity == "error"),
                  key=lambda item: (item[0], item[1] or 0))


def _expected(cases: list[Case]) -> list[tuple[str, int | None]]:
    return sorted(((c.path, c.line) for c in cases), key=lambda item: (item[0], item[1] or 0))


@pytest.mark.parametrize("name", list(CASES))
def test_each_way_out_is_one_sentence_and_nothing_leaves(tmp_path, caplog, name):
    host = _host(tmp_path)
    case = CASES[name](host)
    before = _snapshot(host)
    caplog.set_level(logging.WARNING)
    with pytest.raises(BuildFailed) as failure:
        build_site(host.output, content=host.content, extra=host.extra())
    assert _sentences(failure.value.problems) == [(case.path, case.line)]
    sentence = str(failure.value.problems[0])
    assert case.says in sentence and "→" in sentence
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR
              and r.getMessage().startswith(case.path)]
    assert logged == [sentence]
    assert "Traceback" not in caplog.text
    assert _snapshot(host) == before
    _assert_nothing_leaked(host)


def _all_cases(host: Host) -> list[Case]:
    return [make(host) for make in CASES.values()]


def test_all_at_once_through_invoke_build_and_invoke_check(tmp_path, caplog):
    host = _host(tmp_path)
    cases = _all_cases(host)
    before = _snapshot(host)
    caplog.set_level(logging.WARNING)
    with pytest.raises(BuildFailed) as failure:
        build_site(host.output, content=host.content, extra=host.extra())
    assert _sentences(failure.value.problems) == _expected(cases)
    found = check(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=host.content,
                               extra=host.extra()))
    assert _sentences(found) == _expected(cases)
    assert "Traceback" not in caplog.text
    assert _snapshot(host) == before
    _assert_nothing_leaked(host)


def _plain_pelican(host: Host) -> str:
    """`.venv/bin/pelican CONTENT -s pelicanconf.py -o OUT`: what it said; it must fail."""
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pelican"), str(host.content), "-s", "pelicanconf.py",
         "-o", str(host.output), "-e", f'CACHE_PATH="{host.cache / "pelican"}"'],
        cwd=ROOT, capture_output=True, encoding="utf-8", timeout=300,
        env={**os.environ, "COLUMNS": "400"})
    said = done.stdout + done.stderr
    assert done.returncode != 0, said
    assert "Traceback" not in said
    return said


def _said_once(said: str, case: Case) -> bool:
    where = f"{case.path}:{case.line}:" if case.line else f"{case.path}:"
    return said.count(f" {where} ") == 1


def test_all_at_once_through_plain_pelican(tmp_path):
    host = _host(tmp_path)
    cases = _all_cases(host)
    before = _snapshot(host)
    said = _plain_pelican(host)
    assert all(_said_once(said, case) for case in cases), said
    assert _snapshot(host) == before
    _assert_nothing_leaked(host)


def test_a_link_the_review_cannot_read_is_not_copied(tmp_path, caplog):
    """An `.html` article is read by Pelican, not by the review: its {static} target is dropped.

    Plain `pelican` (not strict) would otherwise copy ../README.md to output/../README.md.
    """
    host = _host(tmp_path)
    (host.content / "articles" / "trang.html").write_text(
        "<html><head><title>Bài HTML</title>\n"
        '<meta name="date" content="2017-02-08 16:45">\n'
        '<meta name="category" content="Thời sự">\n<meta name="summary" content="Sapo.">\n'
        '</head><body><p><a href="{static}/../README.md">Tệp</a></p></body></html>\n',
        encoding="utf-8")
    before = _snapshot(host)
    caplog.set_level(logging.WARNING)
    with pytest.raises(BuildFailed) as failure:
        build_site(host.output, content=host.content, extra=host.extra())
    assert _sentences(failure.value.problems) == [("articles/trang.html", None)]
    assert "../README.md" in str(failure.value.problems[0])
    assert "Traceback" not in caplog.text
    said = _plain_pelican(host)
    assert _said_once(said, Case("html", "articles/trang.html", None)), said
    assert _snapshot(host) == before
    _assert_nothing_leaked(host)


def test_the_last_check_before_copying_drops_a_file_from_outside(tmp_path, caplog):
    """A static file from outside content/ listed late is still never copied.

    Here a receiver standing for some plugin lists it after the editorial checks ran.
    """
    from pelican import signals

    host = _host(tmp_path)

    def sneak(generator) -> None:
        generator.context["static_links"].add("../README.md")

    def after_plugins(_pelican) -> None:  # so that `sneak` runs after the editorial plugin's
        signals.page_generator_finalized.connect(sneak, weak=False)

    signals.initialized.connect(after_plugins, weak=False)
    before = _snapshot(host)
    caplog.set_level(logging.WARNING)
    with pytest.raises(BuildFailed) as failure:  # not strict: Pelican's warnings do not stop it
        build_site(host.output, content=host.content, extra=host.extra(), strict=False)
    assert _sentences(failure.value.problems) == [("../README.md", None)]
    assert "Traceback" not in caplog.text
    assert _snapshot(host) == before
    _assert_nothing_leaked(host)


def test_a_file_link_inside_is_allowed_a_folder_link_never(tmp_path, caplog):
    """A link to a photo inside content/ is that photo; a link to a folder is refused.

    Here the folder link points at its own parent, which Pelican would walk for ever: the build
    stops at once with a sentence naming the link.
    """
    host = _host(tmp_path)
    images = host.content / "images"
    Image.new("RGB", (640, 480), (30, 120, 200)).save(images / "that.jpg", "JPEG")
    (images / "ban-sao.jpg").symlink_to("that.jpg")
    (images / "vong").symlink_to("..", target_is_directory=True)
    _article(host, "ban-sao", [], ["![Bản sao](/images/ban-sao.jpg)"])
    caplog.set_level(logging.WARNING)
    with pytest.raises(BuildFailed) as failure:
        build_site(host.output, content=host.content, extra=host.extra())
    assert _sentences(failure.value.problems) == [("images/vong", None)]
    assert "thư mục" in str(failure.value.problems[0])

    (images / "vong").unlink()
    build_site(host.output, content=host.content, extra=host.extra())
    assert list((host.output / "images" / "_r").glob("ban-sao-*.jpg"))
    assert "Traceback" not in caplog.text


def test_the_images_plugin_alone_reads_nothing_outside(tmp_path):
    """Without the editorial review, the images plugin reads no photo behind a link out."""
    from images_site import build, write_article

    host = _host(tmp_path)
    images = host.content / "images"
    Image.new("RGB", (64, 48), (30, 120, 200)).save(images / "trong.jpg", "JPEG")
    (images / "secret-ngoai.jpg").symlink_to(host.root / "secret.jpg")
    (images / "khoa").symlink_to(host.root / "keys", target_is_directory=True)
    write_article(host.content, "bai.md", "![Trong](/images/trong.jpg)\n\n"
                                          "![Ngoài](/images/secret-ngoai.jpg)\n\n"
                                          "![Ngoài nữa](/images/khoa/anh-khoa.jpg)\n")
    stats = build(host.root, PLUGINS=["plugins.images"], CACHE_PATH=str(host.cache / "pelican"),
                  OUTPUT_PATH=str(host.output))
    assert stats.found == 1  # trong.jpg only
    for path in (host.cache / "images").rglob("*"):
        assert path.is_dir() or TOKEN not in path.read_bytes(), path
        assert not path.name.startswith(("secret", "anh-khoa")), path
    made = [p.name for p in (host.output / "images" / "_r").glob("*")]
    assert any(name.startswith("trong-") for name in made)
    assert not [name for name in made if name.startswith(("secret", "anh-khoa"))]
