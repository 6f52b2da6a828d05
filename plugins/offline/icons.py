"""The web app's icons, drawn with Pillow at build time from the favicon's shapes.

The logo (theme/static/img/logo.png) is a 600×60 banner: cut square it would lose the emblem's
proportions, so the emblem of favicon.svg (a 32-unit square) is drawn at each size instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

# favicon.svg in its own 32-unit coordinates: a base line and three bars.
_SHAPES = [(6, 22, 26, 25), (9, 12, 12, 20), (14, 8, 18, 20), (20, 12, 23, 20)]


@dataclass(frozen=True)
class Icon:
    """One icon of the manifest: where it is written (relative to the output) and how."""

    name: str
    size: int
    # "any": a rounded square like the favicon; "maskable": full bleed, emblem in the safe zone
    purpose: str


ICONS = (Icon("icons/icon-192.png", 192, "any"), Icon("icons/icon-512.png", 512, "any"),
         Icon("icons/icon-maskable-512.png", 512, "maskable"))


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def draw(icon: Icon, colour: str) -> Image.Image:
    """The emblem in white on the theme colour, `icon.size` pixels square."""
    size = icon.size
    if icon.purpose == "maskable":
        # Launchers crop to a circle of 80 % of the side: the emblem keeps to its middle 60 %.
        image = Image.new("RGB", (size, size), _rgb(colour))
        scale, offset = size * 0.6 / 32, size * 0.2
    else:
        image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(image).rounded_rectangle((0, 0, size - 1, size - 1), radius=size * 6 / 32,
                                                fill=_rgb(colour))
        scale, offset = size / 32, 0.0
    pen = ImageDraw.Draw(image)
    for left, top, right, bottom in _SHAPES:
        pen.rectangle((offset + left * scale, offset + top * scale,
                       offset + right * scale - 1, offset + bottom * scale - 1), fill="white")
    return image


def write_icons(output: Path, colour: str) -> dict[str, bytes]:
    """Draw and save every icon of ICONS under `output`; returns name → the PNG bytes written."""
    written = {}
    for icon in ICONS:
        buffer = BytesIO()
        draw(icon, colour).save(buffer, format="PNG", optimize=True)
        path = output / icon.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(buffer.getvalue())
        written[icon.name] = buffer.getvalue()
    return written
