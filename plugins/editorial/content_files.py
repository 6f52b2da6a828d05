"""The article and page files of a content tree: exactly those Pelican reads, and near misses.

The review must read every file Pelican builds, or what it guards (links out of content/, raw
HTML, addresses) goes unchecked into the build: it once took only `*.md` (Pelican also reads
`.markdown`, `.mkd`, `.mdown`) and skipped every path with a part starting with a dot (Pelican
reads `.an.md`, and a content folder under `~/.sites/` had none of its files reviewed).
"""

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

from sitekit.problems import Problem

# pelican.readers.MarkdownReader.file_extensions: compared as written, `.MD` is not read.
MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")


def _extension(name: str) -> str:
    return os.path.splitext(name)[1][1:]  # as Pelican's generators take it


def _walk(content_root: Path, folders: Iterable[str], settings: dict):
    """(folder, name) of every file Pelican's generators look at under `folders`."""
    for here, name in listing(content_root, folders, settings):
        yield Path(here), name


def listing(content_root: Path, folders: Iterable[str], settings: dict) -> list[tuple[str, str]]:
    """(folder, name) of every file Pelican's generators look at under `folders`, as text.

    Text, not Path: the review lists every file on every build, and pathlib is most of that.
    """
    ignores = settings.get("IGNORE_FILES", ["**/.*"])
    found = []
    for folder in folders:
        top = content_root / folder
        if not top.is_dir():
            continue
        for here, dirs, files in os.walk(top):  # folder links are boundary.py's to refuse
            dirs[:] = sorted(d for d in dirs if not _ignored(d, ignores))
            found += [(here, name) for name in sorted(files) if not _ignored(name, ignores)]
    return found


def _ignored(name: str, ignores: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in ignores)


def markdown_files(content_root: Path, folders: Iterable[str], settings: dict) -> list[Path]:
    """Markdown files under `folders`, as Pelican finds them, in a stable order."""
    return [here / name for here, name in _walk(content_root, folders, settings)
            if _extension(name) in MARKDOWN_EXTENSIONS]


def markdown_paths(listed: list[tuple[str, str]]) -> list[str]:
    """markdown_files, as text, from a `listing`."""
    return [os.path.join(here, name) for here, name in listed
            if _extension(name) in MARKDOWN_EXTENSIONS]


def unread_files(content_root: Path, folders: Iterable[str], settings: dict,
                 shown, listed: list[tuple[str, str]] | None = None) -> list[Problem]:
    """A warning for each file that looks like an article but that Pelican will not read.

    `listed`: the `listing` of these folders, when the caller has it already.
    """
    if listed is None:
        listed = listing(content_root, folders, settings)
    problems = []
    for here, name in listed:
        extension = _extension(name)
        if extension.lower() in MARKDOWN_EXTENSIONS and extension not in MARKDOWN_EXTENSIONS:
            problems.append(Problem(
                shown(Path(here) / name), f"tệp đuôi “.{extension}” sẽ không được đọc (bài "
                "không lên trang)", f"đổi đuôi tệp thành “.{extension.lower()}” (chữ thường)",
                severity="warning"))
    return problems
