"""Full-build speed-ups that must change nothing a reader or editor sees; the bench's stock side.

Edited templates and catalogue still show despite the caches, and `invoke bench` compares with
Pelican as `pelican-quickstart` leaves it.
"""

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pelican
from jinja2 import Template

from bench import build_cost
from sitekit import theme
from tests.conftest import ROOT, build_site
from tests.tiny_site import tiny_content


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def _footer_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(parser.chunks)


def test_an_edited_template_is_compiled_again_despite_the_bytecode_cache(tmp_path):
    content = tiny_content(tmp_path)
    own_theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", own_theme)
    cache = tmp_path / "cache"
    extra = {"THEME": str(own_theme), "CACHE_PATH": str(cache)}
    build_site(tmp_path / "out", content, extra=extra)
    assert list((cache / "jinja").glob("*.cache")), "compiled templates are kept"
    assert "Dòng chân trang mới" not in _footer_text(tmp_path / "out" / "index.html")

    footer = own_theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        "<p><strong>", "<p>Dòng chân trang mới</p><p><strong>", 1), encoding="utf-8")
    build_site(tmp_path / "out", content, extra=extra)
    assert "Dòng chân trang mới" in _footer_text(tmp_path / "out" / "index.html")


def test_an_edited_catalogue_is_read_again(tmp_path):
    catalogue = tmp_path / theme.CATALOGUE
    catalogue.write_text("home: Trang chủ\n", encoding="utf-8")
    assert theme.load_strings(str(tmp_path))["home"] == "Trang chủ"
    catalogue.write_text("home: Trang nhà đã sửa\n", encoding="utf-8")
    assert theme.load_strings(str(tmp_path))["home"] == "Trang nhà đã sửa"


def _settings(text: str) -> dict:
    found: dict = {}
    exec(text, {}, found)  # noqa: S102 - settings files are Python, as Pelican reads them
    return found


def test_stock_side_is_the_quickstart_settings_with_the_all_feed_on():
    template = Path(pelican.__file__).parent / "tools" / "templates" / "pelicanconf.py.jinja2"
    answers = {"author": '"Phóng viên"', "sitename": '"Trang tin"',
               "timezone": '"Asia/Ho_Chi_Minh"', "lang": '"vi"', "default_pagination": 10}
    quickstart = _settings(Template(template.read_text(encoding="utf-8")).render(answers))
    stock = _settings(build_cost.QUICKSTART)
    assert stock.pop("FEED_ALL_ATOM") == "feeds/all.atom.xml"
    quickstart.pop("FEED_ALL_ATOM")
    assert stock == quickstart  # no THEME, no PLUGINS, no cache: Pelican's defaults
    warm = _settings(build_cost.QUICKSTART + build_cost.WARM_CACHE.format(cache="/c"))
    assert warm["CACHE_CONTENT"] is True and warm["LOAD_CONTENT_CACHE"] is True
