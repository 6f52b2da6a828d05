"""Contract 2: plain `pelican OTHER/content -s pelicanconf.py -o OTHER/out` builds any tree."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from html_tools import soup

from bench.gen_corpus import generate

PELICAN = str(Path(sys.executable).with_name("pelican"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("corpus") / "content", articles=12, images=1,
                    size=(1200, 800), pages=2)


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_plain_pelican_builds_a_generated_corpus(corpus, tmp_path, settings):
    out = tmp_path / "out"
    result = subprocess.run(
        [PELICAN, str(corpus), "-s", settings, "-o", str(out)],
        cwd=ROOT, capture_output=True, encoding="utf-8",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = soup(out / "bai-00003" / "index.html")
    assert page.html["lang"] == "vi"
    assert page.select_one("link[rel=stylesheet]")["href"].endswith("/theme/css/site.css")
    assert page.select_one(".story-title").get_text().strip()
    assert (out / "theme" / "css" / "site.css").exists()


def test_plain_pelican_exits_non_zero_on_a_content_error(corpus, tmp_path):
    broken = tmp_path / "content"
    subprocess.run(["cp", "-r", str(corpus), str(broken)], check=True)
    (broken / "articles" / "hong.md").write_text("Date: 2017-02-08\n\nKhông tiêu đề.\n", "utf-8")
    result = subprocess.run(
        [PELICAN, str(broken), "-s", "pelicanconf.py", "-o", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, encoding="utf-8", env={**os.environ, "COLUMNS": "300"},
    )
    assert result.returncode != 0
    assert "articles/hong.md" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
