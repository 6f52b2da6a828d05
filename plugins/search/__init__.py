"""Site search: Pagefind over the built pages, folding Vietnamese the way readers type."""

from .plugin import register

__all__ = ["register"]
