"""Pelican's Markdown reader, with one Markdown instance per build instead of one per file."""

from .plugin import register

__all__ = ["register"]
