"""Whatever the kept staging folder holds, the next build swaps in the site an empty folder gives.

The staging folder keeps the site before last for the next build to write over
(sitebuild/staging.py). Generated plantings in it (files at the pages' own paths and elsewhere,
empty folders, links to files outside) must never reach output/ nor carry a write outside.
"""

import itertools
import os
import shutil
from pathlib import Path

import pytest
from conftest import build_site
from hostile_trial import hostile_settings
from hypothesis import given
from hypothesis import strategies as st
from site_snapshot import comparable
from tiny_site import tiny_content

# Paths a build writes (a page, a folder of pages, the theme's files, the search bundle) and
# paths it never writes.
_PLACES = ["index.html", "404.html", "gioi-thieu/index.html", "theme/css/site.css",
           "pagefind/pagefind.js", "pagefind/fragment/x.pf_fragment", "tim-kiem",
           "la/ngoai.html", "feeds/all.atom.xml", "sw.js", "chu-de/la/index.html"]
_KINDS = ["bytes", "folder", "symlink", "hard link"]
_counter = itertools.count()


def _empty_folders(output: Path) -> set[str]:
    return {str(p.relative_to(output)) for p in output.rglob("*")
            if p.is_dir() and not any(p.iterdir())}


class Sites:
    """The content, a kept pair to copy for each example, and the site an empty folder gives."""

    def __init__(self, content: Path, pair: Path, fresh: Path):
        self.content, self.pair = content, pair
        self.expected, self.empty = comparable(fresh), _empty_folders(fresh)

    def __repr__(self) -> str:  # Hypothesis prints the arguments of a failing example
        return f"Sites({self.pair})"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Sites:
    """The content, a kept pair to copy for each example, and the site an empty folder gives.

    The pair: output/ and the staging folder holding the site before last.
    """
    root = tmp_path_factory.mktemp("kept")
    content = tiny_content(root)
    kept = root / "pair" / "output"
    for _ in range(2):
        build_site(kept, content=content, extra={"CACHE_PATH": str(root / "cache")})
    fresh = root / "fresh" / "output"
    build_site(fresh, content=content, extra={"CACHE_PATH": str(root / "cache-fresh")})
    return Sites(content, kept.parent, fresh)


def _plant_and_build(sites: Sites, example: Path, plantings: list) -> None:
    """Copy the kept pair, plant in its staging folder, build: the fresh site, nothing outside."""
    shutil.copytree(sites.pair, example, symlinks=True)
    output, staging = example / "output", example / ".output.staging"
    outside = example / "ngoai.txt"
    outside.write_bytes(b"tep ngoai")
    for relative, kind, data in plantings:
        target = staging / relative
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "bytes":
            target.write_bytes(data)
        elif kind == "folder":
            target.mkdir()
        elif kind == "symlink":
            target.symlink_to(outside)
        else:
            os.link(outside, target)

    build_site(output, content=sites.content, extra={"CACHE_PATH": str(example / "cache")})
    assert outside.read_bytes() == b"tep ngoai", "a write went through a link to outside"
    assert not [p for p in output.rglob("*") if p.is_symlink()]
    found = comparable(output)
    assert sorted(found) == sorted(sites.expected)
    assert [name for name in found if found[name] != sites.expected[name]] == []
    # An empty folder the build makes but writes nothing in (images/_r without photos) may be
    # swept with the old site's; none planted or left over may stay.
    assert _empty_folders(output) <= sites.empty, "an empty folder planted or left behind"


def test_a_file_where_a_folder_of_pages_goes_and_the_reverse(tmp_path, sites):
    """What addresses that change kind between two builds leave: the build goes on, whole."""
    _plant_and_build(sites, tmp_path / "vi-du", [
        ("tim-kiem", "bytes", b"trang cu"), ("index.html", "folder", b""),
        ("theme/css/site.css", "folder", b""), ("sw.js", "hard link", b"")])


@hostile_settings(0.15)
@given(plantings=st.lists(st.tuples(st.sampled_from(_PLACES), st.sampled_from(_KINDS),
                                    st.binary(max_size=64)), min_size=1, max_size=6))
def test_any_planting_in_the_kept_staging_folder(tmp_path, sites, plantings):
    _plant_and_build(sites, tmp_path / f"vi-du-{next(_counter)}", plantings)
