"""What `invoke serve` adds to each page it serves: the last build's problems, and their overlay.

Nothing here is written into output/: the preview server inserts the status (as JSON) and the
overlay script into the HTML as it sends it, so a published build cannot carry either. The
server rebuilds before it tells the browser to reload, so the reloaded page always carries the
status of the build that the save started.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

# The overlay script, served by the preview server only (never copied into the site).
SCRIPT = Path(__file__).with_name("overlay.js")
SCRIPT_URL = "/_xem-truoc/bao-loi.js"
STATUS_ID = "xem-truoc-trang-thai"


@dataclass(frozen=True)
class Shown:
    """One problem as the overlay prints it."""

    where: str
    message: str
    fix: str
    severity: str = "error"
    line: int | None = None


@dataclass(frozen=True)
class BuildStatus:
    """How the last preview build ended."""

    ok: bool = True
    build: int = 0
    problems: tuple[Shown, ...] = field(default_factory=tuple)
    moment: str = ""  # when the build ended, as the terminal's clock says it (09:41:05)

    @classmethod
    def succeeded(cls, build: int, found: list, moment: str = "") -> "BuildStatus":
        """A good build still shows its warnings."""
        return cls(True, build, tuple(_shown(p) for p in found if p.severity != "error"),
                   moment)

    @classmethod
    def failed(cls, build: int, found: list, failure: Exception,
               moment: str = "") -> "BuildStatus":
        """The problems that stopped the build.

        The failure's own sentence when none was told as a problem (another build holding
        output/, an internal error).
        """
        shown = [_shown(p) for p in found]
        if not any(p.severity == "error" for p in shown):
            told = getattr(failure, "problems", None) or [failure]
            shown = [_shown(p) for p in told] + shown
        return cls(False, build, tuple(shown), moment)

    def as_json(self) -> str:
        """JSON safe to place inside a <script> element."""
        data = {"ok": self.ok, "build": self.build, "moment": self.moment,
                "problems": [vars(p) for p in self.problems]}
        text = json.dumps(data, ensure_ascii=False)
        # `</script>` or `<!--` in a message (it may quote the content) cannot end the element.
        return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _shown(problem) -> Shown:
    if not hasattr(problem, "message"):  # a sentence (a check of the written site, the lock)
        return Shown("", _sentence(str(problem)), "")
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    return Shown(where, _sentence(problem.message), _sentence(problem.fix), problem.severity,
                 problem.line)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def snippet(status: BuildStatus) -> bytes:
    """The elements inserted before `</head>` of every page the preview server sends."""
    return (f'<script type="application/json" id="{STATUS_ID}">{status.as_json()}</script>'
            f'<script src="{SCRIPT_URL}" defer></script>').encode()
