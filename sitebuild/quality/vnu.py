"""The Nu HTML Checker (vnu.jar from the vnu-jar npm package) over a whole built site at once.

The JVM takes seconds to start, so one run checks every page of a folder.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import ToolMissing, node_tool


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
