"""The declared settings (sitekit.settings_schema) and the plugins' order (sitekit.plugin_order).

Wrong values and a wrong PLUGINS order go through a real Pelican build of a tiny site, which must
stop with one sentence at pelicanconf.py and no traceback; an `ast` scan holds every settings key
the code reads to Pelican's own settings or a declared option.
"""

import ast
import importlib
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import Environment, meta
from pelican import Pelican
from pelican.settings import DEFAULT_CONFIG, read_settings
from tiny_site import tiny_content

from sitekit import problems
from sitekit.plugin_order import Before, misplaced, plugin_names
from sitekit.problems import BuildRefused
from sitekit.settings_schema import DictSetting

ROOT = Path(__file__).resolve().parent.parent
SITE_PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]


def _build(tmp_path: Path, **override) -> Path:
    """Build the tiny site with pelicanconf.py and `override`; returns the output folder."""
    content = tiny_content(tmp_path)
    output = tmp_path / "output"
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(tmp_path / "cache" / "pelican"), **override})
    Pelican(settings).run()
    return output


def _refused(tmp_path: Path, **override) -> list[problems.Problem]:
    """The errors of a build that must be refused, having written no page."""
    with pytest.raises(BuildRefused):
        _build(tmp_path, **override)
    assert not (tmp_path / "output" / "index.html").exists()
    return problems.errors()


# One wrong value for each kind of option: (override, the sentence, the setting its fix names).
WRONG = {
    "boolean": ({"EDITORIAL": {"strict": "có"}},
                "EDITORIAL['strict'] phải là True hoặc False, nhưng đang là 'có'", "EDITORIAL"),
    "integer": ({"IMAGES": {"jpeg_quality": 0}},
                "IMAGES['jpeg_quality'] phải là một số nguyên từ 1 đến 100, nhưng đang là 0",
                "IMAGES"),
    "text": ({"PROGRAMME": {"URL": "  "}},
             "PROGRAMME['URL'] phải là một chuỗi không rỗng, nhưng đang là '  '", "PROGRAMME"),
    "pattern": ({"PROGRAMME": {"SESSION_URL": "phien/"}},
                "PROGRAMME['SESSION_URL'] phải là một mẫu chứa {id}, để mỗi phiên, địa điểm có "
                "đường dẫn riêng, nhưng đang là 'phien/'", "PROGRAMME"),
    "relative path": ({"IMAGES": {"output_dir": "../ra-ngoai"}},
                      "IMAGES['output_dir'] phải là một chuỗi không rỗng (đường dẫn tương đối "
                      "trong output), nhưng đang là '../ra-ngoai'", "IMAGES"),
    "choice": ({"CONTENT_CACHING_LAYER": "generator"},
               "CONTENT_CACHING_LAYER phải là 'reader' để ảnh luôn khớp tệp hiện có, nhưng đang "
               "là 'generator'", "CONTENT_CACHING_LAYER"),
    "optional": ({"IMAGES": {"workers": 0}},
                 "IMAGES['workers'] phải là None hoặc một số nguyên dương, nhưng đang là 0",
                 "IMAGES"),
    "tuple of ints": ({"IMAGES": {"widths": "abc"}},
                      "IMAGES['widths'] phải là một danh sách độ rộng (số nguyên từ 16 đến 8192), "
                      "ví dụ (480, 800, 1200), nhưng đang là 'abc'", "IMAGES"),
    "pair of ints": ({"IMAGES": {"social": (1200,)}},
                     "IMAGES['social'] phải là None hoặc cặp (rộng, cao), ví dụ (1200, 630), "
                     "nhưng đang là (1200,)", "IMAGES"),
    "list of choices": ({"IMAGES": {"formats": ["avif", "gif", "jpeg"]}},
                        "IMAGES['formats'] phải là một danh sách trong \"avif\", \"webp\", "
                        "\"jpeg\", có \"jpeg\" (ảnh dự phòng), nhưng đang là "
                        "['avif', 'gif', 'jpeg']", "IMAGES"),
    "list of strings": ({"SEARCH": {"exclude_selectors": [".tags", 3]}},
                        "SEARCH['exclude_selectors'] phải là danh sách bộ chọn CSS (chuỗi), "
                        "nhưng đang là ['.tags', 3]", "SEARCH"),
    "dict setting": ({"SEARCH": ["chunk_size"]},
                     "SEARCH phải là một từ điển (dict) các khoá như exclude_selectors, "
                     "chunk_size, pages_per_index…, nhưng đang là list", "SEARCH"),
    "top-level list": ({"CATEGORIES": "Thời sự"},
                       "CATEGORIES phải là một danh sách tên chủ đề (chuỗi), nhưng đang là "
                       "'Thời sự'", "CATEGORIES"),
    "typed": ({"SITESUBTITLE": 3}, "SITESUBTITLE phải là một chuỗi, nhưng đang là 3",
              "SITESUBTITLE"),
    "top-level text": ({"PUBLISHER": 42},
                       "PUBLISHER phải là một chuỗi không rỗng, nhưng đang là 42", "PUBLISHER"),
    "site preview": ({"SITE_PREVIEW": "có"},
                     "SITE_PREVIEW phải là True hoặc False, nhưng đang là 'có'", "SITE_PREVIEW"),
}


