"""An indexing worker whose build process dies in the middle of the write leaves no bundle.

The preview server indexes in the background; stopped (Ctrl+C, `kill`) while Pagefind writes,
its worker used to finish the bundle alone, into an output/ nobody would clean (a benchmark's
deleted folder even came back). The kernel now stops the worker with its parent.
"""

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conftest import ROOT

# A build process: starts the worker, feeds it pages, asks for the write, and dies (no
# clean-up of its own, as under SIGKILL) the moment Pagefind has begun writing.
PARENT = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from plugins.search.indexer import IndexFeed
    from plugins.search.settings import read

    bundle = Path(sys.argv[1])
    feed = IndexFeed(bundle.parent, read({})[0], bundle=bundle)
    words = "Hội nghị nông thôn mới Hà Tĩnh tổng kết mười năm xây dựng đường làng ngõ xóm "
    for n in range(1500):
        html = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>-</title>'
                f'</head><body><main data-pagefind-body><h1>Bài {n}</h1><p>{words * 20} {n}'
                '</p></main></body></html>')
        feed.add(f"bai-{n}/index.html", html)
    feed.write()
    print(feed._worker.pid, flush=True)
    deadline = time.monotonic() + 120
    while not bundle.exists() and time.monotonic() < deadline:
        time.sleep(0.001)
    os._exit(0)
""")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie waiting for a reaper has ended


def test_a_worker_stops_and_cleans_up_when_its_build_dies(tmp_path):
    bundle = tmp_path / "output" / ".pagefind.thu.moi"
    bundle.parent.mkdir()
    parent = subprocess.run([sys.executable, "-c", PARENT, str(bundle)], cwd=ROOT,
                            capture_output=True, text=True, timeout=180)
    worker = int(parent.stdout.split()[0])
    deadline = time.monotonic() + 30
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(worker), "the worker outlived its build"
    time.sleep(0.5)  # Pagefind, killed by the worker, wrote nothing more
    assert not bundle.exists(), sorted(p.name for p in bundle.rglob("*"))[:10]
    assert list(bundle.parent.iterdir()) == []
