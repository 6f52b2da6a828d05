"""URLs for machines (sitemaps, calendars, JSON-LD): absolute when SITEURL is."""


def absolute(siteurl: str, url: str) -> str:
    """A site URL joined to a page URL; stays root-relative when SITEURL is empty (local)."""
    return f"{siteurl}/{url.lstrip('/')}" if not url.startswith(("http://", "https://")) else url
