"""Checks on the written site: every internal link and image resolves."""

from .plugin import register

__all__ = ["register"]
