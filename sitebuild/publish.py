"""`invoke publish`: a strict, checked build, committed as it is to a branch of any git remote.

Order matters: every refusal (a bad argument, a dirty tree, an unreachable remote, a failed
build or check) happens before anything is committed or pushed.

The site is built into a folder of its own, `.publish-*/` in the project, never into `output/`,
which `invoke serve` rewrites at any moment, drafts included. The folder the checks passed is
the one committed, byte for byte, then removed.

git is called directly rather than through ghp-import 2.1.0, which cannot be made safe: it runs
`git push REMOTE BRANCH` with no `--` before the remote, and writes the branch, the CNAME and
every file name unescaped into a `git fast-import` stream, where a newline starts a command.
Here every git command that takes a remote gets `--` before it, and file contents and names
reach git through plumbing that reads them literally (no filters, no ignore rules).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import publish_args
from .build import BuildFailed, BuildOptions, build

# Files whose uncommitted changes would make the published site differ from the commit named
# in the publish message.
SOURCE_PATHS = ["content", "theme", "plugins", "sitekit", "pelicanconf.py", "publishconf.py"]
# The one command that takes a fresh clone to a publish, installing what the checks need.
SETUP_COMMAND = "python3 bootstrap.py publish"
TOOLS_MISSING = (f"chưa cài Nu HTML Checker (Java và vnu.jar) để kiểm tra HTML → chạy "
                 f"`{SETUP_COMMAND}` kèm đúng các tham số vừa dùng: lệnh đó cài chúng rồi "
                 "xuất bản")
# Used only when git has no user.name/user.email, so a fresh machine can still publish.
_FALLBACK_IDENTITY = {"GIT_AUTHOR_NAME": "invoke publish", "GIT_AUTHOR_EMAIL": "publish@localhost",
                      "GIT_COMMITTER_NAME": "invoke publish",
                      "GIT_COMMITTER_EMAIL": "publish@localhost"}


class PublishError(Exception):
    """Publishing was refused; the message is a sentence for the deployer."""


def _git(root: Path, *args: str, env: dict | None = None, stdin: bytes | None = None,
         ) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, input=stdin,
                          env={**os.environ, **(env or {})})
    done.stdout = done.stdout.decode("utf-8", "replace")
    done.stderr = done.stderr.decode("utf-8", "replace").strip()
    return done


def _require_clean(root: Path) -> None:
    status = _git(root, "status", "--porcelain", "--", *SOURCE_PATHS)
    if status.returncode != 0:
        raise PublishError(f"{root} không phải kho git → chạy lệnh trong thư mục dự án đã clone")
    if status.stdout.strip():
        files = ", ".join(line[3:] for line in status.stdout.splitlines()[:5])
        raise PublishError(
            f"còn thay đổi chưa commit ({files}) → commit chúng, hoặc thêm --allow-dirty"
        )


def _require_checkers() -> None:
    """Refuse before a long build when the HTML checker could not run at its end."""
    from .html_checker import ToolMissing, node_tool

    try:
        node_tool("vnu-jar", "build", "dist", "vnu.jar")
    except ToolMissing:
        raise PublishError(TOOLS_MISSING) from None
    if shutil.which("java") is None:
        raise PublishError(TOOLS_MISSING)


def _published_head(root: Path, remote: str, branch: str) -> str | None:
    """The commit the branch points at on the remote, None when it has no such branch yet."""
    ref = f"refs/heads/{branch}"
    listing = _git(root, "ls-remote", "--heads", "--", remote, ref)
    if listing.returncode != 0:
        raise PublishError(
            f"không kết nối được kho '{remote}' → kiểm tra tên/địa chỉ kho và quyền truy cập"
        )
    for line in listing.stdout.splitlines():  # a pattern also matches refs/heads/x/<branch>
        commit, _, name = line.partition("\t")
        if name == ref:
            return commit
    return None


def valid_html(folder: Path) -> list[str]:
    """Every error of the Nu HTML Checker over the site about to be published."""
    from .html_checker import ToolMissing, check_folder

    try:
        return [f"HTML không hợp lệ: {error}" for error in check_folder(folder)]
    except ToolMissing:
        return [TOOLS_MISSING]


def _checked_build(root: Path, site: Path) -> None:
    try:
        build(BuildOptions(settings_file=root / "publishconf.py", output=site, strict=True,
                           verify=(valid_html,)))
    except BuildFailed as failure:
        reason = "; ".join(str(problem) for problem in failure.problems[:3]) or str(failure)
        raise PublishError(f"dựng trang thất bại, chưa đẩy gì lên: {reason}") from None


def _site_files(site: Path) -> list[tuple[str, bytes, Path]]:
    """(mode, name in the commit, file) for every file of the site, refusing what git can't hold."""
    files = []
    for folder, subfolders, names in os.walk(site):
        for name in sorted(subfolders) + sorted(names):
            path = Path(folder, name)
            shown = path.relative_to(site).as_posix()
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                raise PublishError(f"{shown} trong trang đã dựng không phải tệp thường → "
                                   "bỏ liên kết tượng trưng khỏi content/ rồi xuất bản lại")
            if any(ord(char) < 32 or ord(char) == 127 for char in shown):
                raise PublishError(f"tên tệp {shown!r} chứa ký tự điều khiển → đổi tên tệp "
                                   "trong content/ rồi xuất bản lại")
            if path.is_file():
                mode = "100755" if os.access(path, os.X_OK) else "100644"
                files.append((mode, os.fsencode(shown), path))
    return files


