"""Quality budgets: Lighthouse, the Nu HTML Checker, axe-core and transfer size, as small runners.

Each module runs one tool and returns dataclasses; the tests (tests/test_budgets.py) and
`bench/budgets.py` decide what is acceptable. The Node tools come from package-lock.json
(`npm ci`, done by `python3 bootstrap.py test`); Chromium and Java from Debian.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = "/usr/bin/chromium"
# The same switches as the Playwright fixtures: no sandbox as root, no background traffic
# (a request to another host would be counted against the page).
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
)


class ToolMissing(Exception):
    """A checker is not installed; the message says which command installs it."""


def node_tool(*parts: str) -> Path:
    """Return a file inside node_modules, or raise ToolMissing naming the install command."""
    path = NODE_MODULES.joinpath(*parts)
    if not path.exists():
        raise ToolMissing(f"{path} is missing: run `npm ci` (or `python3 bootstrap.py test`).")
    return path
