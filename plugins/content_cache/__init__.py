"""Pelican's content cache, written whole and read only when whole."""

from .plugin import register

__all__ = ["register"]
