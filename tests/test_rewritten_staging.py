"""A build writes over the site before last (kept in the staging folder) instead of a new folder.

Whatever that folder held, the site swapped in is the one a build into an empty folder makes,
and nothing outside the staging folder is written through it.
"""

import os
import shutil
from pathlib import Path

from conftest import ROOT, build_site
from site_snapshot import comparable, files
from tiny_site import tiny_content, write_article


def _folders(output: Path) -> set:
    return {str(p.relative_to(output)) for p in output.rglob("*") if p.is_dir()}


def _staging(output: Path) -> Path:
    return output.with_name(f".{output.name}.staging")


def test_a_site_written_over_the_one_before_last_equals_a_fresh_one(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output, cache = tmp_path / "a" / "output", {"CACHE_PATH": str(tmp_path / "cache-a")}
    for _ in range(2):  # after the second, the first site waits in the staging folder
        build_site(output, content=content, extra=cache)
    kept = _staging(output)
    assert (kept / "index.html").is_file(), "the site before last is kept for the next build"
    inode = (kept / "index.html").stat().st_ino
    # Edits that leave pages of the site before last unwritten: an article (with its photo)
    # gone, a title changed (listings), a new article.
    gone = next(p for p in sorted((content / "articles").glob("*.md"))
                if "](" in p.read_text(encoding="utf-8"))
    gone_slug = gone.stem
    gone.unlink()
    first = sorted((content / "articles").glob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("Title: ", "Title: Mới: ", 1),
                     encoding="utf-8")
    write_article(content, "bai-them.md", title="Bài mới thêm vào", body="Nội dung mới.")
    build_site(output, content=content, extra=cache)

    fresh = tmp_path / "b" / "output"
    build_site(fresh, content=content, extra={"CACHE_PATH": str(tmp_path / "cache-b")})
    assert (output / "index.html").stat().st_ino == inode, "the page was written in place"
    assert not any(gone_slug in name for name in files(output)), "the removed article is gone"
    mine, theirs = comparable(output), comparable(fresh)
    assert sorted(mine) == sorted(theirs)
    assert len(files(output)) == len(files(fresh))
    assert [name for name in mine if mine[name] != theirs[name]] == []
    assert _folders(output) == _folders(fresh), "no empty folder is left of the removed pages"


def test_the_search_bundle_is_written_over_the_one_before_last(tmp_path):
    # Builds without a content cache (no stored bundle shares the files), as the cold benchmark
    # runs: Pagefind writes over the bundle before last, and what the new bundle does not name
    # (the removed article's fragment, the old pf_meta) is gone; a file not named by its
    # content's hash is written again whatever it held.
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "a" / "output"

    def build(number: int) -> None:
        cache = tmp_path / f"cache-{number}"
        build_site(output, content=content, extra={"CACHE_PATH": str(cache)})
        shutil.rmtree(cache)

    build(1)
    build(2)
    kept = _staging(output) / "pagefind"
    before = {p.name: p.stat().st_ino for p in (kept / "fragment").iterdir()}
    with (kept / "pagefind.js").open("a", encoding="utf-8") as script:
        script.write("// sửa tay\n")
    gone = sorted((content / "articles").glob("*.md"))[-1]
    gone.unlink()
    write_article(content, "bai-them.md", title="Bài mới thêm vào", body="Nội dung mới.")
    build(3)

    fresh = tmp_path / "b" / "output"
    build_site(fresh, content=content, extra={"CACHE_PATH": str(tmp_path / "cache-b")})
    mine, theirs = comparable(output), comparable(fresh)
    assert sorted(mine) == sorted(theirs) and len(files(output)) == len(files(fresh))
    assert [name for name in mine if mine[name] != theirs[name]] == []
    after = {p.name: p.stat().st_ino for p in (output / "pagefind" / "fragment").iterdir()}
    assert sum(after.get(name) == inode for name, inode in before.items()) > len(after) / 2


def test_nothing_outside_is_written_through_what_the_staging_folder_holds(tmp_path):
    content = tiny_content(tmp_path)
    output = tmp_path / "output"
    for _ in range(2):
        build_site(output, content=content)
    kept = _staging(output)
    linked, pointed = tmp_path / "lien-ket.txt", tmp_path / "tro-toi.txt"
    linked.write_text("tệp ngoài, liên kết cứng", encoding="utf-8")
    pointed.write_text("tệp ngoài, liên kết mềm", encoding="utf-8")
    (kept / "index.html").unlink()
    os.link(linked, kept / "index.html")  # a page of the next site, sharing the outside file
    build_site(output, content=content)
    assert linked.read_text(encoding="utf-8") == "tệp ngoài, liên kết cứng"
    assert "<html" in (output / "index.html").read_text(encoding="utf-8")

    page = next(p for p in _staging(output).rglob("*.html") if p.name == "index.html")
    page.unlink()
    page.symlink_to(pointed)  # a link planted among the kept pages
    build_site(output, content=content)
    assert pointed.read_text(encoding="utf-8") == "tệp ngoài, liên kết mềm"
    assert not [p for p in output.rglob("*") if p.is_symlink()]
    assert "<html" in (output / page.relative_to(_staging(output))).read_text(encoding="utf-8")
