"""Each page as Pelican renders it, handed to the plugins that check or index the written site."""

from .plugin import page_rendered, register

__all__ = ["page_rendered", "register"]
