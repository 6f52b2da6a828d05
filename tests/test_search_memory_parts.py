"""A site larger than SEARCH['pages_per_index'] is indexed in parts that search.js merges.

Pagefind's memory grows with the pages of one index (about 190 KB each while it writes): the
worker gives each part its own Pagefind, one after the other. Built here with parts of 4 pages,
the sample site must find every page the one-index build of the session (`site`) finds, shown
the same. It may find more: Pagefind widens a word to its near spellings in an index that lacks
it as typed (a part without "nghị" matches "nghiệm"), so parts are made large (4 000 pages).
"""

import json
import subprocess
import sys

import pytest
from conftest import ROOT, build_site
from test_search_support import SearchPage, path_of, serving

from plugins.search.settings import BUNDLE
from plugins.search.worker import PARTS

PER_INDEX = 4
QUERIES = ("ha tinh", "hội nghị", "đoàn", "nông thôn mới")


def _page_counts(bundle) -> list[int]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return [language["page_count"] for language in entry["languages"].values()]


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("phan")
    build_site(root / "output", extra={"CACHE_PATH": str(root / "cache"),
                                       "SEARCH": {"pages_per_index": PER_INDEX}})
    return root / "output"


def test_one_index_when_the_site_fits(site):
    assert json.loads((site / BUNDLE / PARTS).read_text(encoding="utf-8")) == []


def test_each_part_holds_at_most_its_share_and_together_every_page(site, parted_site):
    bundle = parted_site / BUNDLE
    parts = json.loads((bundle / PARTS).read_text(encoding="utf-8"))
    (whole,) = _page_counts(site / BUNDLE)
    assert len(parts) == (whole - 1) // PER_INDEX  # the last part is the bundle itself
    counts = [n for folder in [bundle, *(bundle / part for part in parts)]
              for n in _page_counts(folder)]
    assert sum(counts) == whole and max(counts) <= PER_INDEX
    # Nothing of the parts is left beside the bundle.
    assert [p.name for p in parted_site.iterdir() if p.name.startswith(".")] == []


@pytest.fixture(scope="module")
def hosts(site, parted_site):
    with serving(site, parted_site) as urls:
        yield urls


@pytest.mark.parametrize("query", QUERIES)
def test_the_parts_find_what_one_index_finds(browser, hosts, query):
    found = []
    for url in hosts:
        context = browser.new_context()
        page = SearchPage(context.new_page(), url)
        page.open()
        page.search(query, typed=False)
        page.everywhere(query)
        hits = page.hits(every=True)
        found.append({(path_of(hit.url), hit.title, hit.excerpt) for hit in hits})
        assert page.count == len(hits) and page.errors == []
        context.close()
    whole, parted = found
    assert whole and whole <= parted


def test_a_build_stopped_before_the_write_leaves_no_part(tmp_path):
    # Stdin closes without {"write": true}: two full parts were written while pages came in.
    bundle = tmp_path / "out" / BUNDLE
    config = {"bundle": str(bundle), "exclude_selectors": [], "chunk_size": 400,
              "pages_per_index": 1}
    pages = "".join(json.dumps({"url": f"/bai-{i}/", "html": (
        f'<html lang="vi"><body><main data-pagefind-body><h1>Bài {i}</h1>'
        f'<p>Hội nghị số {i}</p></main></body></html>')}) + "\n" for i in range(3))
    (tmp_path / "out").mkdir()
    done = subprocess.run([sys.executable, "-m", "plugins.search.worker", json.dumps(config)],
                          input=pages.encode(), capture_output=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and done.stdout == b""
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("given", [0, "4000", 2.5])
def test_a_wrong_part_size_is_named_in_a_sentence(given):
    from plugins.search.settings import read

    settings, found = read({"SEARCH": {"pages_per_index": given}})
    assert [problem.message for problem in found] == [
        f"SEARCH['pages_per_index'] phải là một số nguyên dương, nhưng đang là {given!r}"]
    assert settings.pages_per_index == 4000  # the default stands in
