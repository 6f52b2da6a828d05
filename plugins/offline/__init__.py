"""Offline: a service worker keeps the programme, and the articles read, on the phone."""

from .plugin import register

__all__ = ["register"]
