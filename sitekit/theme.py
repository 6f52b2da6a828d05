"""What every template of the theme needs, whichever plugin's page it renders.

The strings catalogue (`T`), the render memo (`once`), the story cards' `without_source` filter
and how `tojson` writes are wanted by the news pages, the programme's and the search's alike.
Each of those plugins calls `prepare` at `generator_init`; the first one sets them up in the
generator's Jinja environment and the others find them there, so any of those plugins can be
left out without breaking the others' pages.
"""

from pathlib import Path

import yaml
from jinja2 import Environment

from .once import Once
from .text import without_source

CATALOGUE = "strings.vi.yaml"


def load_strings(theme_path: str) -> dict[str, str]:
    """Read the catalogue shipped with the theme; templates use it as `T.key`."""
    text = (Path(theme_path) / CATALOGUE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def prepare(env: Environment, settings: dict) -> None:
    """Give one generator's Jinja environment the theme's globals, once."""
    if "T" not in env.globals:
        env.globals["T"] = load_strings(settings["THEME"])
    if "once" not in env.globals:
        env.globals["once"] = Once()  # rendered blocks, kept for this generator and build
    env.filters.setdefault("without_source", without_source)  # story cards, on any listing
    # JSON-LD in readable Vietnamese; tojson still escapes <, >, & and ' for <script>.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