def _ok(done: subprocess.CompletedProcess, what: str) -> str:
    if done.returncode != 0:
        raise PublishError(f"git không {what}: {done.stderr}")
    return done.stdout.strip()


def _commit(root: Path, site: Path, index: Path, parent: str | None, message: str,
            cname: str | None) -> str:
    """Commit exactly the files of `site` (plus .nojekyll and CNAME); return the commit id."""
    files = _site_files(site)
    # --no-filters: the bytes as checked, whatever .gitattributes or core.autocrlf say.
    # Absolute paths, one a line: never read as quoted (they start with '/', not '"').
    ids = _ok(_git(root, "hash-object", "-w", "--no-filters", "--stdin-paths",
                   stdin=b"".join(os.fsencode(path) + b"\n" for _, _, path in files)),
              "ghi được các tệp của trang").split()
    entries = {name: (mode, blob) for (mode, name, _), blob in zip(files, ids, strict=True)}
    entries[b".nojekyll"] = ("100644", _blob(root, b""))  # GitHub Pages: no Jekyll pass
    if cname:
        entries[b"CNAME"] = ("100644", _blob(root, cname.encode("ascii") + b"\n"))
    # A scratch index of its own: the project's index and work tree are never touched.
    # -z: names end at a NUL, so any name is read literally.
    scratch = {"GIT_INDEX_FILE": str(index)}
    listing = b"".join(f"{mode} {blob}\t".encode() + name + b"\0"
                       for name, (mode, blob) in entries.items())
    _ok(_git(root, "update-index", "--add", "-z", "--index-info", env=scratch, stdin=listing),
        "ghi được danh sách tệp")
    tree = _ok(_git(root, "write-tree", env=scratch), "tạo được cây thư mục")
    known = _git(root, "var", "GIT_COMMITTER_IDENT").returncode == 0
    parents = ["-p", parent] if parent else []
    return _ok(_git(root, "commit-tree", tree, *parents, env=None if known else _FALLBACK_IDENTITY,
                    stdin=message.encode("utf-8")), "tạo được commit")


def _blob(root: Path, data: bytes) -> str:
    return _ok(_git(root, "hash-object", "-w", "--stdin", stdin=data), "ghi được tệp")


def _fetch(root: Path, remote: str, branch: str) -> None:
    """Bring the published commit here, so the new one follows it and the push fast-forwards."""
    fetched = _git(root, "fetch", "--quiet", "--no-tags", "--", remote, f"refs/heads/{branch}")
    if fetched.returncode != 0:
        raise PublishError(f"không lấy được nhánh {branch} từ '{remote}': {fetched.stderr}")


def _push(root: Path, remote: str, branch: str, commit: str) -> None:
    pushed = _git(root, "push", "--quiet", "--", remote, f"{commit}:refs/heads/{branch}")
    if pushed.returncode != 0:
        raise PublishError(f"không đẩy được lên nhánh {branch} của '{remote}' (nếu nhánh vừa "
                           f"được cập nhật từ nơi khác, chạy lại lệnh): {pushed.stderr}")


def _source_commit(root: Path) -> str:
    head = _git(root, "log", "-1", "--format=%h %s")
    return head.stdout.strip() or "(chưa có commit)"


def publish(
    root: Path, remote: str, branch: str, cname: str | None = None, allow_dirty: bool = False
) -> str:
    """Build, check and push; return the sentence that says what was published."""
    root = root.resolve()
    try:
        remote = publish_args.remote(root, remote)
        branch = publish_args.branch(root, branch)
        cname = None if cname is None else publish_args.host_name(cname)
    except publish_args.ArgumentRefused as refusal:
        raise PublishError(str(refusal)) from None
    if not allow_dirty:
        _require_clean(root)
    _require_checkers()
    parent = _published_head(root, remote, branch)
    message = f"Xuất bản trang từ {_source_commit(root)}"
    workdir = Path(tempfile.mkdtemp(prefix=".publish-", dir=root))
    try:
        site = workdir / "site"
        _checked_build(root, site)
        if parent:
            _fetch(root, remote, branch)
        commit = _commit(root, site, workdir / "index", parent, message, cname)
        _push(root, remote, branch, commit)
    finally:
        # An internal build error leaves only its log, named in the message: keep that.
        if not any(workdir.glob("*.error.log")):
            shutil.rmtree(workdir, ignore_errors=True)
    return f"Đã xuất bản lên nhánh {branch} của '{remote}' (commit {commit[:7]})."
