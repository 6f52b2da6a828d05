"""Offline: after one visit the programme, its pages and calendars work without a network.

Built through our own build, served by a static server (also under a sub-path), driven in
Debian's Chromium with Playwright's offline switch.
"""

import hashlib
import json
import re
import shutil
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, build_site, serve_folder
from PIL import Image

from qa.ports import free_port

SUB_PATH = "/hoi-nghi-ntm"
SESSION = "chuong-trinh/phien/hoi-nghi/"
PLACE = "chuong-trinh/dia-diem/trung-tam-van-hoa/"
ARTICLE = "hoi-nghi-toan-quoc-van-phong-ntm-2017/"
CALENDAR = "lich/phien/hoi-nghi.ics"
ACCENT = re.search(r"--accent:\s*(#[0-9a-fA-F]{6})",
                   (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")).group(1)
# Every stylesheet of the page loaded with rules, and site.css's masthead border drawn.
STYLED = """() => {
    const links = [...document.querySelectorAll('link[rel=stylesheet]')];
    const loaded = links.every(l => l.sheet && l.sheet.cssRules.length > 0);
    const border = getComputedStyle(document.querySelector('.masthead')).borderBottomStyle;
    return links.length > 0 && loaded && border === 'solid';
}"""
FETCH = """async url => { const r = await fetch(url); return [r.status, await r.text()]; }"""
PRECACHE = re.compile(r"const FILES = (.*);")


def copy_content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    return content


@pytest.fixture(scope="module")
def local_site(tmp_path_factory):
    """The sample site as `invoke build` makes it (SITEURL empty), with its own copy of content."""
    root = tmp_path_factory.mktemp("offline")
    content = copy_content(root)
    output = root / "output"
    build_site(output, content=content, extra={"CACHE_PATH": str(root / "cache")})
    server, url = serve_folder(output)
    yield {"url": url, "output": output, "content": content, "root": root, "path": "/"}
    server.shutdown()


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """Published with publishconf.py for a sub-path URL, served from the folder above it."""
    root = tmp_path_factory.mktemp("offline-sub")
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}{SUB_PATH}"
    output = root / "www" / SUB_PATH.strip("/")
    build_site(output, settings="publishconf.py",
               extra={"SITEURL": siteurl, "FEED_DOMAIN": siteurl, "CACHE_PATH": str(root / "c")})
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler
    handler = functools.partial(_QuietHandler, directory=str(root / "www"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": siteurl, "output": output, "path": SUB_PATH + "/"}
    server.shutdown()


def installed(browser, base: str):
    """A new phone: opens the home page and waits until the worker controls it, precache done."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    requested, problems = [], []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(base + "/")
    # The worker claims the page only once activated, which is after every file is precached.
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    return context, page, requested, problems


def opened_offline(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert page.evaluate(STYLED), f"{url}: CSS missing offline"


def check_offline_programme(browser, base: str) -> None:
    context, page, requested, problems = installed(browser, base)
    page.goto(f"{base}/{ARTICLE}")  # read online, once
    title = page.locator("h1").first.inner_text()
    page.wait_for_function(
        "async u => !!(await (await caches.open('offline-runtime')).match(u))",
        arg=f"{base}/{ARTICLE}", timeout=10_000)
    context.set_offline(True)
    for path in ("chuong-trinh/", SESSION, PLACE):
        opened_offline(page, f"{base}/{path}")
    status, text = page.evaluate(FETCH, f"{base}/{CALENDAR}")
    assert status == 200 and text.startswith("BEGIN:VCALENDAR")
    opened_offline(page, f"{base}/{ARTICLE}")
    assert page.locator("h1").first.inner_text() == title
    # A page never read: a Vietnamese sentence from the worker, not the browser's error page.
    response = page.goto(f"{base}/chu-de/kinh-te/")
    assert response.status == 503 and "Không có kết nối mạng" in page.content()
    context.close()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    assert [url for url in requested if not url.startswith(origin)] == []
    assert problems == []


def test_programme_works_offline_after_one_visit(browser, local_site):
    check_offline_programme(browser, local_site["url"])


def test_programme_works_offline_under_a_sub_path(browser, sub_path_site):
    base = sub_path_site["url"]
    check_offline_programme(browser, base)
    context, page, _, _ = installed(browser, base)
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == base + "/"
    context.close()


def precached(output: Path) -> list[list[str]]:
    return json.loads(PRECACHE.search((output / "sw.js").read_text(encoding="utf-8")).group(1))


def served(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        return response.read()


@pytest.mark.parametrize("which", ["local_site", "sub_path_site"])
def test_precache_lists_the_programme_with_content_hashes_within_budget(which, request):
    site = request.getfixturevalue(which)
    base, files = site["url"], precached(site["output"])
    urls = {path for path, _ in files}
    programme = served(f"{base}/chuong-trinh/").decode()
    prefix = urlsplit(base).path + "/"
    linked = {urlsplit(href).path[len(prefix):] for href in re.findall(r'href="([^"]+)"', programme)
              if urlsplit(href).path.startswith(prefix + "chuong-trinh/")
              or "." in urlsplit(href).path.rsplit("/", 1)[-1]}  # files: .ics, .css, exports
    assert linked - urls == set()
    assert {SESSION, PLACE, CALENDAR, "theme/css/site.css", "manifest.webmanifest",
            "icons/icon-192.png"} <= urls
    total = 0
    for path, digest in files:
        body = served(f"{base}/{path}")
        assert hashlib.sha256(body).hexdigest().startswith(digest), path
        total += len(body)
    print(f"precached for the programme: {len(files)} files, {total} bytes")
    assert total <= 300_000, f"precache is {total:,} bytes as served, over 300 KB"


@pytest.mark.parametrize("which", ["local_site", "sub_path_site"])
def test_manifest_is_vietnamese_with_icons_of_the_declared_sizes(which, request):
    site = request.getfixturevalue(which)
    output = site["output"]
    manifest = json.loads((output / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "vi" and "Hội nghị" in manifest["name"]
    assert manifest["short_name"] and manifest["display"] == "standalone"
    assert manifest["start_url"] == manifest["scope"] == site["path"]
    home = (output / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="theme-color" content="{ACCENT}">' in home
    assert manifest["theme_color"] == ACCENT
    assert 'rel="manifest"' in home
    declared = set()
    for icon in manifest["icons"]:
        with Image.open(output / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            assert image.format == "PNG"
        declared.add((icon["sizes"], icon["purpose"]))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= declared


def test_a_changed_time_is_announced_and_loaded(browser, tmp_path):
    content = copy_content(tmp_path)
    output, cache = tmp_path / "output", str(tmp_path / "cache")
    build_site(output, content=content, extra={"CACHE_PATH": cache})
    server, base = serve_folder(output)
    try:
        context, page, _, problems = installed(browser, base)
        page.goto(f"{base}/{SESSION}")
        assert "09:40" in page.locator("main dl").inner_text()
        context.set_offline(True)
        yaml_file = content / "programme" / "chuong-trinh.yaml"
        text = yaml_file.read_text(encoding="utf-8")
        changed = re.sub(r'(- id: hoi-nghi\n(?:    .*\n)*?    start: )"09:40"', r'\1"09:50"', text)
        assert changed != text
        yaml_file.write_text(changed, encoding="utf-8")
        build_site(output, content=content, extra={"CACHE_PATH": cache})
        context.set_offline(False)
        page.reload()
        notice = page.locator("#ban-moi")
        notice.wait_for(state="visible", timeout=30_000)
        assert "Chương trình đã được cập nhật." in notice.inner_text()
        with page.expect_navigation():
            notice.get_by_role("button", name="Tải bản mới").click()
        assert "09:50" in page.locator("main dl").inner_text()
        assert not page.locator("#ban-moi").is_visible()
        # The new worker now holds the new time offline too.
        context.set_offline(True)
        page.goto(f"{base}/{SESSION}")
        assert "09:50" in page.locator("main dl").inner_text()
        assert problems == []
        context.close()
    finally:
        server.shutdown()


def test_a_preview_registers_no_worker_and_writes_none(tmp_path):
    from sitebuild.build import BuildOptions
    from sitebuild.preview import Preview

    content = copy_content(tmp_path)
    output = tmp_path / "output"
    preview = Preview(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content,
                                   output=output, extra={"CACHE_PATH": str(tmp_path / "c")}),
                      [content])
    preview.rebuild()
    article = next((content / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nThêm một dòng.\n",
                       encoding="utf-8")
    preview.rebuild()  # the selective writer of `invoke serve` (SITE_PREVIEW)
    pages = list(output.rglob("*.html"))
    assert len(pages) > 10
    for name in ("sw.js", "manifest.webmanifest", "icons"):
        assert not (output / name).exists(), name
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "offline.js" not in html and 'rel="manifest"' not in html, page


def test_the_runtime_cache_stays_bounded(browser, local_site):
    base = local_site["url"]
    worker = (local_site["output"] / "sw.js").read_text(encoding="utf-8")
    limit = int(re.search(r"const RUNTIME_LIMIT = (\d+);", worker).group(1))
    context, page, _, problems = installed(browser, base)
    kept = page.evaluate("""async ([base, count]) => {
        for (let i = 0; i < count; i++) await fetch(`${base}/luu-tru/?lan=${i}`);
        await new Promise(r => setTimeout(r, 1000));  // the last puts finish in the worker
        const keys = await (await caches.open('offline-runtime')).keys();
        return keys.map(k => k.url);
    }""", [base, limit + 15])
    context.close()
    assert 0 < len(kept) <= limit
    assert f"{base}/luu-tru/?lan={limit + 14}" in kept  # the newest stay, the oldest go
    assert f"{base}/luu-tru/?lan=0" not in kept
    assert problems == []
