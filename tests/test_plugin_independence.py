"""No plugin imports another: each imports only `sitekit`, Pelican (and its libraries) and itself.

Read from the source with `ast`, never by importing: an absolute `plugins.X` import from inside
`plugins/Y`, a relative import that climbs out of its own plugin (`from ..X import`), and a
module named in a string to `importlib.import_module`, `__import__` or `find_spec` all count.
`sitekit`, the toolkit every plugin shares, imports no plugin at all.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Calls that import the module named by their first argument.
_IMPORTING_CALLS = {"import_module", "__import__", "find_spec"}


@dataclass(frozen=True)
class CrossImport:
    """An import that reaches outside what its file may use."""

    path: str
    line: int
    module: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: imports {self.module}"


def _imported(tree: ast.Module, package: list[str]) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in a module of `package`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: counted from the file's package, one level per dot
                base = package[:len(package) - node.level + 1] if node.level <= len(package) \
                    else ["<above the repository>"]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if "." in module:
                found.append((node.lineno, module))
            else:  # `from plugins import news` imports the plugin `plugins.news`
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name in _IMPORTING_CALLS and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str):
                found.append((node.lineno, first.value))
    return found


def cross_imports(root: Path) -> list[CrossImport]:
    """Imports in plugins/ of another plugin, and in sitekit/ of any plugin, under `root`."""
    problems = []
    for folder in ("plugins", "sitekit"):
        for path in sorted((root / folder).rglob("*.py")):
            relative = path.relative_to(root)
            package = list(relative.parent.parts)
            if folder == "plugins" and len(package) < 2:
                continue  # plugins/__init__.py: the namespace itself, no plugin
            own = package[1] if folder == "plugins" else None
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))
            for line, module in _imported(tree, package):
                parts = module.split(".")
                if parts[0] == "<above the repository>" or (
                        parts[0] == "plugins" and (len(parts) < 2 or parts[1] != own)):
                    problems.append(CrossImport(relative.as_posix(), line, module))
    return problems


def test_no_plugin_imports_another_and_the_toolkit_imports_none():
    found = cross_imports(ROOT)
    assert not found, "\n".join(str(f) for f in found)


def test_the_check_sees_every_way_of_importing_another_plugin(tmp_path):
    sources = {
        "plugins/__init__.py": "",
        "plugins/news/__init__.py": "from .plugin import register\nimport plugins.news.urls\n",
        "plugins/news/deep/part.py": "from .. import urls\nfrom ...news import once\n",
        "plugins/search/plugin.py": (
            "from plugins.news.urls import every_content\n"
            "from plugins import news\n"
            "from ..news import once\n"
            "import importlib\n"
            "mod = importlib.import_module('plugins.news.urls')\n"
            "import plugins\n"
        ),
        "sitekit/once.py": "from plugins.news import once\n",
    }
    for name, text in sources.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    found = {(f.path, f.line, f.module) for f in cross_imports(tmp_path)}

    assert found == {
        ("plugins/search/plugin.py", 1, "plugins.news.urls"),
        ("plugins/search/plugin.py", 2, "plugins.news"),
        ("plugins/search/plugin.py", 3, "plugins.news"),
        ("plugins/search/plugin.py", 5, "plugins.news.urls"),
        ("plugins/search/plugin.py", 6, "plugins"),
        ("sitekit/once.py", 1, "plugins.news"),
    }
