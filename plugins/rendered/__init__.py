"""Each page as Pelican renders it, handed to the plugins that check or index the written site."""

from .plugin import register

__all__ = ["register"]
