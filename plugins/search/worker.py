"""The search indexing process: marks each page's text and gives it to Pagefind, beside the build.

`python -m plugins.search.worker CONFIG` reads pages on stdin while Pelican is still writing the
site, so the marking (marks.py) and Pagefind's parsing run on another core. One JSON object per
line: `{"url": …, "html": …}` for a page, then `{"write": true}` to write the bundle. It answers
with one line, `{"pages": N}` or `{"error": …}`. Stdin closing without the write (the build
failed or was interrupted) stops it with nothing written; SIGTERM (the build was refused after
the write was asked for) stops Pagefind at once, so that nothing more is written once it ends.

A site of more than `pages_searched_first` pages (settings.py) is indexed in parts, one Pagefind
at a time: the pages come newest first (the programme's, then the articles from the newest), and
the first part, at most `pages_searched_first` of them, is the one a search looks in first. The
others hold at most `pages_per_index` pages each, so that no process holds the whole site
(Pagefind's memory grows with the pages of an index, about 190 KB each while it writes). Each
full part is written into a folder beside the bundle as soon as it is full; at the write, the
first part becomes the bundle itself and the others move into it as `1/`, `2/`… from the newest.
Its `parts.json` lists them (`[]` for one index); search.js merges them (Pagefind's mergeIndex)
when the first part's results are too few, or when the reader asks for the older articles. A
build that stops before the write leaves no part behind.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from pathlib import Path

from sitekit.helper_processes import stop_with_parent

from . import written_over
from .indexer import UNUSED, executable
from .marks import mark_html
from .service import PagefindService, ServiceFailed
from .settings import DEFAULTS

PARTS = "parts.json"  # in the bundle: the folders of the other parts, for search.js


def run(config: dict, pages, answer) -> None:
    """Index the pages read from `pages` (lines) into the bundle named in `config`."""
    parts = _Parts(Path(config["bundle"]), {
        "force_language": "vi", "exclude_selectors": config["exclude_selectors"],
    }, config["chunk_size"], *(config.get(key) or DEFAULTS[key]
                               for key in ("pages_searched_first", "pages_per_index")))
    try:
        parts.start()  # Pagefind is ready before the first page comes
        for line in pages:
            message = json.loads(line)
            if not message.get("write"):
                parts.add(message["url"], mark_html(message["html"]))
                continue
            answer({"pages": parts.write()})
            return
    except ServiceFailed as failure:
        answer({"error": str(failure)})
    except Abandoned:
        parts.kill()
        parts.discard()
        raise SystemExit(1) from None
    finally:
        parts.close()


class _Parts:
    """The Pagefind indexes of one bundle, one at a time: `first` pages, then parts of `size`."""

    def __init__(self, bundle: Path, config: dict, chunk_size: int, first: int, size: int):
        self._bundle, self._config, self._chunk_size = bundle, config, chunk_size
        self._first, self._size = min(first, size), size
        # Full parts wait here until the write; a sibling of the bundle, so moving them in is
        # a rename, and a build that fails leaves the bundle of the last build as it was.
        self._waiting = bundle.with_name(f".{bundle.name}-phan-{os.getpid()}")
        self._writing = False  # the bundle itself is being written
        self._service: PagefindService | None = None
        self._pages = 0  # fed to the running service
        self._done = 0  # indexed in the parts already written
        self._written: list[str] = []  # their folders' names, from the newest ("0", "1"…)

    def add(self, url: str, html: str) -> None:
        if self._service is not None and self._pages == (self._size if self._written
                                                         else self._first):
            name = str(len(self._written))
            self._finish_part(self._waiting / name)
            self._written.append(name)
        self._current().add_page(url, html)
        self._pages += 1

    def start(self) -> None:
        """Start the first part's Pagefind."""
        self._current()

    def write(self) -> int:
        """Write the bundle: the first part, the others moved into it; return the pages."""
        self._current()  # a site without a marked page still gets an (empty) bundle
        self._writing = True
        if not self._written:
            self._finish_part(self._bundle, over=True)
        else:
            shutil.rmtree(self._bundle, ignore_errors=True)
            (self._waiting / self._written[0]).rename(self._bundle)
            for name in self._written[1:]:
                (self._waiting / name).rename(self._bundle / name)
            self._written.append(str(len(self._written)))
            self._finish_part(self._bundle / self._written[-1])
        older = [f"{name}/" for name in self._written[1:]]
        (self._bundle / PARTS).write_text(json.dumps(older), encoding="utf-8")
        return self._done

    def _current(self) -> PagefindService:
        if self._service is None:
            self._service = PagefindService(executable(), self._config, self._chunk_size)
            self._pages = 0
        return self._service

    def _finish_part(self, folder: Path, over: bool = False) -> None:
        # The next part's Pagefind starts only once this one has ended: one at a time.
        service = self._current()
        before = written_over.prepare(folder) if over else None
        if before is None:
            shutil.rmtree(folder, ignore_errors=True)
        service.write(folder)
        self._done += service.wait()
        self._service = None
        for unused in UNUSED:
            (folder / unused).unlink(missing_ok=True)
        if before:
            written_over.remove_unnamed(folder, before)

    def kill(self) -> None:
        """Stop the running Pagefind at once, in the middle of a write if need be."""
        if self._service is not None:
            self._service.kill()

    def discard(self) -> None:
        """Remove what the write made of the bundle so far (a stopped write leaves none)."""
        if self._writing:
            shutil.rmtree(self._bundle, ignore_errors=True)

    def close(self) -> None:
        """Stop Pagefind (what it has not written is dropped) and remove the waiting parts."""
        if self._service is not None:
            self._service.close()
        shutil.rmtree(self._waiting, ignore_errors=True)


class Abandoned(Exception):
    """The build was refused: stop without writing anything more."""


def _abandoned(_signal: int, _frame) -> None:
    # Once: a second SIGTERM (the build's and the kernel's, its parent gone) must not cut
    # short the clean-up the first one started.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Abandoned


def main() -> None:
    """Entry point of the worker process."""
    def answer(result: dict) -> None:
        print(json.dumps(result, ensure_ascii=False), flush=True)

    # No lower priority (it was nice 10): the build ends when the bundle is written, and on a
    # machine busy with other work a niced indexer was starved, the build then waiting 3-5 s
    # after its last page instead of under 1.5 s. With a core to spare it changes nothing.
    signal.signal(signal.SIGTERM, _abandoned)
    # A preview server stopped (Ctrl+C, `kill`) while its index was being written would leave
    # this process writing a bundle into output/ that nobody swaps in or removes.
    stop_with_parent(signal.SIGTERM)
    run(json.loads(sys.argv[1]), sys.stdin.buffer, answer)


if __name__ == "__main__":
    main()
