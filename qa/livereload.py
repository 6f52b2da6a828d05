"""A page's connections to the preview's live-reload server, for the tests and the edit bench."""

import time


class LiveReload:
    """The page's live-reload sockets; each reload opens a new one, which the server greets."""

    def __init__(self, page):
        self.page = page
        self.greeted: list[bool] = []
        page.on("websocket", self._opened)

    def _opened(self, socket) -> None:
        index = len(self.greeted)
        self.greeted.append(False)
        socket.on("framereceived", lambda _payload: self.greeted.__setitem__(index, True))

    def listening(self, after: int = 0, seconds: float = 20) -> int:
        """Wait until a connection newer than the first `after` is greeted; their count.

        The page must listen again before the next save, or that save's reload is missed.
        """
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if len(self.greeted) > after and self.greeted[-1]:
                return len(self.greeted)
            self.page.wait_for_timeout(20)
        raise AssertionError("the page never connected to the live-reload server")