@pytest.mark.parametrize(("override", "sentence", "setting"), WRONG.values(), ids=list(WRONG))
def test_a_wrong_value_is_one_sentence_naming_key_expected_and_found(
        tmp_path, caplog, override, sentence, setting):
    caplog.set_level(logging.ERROR)
    (problem,) = _refused(tmp_path, **override)
    assert problem.path == "pelicanconf.py"
    assert problem.message == sentence
    assert setting in problem.fix and "mặc định" in problem.fix
    assert "Traceback" not in caplog.text


def test_a_wrong_site_preview_is_told_once_though_three_plugins_read_it(tmp_path, caplog):
    caplog.set_level(logging.ERROR)
    _refused(tmp_path, SITE_PREVIEW=1)
    told = [r.getMessage() for r in caplog.records if "SITE_PREVIEW" in r.getMessage()]
    assert told == ["pelicanconf.py: SITE_PREVIEW phải là True hoặc False, nhưng đang là 1 → "
                    "sửa dòng SITE_PREVIEW = … trong pelicanconf.py (xoá dòng đó thì dùng giá "
                    "trị mặc định)"]


@pytest.mark.parametrize(("override", "key"), [
    ({"IMAGES": {"kich_thuoc": 3}}, "IMAGES['kich_thuoc']"),
    ({"EDITORIAL": {"iframe_host": ["www.youtube.com"]}}, "EDITORIAL['iframe_host']"),
    ({"PROGRAMME": {"url": "chuong-trinh/"}}, "PROGRAMME['url']"),
    ({"SEARCH": {"phrase": True}}, "SEARCH['phrase']"),
])
def test_an_unknown_key_is_refused_naming_the_known_ones(tmp_path, override, key):
    (problem,) = _refused(tmp_path, **override)
    assert problem.message.startswith(f"{key} không phải khoá đã biết; các khoá có: ")
    (name,) = override
    known = importlib.import_module(f"plugins.{name.lower()}.settings").DEFAULTS
    assert problem.message.endswith(", ".join(known))


def test_valid_settings_build_the_site(tmp_path):
    # Every kind of option given a usable value: nothing is refused, the pages are written.
    output = _build(tmp_path, SITE_PREVIEW=False, PUBLISHER="Ban Tổ chức", CATEGORIES=["Thời sự"],
                    IMAGES={"widths": [640], "social": None, "workers": 1},
                    PROGRAMME={"URL": "lich-trinh/"}, SEARCH={"chunk_size": 500},
                    EDITORIAL={"iframe_hosts": ["www.youtube.com"]})
    assert problems.errors() == []
    assert "Ban Tổ chức" in (output / "index.html").read_text(encoding="utf-8")


# --- the order of PLUGINS -------------------------------------------------------------------

def _without(*names: str) -> list[str]:
    return [name for name in SITE_PLUGINS if name not in names]


