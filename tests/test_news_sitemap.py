"""sitemap.xml lists every page written, from the writer, not from a walk of output/ afterwards."""

import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import ROOT, build_site
from pelican.settings import read_settings
from tiny_site import tiny_content, write_article

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DRAFT = "Title: Bản nháp\nDate: 2017-02-09 08:00\nCategory: Thời sự\nStatus: draft\n\nNháp.\n"


def _site(tmp_path: Path) -> Path:
    content = tiny_content(tmp_path)
    write_article(content, "bai-hai.md", title="Bài thứ hai")
    write_article(content, "ban-nhap.md", raw=DRAFT)
    return content


def _siteurl() -> str:
    return read_settings(str(ROOT / "publishconf.py"))["SITEURL"]


def _listed(output: Path) -> list[str]:
    tree = ET.parse(output / "sitemap.xml")
    return [loc.text for loc in tree.getroot().iter(f"{SITEMAP}loc")]


def test_the_sitemap_lists_every_html_page_written(tmp_path):
    output = tmp_path / "output"
    build_site(output, content=_site(tmp_path), settings="publishconf.py", drafts=True)
    siteurl = _siteurl()
    search = read_settings(str(ROOT / "publishconf.py"))["SEARCH_URL"]
    written = {p.parent.relative_to(output).as_posix() for p in output.rglob("index.html")}
    urls = {"" if folder == "." else f"{folder}/" for folder in written}
    assert "ban-nhap/ban-nhap/" in urls and search in urls, "the drafts and search are written"
    # Not for search engines: drafts (written for previews) and the search page.
    expected = {f"{siteurl}/{url}" for url in urls
                if not url.startswith(("ban-nhap/", search))}
    listed = _listed(output)
    assert len(listed) == len(set(listed)), "each page once"
    assert set(listed) == expected
    assert f"{siteurl}/bai-thu-hai/" in listed and f"{siteurl}/" in listed
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {siteurl}/sitemap.xml" in robots.splitlines()


def test_without_the_rendered_plugin_there_is_no_sitemap(tmp_path):
    # The link check and the search need `rendered` too: a plainer site goes without all three
    # (and without the search page).
    without = ("plugins.rendered", "plugins.checks", "plugins.search")
    settings = read_settings(str(ROOT / "publishconf.py"))
    plugins = [p for p in settings["PLUGINS"] if p not in without]
    templates = [t for t in settings["DIRECT_TEMPLATES"] if t != "search"]
    output = tmp_path / "output"
    build_site(output, content=_site(tmp_path), settings="publishconf.py",
               extra={"PLUGINS": plugins, "DIRECT_TEMPLATES": templates})
    assert (output / "bai-thu-hai" / "index.html").is_file(), "the site is still built"
    assert not (output / "sitemap.xml").exists(), "no sitemap rather than an empty one"
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Sitemap:" not in robots
