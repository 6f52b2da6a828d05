"""The content tree is a boundary: a build reads, and copies, nothing from outside content/.

What leads outside is refused with a sentence naming the file (and line):
- a symbolic link under content/ that leads outside it, or to nothing. A link to a *file* inside
  content/ is allowed (Pelican and the review then read the same file); a link to a *folder* is
  refused even inside, because Pelican walks folder links again (one pointing at its own parent
  never ends) and the review would not see what is behind it;
- a `{static}`, `{attach}` or `{filename}` target (Markdown link, photo, raw HTML, metadata), a
  photo target (`![…](/images/…)`) or `Image:` that resolves outside content/, by `..` or by an
  absolute path (through a symbolic link it cannot: those are refused above);
- a `Slug:` or `Save_as:` that would write outside the output folder.

These are found by the review at `initialized`, before Pelican reads a file, and the build stops
there (`BoundaryProblem`). `guard_static_links` and `guard_static` check again what Pelican is
about to copy, for whatever the review does not read (an `.html` article, say).
"""

import html
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitekit.paths import within
from sitekit.problems import Problem, display_path, report

from .sources import Source

# As Pelican's INTRASITE_LINK_REGEX: `{static}` or `|static|`, in any attribute or Markdown link.
_TARGET = re.compile(r"[{|](?P<kind>static|attach|filename)[}|](?P<target>[^\s\"'<>()]*)")
_PHOTO = re.compile(r"!\[[^\]\n]*\]\([ \t]*<?(?P<target>[^\s)>]+)")
_KEEP_INSIDE = ("chỉ liên kết tới tệp nằm trong content/: chép tệp vào đó (ví dụ content/images/)"
                " rồi sửa đường dẫn, tính từ thư mục content/")


class BoundaryProblem(Problem):
    """Something that leads outside the content tree: the build stops before Pelican reads."""


def leaves(relpath: str) -> bool:
    """Whether a path relative to the content folder ('/'-separated, normalised) leads out of it.

    Only `..` and absolute paths: no symbolic link inside content/ leads out, or to a folder
    (tree_links refuses those), so a path that stays inside by its letters stays inside.
    """
    return relpath == ".." or relpath.startswith(("../", "/"))


def target_leaves(target: str, here: str) -> bool:
    """Whether a {static}/{attach}/{filename} target, as Pelican resolves it, leads out.

    `/x` is taken from content/, anything else from the folder of the file (`here`, relative
    to content/). Pelican tries the path as written, %-decoded and HTML-unescaped: any of them
    leading out is refused.
    """
    path = target.split("#")[0].split("?")[0]
    for variant in {path, unquote(path), html.unescape(path)}:
        joined = variant[1:] if variant.startswith("/") else posixpath.join(here, variant)
        if leaves(posixpath.normpath(joined or ".")):
            return True
    return False


def photo_leaves(ref: str, here: str) -> bool:
    """Whether a photo reference, as the images plugin resolves it, leads out.

    `/x` is taken from content/; a bare relative path next to the article, else from content/.
    A remote URL does not leave.
    """
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    path = unquote(parts.path)
    options = [path[1:]] if path.startswith("/") else [posixpath.join(here, path), path]
    return all(leaves(posixpath.normpath(option or ".")) for option in options)


def review(root: Path, sources: list[Source]) -> list[Problem]:
    """Every way out of the content tree: symbolic links in it, then each file's targets."""
    problems = tree_links(os.path.realpath(root))
    for source in sources:
        problems += targets(source, os.path.relpath(source.folder, root))
        problems += output_paths(source)
    return problems


def tree_links(real_root: str) -> list[Problem]:
    """Symbolic links under the content folder that lead outside it, to nothing, or to a folder."""
    problems: list[Problem] = []
    folders = [real_root]
    while folders:  # scandir knows links from the directory entry: no system call per file
        try:
            with os.scandir(folders.pop()) as listing:
                entries = list(listing)
        except OSError:  # unreadable: Pelican cannot read it either
            continue
        for entry in entries:
            if entry.is_symlink():  # judged here, never entered
                problems += _link_problem(entry.path, real_root)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
    return problems


