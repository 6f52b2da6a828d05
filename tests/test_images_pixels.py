"""Correct pixels: orientation, colour spaces, depth, transparency, animation, no metadata."""

from pathlib import Path

import pytest
from images_site import (
    animated_gif,
    build,
    camera_jpeg,
    grey16_png,
    output_file,
    parse,
    photo,
    rgba_png,
    save,
    srcset_urls,
    swapped_profile,
    write_article,
)
from PIL import Image

PHOTOS = {
    "camera": "camera.jpg",
    "cmyk": "cmyk.jpg",
    "palette": "palette.png",
    "rgba": "logo.png",
    "gif": "dong.gif",
    "grey16": "scan16.png",
    "icc": "wide-gamut.jpg",
    "small": "small.jpg",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One site whose single article shows every kind of input, each alone in a paragraph."""
    root = tmp_path_factory.mktemp("pixels")
    images = root / "content" / "images"
    camera_jpeg(images / PHOTOS["camera"], orientation=6)
    save(photo((1600, 1000)).convert("CMYK"), images / PHOTOS["cmyk"], "JPEG")
    palette = photo((1200, 800)).convert("P", palette=Image.Palette.ADAPTIVE)
    save(palette, images / PHOTOS["palette"], "PNG")
    rgba_png(images / PHOTOS["rgba"])
    animated_gif(images / PHOTOS["gif"])
    grey16_png(images / PHOTOS["grey16"])
    save(Image.new("RGB", (1000, 700), (200, 0, 0)), images / PHOTOS["icc"], "JPEG", quality=95,
         icc_profile=swapped_profile())
    save(photo((640, 427)), images / PHOTOS["small"], "JPEG")
    body = "\n\n".join(f"![Ảnh {kind}](/images/{name})" for kind, name in PHOTOS.items())
    write_article(root / "content", "bai-anh.md", body, title="Bài ảnh")
    build(root)
    return root


def _figure(site: Path, kind: str):
    page = parse(site / "output" / "bai-anh" / "index.html")
    for figure in page.iter("figure"):
        if figure.children[-1].all_text() == f"Ảnh {kind}":
            return figure
    raise AssertionError(f"no figure for {kind}")


def _derivatives(site: Path, kind: str) -> dict[str, list[tuple[Path, int]]]:
    """Files of every <source> and of the <img>, by type: {'image/avif': [(path, width)…]}."""
    figure = _figure(site, kind)
    found = {}
    for node in figure.iter():
        if node.tag in ("source", "img"):
            kind_of = node.attrs.get("type") or "fallback"
            found[kind_of] = [(output_file(site / "output", url), width)
                              for url, width in srcset_urls(node.attrs["srcset"])]
    return found


def _open(path: Path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


def test_exif_orientation_is_applied(site):
    for files in _derivatives(site, "camera").values():
        for path, width in files:
            image = _open(path).convert("RGB")
            # Stored 3000×2000 with orientation 6: shown upright as a portrait 2000×3000.
            assert image.size == (width, width * 3 // 2)
            # The red block stored top-left is top-right once rotated 90° clockwise.
            top_right = image.getpixel((image.width - 3, 3))
            assert top_right[0] > 180 and top_right[1] < 80, (path, top_right)


def test_no_metadata_in_any_derivative(site):
    for kind in PHOTOS:
        for files in _derivatives(site, kind).values():
            for path, _ in files:
                image = _open(path)
                data = path.read_bytes()
                assert not image.getexif(), path
                assert not {"exif", "icc_profile", "xmp"} & set(image.info), path
                assert b"Exif\0\0" not in data and b"M\xe1y \xe1nh" not in data, path


def test_cmyk_palette_and_sixteen_bit_become_rgb_jpeg_fallbacks(site):
    for kind in ("cmyk", "palette", "grey16"):
        files = _derivatives(site, kind)
        assert set(files) == {"image/avif", "image/webp", "fallback"}
        fallback = _open(files["fallback"][0][0])
        assert (fallback.format, fallback.mode) == ("JPEG", "RGB")
    # CMYK red block stays red.
    cmyk = _open(_derivatives(site, "cmyk")["fallback"][-1][0])
    red = cmyk.getpixel((4, 4))
    assert red[0] > 180 and red[1] < 90 and red[2] < 90, red
    # 16-bit grey 40000/65535 is a mid grey, not the white a plain conversion would give.
    grey = _open(_derivatives(site, "grey16")["fallback"][-1][0]).getpixel((10, 10))
    assert all(abs(c - 156) <= 3 for c in grey), grey


def test_icc_profile_is_converted_to_srgb(site):
    for files in _derivatives(site, "icc").values():
        for path, _ in files:
            r, g, b = _open(path).convert("RGB").getpixel((20, 20))
            # The profile says this "red" is sRGB's green.
            assert g > 150 and r < 60 and b < 60, (path, (r, g, b))


def test_transparency_is_kept_with_png_fallback(site):
    files = _derivatives(site, "rgba")
    fallback = _open(files["fallback"][-1][0])
    assert fallback.format == "PNG" and fallback.mode == "RGBA"
    for kind in ("image/avif", "image/webp", "fallback"):
        image = _open(files[kind][-1][0]).convert("RGBA")
        assert image.getpixel((5, 5))[3] == 0, kind
        assert image.getpixel((image.width - 5, 5))[3] == 255, kind


def test_animated_gif_stays_animated(site):
    files = _derivatives(site, "gif")
    assert set(files) == {"image/webp", "fallback"}
    for kind in ("image/webp", "fallback"):
        for path, _ in files[kind]:
            assert getattr(_open(path), "n_frames", 1) == 3, path


def test_small_photo_is_never_enlarged(site):
    figure = _figure(site, "small")
    img = next(figure.iter("img"))
    widths = [w for node in figure.iter() if "srcset" in node.attrs
              for _, w in srcset_urls(node.attrs["srcset"])]
    assert max(widths) == 640 and sorted(set(widths)) == [480, 640]
    assert (img.attrs["width"], img.attrs["height"]) == ("640", "427")
    for files in _derivatives(site, "small").values():
        for path, width in files:
            assert _open(path).width == width <= 640
