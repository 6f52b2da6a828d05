"""sitemap.xml and robots.txt, from the pages actually written (no page is parsed)."""

import os
from pathlib import Path
from xml.sax.saxutils import escape

from sitekit.dates import iso
from sitekit.urls import absolute

# Pages a search engine should not list: the error page and previews.
_EXCLUDED = ("404.html", "ban-nhap/", "tim-kiem/")


def page_urls(output: Path) -> list[str]:
    """Folder-style URLs of every index.html written, sorted."""
    urls = []
    for folder, _dirs, files in os.walk(output):
        if "index.html" in files:
            relative = Path(folder).relative_to(output).as_posix()
            url = "" if relative == "." else f"{relative}/"
            if not url.startswith(_EXCLUDED):
                urls.append(url)
    return sorted(urls)


def write_sitemap(output: Path, siteurl: str, modified: dict[str, object]) -> None:
    """Write sitemap.xml; `modified` maps an article URL to its last change."""
    entries = []
    for url in page_urls(output):
        lastmod = f"<lastmod>{iso(modified[url])}</lastmod>" if url in modified else ""
        entries.append(f"<url><loc>{escape(absolute(siteurl, url))}</loc>{lastmod}</url>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )
    (output / "sitemap.xml").write_text(xml, encoding="utf-8")


def write_robots(output: Path, siteurl: str) -> None:
    """Allow everything; name the sitemap when the site's address is known."""
    lines = ["User-agent: *", "Allow: /"]
    if siteurl.startswith(("http://", "https://")):
        lines.append(f"Sitemap: {absolute(siteurl, 'sitemap.xml')}")
    (output / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
