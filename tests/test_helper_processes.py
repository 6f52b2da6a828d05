"""Half of a list's work done in a forked copy of the build: the same results, the same messages."""

import logging
import os

from conftest import ROOT
from pelican.settings import read_settings
from tiny_site import tiny_content, write_article

import sitekit.helper_processes as helpers
from sitekit import source_texts

ITEMS = list(range(300))


def _two_cores(monkeypatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def test_every_result_comes_back_in_order_half_of_them_from_the_helper(monkeypatch):
    _two_cores(monkeypatch)
    results = helpers.split_map(lambda n: (n * n, os.getpid()), ITEMS)
    assert [square for square, _ in results] == [n * n for n in ITEMS]
    by = {pid for _, pid in results}
    assert os.getpid() in by and len(by) == 2, "the second half came from another process"


def test_work_during_which_the_helper_spoke_is_done_again_and_said_once(monkeypatch, caplog):
    _two_cores(monkeypatch)
    build = os.getpid()

    def square(n: int) -> tuple[int, int]:
        if n == 250:
            logging.getLogger("tests.helper").warning("số %d cần xem lại", n)
        return n * n, os.getpid()

    results = helpers.split_map(square, ITEMS)
    assert [square for square, _ in results] == [n * n for n in ITEMS]
    assert all(pid == build for _, pid in results), "the build did the helper's half again"
    said = [record for record in caplog.records if record.name == "tests.helper"]
    assert [(record.getMessage(), record.process) for record in said] == \
        [("số 250 cần xem lại", build)]


def test_a_helper_that_fails_leaves_its_half_to_the_build(monkeypatch):
    _two_cores(monkeypatch)
    build = os.getpid()

    def square(n: int) -> int:
        if os.getpid() != build and n == 200:
            raise RuntimeError("hỏng giữa chừng")
        return n * n

    assert helpers.split_map(square, ITEMS) == [n * n for n in ITEMS]


def test_the_review_finds_the_same_problems_on_two_cores(tmp_path, monkeypatch):
    from plugins.editorial import review, review_store

    content = tiny_content(tmp_path)
    for n in range(150):
        if n % 10 == 3:
            raw = f"Title: Bài {n}\nDate: 30/02/2017\nCategory: Thời sự\n\nThân bài.\n"
        elif n % 10 == 6:
            raw = f"Date: 2017-02-08 16:45\nCategory: Thời sự\n\nBài {n} thiếu tiêu đề.\n"
        else:
            raw = None
        write_article(content, f"bai-{n:03}.md", title=f"Bài số {n}", raw=raw)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")})
    _two_cores(monkeypatch)
    forks = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())

    def found() -> list[str]:
        review_store.forget()  # every file reviewed again, none kept
        source_texts.forget_all()
        return [str(problem) for problem in review.review_content(settings)]

    on_two = found()
    assert forks, "150 files to review: half of them in a helper"
    forks.clear()
    monkeypatch.setattr(review, "split_map", lambda function, items: list(map(function, items)))
    on_one = found()
    assert not forks
    assert len(on_two) >= 30 and on_two == on_one