def _link_problem(path: str, real_root: str) -> list[Problem]:
    shown = Path(os.path.relpath(path, real_root)).as_posix()
    target = os.path.realpath(path)
    if not within(target, real_root):
        return [BoundaryProblem(
            shown, f"liên kết tượng trưng (symlink) dẫn ra ngoài thư mục content/, tới {target}",
            "xóa liên kết; nếu trang cần tệp đó, chép chính tệp vào content/")]
    if not os.path.exists(path):
        return [BoundaryProblem(
            shown, "liên kết tượng trưng (symlink) trỏ tới tệp không có",
            "xóa liên kết, hoặc chép tệp thật vào chỗ của nó")]
    if os.path.isdir(path):
        inside = Path("content", os.path.relpath(target, real_root)).as_posix()
        return [BoundaryProblem(
            shown, f"liên kết tượng trưng (symlink) tới thư mục {inside}/: Pelican sẽ đọc thư mục "
                   "đó thêm một lần nữa (và lặp mãi nếu là thư mục cha)",
            "xóa liên kết rồi chuyển hoặc chép thư mục vào đây; liên kết tới một tệp thì được")]
    return []


def targets(source: Source, here: str) -> list[Problem]:
    """Links, photos and `Image:` of one file that resolve outside the content folder."""
    here = Path(here).as_posix()
    text = source.text
    problems: list[Problem] = []
    # The whole text at once (a line is counted only for a problem): 1000 files in milliseconds.
    for link in _TARGET.finditer(text):
        if target_leaves(link["target"], here):
            problems.append(BoundaryProblem(
                source.shown, f"liên kết {{{link['kind']}}}{link['target']} trỏ ra ngoài "
                              "thư mục content/", _KEEP_INSIDE, _line_at(text, link.start())))
    for photo in _PHOTO.finditer(text, _start_of_line(text, source.body_start)):
        ref = photo["target"]
        if not ref.startswith(("{", "|")) and photo_leaves(ref, here):
            problems.append(photo_outside(source.shown, ref, _line_at(text, photo.start())))
    image = source.value("image")
    if image and not _TARGET.match(image) and photo_leaves(image, here):
        problems.append(photo_outside(source.shown, image, source.line_of("image")))
    return problems


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _start_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if not offset:
            return len(text)
    return offset


def photo_outside(shown: str, ref: str, line: int | None) -> Problem:
    """The sentence for a photo (body or `Image:`) that lies outside the content folder."""
    return BoundaryProblem(shown, f"ảnh “{ref}” nằm ngoài thư mục content/",
                           "chép ảnh vào content/images/ rồi viết đường dẫn /images/tên-ảnh.jpg",
                           line)


def output_paths(source: Source) -> list[Problem]:
    """`Slug:` and `Save_as:` become paths in the output folder: no `..`, no leading `/`."""
    problems: list[Problem] = []
    for key, label in (("slug", "Slug"), ("save_as", "Save_as")):
        value = source.value(key)
        if value.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", value):
            problems.append(BoundaryProblem(
                source.shown, f"`{label}: {value}` sẽ ghi trang ra ngoài thư mục output",
                "bỏ “..” và dấu / ở đầu; slug chỉ gồm chữ không dấu, số và gạch ngang",
                source.line_of(key)))
    return problems


def guard_static_links(generator) -> None:
    """Drop, and report, `{static}`/`{attach}` targets outside the content folder.

    Run once articles and pages are read, before the StaticGenerator lists the targets to copy
    (to `output/../x`). The review refuses those in the files it reads; this catches the others
    (an `.html` article, say), before Pelican even looks at them.
    """
    links = generator.context["static_links"]
    outside = sorted(link for link in links if leaves(posixpath.normpath(link)))
    links.difference_update(outside)
    for link in outside:
        users = [display_path(user, generator.path) for user in _linking(generator.context, link)]
        for shown in users or [link]:
            report(_static_outside(shown, link))


def guard_static(generator) -> None:
    """The last word before Pelican copies: no static file from outside the content folder."""
    outside = [static for static in generator.staticfiles
               if leaves(Path(static.relative_source_path).as_posix())]
    generator.staticfiles[:] = [s for s in generator.staticfiles if s not in outside]
    for static in outside:
        report(_static_outside(static.relative_source_path, static.relative_source_path))


def _static_outside(shown: str, link: str) -> Problem:
    return BoundaryProblem(shown, f"liên kết tới tệp {link}, nằm ngoài thư mục content/",
                           _KEEP_INSIDE)


def _linking(context: dict, link: str) -> list[str]:
    """Source files of the articles and pages whose {static}/{attach} links name this target."""
    return sorted(
        content.source_path for content in context.get("generated_content", {}).values()
        if isinstance(getattr(content, "_content", None), str)
        and link in content.get_static_links()
    )