def _swapped(first: str, second: str) -> list[str]:
    plugins = list(SITE_PLUGINS)
    i, j = plugins.index(first), plugins.index(second)
    plugins[i], plugins[j] = plugins[j], plugins[i]
    return plugins


ORDERS = {
    "search before checks": (
        _swapped("plugins.checks", "plugins.search"),
        "PLUGINS xếp plugins.search trước plugins.checks, nhưng plugins.checks phải chạy trước "
        "plugins.search (một trang web có liên kết hỏng không bao giờ được lập chỉ mục)",
        'trong PLUGINS, chuyển "plugins.checks" lên trước "plugins.search"'),
    "checks without rendered": (
        _without("plugins.rendered", "plugins.search"),
        "PLUGINS có plugins.checks nhưng thiếu plugins.rendered, plugin mà plugins.checks cần "
        "(nó gửi HTML của từng trang ghi ra để kiểm tra liên kết)",
        'thêm "plugins.rendered" vào PLUGINS, ngay trước "plugins.checks"'),
    "checks before offline": (
        _swapped("plugins.offline", "plugins.checks"),
        "PLUGINS xếp plugins.checks trước plugins.offline, nhưng plugins.offline phải chạy trước "
        "plugins.checks (nó ghi manifest.webmanifest và các biểu tượng mà mọi trang liên kết "
        "tới khi kết thúc bản dựng)",
        'trong PLUGINS, chuyển "plugins.offline" lên trước "plugins.checks"'),
    "images before editorial": (
        ["plugins.images", "plugins.editorial"],
        "PLUGINS xếp plugins.images trước plugins.editorial, nhưng plugins.editorial phải chạy "
        "trước plugins.images (mỗi bài được làm sạch trước khi ảnh được điền vào)",
        'trong PLUGINS, chuyển "plugins.editorial" lên trước "plugins.images"'),
}


@pytest.mark.parametrize(("plugins", "sentence", "fix"), ORDERS.values(), ids=list(ORDERS))
def test_a_wrong_plugin_order_stops_the_build_with_a_sentence(tmp_path, plugins, sentence, fix):
    content = tiny_content(tmp_path)
    settings = tmp_path / "settings.py"
    settings.write_text(
        (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
        + f"\nROOT = Path({str(ROOT)!r})\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\nPLUGINS = {plugins!r}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(settings),
         "-o", str(tmp_path / "output")],
        cwd=tmp_path, capture_output=True, encoding="utf-8", errors="replace", timeout=120,
        env={**os.environ, "PYTHONUTF8": "1", "COLUMNS": "2000"})  # one log record, one line
    said = " ".join((done.stdout + done.stderr).split())  # Pelican's log wraps long lines
    assert done.returncode == 1, said
    assert f"pelicanconf.py: {sentence} → {fix}" in said
    assert "Traceback" not in said
    assert not (tmp_path / "output" / "index.html").exists()


def test_plugins_given_as_modules_are_placed_by_their_names(tmp_path):
    modules = [importlib.import_module(name) for name in _swapped("plugins.checks",
                                                                    "plugins.search")]
    assert plugin_names(modules) == _swapped("plugins.checks", "plugins.search")
    (problem,) = _refused(tmp_path, PLUGINS=modules)
    assert problem.message.startswith("PLUGINS xếp plugins.search trước plugins.checks")


def test_the_site_order_and_a_plugin_alone_are_accepted():
    needs = [Before("plugins.editorial", "x"), Before("plugins.rendered", "y", required=True)]
    assert misplaced({"PLUGINS": SITE_PLUGINS}, "plugins.search", needs) == []
    # Only what is required must be listed: images works without the editorial review.
    assert misplaced({"PLUGINS": ["plugins.images"]}, "plugins.images",
                     [Before("plugins.editorial", "x")]) == []
    assert len(misplaced({"PLUGINS": ["plugins.search"]}, "plugins.search", needs)) == 1


# --- every settings key read is Pelican's or declared ----------------------------------------

