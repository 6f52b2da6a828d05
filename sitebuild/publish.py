"""`invoke publish`: a strict, checked build, then ghp-import to a branch of any git remote.

Order matters: every refusal (dirty tree, unreachable remote, failed build or check) happens
before anything is committed to the branch or pushed.
"""

import subprocess
import sys
from pathlib import Path

from .build import BuildFailed, BuildOptions, build

# Files whose uncommitted changes would make the published site differ from the commit named
# in the publish message.
SOURCE_PATHS = ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py"]


class PublishError(Exception):
    """Publishing was refused; the message is a sentence for the deployer."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, encoding="utf-8")


def _require_clean(root: Path) -> None:
    status = _git(root, "status", "--porcelain", "--", *SOURCE_PATHS)
    if status.returncode != 0:
        raise PublishError(f"{root} không phải kho git → chạy lệnh trong thư mục dự án đã clone")
    if status.stdout.strip():
        files = ", ".join(line[3:] for line in status.stdout.splitlines()[:5])
        raise PublishError(
            f"còn thay đổi chưa commit ({files}) → commit chúng, hoặc thêm --allow-dirty"
        )


def _remote_has_branch(root: Path, remote: str, branch: str) -> bool:
    listing = _git(root, "ls-remote", "--heads", remote, branch)
    if listing.returncode != 0:
        raise PublishError(
            f"không kết nối được kho '{remote}' → kiểm tra tên/địa chỉ kho và quyền truy cập"
        )
    return bool(listing.stdout.strip())


def valid_html(folder: Path) -> list[str]:
    """Every error of the Nu HTML Checker over the site about to be published."""
    from .quality import ToolMissing
    from .quality.vnu import check_folder

    try:
        return [f"HTML không hợp lệ: {error}" for error in check_folder(folder)]
    except ToolMissing:
        return ["chưa cài Nu HTML Checker (Java và vnu.jar) để kiểm tra HTML → chạy "
                "`python3 bootstrap.py test` một lần, rồi xuất bản lại"]


def _source_commit(root: Path) -> str:
    head = _git(root, "log", "-1", "--format=%h %s")
    return head.stdout.strip() or "(chưa có commit)"


def publish(
    root: Path, remote: str, branch: str, cname: str | None = None, allow_dirty: bool = False
) -> str:
    """Build, check and push; return the sentence that says what was published."""
    if not allow_dirty:
        _require_clean(root)
    has_branch = _remote_has_branch(root, remote, branch)
    output = root / "output"
    try:
        build(BuildOptions(settings_file=root / "publishconf.py", output=output, strict=True,
                           verify=(valid_html,)))
    except BuildFailed as failure:
        listed = "; ".join(str(problem) for problem in failure.problems[:3])
        raise PublishError(f"dựng trang thất bại ({listed}). {failure}") from None
    if has_branch:  # start from what is published, so the push is a fast-forward
        refspec = f"+refs/heads/{branch}:refs/heads/{branch}"
        fetched = _git(root, "fetch", "--quiet", remote, refspec)
        if fetched.returncode != 0:
            raise PublishError(f"không lấy được nhánh {branch} từ '{remote}': {fetched.stderr}")
    command = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--push",
               "--remote", remote, "--branch", branch,
               "--message", f"Xuất bản trang từ {_source_commit(root)}", str(output)]
    if cname:
        command[3:3] = ["--cname", cname]
    pushed = subprocess.run(command, cwd=root, capture_output=True, encoding="utf-8")
    if pushed.returncode != 0:
        raise PublishError(f"ghp-import không đẩy được lên '{remote}': {pushed.stderr.strip()}")
    return f"Đã xuất bản {output} lên nhánh {branch} của '{remote}'."
