"""`invoke serve`: build, serve on 127.0.0.1 and rebuild + reload the browser on every save."""

import logging
from collections.abc import Callable
from pathlib import Path

logger = logging.getLogger(__name__)


def serve(
    rebuild: Callable[[], None],
    output: Path,
    watched: list[Path],
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Serve `output` with live reload; `rebuild` runs after each change under `watched`."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    # livereload skips the browser reload for a change within 3 s of the previous one, so an
    # editor saving twice would look at a stale page; our rebuild finishes before it reloads.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    class QuietServer(Server):
        def _setup_logging(self) -> None:
            # livereload would print its English progress lines; ours say what matters.
            logging.getLogger("livereload").setLevel(logging.WARNING)

    server = QuietServer()
    for path in watched:
        server.watch(str(path), rebuild)
    logger.info("Xem trang tại http://%s:%d/ (Ctrl+C để dừng).", host, port)
    server.serve(host=host, port=port, root=str(output), open_url_delay=None)