def _schemas() -> dict[str, dict]:
    """Plugin package → the options its settings.py declares (SCHEMA)."""
    schemas = {}
    for folder in sorted((ROOT / "plugins").iterdir()):
        if (folder / "settings.py").is_file():
            module = importlib.import_module(f"plugins.{folder.name}.settings")
            schemas[folder.name] = dict(getattr(module, "SCHEMA", {}))
    return schemas


def _declared() -> dict[str, set[str]]:
    """Plugin package → the settings it declares."""
    return {plugin: set(schema) for plugin, schema in _schemas().items()}


def _pelicans(key: str) -> bool:
    """A setting Pelican defines, or the URL / file name of a direct template the site lists."""
    templates = {*DEFAULT_CONFIG["DIRECT_TEMPLATES"],
                 *read_settings(str(ROOT / "pelicanconf.py"))["DIRECT_TEMPLATES"]}
    # FEED_DOMAIN: set by pelican.settings.configure_settings from SITEURL, not a default.
    derived = {f"{t.upper()}_{what}" for t in templates for what in ("URL", "SAVE_AS")}
    return key in {*DEFAULT_CONFIG, "FEED_DOMAIN", *derived}


def _settings_reads(path: Path) -> set[str]:
    """Keys read as settings["X"] or settings.get("X") (settings, pelican.settings, ...)."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Subscript):
            target, key = node.value, node.slice
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("get", "setdefault") and node.args):
            target, key = node.func.value, node.args[0]
        else:
            continue
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name == "settings" and isinstance(key, ast.Constant) and isinstance(key.value, str):
            keys.add(key.value)
    return keys


def test_the_scan_sees_the_reads():
    # Not vacuous: it finds the reads this test is about.
    assert {"SITE_PREVIEW", "OUTPUT_PATH"} <= _settings_reads(ROOT / "plugins/checks/plugin.py")
    assert "CATEGORIES" in _settings_reads(ROOT / "plugins/editorial/review.py")
    header = _theme_reads()["theme/templates/partials/header.html"]
    assert {"SITE_SHORTNAME", "SITESUBTITLE"} <= header


def test_every_setting_a_plugin_reads_is_pelicans_or_declared_by_that_plugin():
    # ...or another plugin's dict setting, declared by that plugin (the editorial review reads
    # PROGRAMME['PATH'] to look at the programme's files).
    declared = _declared()
    dict_settings = {name for schema in _schemas().values()
                     for name, option in schema.items() if isinstance(option, DictSetting)}
    unknown = []
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        plugin = path.relative_to(ROOT / "plugins").parts[0]
        for key in _settings_reads(path):
            if not (_pelicans(key) or key in declared.get(plugin, set()) or key in dict_settings):
                unknown.append(f"{path.relative_to(ROOT)}: {key}")
    assert unknown == []


def _theme_reads() -> dict[str, set[str]]:
    """Template → the settings (upper-case globals) it uses."""
    env = Environment()
    # Only the names matter: every filter and test the plugins add is taken as known.
    env.filters, env.tests = _AnyName(env.filters), _AnyName(env.tests)
    reads = {}
    for path in sorted((ROOT / "theme" / "templates").rglob("*.html")):
        names = meta.find_undeclared_variables(env.parse(path.read_text(encoding="utf-8")))
        reads[str(path.relative_to(ROOT))] = {n for n in names if n.isupper() and len(n) > 1}
    return reads


class _AnyName(dict):
    def __missing__(self, name: str):
        return str  # any callable: only the template's variable names are looked at

    def get(self, name, default=None):
        return self[name]


def test_every_setting_the_toolkit_builder_and_theme_read_is_pelicans_or_declared():
    declared = set().union(*_declared().values())
    unknown = [f"{path.relative_to(ROOT)}: {key}" for folder in ("sitekit", "sitebuild")
               for path in sorted((ROOT / folder).rglob("*.py"))
               for key in _settings_reads(path) if not _pelicans(key) and key not in declared]
    unknown += [f"{template}: {name}" for template, names in _theme_reads().items()
                for name in sorted(names) if not _pelicans(name) and name not in declared]
    assert unknown == []
