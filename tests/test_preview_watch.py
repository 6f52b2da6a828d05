"""`invoke serve` hears a save at once, as one change to the saved file, scratch files aside."""

import os
import threading
import time

from sitebuild.watch import Watcher


def _watching(roots):
    heard: list[list] = []
    arrived = threading.Event()

    def changed(paths) -> None:
        heard.append(paths)
        arrived.set()

    watcher = Watcher(roots, changed)
    watcher.start()
    time.sleep(0.3)  # the kernel watch is in place
    return watcher, heard, arrived


def test_a_save_through_a_scratch_file_is_one_change_to_the_article(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    article = articles / "bai.md"
    article.write_text("Title: Bài\n", encoding="utf-8")
    watcher, heard, arrived = _watching([tmp_path])
    try:
        aside = articles / ".bai.md.tmp"  # as many editors save: aside, then renamed over
        aside.write_text("Title: Bài đã sửa\n", encoding="utf-8")
        saved = time.monotonic()
        os.replace(aside, article)
        assert arrived.wait(5), "the save was never heard"
        assert time.monotonic() - saved < 0.5  # told by the kernel, not found by polling
        time.sleep(0.2)
        assert heard == [[article]]
    finally:
        watcher.stop()


def test_a_watched_file_is_heard_and_its_neighbours_are_not(tmp_path):
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("SITENAME = 'a'\n", encoding="utf-8")
    neighbour = tmp_path / "ghi-chu.txt"
    watcher, heard, arrived = _watching([settings])
    try:
        neighbour.write_text("không theo dõi\n", encoding="utf-8")
        assert not arrived.wait(0.5), heard
        settings.write_text("SITENAME = 'b'\n", encoding="utf-8")
        assert arrived.wait(5), "the settings file's save was never heard"
        assert heard == [[settings]]
    finally:
        watcher.stop()
