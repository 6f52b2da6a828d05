"""The printed programme: A4, no navigation, each time beside its item."""

import io
import re

import pytest
from conftest import serve_folder
from test_programme_support import build, write_site


@pytest.fixture(scope="module")
def printed(browser, tmp_path_factory):
    root = tmp_path_factory.mktemp("programme-print")
    server, url = serve_folder(build(write_site(root), root / "output"))
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.goto(url + "/chuong-trinh/")
    page.emulate_media(media="print")
    yield page
    context.close()
    server.shutdown()


def test_navigation_is_not_printed(printed):
    for selector in (".masthead .nav", ".skip-link", ".site-footer", ".programme-calendars",
                     ".route-calendar"):
        assert printed.locator(selector).first.is_hidden(), selector
    assert printed.locator("h1").is_visible()


def test_times_sit_beside_their_items_and_are_not_split_from_them(printed):
    rows = printed.eval_on_selector_all("ol.timeline > li", """items => items.map(li => {
        const time = li.querySelector('.timeline-time').getBoundingClientRect();
        const title = li.querySelector('.timeline-title').getBoundingClientRect();
        const style = getComputedStyle(li);
        return [time.right <= title.left, Math.abs(time.top - title.top) < 40,
                style.breakInside];
    })""")
    assert rows and all(beside and level for beside, level, _ in rows)
    assert {row[2] for row in rows} <= {"avoid", "auto"}
    assert printed.eval_on_selector(".stop", "el => getComputedStyle(el).breakInside") == "avoid"
    assert printed.eval_on_selector(
        "li.timeline-item:not(.has-routes)", "el => getComputedStyle(el).breakInside") == "avoid"


def test_the_page_size_is_a4(printed):
    pdf = printed.pdf(prefer_css_page_size=True)
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert boxes, "no page in the PDF"
    for width, height in boxes:  # A4 is 595.28 × 841.89 points
        assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1


# The QR code to the programme online: only when SITEURL is absolute (a published build); a
# local build has no address a reader of the paper could open, so it prints none.
ONLINE = "https://example.org/hoi-nghi-ntm"


@pytest.fixture(scope="module")
def printed_online(browser, tmp_path_factory):
    root = tmp_path_factory.mktemp("programme-print-online")
    # Relative links let the local server stand in for the published host.
    output = build(write_site(root), root / "output", SITEURL=ONLINE, RELATIVE_URLS=True)
    server, url = serve_folder(output)
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.goto(url + "/chuong-trinh/")
    yield page
    context.close()
    server.shutdown()


def test_a_local_build_prints_no_qr_code(printed):
    assert printed.locator(".programme-qr").count() == 0


def test_the_qr_code_is_shown_only_in_print(printed_online):
    printed_online.emulate_media(media="screen")
    assert printed_online.locator(".programme-qr").is_hidden()
    printed_online.emulate_media(media="print")
    assert printed_online.locator(".programme-qr svg").is_visible()
    text = printed_online.locator(".programme-qr").inner_text()
    assert f"{ONLINE}/chuong-trinh/" in text.replace("\n", "")
    box = printed_online.locator(".programme-qr svg").bounding_box()
    assert box["width"] == pytest.approx(28 / 25.4 * 96, abs=2)  # 28 mm at 96 dpi
    assert box["height"] == pytest.approx(box["width"], abs=0.5)


def test_the_printed_qr_code_reads_back_as_the_programme_address(printed_online):
    import zxingcpp
    from PIL import Image

    printed_online.emulate_media(media="print")
    shot = printed_online.locator(".programme-qr svg").screenshot()
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == f"{ONLINE}/chuong-trinh/"
