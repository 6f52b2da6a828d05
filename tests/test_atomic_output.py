"""A build interrupted at any moment leaves output/ as the previous good site, whole."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_site

from bench.gen_corpus import generate

INVOKE = str(Path(sys.executable).with_name("invoke"))


def _snapshot(output: Path) -> dict:
    return {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Enough articles that a build takes a few seconds and can be caught midway."""
    return generate(tmp_path_factory.mktemp("corpus") / "content", articles=400, images=0,
                    pages=1)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_killing_a_build_midway_keeps_the_previous_site(corpus, tmp_path, signum):
    output = tmp_path / "output"
    build_site(output, content=corpus, extra={"LOAD_CONTENT_CACHE": False,
                                               "CACHE_CONTENT": False})
    before = _snapshot(output)
    assert len(before) > 400
    (corpus / "articles" / "bai-00001.md").touch()
    staging = output.with_name(".output.staging")
    build = subprocess.Popen([INVOKE, "build", "--content", str(corpus), "--output", str(output)],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    # Wait until the new build is writing pages into staging, then interrupt it.
    while time.monotonic() < deadline and build.poll() is None:
        if len(list(staging.glob("bai-*"))) > 20:
            break
        time.sleep(0.01)
    assert build.poll() is None, "the build ended before it could be interrupted"
    os.kill(build.pid, signum)
    build.wait(timeout=60)
    assert build.returncode != 0
    assert _snapshot(output) == before


def test_an_interrupted_swap_is_recovered(tmp_path):
    from sitebuild import staging

    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("cũ", encoding="utf-8")
    # the state a kill between the two renames would leave, were signals not deferred
    os.rename(output, tmp_path / ".output.old")
    staging.prepare(output)
    assert (output / "index.html").read_text(encoding="utf-8") == "cũ"
