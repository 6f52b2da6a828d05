"""The three things `invoke publish` takes from its command line: a remote, a branch, a host name.

Each is checked before git sees it (design §8: git gets no option from a remote's name, and
nothing an argument says is run). A refusal names what was given and what is expected.
"""

import re
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

# URL schemes git handles itself; any other `scheme://` or `transport::address` makes git run a
# helper program named after it (`ext::` runs a shell command).
_SCHEMES = {"https", "http", "ssh", "git", "file"}
_TRANSPORT = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)(?P<sep>://|::)")
_SSH_HOST = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\]")
_URL_HOST = re.compile(r"[a-z0-9][a-z0-9.-]*|[0-9a-f:.]+")  # urlsplit lower-cases, unbrackets
_ASCII_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")

REMOTE_EXPECTED = ("tên một kho đã khai báo (xem `git remote`), một địa chỉ https://…, ssh://… "
                   "hay git@máy:đường/dẫn, hoặc đường dẫn tới một kho git")
BRANCH_EXPECTED = "một tên nhánh git hợp lệ, ví dụ gh-pages"
HOST_EXPECTED = ("một tên miền như tin.example.vn hoặc hộinghị.vn: chữ, số và dấu gạch ngang, "
                 "nối bằng dấu chấm; không có http://, đường dẫn /…, cổng :…, khoảng trắng hay "
                 "xuống dòng")


class ArgumentRefused(ValueError):
    """An argument was refused; the message is a sentence for the deployer."""


def _has_control(value: str) -> bool:
    return any(ord(char) < 32 or ord(char) == 127 for char in value)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, encoding="utf-8")


def remote(root: Path, value: str) -> str:
    """The remote as given, once it is sure to reach git as a repository, never as an option."""
    def refuse(reason: str) -> ArgumentRefused:
        return ArgumentRefused(f"kho đích --remote {value!r} {reason} → cần {REMOTE_EXPECTED}")

    if not value:
        raise refuse("để trống")
    if value.startswith("-"):
        raise refuse("bắt đầu bằng dấu '-', git sẽ đọc nó như một tùy chọn")
    if _has_control(value):
        raise refuse("chứa ký tự điều khiển (xuống dòng, tab…)")
    if value in _git(root, "remote").stdout.split():
        return value
    if transport := _TRANSPORT.match(value):
        scheme = transport["scheme"].lower()
        if transport["sep"] == "::" or scheme not in _SCHEMES:
            raise refuse(f"dùng kiểu kết nối '{transport['scheme']}' mà git sẽ giao cho một "
                         "chương trình khác chạy")
        try:
            host = urlsplit(value).hostname or ""
        except ValueError:
            host = ""
        if scheme != "file" and not _URL_HOST.fullmatch(host):
            raise refuse(f"có tên máy '{host}' không hợp lệ")
        return value
    colon, slash = value.find(":"), value.find("/")
    if colon > 0 and (slash < 0 or colon < slash):  # git reads [user@]host:path as ssh
        host = value[:colon].rpartition("@")[2]
        if not _SSH_HOST.fullmatch(host):
            raise refuse(f"có tên máy '{host}' không hợp lệ")
    return value  # a path: git itself says whether a repository is there


def branch(root: Path, value: str) -> str:
    """The branch as given, once git agrees it is a plain branch name."""
    def refuse(reason: str) -> ArgumentRefused:
        return ArgumentRefused(f"nhánh --branch {value!r} {reason} → cần {BRANCH_EXPECTED}")

    if value.startswith("-"):
        raise refuse("bắt đầu bằng dấu '-', git sẽ đọc nó như một tùy chọn")
    # --branch also expands @{-1} and the like: the name must come back unchanged.
    checked = _git(root, "check-ref-format", "--branch", value)
    if checked.returncode != 0 or checked.stdout.strip() != value:
        raise refuse("không phải tên nhánh git hợp lệ")
    return value


def host_name(value: str) -> str:
    """The host name for CNAME, lower-case and IDNA (punycode) encoded: hộinghị.vn → xn--…."""
    refusal = ArgumentRefused(f"tên miền --cname {value!r} không hợp lệ → cần {HOST_EXPECTED}")
    # Letters of any script, digits, hyphens, dots and combining marks only: the IDNA codec
    # would otherwise hide a '<' or a space of a Unicode label inside its punycode.
    allowed = all(char in "-." or char.isalnum() or unicodedata.category(char).startswith("M")
                  for char in value)
    if not value or not allowed:
        raise refusal
    try:
        encoded = unicodedata.normalize("NFC", value).lower().encode("idna").decode("ascii")
    except UnicodeError:
        raise refusal from None
    labels = encoded.split(".")
    if (len(encoded) > 253 or len(labels) < 2 or labels[-1].isdigit()
            or not all(_ASCII_LABEL.fullmatch(label) for label in labels)):
        raise refusal
    return encoded
