"""What the person at the terminal sees: Vietnamese sentences, never Pelican's English chatter."""

import logging
import sys

LEVEL_LABELS = {
    logging.CRITICAL: "Lỗi nghiêm trọng",
    logging.ERROR: "Lỗi",
    logging.WARNING: "Cảnh báo",
    logging.INFO: "",
    logging.DEBUG: "Gỡ lỗi",
}


class _VietnameseFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        label = LEVEL_LABELS.get(record.levelno, record.levelname)
        message = record.getMessage()
        return f"{label}: {message}" if label else message


class _HidePelicanRecords(logging.Filter):
    """Pelican's own records are translated by the editorial plugin; show only those."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.name.startswith("pelican") or record.levelno >= logging.CRITICAL


def setup(verbose: bool = False) -> None:
    """Route log records to stderr as plain sentences; silence Pelican's progress output."""
    from pelican import log as pelican_log

    pelican_log.console.quiet = True
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_VietnameseFormatter())
    if not verbose:
        handler.addFilter(_HidePelicanRecords())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in ("pelican", "PIL", "markdown", "livereload", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.WARNING)


def unlimited(logger: logging.Logger) -> logging.Logger:
    """`logger` without Pelican's LimitFilter, which drops a message equal to an earlier one.

    Pelican makes every logger created after it is imported a `LimitLogger`; a preview that
    prints "Đã cập nhật 1 bài…" twice must show it twice, or the last line would lie.
    """
    from pelican.log import LimitFilter

    for found in [f for f in logger.filters if isinstance(f, LimitFilter)]:
        logger.removeFilter(found)
    return logger
