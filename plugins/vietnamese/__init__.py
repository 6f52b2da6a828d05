"""Vietnamese conventions: NFC text, ASCII slugs, dates in the `vi` locale."""

from .plugin import register

__all__ = ["register"]
