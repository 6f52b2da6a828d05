"""“Đang diễn ra” / “Tiếp theo” in Debian's Chromium with a fixed clock, and the page without JS."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from conftest import serve_folder
from test_programme_support import build, write_site

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ITEMS = "li[data-start]"
MARKS = """() => [...document.querySelectorAll('.now-badge')].map(b => [
    b.parentElement.closest('[id]').id + ':' + (b.parentElement.id ||
        b.parentElement.querySelector('.stop-place').textContent.trim()),
    b.textContent, b.parentElement.getAttribute('aria-current')])"""


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2017, 2, day, hour, minute, tzinfo=VIETNAM)


@pytest.fixture(scope="module")
def programme_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("programme-now")
    output = build(write_site(root), root / "output")
    server, url = serve_folder(output)
    yield url + "/chuong-trinh/"
    server.shutdown()


@pytest.fixture
def open_at(browser, programme_url):
    contexts, problems = [], []

    def open_page(moment: dt.datetime | None, javascript: bool = True):
        context = browser.new_context(java_script_enabled=javascript, locale="vi-VN",
                                      viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        if moment is not None:
            page.clock.install(time=moment)
            page.clock.set_fixed_time(moment)
        page.goto(programme_url)
        page.wait_for_load_state("load")
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert problems == []


def test_before_the_event_day_nothing_is_marked(open_at):
    page = open_at(at(23, 12))
    assert page.evaluate(MARKS) == []
    assert page.locator(ITEMS).count() == 2 + 3 + 3


def test_early_on_the_day_the_first_items_are_next(open_at):
    page = open_at(at(24, 6))
    assert page.evaluate(MARKS) == [
        ["tham-quan:tham-quan", "Tiếp theo", None],
        ["doan-1:Trung tâm Văn hóa – Điện ảnh Hà Tĩnh", "Tiếp theo", None],
        ["doan-2:Trung tâm Văn hóa – Điện ảnh Hà Tĩnh", "Tiếp theo", None],
    ]


def test_during_the_visits_each_route_shows_where_it_is_and_where_next(open_at):
    page = open_at(at(24, 7))
    assert page.evaluate(MARKS) == [
        ["tham-quan:tham-quan", "Đang diễn ra", "time"],
        ["doan-1:Vườn mẫu xã A (dự kiến)", "Đang diễn ra", "time"],
        ["doan-1:Trung tâm Văn hóa – Điện ảnh Hà Tĩnh", "Tiếp theo", None],
        ["doan-2:Khu dân cư kiểu mẫu B", "Đang diễn ra", "time"],
        ["doan-2:Trung tâm Văn hóa – Điện ảnh Hà Tĩnh", "Tiếp theo", None],
        ["hoi-nghi:hoi-nghi", "Tiếp theo", None],
    ]
    assert page.locator("#hoi-nghi.is-next .now-badge").is_visible()


def test_during_the_plenary_only_it_is_marked(open_at):
    page = open_at(at(24, 10))
    assert page.evaluate(MARKS) == [["hoi-nghi:hoi-nghi", "Đang diễn ra", "time"]]


def test_after_the_event_nothing_is_marked(open_at):
    page = open_at(at(25, 9))
    assert page.evaluate(MARKS) == []


def test_marks_follow_the_clock_while_the_page_stays_open(open_at):
    page = open_at(None)
    page.clock.install(time=at(24, 7, 20))
    page.reload()
    assert ["doan-1:Vườn mẫu xã A (dự kiến)", "Đang diễn ra", "time"] in page.evaluate(MARKS)
    page.clock.run_for("10:00")  # 07:30: Đoàn 1 has left the garden and is on the road
    marks = page.evaluate(MARKS)
    assert not [m for m in marks if m[0].startswith("doan-1") and m[1] == "Đang diễn ra"]
    assert ["doan-1:Trung tâm Văn hóa – Điện ảnh Hà Tĩnh", "Tiếp theo", None] in marks


def test_without_javascript_the_page_is_complete_and_badges_move_nothing(open_at):
    plain = open_at(at(24, 7), javascript=False)
    marked = open_at(at(24, 7))
    assert plain.locator(ITEMS).count() == marked.locator(ITEMS).count() == 8
    assert plain.locator(".now-badge").count() == 0
    assert marked.locator(".now-badge").count() == 6
    assert plain.locator("main").inner_text() == marked.locator("main").evaluate(
        "m => { const c = m.cloneNode(true); c.querySelectorAll('.now-badge')"
        ".forEach(b => b.remove()); document.body.append(c); const t = c.innerText;"
        " c.remove(); return t; }")

    def boxes(page):
        return page.eval_on_selector_all(
            f"{ITEMS}, h2, h3, h4",
            "els => els.map(e => JSON.stringify(e.getBoundingClientRect()))")

    assert boxes(plain) == boxes(marked)
