"""What the news theme needs from Python: strings, related articles, metadata for machines."""

from .plugin import register

__all__ = ["register"]
