"""Tiny sites with photos made by Pillow, built through Pelican, for the image pipeline tests."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image, ImageDraw

from plugins.images.run import images_prepared

# What each build's image pass did, as the images plugin announces it.
PASSES: list = []


def _remember(_run, stats) -> None:
    PASSES.append(stats)


def last_pass():
    """What the image pass of the latest build did (None if no build reached it)."""
    return PASSES[-1] if PASSES else None


ARTICLE = "Title: {title}\nDate: 2017-02-08 16:45\nCategory: Thời sự\n{meta}\n{body}\n"


def write_article(content: Path, name: str, body: str, title: str | None = None,
                  meta: str = "") -> Path:
    """One Markdown article in content/articles."""
    path = content / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title or name[:-3], meta=meta, body=body),
                    encoding="utf-8")
    return path


def settings_for(root: Path, **override) -> dict:
    """Pelican settings for a site under `root` (content/, output/, .cache/): our plugins only."""
    from pelican.settings import read_settings

    values = {
        "PATH": str(root / "content"), "OUTPUT_PATH": str(root / "output"),
        "CACHE_PATH": str(root / ".cache" / "pelican"), "THEME": "notmyidea",
        "PLUGINS": ["plugins.editorial", "plugins.images"], "TIMEZONE": "Asia/Ho_Chi_Minh",
        "ARTICLE_PATHS": ["articles"], "PAGE_PATHS": ["pages"], "STATIC_PATHS": ["images"],
        "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "DELETE_OUTPUT_DIRECTORY": True,
        "ARTICLE_URL": "{slug}/", "ARTICLE_SAVE_AS": "{slug}/index.html",
        "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None, "SITEURL": "",
    }
    values.update(override)
    return read_settings(None, override=values)


def build(root: Path, **override):
    """Build the site; returns what its image pass did."""
    from pelican import Pelican

    PASSES.clear()
    images_prepared.connect(_remember)  # here: each test starts with every signal cleared
    Pelican(settings_for(root, **override)).run()
    return last_pass()


# --- inputs -----------------------------------------------------------------------------------

def photo(size=(3000, 2000), colour=(40, 120, 200)) -> Image.Image:
    """A photo-like picture with a red block top-left, to see where the top-left went."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle([0, 0, w // 5, h // 5], fill=(230, 20, 20))
    draw.ellipse([w // 3, h // 3, w // 2, h // 2], fill=(250, 240, 30))
    return image


def camera_jpeg(path: Path, size=(3000, 2000), orientation: int = 6) -> Path:
    """A camera JPEG with EXIF orientation, GPS position and camera model."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x0110] = "Máy ảnh thử"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (18.0, 20.0, 30.0), 3: "E", 4: (105.0, 54.0, 10.0)})
    path.parent.mkdir(parents=True, exist_ok=True)
    photo(size).save(path, "JPEG", quality=85, exif=exif)
    return path


def save(image: Image.Image, path: Path, fmt: str, **options) -> Path:
    """Save a picture, making the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt, **options)
    return path


def animated_gif(path: Path, frames: int = 3) -> Path:
    """A small animation whose frames differ."""
    images = [Image.new("RGB", (600, 400), (60 * i, 100, 200 - 50 * i)) for i in range(frames)]
    return save(images[0], path, "GIF", save_all=True, append_images=images[1:], duration=120,
                loop=0)


def rgba_png(path: Path) -> Path:
    """A logo-like PNG: transparent left half, opaque red right half."""
    image = Image.new("RGBA", (1000, 600), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle([500, 0, 999, 599], fill=(200, 30, 30, 255))
    return save(image, path, "PNG")


def grey16_png(path: Path, value: int = 40000) -> Path:
    """A 16-bit greyscale PNG (scanners and some cameras write these)."""
    return save(Image.new("I;16", (900, 600), value), path, "PNG")


def decompression_bomb(path: Path, side: int = 30000) -> Path:
    """A tiny PNG claiming side×side pixels: Pillow would need gigabytes to decode it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (side + 1) * 4)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows)
                     + chunk(b"IEND", b""))
    return path


def truncated_jpeg(path: Path) -> Path:
    """A JPEG cut in the middle, as an interrupted copy leaves it."""
    buffer = io.BytesIO()
    photo((1600, 1200)).save(buffer, "JPEG", quality=90)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    return path


# An RGB profile whose red and green primaries are sRGB's green and red: after a correct
# conversion to sRGB, a "red" pixel comes out green.
_D50 = (0.9642, 1.0, 0.8249)
_SRGB_RED, _SRGB_GREEN, _SRGB_BLUE = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), \
    (0.1431, 0.0606, 0.7141)


def swapped_profile() -> bytes:
    """A minimal ICC v2 matrix/TRC display profile, written byte by byte."""
    def s15(v: float) -> bytes:
        return struct.pack(">i", round(v * 65536))

    def xyz(v) -> bytes:
        return b"XYZ " + b"\0" * 4 + b"".join(s15(c) for c in v)

    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    name = b"Swapped primaries\0"
    desc = b"desc" + b"\0" * 4 + struct.pack(">I", len(name)) + name + b"\0" * 78
    tags = [(b"desc", desc), (b"wtpt", xyz(_D50)), (b"rXYZ", xyz(_SRGB_GREEN)),
            (b"gXYZ", xyz(_SRGB_RED)), (b"bXYZ", xyz(_SRGB_BLUE)), (b"rTRC", curve),
            (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table = data = b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    header = (struct.pack(">I", offset + len(data)) + b"\0" * 4 + struct.pack(">I", 0x02100000)
              + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 28 + xyz(_D50)[8:]
              + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + data


# --- reading the output ---------------------------------------------------------------------

_VOID = {"img", "source", "br", "hr", "meta", "link", "input", "wbr"}


@dataclass
class Node:
    """An element of a parsed page."""

    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def iter(self, tag: str | None = None):
        """Yield this node and its descendants, in document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            yield from child.iter(tag)

    def all_text(self) -> str:
        """Text of the node and its descendants."""
        return self.text + "".join(c.all_text() for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text += data


def parse(path: Path) -> Node:
    """Parse a written page."""
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def srcset_urls(value: str) -> list[tuple[str, int]]:
    """(URL, width) pairs of a srcset."""
    pairs = []
    for candidate in value.split(","):
        url, descriptor = candidate.split()
        pairs.append((url, int(descriptor.rstrip("w"))))
    return pairs


def output_file(output: Path, url: str, siteurl: str = "") -> Path:
    """The file a site URL points at."""
    assert url.startswith(siteurl + "/"), url
    return output / url[len(siteurl) + 1:]
