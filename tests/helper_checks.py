"""Checks of the build's helper processes, each run in a fresh Python by its test.

Forking needs a process with a single thread, and pytest's has the test servers' too
(tests/test_helper_processes.py runs these).

`python tests/helper_checks.py NAME TMP` runs check NAME; a failed assertion exits non-zero.
"""

import logging
import os
import sys
from pathlib import Path

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from pelican.settings import read_settings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from conftest import build_site  # noqa: E402
from tiny_site import tiny_content, write_article  # noqa: E402

import plugins.markdown_reader.second_core as second_core  # noqa: E402
import sitekit.helper_processes as helpers  # noqa: E402
from sitekit import source_texts  # noqa: E402

ITEMS = list(range(300))
os.cpu_count = lambda: 2  # a helper needs a second core: the checks run on any machine


class Records(logging.Handler):
    """The messages of one logger, as the build's log would show them."""

    def __init__(self, name: str):
        super().__init__(logging.INFO)
        self.said: list[tuple[str, int]] = []
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append((record.getMessage(), record.process))


def results_in_order(_tmp: Path) -> None:
    results = helpers.split_map(lambda n: (n * n, os.getpid()), ITEMS)
    assert [square for square, _ in results] == [n * n for n in ITEMS]
    by = {pid for _, pid in results}
    assert os.getpid() in by and len(by) == 2, "the second half came from another process"


def spoken_work_redone(_tmp: Path) -> None:
    build, records = os.getpid(), Records("tests.helper")

    def square(n: int) -> tuple[int, int]:
        if n == 250:
            logging.getLogger("tests.helper").warning("số %d cần xem lại", n)
        return n * n, os.getpid()

    results = helpers.split_map(square, ITEMS)
    assert [square for square, _ in results] == [n * n for n in ITEMS]
    assert all(pid == build for _, pid in results), "the build did the helper's half again"
    assert records.said == [("số 250 cần xem lại", build)]


def failed_half_redone(_tmp: Path) -> None:
    build = os.getpid()

    def square(n: int) -> int:
        if os.getpid() != build and n == 200:
            raise RuntimeError("hỏng giữa chừng")
        return n * n

    assert helpers.split_map(square, ITEMS) == [n * n for n in ITEMS]


def same_review(tmp: Path) -> None:
    from plugins.editorial import review, review_store

    content = tiny_content(tmp)
    for n in range(150):
        if n % 10 == 3:
            raw = f"Title: Bài {n}\nDate: 30/02/2017\nCategory: Thời sự\n\nThân bài.\n"
        elif n % 10 == 6:
            raw = f"Date: 2017-02-08 16:45\nCategory: Thời sự\n\nBài {n} thiếu tiêu đề.\n"
        else:
            raw = None
        write_article(content, f"bai-{n:03}.md", title=f"Bài số {n}", raw=raw)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "CACHE_PATH": str(tmp / "cache")})
    forks, fork = [], os.fork
    os.fork = lambda: forks.append(1) or fork()

    def found() -> list[str]:
        review_store.forget()  # every file reviewed again, none kept
        source_texts.forget_all()
        return [str(problem) for problem in review.review_content(settings)]

    on_two = found()
    assert forks, "150 files to review: half of them in a helper"
    forks.clear()
    review.split_map = lambda function, items: list(map(function, items))
    on_one = found()
    assert not forks
    assert len(on_two) >= 30 and on_two == on_one


ARTICLES = 160
NOISY = "ỒN ÀO"  # a line the test's extension speaks about
SAID = "bài có dòng ồn ào"
NOISY_ONES = range(7, ARTICLES, 8)  # enough that the helper surely converts some of them


class _Noisy(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        for line in lines:
            if NOISY in line:  # the line itself: Pelican's log drops a message said before
                logging.getLogger("tests.noisy").info("%s: %s", SAID, line)
        return lines


class NoisyExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Markdown's API name)
        md.preprocessors.register(_Noisy(md), "noisy", 5)


def _body(n: int) -> str:
    return (f"## Mục {n}\n\nĐoạn *{n}* về [xã Thạch Hạ](https://example.org/{n}) và "
            f"nông thôn mới.\n\n- một\n- hai {n}\n\n| Xã | Tiêu chí |\n| --- | --- |\n"
            f"| Thạch Hạ | {n % 19} |\n" + (f"\n{NOISY} {n}\n" if n in NOISY_ONES else ""))


def _content(tmp: Path) -> Path:
    content = tiny_content(tmp)
    for n in range(ARTICLES):
        write_article(content, f"bai-{n:03}.md", title=f"Bài số {n}",
                      date=f"2017-02-{1 + n % 28:02} {n % 24:02}:00", body=_body(n))
    return content


def _site(output: Path) -> dict:
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*")
            if p.is_file() and "pagefind" not in p.parts}  # Pagefind orders filters its own way


def same_site_from_two_cores(tmp: Path) -> None:
    """A build with every plugin (the search indexer starting early among them) forks."""
    content = _content(tmp)
    markdown = dict(read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"])
    markdown["extensions"] = [NoisyExtension()]
    started, handed = [], []
    start, take = second_core.SecondCore.start, second_core.SecondCore.take

    def starting(markdown, paths):
        started.append(start(markdown, paths))
        return started[-1]

    def taking_and_keeping(self, path, text):
        converted = take(self, path, text)
        handed.append(converted is not None)
        return converted

    second_core.SecondCore.start = staticmethod(starting)
    second_core.SecondCore.take = taking_and_keeping
    records = Records("tests.noisy")
    two = tmp / "two" / "output"
    build_site(two, content=content,
               extra={"MARKDOWN": markdown, "CACHE_PATH": str(tmp / "cache-two")})
    said_by_two = sorted(message for message, _ in records.said)

    assert started and started[0] is not None, "a first build of 160 articles starts a helper"
    assert sum(handed) > ARTICLES // 4, f"the helper converted only {sum(handed)} files"
    assert said_by_two == sorted(f"{SAID}: {NOISY} {n}" for n in NOISY_ONES), \
        "each noisy file said once, by the build"
    try:
        os.waitpid(started[0]._pid, os.WNOHANG)
        raise AssertionError("the helper process was not reaped")
    except ChildProcessError:
        pass

    records.said.clear()
    second_core.ENOUGH_FILES = 10 ** 6  # one core
    one = tmp / "one" / "output"
    build_site(one, content=content,
               extra={"MARKDOWN": markdown, "CACHE_PATH": str(tmp / "cache-one")})
    assert started[-1] is None
    assert sorted(message for message, _ in records.said) == said_by_two
    two_site, one_site = _site(two), _site(one)
    assert sorted(two_site) == sorted(one_site)
    assert [name for name in two_site if two_site[name] != one_site[name]] == []


if __name__ == "__main__":
    globals()[sys.argv[1]](Path(sys.argv[2]))
