"""What a page costs a reader: bytes over the wire, requests to other hosts, layout shift.

Sizes are measured, not estimated: the built site is served by a small static server that
gzips text the way static hosts do (GitHub Pages, Netlify and nginx send HTML, CSS, JS and SVG
gzip-compressed), and Chromium reports the encoded size of every response it received.
"""

import functools
import gzip
import http.server
import io
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "application/atom+xml", "image/svg+xml")
# Sums every layout shift not caused by input, from the first paint on (buffered: true), and
# names the elements that moved, so a failing budget says what to fix.
LAYOUT_SHIFT_PROBE = """
if (!('__layoutShift' in window)) {
  window.__layoutShift = 0;
  window.__layoutShifts = [];
  const name = node => !node ? '?' : node.nodeType !== 1 ? node.nodeName
    : node.tagName.toLowerCase() + (node.className ? '.' + [...node.classList].join('.') : '');
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__layoutShift += entry.value;
      const moved = entry.sources.map(s => `${name(s.node)} y ${Math.round(s.previousRect.y)}`
        + `→${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}`
        + `→${Math.round(s.currentRect.height)}`);
      window.__layoutShifts.push(`${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: `
        + moved.join(', '));
    }
  }).observe({type: 'layout-shift', buffered: true});
}
"""


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client asks, 404.html for a missing path (as Pages does)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the usual redirect to the folder's URL
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return None
        content_type = self.guess_type(str(path))
        body = path.read_bytes()
        compress = ("gzip" in self.headers.get("Accept-Encoding", "")
                    and content_type.startswith(COMPRESSIBLE))
        if compress:
            body = gzip.compress(body, compresslevel=6, mtime=0)  # zlib's default level
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


class StaticHost:
    """Serve a built site on a free 127.0.0.1 port in a thread; use as a context manager."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_GzipHandler, directory=str(folder))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "StaticHost":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass(frozen=True)
class Transferred:
    """One response as Chromium received it."""

    url: str
    kind: str
    content_type: str
    body_bytes: int
    header_bytes: int

    @property
    def is_image(self) -> bool:
        """Images and video load after the text and are budgeted apart."""
        return self.kind in ("image", "media") or self.content_type.startswith(("image/", "video/"))


@dataclass(frozen=True)
class PageLoad:
    """Everything one visit to a page fetched, and what it did to the layout and the console."""

    url: str
    status: int
    responses: list[Transferred]
    foreign: list[str]
    layout_shift: float
    shifts: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    @property
    def before_images(self) -> int:
        """Bytes of HTML, CSS, JS and fonts, headers included, as encoded on the wire."""
        return sum(r.body_bytes + r.header_bytes for r in self.responses if not r.is_image)

    @property
    def images(self) -> int:
        """Bytes of images, headers included."""
        return sum(r.body_bytes + r.header_bytes for r in self.responses if r.is_image)

    def explain(self) -> str:
        """One line per response, for a failing assertion."""
        return "\n".join(
            f"  {r.body_bytes + r.header_bytes:>7} B  {r.kind:<10} {r.url}" for r in self.responses
        )


def load_page(page, url: str, settle_ms: int = 500) -> PageLoad:
    """Visit `url` in a fresh Playwright page and record its transfer, hosts and layout shift."""
    requests, foreign, console = [], [], []

    def on_request(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            foreign.append(request.url)

    def on_console(message) -> None:
        if message.type in ("error", "warning"):
            console.append(f"{message.type}: {message.text}")

    def on_finished(request) -> None:
        requests.append(request)

    page.add_init_script(LAYOUT_SHIFT_PROBE)
    page.on("request", on_request)
    page.on("requestfinished", on_finished)
    page.on("console", on_console)
    page.on("pageerror", lambda error: console.append(f"page error: {error}"))
    response = page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(settle_ms)  # late shifts (fonts, lazy images) land after idle
    shift, shifts = page.evaluate("[window.__layoutShift, window.__layoutShifts]")
    page.remove_listener("requestfinished", on_finished)
    return PageLoad(
        url=url,
        status=response.status if response else 0,
        responses=[_transferred(request) for request in requests],
        foreign=foreign,
        layout_shift=float(shift),
        shifts=shifts,
        console=console,
    )


def _transferred(request) -> Transferred:
    sizes = request.sizes()
    response = request.response()
    headers = response.headers if response else {}
    return Transferred(
        url=request.url,
        kind=request.resource_type,
        content_type=headers.get("content-type", ""),
        body_bytes=max(sizes.get("responseBodySize", 0), 0),
        header_bytes=max(sizes.get("responseHeadersSize", 0), 0),
    )
