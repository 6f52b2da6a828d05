"""sitemap.xml and robots.txt, from the pages actually written (no page is parsed).

The pages are those the writer hands on as it writes them (`sitekit.rendered.page_rendered`,
sent by the `rendered` plugin): output/ is not walked again at the end of the build. Every HTML
page of the site goes through Pelican's writer (the programme's too); static files copied from
content/ and the theme hold no `index.html`, and the search bundle is not a page.
"""

from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape

from sitekit.dates import iso
from sitekit.urls import absolute

# Pages a search engine should not list: the error page and previews.
_EXCLUDED = ("404.html", "ban-nhap/", "tim-kiem/")


# Output names (relative to OUTPUT_PATH, `/`-separated) of the pages written in this build.
_written: set[str] = set()


def forget_pages(_sender=None) -> None:
    """A new build has written nothing yet."""
    _written.clear()


def page_written(output_name: str, **_html) -> None:
    """Remember a page the writer wrote (a `page_rendered` receiver)."""
    _written.add(PurePosixPath(str(output_name).replace("\\", "/")).as_posix())


def pages_written() -> bool:
    """Whether any page was handed on in this build (none without `rendered`, or in a preview)."""
    return bool(_written)


def page_urls() -> list[str]:
    """Folder-style URLs of every index.html written, sorted."""
    urls = []
    for name in _written:
        page = PurePosixPath(name)
        if page.name == "index.html":
            folder = page.parent.as_posix()
            url = "" if folder == "." else f"{folder}/"
            if not url.startswith(_EXCLUDED):
                urls.append(url)
    return sorted(urls)


def write_sitemap(output: Path, siteurl: str, modified: dict[str, object]) -> None:
    """Write sitemap.xml; `modified` maps an article URL to its last change."""
    entries = []
    for url in page_urls():
        lastmod = f"<lastmod>{iso(modified[url])}</lastmod>" if url in modified else ""
        entries.append(f"<url><loc>{escape(absolute(siteurl, url))}</loc>{lastmod}</url>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )
    (output / "sitemap.xml").write_text(xml, encoding="utf-8")


def write_robots(output: Path, siteurl: str, with_sitemap: bool = True) -> None:
    """Allow everything; name the sitemap when there is one and the site's address is known."""
    lines = ["User-agent: *", "Allow: /"]
    if with_sitemap and siteurl.startswith(("http://", "https://")):
        lines.append(f"Sitemap: {absolute(siteurl, 'sitemap.xml')}")
    (output / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
