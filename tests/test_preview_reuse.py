"""What the preview keeps between saves: the unchanged articles, listings and theme files.

Each rebuild revives the articles whose files did not change (sitebuild.content_objects), skips
the listings that show the same articles (sitebuild.selective) and leaves the theme's copies in
place. A test here builds a real site through the preview and looks at what it kept and wrote;
tests/test_preview_consistency.py compares the pages with a full build after each kind of save.
"""

import time

from conftest import ROOT
from test_preview_consistency import _edit, _html, _previewed_corpus, _same_as_full_build


def test_unchanged_articles_are_revived_and_the_saved_one_is_read_again(tmp_path):
    preview, content, output = _previewed_corpus(tmp_path)
    _edit(content / "articles" / "bai-07.md", r"^Nội dung bài 7\.$", "Đoạn viết lại lần một.")
    preview.rebuild()
    # 23 articles and the page, all but the saved article.
    assert preview.objects.revived == 24, preview.objects.revived
    _edit(content / "articles" / "bai-07.md", r"^Đoạn viết lại lần một\.$", "Lần hai.")
    preview.rebuild()
    assert preview.objects.revived == 24, preview.objects.revived
    page = next(p for name, p in _html(output).items() if "bai-so-7" in name)
    assert "Lần hai." in page.decode() and "lần một" not in page.decode()
    _same_as_full_build(output, content, tmp_path)


def test_a_save_that_keeps_the_modification_time_is_still_read_again(tmp_path):
    import os

    preview, content, output = _previewed_corpus(tmp_path)
    article = content / "articles" / "bai-09.md"
    _edit(article, r"^Nội dung bài 9\.$", "Bản đầu.")
    preview.rebuild()
    before = article.stat()
    time.sleep(0.02)
    article.write_text(article.read_text("utf-8").replace("Bản đầu.", "Bản sau."), "utf-8")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))  # same mtime as read
    preview.rebuild([article])
    page = next(p for name, p in _html(output).items() if "bai-so-9" in name)
    assert "Bản sau." in page.decode()
    _same_as_full_build(output, content, tmp_path)


def test_problems_told_while_reading_a_revived_article_are_told_again(tmp_path):
    from pelican import signals

    from sitekit.problems import Problem, report

    def warn(_generator, metadata) -> None:
        if metadata.get("title") == "Bài số 3":
            report(Problem(path="articles/bai-03.md", line=1, severity="warning",
                           message="cảnh báo thử khi đọc bài", fix="không cần sửa"))

    signals.article_generator_context.connect(warn)
    try:
        preview, content, _output = _previewed_corpus(tmp_path)
        for n in range(2):  # the first selective build reads from the full build's notes too
            _edit(content / "articles" / "bai-10.md", r"^(Nội dung bài 10\.|Sửa \d\.)$",
                  f"Sửa {n}.")
            preview.rebuild()
            assert preview.objects.revived > 0
            shown = [p.message for p in preview.status.problems]
            assert shown.count("Cảnh báo thử khi đọc bài") == 1, shown
    finally:
        signals.article_generator_context.disconnect(warn)


def test_listings_that_show_the_same_articles_are_not_paginated_again(tmp_path):
    preview, content, output = _previewed_corpus(tmp_path, count=28)
    _edit(content / "articles" / "bai-20.md", r"^Nội dung bài 20\.$", "Thân bài mới.")
    preview.rebuild()
    kept = dict(preview.plan.listings)
    assert kept
    _edit(content / "articles" / "bai-02.md", r"^Nội dung bài 2\.$", "Thân bài khác.")
    preview.rebuild()
    after = preview.plan.listings
    assert set(after) == set(kept)
    saved = preview.plan.changed  # bai-02, and bai-20 (its mtime is in the future)
    assert any(source.endswith("bai-02.md") for source in saved)
    showing = {key for key, listing in kept.items()
               if any(source in saved for sources in listing.lists for source in sources)}
    showing.add(next(key for key in kept if key[0] == "index.html"))  # page 1: always
    assert showing and len(showing) < len(kept)
    for key in kept:  # the same record: nothing of those listings was looked at again
        assert (after[key] is kept[key]) == (key not in showing), key
    _same_as_full_build(output, content, tmp_path)


def test_the_theme_files_are_not_copied_again_but_a_missing_one_is(tmp_path):
    preview, content, output = _previewed_corpus(tmp_path)
    css = output / "theme" / "css" / "site.css"
    stamp = css.stat().st_mtime_ns
    time.sleep(0.02)
    _edit(content / "articles" / "bai-04.md", r"^Nội dung bài 4\.$", "Khác.")
    preview.rebuild()
    assert preview.plan.rendered and css.stat().st_mtime_ns == stamp
    css.unlink()
    _edit(content / "articles" / "bai-04.md", r"^Khác\.$", "Khác nữa.")
    preview.rebuild()
    assert css.read_bytes() == (ROOT / "theme" / "static" / "css" / "site.css").read_bytes()


def test_the_articles_of_earlier_builds_are_freed(tmp_path):
    import gc
    import weakref

    from pelican import signals

    kept: list = []

    def note(generator) -> None:
        kept.append(weakref.ref(generator.articles[0]))

    preview, content, _output = _previewed_corpus(tmp_path)
    signals.article_generator_finalized.connect(note)
    try:
        for n in range(4):
            _edit(content / "articles" / "bai-06.md", r"^(Nội dung bài 6\.|Lần \d\.)$",
                  f"Lần {n}.")
            preview.rebuild()
            assert preview.plan.rendered
    finally:
        signals.article_generator_finalized.disconnect(note)
    gc.collect()
    # Each build's objects go once the next builds replaced them (plugins keep the last).
    assert all(ref() is None for ref in kept[:-2]), [ref() for ref in kept]


def test_the_browser_reloads_during_the_rebuild_and_gets_the_rebuilt_page(tmp_path, browser):
    """Told as the rebuild starts, the browser's request waits for it: never a half state."""
    import asyncio
    import socket
    import threading

    from qa.livereload import LiveReload
    from sitebuild.serve import serve

    output, watched = tmp_path / "out", tmp_path / "content"
    output.mkdir()
    watched.mkdir()
    page_file = output / "index.html"
    moments: dict[str, float] = {}

    head = '<html><head><meta charset="utf-8"></head><body><p>'

    def rebuild(paths) -> None:
        if paths is None:
            page_file.write_text(f"{head}bản cũ</p></body></html>", "utf-8")
            return
        moments["started"] = time.time()
        page_file.write_text(f"{head}viết dở", "utf-8")
        time.sleep(0.8)  # a slow rebuild, half written meanwhile
        page_file.write_text(f"{head}bản mới</p></body></html>", "utf-8")
        moments["built"] = time.time()

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        serve(rebuild, output, [watched], port=port)

    threading.Thread(target=run, daemon=True).start()
    page = browser.new_page()
    connections = LiveReload(page)
    for _ in range(50):
        try:
            page.goto(f"http://127.0.0.1:{port}/")
            break
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.1)
    assert "bản cũ" in page.inner_text("body")
    connections.listening()
    (watched / "bai.md").write_text("Title: Bài\n", encoding="utf-8")
    page.wait_for_function("document.body && document.body.innerText.includes('bản mới')",
                           timeout=20_000)
    navigated = page.evaluate("performance.timeOrigin") / 1000
    assert moments["started"] - 0.2 < navigated < moments["built"], (moments, navigated)
    assert "viết dở" not in page.content()
    page.close()
