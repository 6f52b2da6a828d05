"""A client for `pagefind --service`: one index, fed page by page, written at the end.

The service reads requests on stdin and answers on stdout, each a base64-encoded JSON message
followed by a comma; it parses each page as it arrives. This is the protocol of the Python API
in the pinned `pagefind` package (`pagefind/service/`), which we do not use as is: it sleeps
0.1 s before reading each answer, so a thousand pages would take 100 s. Here a thread reads the
answers as they come, and only the final write is waited for.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path

# How long Pagefind may take to finish writing its bundle after saying it has.
_ENTRY_TIMEOUT = 60


class ServiceFailed(Exception):
    """Pagefind refused a page or the write, or stopped; the message says what it said."""


class PagefindService:
    """One Pagefind process holding one index."""

    def __init__(self, executable: Path, config: dict, chunk_size: int):
        # Pagefind's own name for the setting: words per index chunk (see settings.py).
        # One thread each for Pagefind's async tasks and its parallel loops: its idle threads spin,
        # and beside a build that keeps one core busy they took time from it.
        environment = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(chunk_size),
                           TOKIO_WORKER_THREADS="1", RAYON_NUM_THREADS="1")
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         env=environment)
        self._answers: queue.Queue[dict | None] = queue.Queue()
        threading.Thread(target=self._read_answers, daemon=True).start()
        self._last_id = 0
        self._unanswered = 0
        self._bundle: Path | None = None
        self._index = self._ask({"type": "NewIndex", "config": config})["index_id"]

    def add_page(self, url: str, html: str) -> None:
        """Give Pagefind one page; its answer is collected by `write`."""
        self._send({"type": "AddFile", "index_id": self._index, "url": url,
                    "file_contents": html, "file_path": None})
        self._unanswered += 1

    def write(self, bundle: Path) -> None:
        """Ask for the bundle to be written into `bundle`; `wait` says when it is done."""
        self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(bundle)})
        self._flush()
        self._bundle = bundle

    def wait(self) -> int:
        """Wait for every answer and stop the process; return how many pages were indexed."""
        # One answer per page, then the write's; they may come in any order.
        pages = sum(self._answer()["type"] == "IndexedFile" for _ in range(self._unanswered + 1))
        self._wait_for_entry()
        self.close()
        return pages

    def _wait_for_entry(self) -> None:
        # Once, under load, pagefind-entry.json was found empty after the write's answer and the
        # end of the process: wait until it can be read before stopping Pagefind, or say so.
        entry = self._bundle / "pagefind-entry.json"
        deadline = time.monotonic() + _ENTRY_TIMEOUT
        while time.monotonic() < deadline:
            try:
                if "languages" in json.loads(entry.read_text(encoding="utf-8")) and \
                        self._bundle_settled():
                    return
            except (OSError, ValueError):
                pass
            time.sleep(0.02)
        raise ServiceFailed(f"Pagefind chưa ghi xong {entry} sau {_ENTRY_TIMEOUT} giây")

    def _bundle_settled(self) -> bool:
        # Under a full CI load a page once loaded a truncated bundle script ("Unexpected end of
        # input"): Pagefind can answer before its files are all out. Stop it only once no file
        # of the bundle grew in the last 50 ms.
        def sizes() -> dict:
            return {path: path.stat().st_size for path in self._bundle.rglob("*")
                    if path.is_file()}

        before = sizes()
        time.sleep(0.05)
        return sizes() == before

    def close(self) -> None:
        """Stop the process (what it has not written is dropped)."""
        if self._process.stdin and not self._process.stdin.closed:
            try:
                self._process.stdin.close()
            except BrokenPipeError:
                pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def kill(self) -> None:
        """Stop the process at once, in the middle of a write if need be."""
        self._process.kill()
        self._process.wait()

    def _ask(self, payload: dict) -> dict:
        self._send(payload)
        self._flush()
        return self._answer()

    def _send(self, payload: dict) -> None:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload})
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        except BrokenPipeError:
            self._stopped()

    def _flush(self) -> None:
        try:
            self._process.stdin.flush()
        except BrokenPipeError:
            self._stopped()

    def _stopped(self):
        raise ServiceFailed(f"Pagefind dừng bất ngờ (mã {self._process.wait()})") from None

    def _answer(self) -> dict:
        answer = self._answers.get()
        if answer is None:
            self._stopped()
        payload = answer["payload"]
        if payload["type"] == "Error":
            raise ServiceFailed(f"Pagefind báo lỗi: {payload['message']}")
        return payload

    def _read_answers(self) -> None:
        pending = b""
        while chunk := self._process.stdout.read1(1 << 16):
            *complete, pending = (pending + chunk).split(b",")
            for message in complete:
                self._answers.put(json.loads(base64.b64decode(message)))
        self._answers.put(None)  # the process stopped
