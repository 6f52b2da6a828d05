"""What the news pages need from Python: the lead story, related articles, machine metadata."""

from .plugin import register

__all__ = ["register"]
