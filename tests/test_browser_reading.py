"""A reader on a 360 px phone: home → article → its chủ đề, in Debian's Chromium."""

from urllib.parse import urlsplit

import pytest


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="vi-VN")
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"foreign request: {r.url}")
            if urlsplit(r.url).hostname not in ("127.0.0.1", None) else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)
    yield page, problems
    context.close()


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_home_to_article_to_chu_de_on_a_phone(phone, site_url):
    page, problems = phone
    page.goto(site_url + "/")
    assert _fits_the_screen(page)
    lead = page.locator(".lead-title a")
    title = lead.inner_text()
    lead.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == title
    assert _fits_the_screen(page)
    crumb = page.locator(".breadcrumb li").nth(1).locator("a")
    chu_de = crumb.inner_text()
    crumb.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == chu_de
    assert "/chu-de/" in page.url
    assert _fits_the_screen(page)
    assert page.locator(".card-title a", has_text=title).count() == 1
    assert problems == []
