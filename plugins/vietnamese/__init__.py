"""Vietnamese in the build: NFC Markdown, ASCII heading ids, date filters, day-first dates."""

from .plugin import register

__all__ = ["register"]
