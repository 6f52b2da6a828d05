"""`invoke serve`: build, serve on 127.0.0.1 and rebuild + reload the browser on every save.

Built on livereload's pieces (its file watcher, its WebSocket handler and browser script), with
our own web application so that every HTML page carries the last build's status and the
overlay that shows it (sitebuild.overlay).
"""

import logging
from collections.abc import Callable
from pathlib import Path

from .overlay import SCRIPT, SCRIPT_URL, BuildStatus, snippet

logger = logging.getLogger(__name__)

# livereload's own snippet: loads its client from this server, whatever the port.
_LIVERELOAD = (
    b'<script>(function(){var s=document.createElement("script");'
    b'var port=window.location.port||(window.location.protocol=="https:"?443:80);'
    b's.src="//"+window.location.hostname+":"+port+"/livereload.js?port="+port;'
    b"document.head.appendChild(s);})();</script>"
)

_MISSING = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Chưa có trang này</title></head><body><main><h1>Chưa có trang này</h1>"
    '<p>Địa chỉ này chưa có trang nào, hoặc trang chưa được dựng lần nào. '
    'Về <a href="/">trang chủ</a>.</p>'
    "</main></body></html>"
)


def serve(
    rebuild: Callable[[], None],
    output: Path,
    watched: list[Path],
    host: str = "127.0.0.1",
    port: int = 8000,
    status: Callable[[], BuildStatus] = BuildStatus,
) -> None:
    """Build, then serve `output` with live reload; `rebuild` runs again after each change.

    `status` gives the last build's state, shown over every page served after it.
    """
    from livereload import Server
    from livereload.handlers import (
        LiveReloadHandler,
        LiveReloadJSHandler,
        StaticFileHandler,
    )
    from livereload.watcher import Watcher
    from tornado import web

    # livereload skips the browser reload for a change within 3 s of the previous one, so an
    # editor saving twice would look at a stale page; our rebuild finishes before it reloads.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    class WholePageWatcher(Watcher):
        """Reload the whole page after every rebuild.

        livereload would only swap a saved photo or stylesheet in place, and the page would
        never show that build's status.
        """

        def examine(self):
            path, delay = super().examine()
            if path and path != "__livereload__":  # that one is livereload's own start-up
                self.filepath = path = "*"
            return path, delay

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
        def write_error(self, status_code: int, **kwargs) -> None:
            # A page of ours, so the overlay shows even before the first good build.
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(_MISSING.encode())

    class PreviewServer(Server):
        def _setup_logging(self) -> None:
            # livereload would print its English progress lines; ours say what matters.
            logging.getLogger("livereload").setLevel(logging.WARNING)

        def application(self, port, host, liveport=None, debug=None, live_css=True):
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = False
            app = web.Application([
                (r"/livereload", LiveReloadHandler),
                (r"/livereload.js", LiveReloadJSHandler),
                (SCRIPT_URL, OverlayScript),
                (r"/(.*)", Pages,
                 {"path": str(output), "default_filename": "index.html"}),
            ], transforms=[AddStatus])
            app.listen(port, address=host)

    # The address first, then the first build: the terminal's last line is the build's outcome.
    logger.info("Xem trang tại http://%s:%d/ (Ctrl+C để dừng).", host, port)
    rebuild()
    server = PreviewServer(watcher=WholePageWatcher())
    for path in watched:
        server.watch(str(path), rebuild)
    server.serve(host=host, port=port, root=str(output), open_url_delay=None)
