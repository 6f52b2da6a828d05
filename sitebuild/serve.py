"""`invoke serve`: build, serve on 127.0.0.1 and rebuild + reload the browser on every save.

Our own tornado application with livereload's WebSocket handler and browser script: every HTML
page carries the last build's status and the overlay that shows it (sitebuild.overlay). Saves
are told by the kernel (sitebuild.watch), not polled: the rebuild starts within milliseconds.
The browser is told to reload as the rebuild starts; its request is answered when the rebuild
is over (one thread runs both), so its wait for the new page overlaps the rebuild. When one
article was saved, its own page is written first and served at once (sitebuild.first_look);
the rest of the rebuild starts once that page is shown again, and other pages wait for it.
"""

import json
import logging
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from .first_look import Look
from .overlay import SCRIPT, SCRIPT_URL, BuildStatus, snippet

logger = logging.getLogger(__name__)

# bench/edit.py sets it to a file: each rebuild's moments appended as a JSON line (where the
# time from a save to the reloaded page goes).
TIMINGS_ENV = "XEM_TRUOC_GHI_THOI_GIAN"

# livereload's own snippet: loads its client from this server, whatever the port.
_LIVERELOAD = (
    b'<script>(function(){var s=document.createElement("script");'
    b'var port=window.location.port||(window.location.protocol=="https:"?443:80);'
    b's.src="//"+window.location.hostname+":"+port+"/livereload.js?port="+port;'
    b"document.head.appendChild(s);})();</script>"
)

# How long the rest of a rebuild waits for the page of its first look to be shown again.
_FIRST_LOOK_SECONDS = 1.0

_MISSING = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Chưa có trang này</title></head><body><main><h1>Chưa có trang này</h1>"
    '<p>Địa chỉ này chưa có trang nào, hoặc trang chưa được dựng lần nào. '
    'Về <a href="/">trang chủ</a>.</p>'
    "</main></body></html>"
)


