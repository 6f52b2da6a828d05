"""A first build converts Markdown on two cores: the same site, the same messages, no process left.

The helper (plugins/markdown_reader/second_core.py) is a forked copy of the build; what it hands
back must be exactly what the build would have made, and what a conversion says must be said
once, by the build.
"""

import logging
import os

from conftest import ROOT, build_site
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from pelican.settings import read_settings
from tiny_site import tiny_content, write_article

import plugins.markdown_reader.second_core as second_core

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


def _content(tmp_path):
    content = tiny_content(tmp_path)
    for n in range(ARTICLES):
        write_article(content, f"bai-{n:03}.md", title=f"Bài số {n}",
                      date=f"2017-02-{1 + n % 28:02} {n % 24:02}:00", body=_body(n))
    return content


def _site(output) -> dict:
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*")
            if p.is_file() and "pagefind" not in p.parts}  # Pagefind orders filters its own way


def test_two_cores_write_the_site_one_core_does_and_say_each_thing_once(tmp_path, monkeypatch,
                                                                          caplog):
    content = _content(tmp_path)
    markdown = dict(read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"])
    markdown["extensions"] = [NoisyExtension()]
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # the helper needs a second core
    helpers, handed = [], []
    start, take = second_core.SecondCore.start, second_core.SecondCore.take

    def starting(markdown, paths):
        helper = start(markdown, paths)
        helpers.append(helper)
        return helper

    def taking(self, path, text):
        converted = take(self, path, text)
        handed.append(converted is not None)
        return converted

    monkeypatch.setattr(second_core.SecondCore, "start", staticmethod(starting))
    monkeypatch.setattr(second_core.SecondCore, "take", taking)
    caplog.set_level(logging.INFO, logger="tests.noisy")
    two = tmp_path / "two" / "output"
    build_site(two, content=content, extra={"MARKDOWN": markdown,
                                            "CACHE_PATH": str(tmp_path / "cache-two")})
    said_by_two = [r.getMessage() for r in caplog.records if r.name == "tests.noisy"]

    assert helpers and helpers[0] is not None, "a first build of 160 articles starts a helper"
    assert sum(handed) > ARTICLES // 4, f"the helper converted only {sum(handed)} files"
    assert sorted(said_by_two) == sorted(f"{SAID}: {NOISY} {n}" for n in NOISY_ONES), \
        "each noisy file said once, by the build"
    try:
        os.waitpid(helpers[0]._pid, os.WNOHANG)
        raise AssertionError("the helper process was not reaped")
    except ChildProcessError:
        pass

    caplog.clear()
    monkeypatch.setattr(second_core, "ENOUGH_FILES", 10 ** 6)  # one core
    one = tmp_path / "one" / "output"
    build_site(one, content=content, extra={"MARKDOWN": markdown,
                                            "CACHE_PATH": str(tmp_path / "cache-one")})
    assert helpers[-1] is None
    assert sorted(r.getMessage() for r in caplog.records if r.name == "tests.noisy") == \
        sorted(said_by_two)
    two_site, one_site = _site(two), _site(one)
    assert sorted(two_site) == sorted(one_site)
    assert [name for name in two_site if two_site[name] != one_site[name]] == []
