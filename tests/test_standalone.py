"""The repository stands alone: a clone with nothing beside it generates a corpus and builds it.

The clone is of HEAD with the working tree's uncommitted changes laid over it, so a developer tests
what they are about to commit; on CI's clean clone that is HEAD itself. `.ci/run` goes further and
runs the whole suite from such a clone (the full Quick start cannot run in here: it would recurse).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from html_tools import soup

PYTHON = sys.executable
PELICAN = str(Path(sys.executable).with_name("pelican"))
# Ways a file could reach outside the repository for the old shared benchmark tools.
OUTSIDE = ("shared/bench", "../shared", '/ "shared"', "ROOT.parent")
THIS_FILE = "tests/test_standalone.py"  # it names those patterns, and reaches nowhere


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          encoding="utf-8").stdout


def _overlay_working_tree(clone: Path) -> None:
    """Copy modified and new (not ignored) files over the clone; drop the deleted ones."""
    names = _git("ls-files", "-z", "--modified", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, names.split("\0")):
        source, target = ROOT / name, clone / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.is_file():
            target.unlink()


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A clone of the repository in an empty folder: no `shared` (or anything else) beside it."""
    clone = tmp_path_factory.mktemp("alone") / "site"
    _git("clone", "--quiet", "--no-local", str(ROOT), str(clone), cwd=clone.parent)
    _overlay_working_tree(clone)
    assert os.listdir(clone.parent) == ["site"]
    return clone


def _env(clone: Path) -> dict[str, str]:
    """Python finds the clone's packages first (ahead of the venv's editable install of ROOT)."""
    return {**os.environ, "PYTHONPATH": str(clone), "COLUMNS": "300"}


def test_no_file_reaches_outside_the_repository(clone):
    found = []
    for path in clone.rglob("*"):
        name = path.relative_to(clone).as_posix()
        if not path.is_file() or name.startswith(".git/") or name == THIS_FILE:
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        found += [f"{name}: {pattern}" for pattern in OUTSIDE if pattern in text]
    assert found == []


def test_the_clone_uses_its_own_code(clone, tmp_path):
    # Run from elsewhere, as the `pelican` script runs: the current folder is not on its path.
    where = subprocess.run(
        [PYTHON, "-c", "import bench, plugins, sitebuild\n"
         "for m in (bench, plugins, sitebuild): print(m.__file__)"],
        cwd=tmp_path, env=_env(clone), check=True, capture_output=True, encoding="utf-8").stdout
    assert [Path(line).parent.parent for line in where.split()] == [clone] * 3


def test_a_corpus_generated_in_the_clone_builds_with_plain_pelican(clone, tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    subprocess.run([PYTHON, "-m", "bench.gen_corpus", str(content), "--articles", "6",
                    "--images", "1", "--size", "900x600", "--pages", "1", "--seed", "3"],
                   cwd=clone, env=_env(clone), check=True)
    result = subprocess.run(
        [PELICAN, str(content), "-s", str(clone / "pelicanconf.py"), "-o", str(out)],
        cwd=clone, env=_env(clone), capture_output=True, encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    article = soup(out / "bai-00003" / "index.html")
    assert article.select_one(".story-title").get_text().strip()
    photo = article.select_one("figure img")
    assert (out / photo["src"].lstrip("/")).is_file()
    assert (out / "trang-0" / "index.html").is_file()