def serve(
    rebuild: Callable[[list[Path] | None], None],
    output: Path,
    watched: list[Path],
    host: str = "127.0.0.1",
    port: int = 8000,
    status: Callable[[], BuildStatus] = BuildStatus,
    first_look: Callable[[list[Path]], Look | None] = lambda _paths: None,
) -> None:
    """Build, then serve `output` with live reload; `rebuild(paths)` runs after each change.

    `status` gives the last build's state, shown over every page served after it.
    `first_look(paths)` may write one page before the rebuild (sitebuild.first_look).
    """
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
    from tornado import gen, locks, web
    from tornado.ioloop import IOLoop
    from tornado.websocket import WebSocketClosedError

    from .watch import Watcher

    class AddStatus(web.OutputTransform):
        """Put the live-reload client, the status and the overlay before `</head>`."""

        def transform_first_chunk(self, status_code, headers, chunk, finishing):
            if "html" in headers.get("Content-Type", "") and b"</head>" in chunk:
                extra = _LIVERELOAD + snippet(status())
                chunk = chunk.replace(b"</head>", extra + b"</head>", 1)
                if "Content-Length" in headers:
                    headers["Content-Length"] = str(int(headers["Content-Length"]) + len(extra))
            return status_code, headers, chunk

    class OverlayScript(web.RequestHandler):
        def get(self) -> None:
            self.set_header("Content-Type", "text/javascript; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.write(SCRIPT.read_bytes())

    class Pages(StaticFileHandler):
        async def get(self, path: str, include_body: bool = True) -> None:
            # While the rest of a rebuild waits, only the page of the first look is final.
            if not rebuilt.is_set() and _page_name(path) not in (None, early[0]):
                await rebuilt.wait()
            await super().get(path, include_body)

        def write_error(self, status_code: int, **kwargs) -> None:
            # A page of ours, so the overlay shows even before the first good build.
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(_MISSING.encode())

    # livereload and watchfiles would print English progress lines; ours say what matters.
    logging.getLogger("livereload").setLevel(logging.WARNING)
    logging.getLogger("watchfiles").setLevel(logging.WARNING)
    LiveReloadHandler.live_css = False
    pending: set[Path] = set()
    busy: list[bool] = []  # a rebuild is running or called for
    heard: list[float] = []  # when the watcher told of the first save of this batch
    timings = os.environ.get(TIMINGS_ENV)

    rebuilt = locks.Event()  # no page waits: no rebuild is under way
    rebuilt.set()
    early: list[str | None] = [None]  # the output name of the first look's page
    greeted = locks.Condition()  # a page told the live-reload socket which it is

    class Reloads(LiveReloadHandler):
        shown: str | None = None  # the output name of the page on this socket

        def on_message(self, message: str) -> None:
            super().on_message(message)
            told = json.loads(message)
            if told.get("command") == "info" and "url" in told:
                self.shown = _page_name(urlsplit(str(told["url"])).path)
                greeted.notify_all()

    async def shown_again(name: str, before: set) -> None:
        # Until a page reloaded since `before` says it shows `name`, if one showed it then.
        if not any(socket.shown == name for socket in before):
            return
        end = loop.time() + _FIRST_LOOK_SECONDS
        while loop.time() < end and not any(socket.shown == name and socket not in before
                                            for socket in list(Reloads.waiters)):
            await greeted.wait(timeout=end)

    async def rebuild_and_reload() -> None:
        # Saves that arrived while the last rebuild ran are rebuilt together, once.
        try:
            while paths := sorted(pending):
                pending.clear()
                await rebuild_once(paths)
                heard.clear()
        finally:
            early[0] = None
            rebuilt.set()
            busy.clear()

    async def rebuild_once(paths: list[Path]) -> None:
        started = time.time()
        # Told first: the browser leaves the page and asks for it again while the pages are
        # rebuilt. Its request waits until this rebuild is over (this loop serves it), so it
        # gets the new page and this build's status, never a page half written; only the page
        # of a first look is served before, once written whole.
        before = set(Reloads.waiters)
        reload_pages()
        rebuilt.clear()
        look = first_look(paths)
        moments = {"heard": heard[0] if heard else started, "started": started}
        if look is not None:
            # Until the page reloaded on it is back on its socket (styles and scripts in).
            early[0] = look.name.replace(os.sep, "/")
            moments["first"] = time.time()
            await shown_again(early[0], before)
            await gen.sleep(0)  # the socket's answer sent before the rebuild holds the loop
        rebuild(paths)
        early[0] = None
        rebuilt.set()
        if look is not None and not look.settled():
            reload_pages()  # the rebuild wrote that page otherwise (or failed): show it now
            moments["again"] = True
        if timings:
            moments["built"] = time.time()
            with open(timings, "a", encoding="utf-8") as record:
                record.write(json.dumps(moments) + "\n")

    def reload_pages() -> None:
        # The whole page, always (path "*"): it must show this build's status.
        message = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}
        for page in list(LiveReloadHandler.waiters):
            try:
                page.write_message(message)
            except WebSocketClosedError:
                LiveReloadHandler.waiters.discard(page)

    def changed(paths: list[Path]) -> None:  # on the watcher's thread
        moment = time.time()

        def note() -> None:
            if not heard:
                heard.append(moment)
            if not busy:
                busy.append(True)
                loop.add_callback(rebuild_and_reload)
            pending.update(paths)

        loop.add_callback(note)

    loop = IOLoop.current()
    # Listening before the first build: a save made meanwhile is rebuilt right after it.
    watcher = Watcher(watched, changed)
    watcher.start()
    # The address first, then the first build: the terminal's last line is the build's outcome.
    logger.info("Xem trang tại http://%s:%d/ (Ctrl+C để dừng).", host, port)
    rebuild(None)
    app = web.Application([
        (r"/livereload", Reloads),
        (r"/livereload.js", LiveReloadJSHandler),
        (SCRIPT_URL, OverlayScript),
        (r"/(.*)", Pages, {"path": str(output), "default_filename": "index.html"}),
    ], transforms=[AddStatus])
    app.listen(port, address=host)
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()


def _page_name(path: str) -> str | None:
    """The output name of the HTML page a request asks for; None for a file of another kind."""
    name = path.strip("/")
    if not name or path.endswith("/"):
        return f"{name}/index.html".lstrip("/")
    return name if name.endswith(".html") else None


def end_on_sigterm() -> None:
    """From the main thread: `kill` (a service manager, a test) ends the preview as Ctrl+C does.

    The watcher is stopped and the exit handlers run (the search plugin's stops its background
    indexing and removes what it wrote).
    """
    signal.signal(signal.SIGTERM, _interrupted)


def _interrupted(_signal: int, _frame) -> None:
    raise KeyboardInterrupt
