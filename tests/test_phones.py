"""Phones first: no page of the sample site scrolls sideways at 320 and 360 px.

Label/value lists (dl) stack under 480 px, so values get the width of the screen.
"""

import pytest

WIDTHS = (320, 360)
OVERFLOW = """() => [document.documentElement.scrollWidth, window.innerWidth,
    [...document.querySelectorAll('body *')].filter(e => {
        if (e.getBoundingClientRect().right <= window.innerWidth + 0.5) return false;
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
            if (getComputedStyle(a).overflowX !== 'visible') return false;  // scrolls in its box
        return true;
    }).slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)]"""


def pages_of(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture
def phone(browser):
    contexts = []

    def open_phone(width: int):
        # No service worker: each page is measured as a first visit shows it.
        context = browser.new_context(viewport={"width": width, "height": 740}, locale="vi-VN",
                                      service_workers="block", is_mobile=True, has_touch=True)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(phone, site, site_url, width):
    pages = pages_of(site)
    assert len(pages) > 20 and "chuong-trinh/phien/hoi-nghi/index.html" in pages
    page, wide = phone(width), []
    for name in pages:
        page.goto(f"{site_url}/{name}")
        scroll_width, inner_width, culprits = page.evaluate(OVERFLOW)
        assert inner_width == width
        if scroll_width > inner_width:
            wide.append(f"{name}: {scroll_width} px > {inner_width} px ({', '.join(culprits)})")
    assert wide == []


@pytest.mark.parametrize("width", [*WIDTHS, 479])
def test_session_facts_stack_under_480_px(phone, site_url, width):
    page = phone(width)
    page.goto(f"{site_url}/chuong-trinh/phien/hoi-nghi/")
    values = page.locator(".programme-facts dd")
    assert values.count() >= 2
    for box in (values.nth(i).bounding_box() for i in range(values.count())):
        assert box["width"] >= 0.8 * width, f"{box['width']:.0f} px of {width} px"
    labels = page.locator(".programme-facts dt")
    assert labels.first.bounding_box()["y"] < values.first.bounding_box()["y"]  # label above


def test_session_facts_side_by_side_on_a_wide_screen(phone, site_url):
    page = phone(1024)
    page.goto(f"{site_url}/chuong-trinh/phien/hoi-nghi/")
    label = page.locator(".programme-facts dt").first.bounding_box()
    value = page.locator(".programme-facts dd").first.bounding_box()
    assert value["x"] > label["x"] + label["width"] and abs(value["y"] - label["y"]) < 4
