"""What `invoke serve` skips for speed never leaves a page wrong.

A series of saves (a body, a title, the tags, the date, a new article, a deleted article) goes
through the preview's rebuild; after each, every HTML page of the preview's output is compared,
byte for byte, with a full build of the same content.
"""

import os
import re
import time
from pathlib import Path

from conftest import ROOT, build_site
from tiny_site import write_article

CATEGORIES = ("Thời sự", "Nông thôn mới", "Kinh tế")
TAGS = ("Hà Tĩnh", "hội nghị", "Đức Thọ", "Can Lộc", "nông sản")


def _corpus(content: Path, count: int = 24) -> None:
    for n in range(count):
        tags = ", ".join(TAGS[(n + k) % len(TAGS)] for k in range(1 + n % 3))
        write_article(content, f"bai-{n:02d}.md", raw=(
            f"Title: Bài số {n}\nDate: 2017-03-{1 + n:02d} 08:{n:02d}\n"
            f"Category: {CATEGORIES[n % 3]}\nTags: {tags}\nAuthor: Phóng viên {n % 2}\n"
            f"Summary: Tóm tắt bài {n}.\n\nNội dung bài {n}.\n"))
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "gioi-thieu.md").write_text(
        "Title: Giới thiệu\nSlug: gioi-thieu\n\nTrang giới thiệu.\n", encoding="utf-8")


def _save(path: Path, text: str) -> None:
    time.sleep(0.02)  # the preview tells saves apart by modification time
    path.write_text(text, encoding="utf-8")
    moment = time.time() + 1  # after the last build's start, whatever the clock's grain
    os.utime(path, (moment, moment))


def _edit(path: Path, pattern: str, replacement: str) -> Path:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert changed != text, pattern
    _save(path, changed)
    return path


def _html(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.html")}


def _same_as_full_build(preview_output: Path, content: Path, scratch: Path) -> None:
    full = scratch / f"full-{time.monotonic_ns()}"
    build_site(full, content, drafts=True, extra={"CACHE_PATH": str(scratch / "cache-full")})
    ours, theirs = _html(preview_output), _html(full)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in theirs if ours[name] != theirs[name]]
    assert not different, different


def _previewed_corpus(tmp_path: Path, count: int = 24):
    """The corpus, previewed once (a full build into out/); the preview and the two folders."""
    from sitebuild.build import BuildOptions
    from sitebuild.preview import Preview

    content = tmp_path / "content"
    _corpus(content, count)
    output = tmp_path / "out"
    options = BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content, output=output,
                           extra={"CACHE_PATH": str(tmp_path / "cache-preview")})
    preview = Preview(options, [content])
    preview.rebuild()
    return preview, content, output


def test_preview_pages_equal_a_full_build_after_each_save(tmp_path):
    preview, content, output = _previewed_corpus(tmp_path)
    total = len(_html(output))
    articles = content / "articles"

    steps = [
        ("thân bài", lambda: _edit(articles / "bai-10.md", r"^Nội dung bài 10\.$",
                                   "Nội dung bài 10, đã sửa.")),
        ("tiêu đề", lambda: _edit(articles / "bai-11.md", r"^Title: .*$",
                                  "Title: Tiêu đề mới của bài 11")),
        ("thẻ", lambda: _edit(articles / "bai-12.md", r"^Tags: .*$",
                              "Tags: Thẻ hoàn toàn mới, Can Lộc")),
        ("bỏ thẻ cuối", lambda: _edit(articles / "bai-12.md", r"^Tags: .*$", "Tags: Can Lộc")),
        ("ngày", lambda: _edit(articles / "bai-03.md", r"^Date: .*$", "Date: 2017-03-20 09:30")),
        ("chủ đề", lambda: _edit(articles / "bai-04.md", r"^Category: .*$", "Category: Kinh tế")),
        ("bài mới", lambda: write_article(content, "bai-moi.md", title="Bài mới viết",
                                          date="2017-03-15 10:00", body="Bài mới.")),
        ("xoá bài", lambda: (articles / "bai-05.md").unlink() or articles / "bai-05.md"),
        ("thân bài sau khi xoá", lambda: _edit(articles / "bai-20.md", r"^Nội dung bài 20\.$",
                                               "Nội dung bài 20 sau khi xoá bài 5.")),
    ]
    selective = 0
    for label, step in steps:
        # The saved path, as the watcher names it: a scan by modification time would also
        # take the files of earlier steps, dated a second ahead, and render more than needed.
        # As `invoke serve` does: the first look at the saved page, then the rebuild.
        saved = step()
        preview.first_look([saved])
        preview.rebuild([saved])
        assert preview.status.ok, (label, preview.status)
        _same_as_full_build(output, content, tmp_path)
        if preview.plan.rendered:
            selective += 1
            # Not every page: a title shows on many of them here, with so few articles.
            assert preview.plan.rendered < total, (label, preview.plan.rendered, total)
    assert selective >= 6  # every save but the deletion took the fast path


def test_a_body_edit_renders_only_the_pages_that_show_the_article(tmp_path):
    preview, content, output = _previewed_corpus(tmp_path)
    before = _html(output)
    _edit(content / "articles" / "bai-07.md", r"^Nội dung bài 7\.$", "Một đoạn mới.")
    preview.rebuild()
    after = _html(output)
    changed = {name for name in after if after[name] != before[name]}
    assert "bai-so-7/index.html" in changed or any("bai-so-7" in n for n in changed), changed
    # The body shows on its own page only (summaries are set in the metadata).
    assert len(changed) == 1, changed
    assert 0 < preview.plan.rendered < len(after) / 2, (preview.plan.rendered, len(after))


def test_the_preview_finds_the_photos_builds_made(tmp_path):
    """Its content cache is its own, beside the shared one: the images cache stays the same."""
    from plugins.images.settings import read
    from sitebuild.build import BuildOptions, load_settings
    from sitebuild.preview import Preview

    content = tmp_path / "content"
    _corpus(content, count=1)
    options = BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content)
    built = load_settings(options, tmp_path / "out")
    previewed = load_settings(Preview(options, []).options, tmp_path / "out")
    assert previewed["CACHE_PATH"] != built["CACHE_PATH"]
    assert read(previewed)[0].cache_path == read(built)[0].cache_path


def test_the_caches_of_gone_content_trees_are_removed(tmp_path):
    from sitebuild.build import BuildOptions
    from sitebuild.preview import Preview

    caches = tmp_path / "caches"
    gone, alive = caches / "pelican-xem-truoc-aaaa", caches / "pelican-xem-truoc-bbbb"
    for cache, tree in ((gone, tmp_path / "da-xoa"), (alive, tmp_path)):
        cache.mkdir(parents=True)
        (cache / "nguon.txt").write_text(str(tree), encoding="utf-8")
    content = tmp_path / "content"
    _corpus(content, count=1)
    preview = Preview(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content,
                                   extra={"CACHE_PATH": str(caches / "pelican")}), [content])
    assert not gone.exists() and alive.exists()
    own = Path(preview.options.extra["CACHE_PATH"])
    assert own.parent == caches and (own / "nguon.txt").read_text("utf-8") == str(content)
