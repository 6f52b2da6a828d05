"""Site search: Pagefind over the built pages, folding Vietnamese the way readers type."""


def register() -> None:
    """Connect the handlers (plugin.py)."""
    # Imported here, not at the top: the indexing worker (`python -m plugins.search.worker`)
    # imports this package first, and plugin.py would bring in all of Pelican (0.4 s of CPU
    # per build on the core Pagefind runs on) for nothing.
    from .plugin import register as connect

    connect()


__all__ = ["register"]
