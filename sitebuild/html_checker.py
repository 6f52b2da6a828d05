"""The Nu HTML Checker (vnu.jar from the vnu-jar npm package) over a whole built site at once.

Publish refuses a site it finds errors in. The JVM takes seconds to start, so one run checks every
page of a folder. The jar comes from package-lock.json (`npm ci`, done by `python3 bootstrap.py
publish` or `test`); Java from Debian.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"


class ToolMissing(Exception):
    """A checker is not installed; the message says which command installs it."""


def node_tool(*parts: str) -> Path:
    """Return a file inside node_modules, or raise ToolMissing naming the install command."""
    path = NODE_MODULES.joinpath(*parts)
    if not path.exists():
        raise ToolMissing(f"{path} is missing: run `npm ci` (or `python3 bootstrap.py test`).")
    return path


@dataclass(frozen=True)
class HtmlError:
    """One error the checker found, located in the output folder."""

    file: str
    line: int | None
    column: int | None
    message: str
    extract: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line or '?'}:{self.column or '?'}"
        extract = " ".join(self.extract.split())
        return f"{where}: {self.message}" + (f"\n    «{extract[:160]}»" if extract else "")


def check_folder(folder: Path, timeout: float = 600) -> list[HtmlError]:
    """Every error in every .html file under `folder` (warnings are left out)."""
    jar = node_tool("vnu-jar", "build", "dist", "vnu.jar")
    java = shutil.which("java")
    if java is None:
        raise ToolMissing("java is missing: run `python3 bootstrap.py test` "
                          "(it installs default-jre-headless).")
    command = [java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html",
               str(folder)]
    done = subprocess.run(command, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)
    # vnu writes its report to stderr; exit status 1 only means "errors found".
    report = done.stderr.strip() or done.stdout.strip()
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(f"vnu.jar gave no JSON report (exit {done.returncode}):\n"
                           f"{report[-3000:]}") from error
    return [_error(message, folder) for message in messages
            if message.get("type") in ("error", "non-document-error")]


def _error(message: dict, folder: Path) -> HtmlError:
    path = unquote(urlsplit(message.get("url", "")).path)
    try:
        where = str(Path(path).relative_to(folder.resolve()))
    except ValueError:
        where = path or message.get("url", "?")
    return HtmlError(
        file=where,
        line=message.get("lastLine"),
        column=message.get("firstColumn") or message.get("lastColumn"),
        message=message.get("message", ""),
        extract=message.get("extract", ""),
    )
