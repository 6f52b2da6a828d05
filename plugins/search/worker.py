"""The search indexing process: marks each page's text and gives it to Pagefind, beside the build.

`python -m plugins.search.worker CONFIG` reads pages on stdin while Pelican is still writing the
site, so the marking (marks.py) and Pagefind's parsing run on another core. One JSON object per
line: `{"url": …, "html": …}` for a page, then `{"write": true}` to write the bundle. It answers
with one line, `{"pages": N}` or `{"error": …}`. Stdin closing without the write (the build
failed or was interrupted) stops it with nothing written; SIGTERM (the build was refused after
the write was asked for) stops Pagefind at once, so that nothing more is written once it ends.
"""

from __future__ import annotations

import json
import shutil
import signal
import sys
from pathlib import Path

from .indexer import UNUSED, executable
from .marks import mark_html
from .service import PagefindService, ServiceFailed


def run(config: dict, pages, answer) -> None:
    """Index the pages read from `pages` (lines) into the bundle named in `config`."""
    bundle = Path(config["bundle"])
    service = None
    try:
        service = PagefindService(executable(), {
            "force_language": "vi", "exclude_selectors": config["exclude_selectors"],
        }, config["chunk_size"])
        for line in pages:
            message = json.loads(line)
            if not message.get("write"):
                service.add_page(message["url"], mark_html(message["html"]))
                continue
            shutil.rmtree(bundle, ignore_errors=True)
            service.write(bundle)
            count = service.wait()
            for unused in UNUSED:
                (bundle / unused).unlink(missing_ok=True)
            answer({"pages": count})
            return
    except ServiceFailed as failure:
        answer({"error": str(failure)})
    except Abandoned:
        if service is not None:
            service.kill()
        raise SystemExit(1) from None
    finally:
        if service is not None:
            service.close()


class Abandoned(Exception):
    """The build was refused: stop without writing anything more."""


def _abandoned(_signal: int, _frame) -> None:
    raise Abandoned


def main() -> None:
    """Entry point of the worker process."""
    def answer(result: dict) -> None:
        print(json.dumps(result, ensure_ascii=False), flush=True)

    # No lower priority (it was nice 10): the build ends when the bundle is written, and on a
    # machine busy with other work a niced indexer was starved, the build then waiting 3-5 s
    # after its last page instead of under 1.5 s. With a core to spare it changes nothing.
    signal.signal(signal.SIGTERM, _abandoned)
    run(json.loads(sys.argv[1]), sys.stdin.buffer, answer)


if __name__ == "__main__":
    main()
