"""Shared fixtures: the sample site built once through our own build, served on 127.0.0.1."""

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis.database import DirectoryBasedExampleDatabase

from qa import CHROMIUM, CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent

# Generated-input tests (test_hostile_input.py): CI replays the same examples every run (a red
# CI is reproducible) and keeps no example database; on a developer's machine more examples, and
# failures remembered under .cache/ so the next run tries them first.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, max_examples=100,
                                     deadline=None, print_blob=True)
hypothesis_settings.register_profile(
    "dev", max_examples=300, deadline=None,
    database=DirectoryBasedExampleDatabase(str(ROOT / ".cache" / "hypothesis")))
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                                 or ("ci" if os.environ.get("CI") else "dev"))


def build_site(output: Path, content: Path | None = None, settings: str = "pelicanconf.py",
               **options) -> None:
    """Build through the same code path as `invoke build` (strict, staged)."""
    from sitebuild.build import BuildOptions, build

    build(BuildOptions(settings_file=ROOT / settings, content=content, output=output, **options))


@pytest.fixture(autouse=True)
def _fresh_pelican_signals():
    """Each test's builds hear only their own plugins.

    Pelican plugins connect to process-wide blinker signals (Pelican's, and our `page_rendered`)
    and never disconnect; a test that builds with fewer plugins (or another theme) would
    otherwise still run every handler an earlier test connected.
    """
    from blinker.base import default_namespace

    for signal in default_namespace.values():  # Pelican's signals and our plugins' own
        signal._clear_state()
    yield


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The sample site, built once for the whole session."""
    output = tmp_path_factory.mktemp("site") / "output"
    build_site(output)
    return output


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        # http.server compares If-Modified-Since in whole seconds: a page rebuilt within the
        # second it was first written got "304 Not Modified", and the browser kept the old one.
        # Static hosts (GitHub Pages) validate by content (ETag): a changed file is sent.
        del self.headers["If-Modified-Since"]
        return super().send_head()


def serve_folder(folder: Path):
    """Serve a folder on a free loopback port in a thread; returns (server, base_url)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url(site):
    """The sample site over HTTP, as a static host serves it."""
    server, url = serve_folder(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; a missing browser is a failure, not a skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `python3 bootstrap.py test`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        yield chromium
        chromium.close()
