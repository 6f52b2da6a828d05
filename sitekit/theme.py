"""What every template of the theme needs, whichever plugin's page it renders.

The strings catalogue (`T`), the render memo (`once`), the story cards' `without_source` filter
and how `tojson` writes are wanted by the news pages, the programme's and the search's alike.
Each of those plugins calls `prepare` at `generator_init`; the first one sets them up in the
generator's Jinja environment and the others find them there, so any of those plugins can be
left out without breaking the others' pages.
"""

from functools import lru_cache
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemBytecodeCache

from .once import Once
from .text import without_source

CATALOGUE = "strings.vi.yaml"


def load_strings(theme_path: str) -> dict[str, str]:
    """Read the catalogue shipped with the theme; templates use it as `T.key`."""
    path = Path(theme_path) / CATALOGUE
    stat = path.stat()
    # Every generator asks for it, and PyYAML takes tens of milliseconds a time; an edited
    # catalogue (in `invoke serve`) has another size or time, so it is read again.
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _parsed(path: str, _mtime_ns: int, _size: int) -> dict[str, str]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def _compile_once(env: Environment, settings: dict) -> None:
    # Each of Pelican's generators has its own Jinja environment and compiled every template
    # anew, and by default asked the file system whether each template had changed at every
    # page (13 000 look-ups for 1000 articles). The compiled code is kept under CACHE_PATH
    # (Jinja checks it against the template's source, so an edited template is compiled again)
    # and an environment lives for one build, so it never needs to look again. A preview's own
    # bytecode cache, given in JINJA_ENVIRONMENT, stays.
    env.auto_reload = False
    if env.bytecode_cache is None and settings.get("CACHE_PATH"):
        folder = Path(settings["CACHE_PATH"]) / "jinja"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # no cache folder: templates are compiled as before
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def prepare(env: Environment, settings: dict) -> None:
    """Give one generator's Jinja environment the theme's globals, once."""
    if "T" not in env.globals:
        _compile_once(env, settings)
        env.globals["T"] = load_strings(settings["THEME"])
    if "once" not in env.globals:
        env.globals["once"] = Once()  # rendered blocks, kept for this generator and build
    env.filters.setdefault("without_source", without_source)  # story cards, on any listing
    # JSON-LD in readable Vietnamese; tojson still escapes <, >, & and ' for <script>.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
