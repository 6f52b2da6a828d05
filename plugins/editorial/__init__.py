"""The editor's side of the build: content review, boundary, raw HTML, log, stopping on errors."""

from .plugin import register

__all__ = ["register"]
