"""Turn Pelican's own English warnings and errors into editor-facing problems.

Pelican logs a bad file and carries on; we want the build to stop with a Vietnamese sentence.
A logging handler sees each record while Pelican is still inside its `except` block, so the
exception that caused "Could not process" is available from `sys.exc_info()`.
"""

import logging
import os
import re
import sys

from pelican.log import LimitFilter

from sitekit.problems import Problem, already_reported, display_path, report

from .fields import STATUS_FIX

_SKIPPING = re.compile(r"Skipping (?P<path>.+?): could not find information about '(?P<field>\w+)'")
_UNKNOWN_STATUS = "Unknown status '%s' for file %s"
_ANY_PATH = re.compile(r"(?P<path>/\S+?\.(?:md|markdown|html|ya?ml))\b", re.IGNORECASE)
_FIELD_NAMES = {"title": "Title (tiêu đề)", "date": "Date (ngày đăng)"}


class PelicanLogBridge(logging.Handler):
    """Report Pelican's errors, and in a strict build its warnings, as problems."""

    def __init__(self, content_root: str, strict: bool):
        super().__init__(level=logging.WARNING)
        self.content_root = content_root
        self.strict = strict

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("pelican"):
            return
        if record.levelno < logging.ERROR and not self.strict:
            return
        problem = self._translate(record)
        # One sentence per file: Pelican often logs a consequence after the cause.
        if problem.path != self.content_root and already_reported(problem.path):
            return
        report(problem)

    def _translate(self, record: logging.LogRecord) -> Problem:
        text = record.getMessage()
        if text.startswith("Could not process") and record.args:
            return self._unreadable(str(record.args[0]))
        if match := _SKIPPING.match(text):
            field = match["field"]
            return Problem(
                path=self._path(match["path"]),
                message=f"thiếu {_FIELD_NAMES.get(field, field)}",
                fix=f"thêm dòng `{field.capitalize()}: ...` vào phần thông tin đầu bài",
            )
        if str(record.msg).startswith(_UNKNOWN_STATUS) and len(record.args or ()) >= 2:
            # Pelican's sentence ends on the repr of a tuple of the statuses it knows.
            return Problem(
                path=self._named_file(record, text),
                message=f"Status “{record.args[0]}” không phải trạng thái bài hợp lệ",
                fix=STATUS_FIX,
            )
        return Problem(
            path=self._named_file(record, text),
            message=f"Pelican báo: {text}",
            fix="sửa nội dung được nêu rồi dựng lại",
        )

    def _named_file(self, record: logging.LogRecord, text: str) -> str:
        """The content file a record is about, else the content folder itself.

        Pelican passes the file as an argument (a content object prints as its source path);
        any other path in the sentence may come from the content (`Status: /tmp/x.html`), so
        only one inside the content folder names the file.
        """
        args = record.args if isinstance(record.args, tuple) else ()
        candidates = [str(getattr(arg, "source_path", arg)) for arg in args]
        candidates += [match["path"] for match in _ANY_PATH.finditer(text)]
        for path in candidates:
            if os.path.isabs(path) and self._inside(path):
                return self._path(path)
        return self.content_root

    def _inside(self, path: str) -> bool:
        root = os.path.abspath(self.content_root)
        try:
            return os.path.commonpath([os.path.abspath(path), root]) == root
        except ValueError:
            return False

    def _unreadable(self, path: str) -> Problem:
        error = sys.exc_info()[1]
        if isinstance(error, UnicodeDecodeError):
            message = "tệp không được lưu bằng bảng mã UTF-8"
            fix = "mở tệp trong trình soạn thảo và lưu lại với bảng mã UTF-8"
        elif isinstance(error, ValueError) and "valid date" in str(error):
            message = f"không đọc được ngày tháng {str(error).split(' is not')[0]}"
            fix = "viết ngày theo dạng 2017-02-08 16:45 hoặc 08/02/2017 16:45"
        else:
            message = f"không đọc được tệp ({error})"
            fix = "kiểm tra phần thông tin đầu bài và cú pháp Markdown"
        return Problem(path=self._path(path), message=message, fix=fix)

    def _path(self, path: str) -> str:
        return display_path(path, self.content_root)


def attach(content_root: str, strict: bool) -> PelicanLogBridge:
    """Listen to Pelican's loggers for the length of one build."""
    # Pelican's LimitFilter lets each warning through once per *process*: a build after a
    # check (or a preview's second build) would not hear, and so not refuse, the same mistake.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    bridge = PelicanLogBridge(content_root, strict)
    logging.getLogger("pelican").addHandler(bridge)
    return bridge


def detach(bridge: PelicanLogBridge) -> None:
    """Stop listening (a later build in the same process attaches its own)."""
    logging.getLogger("pelican").removeHandler(bridge)
