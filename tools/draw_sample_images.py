"""Draw the sample photos of content/images/ as illustrations (no text, nothing downloaded).

Usage: .venv/bin/python tools/draw_sample_images.py [--out DIR]

Each scene is painted at twice the final size and reduced (smooth edges), then given soft light
variation, grain and a vignette so it reads as an illustration rather than a test pattern. Every
scene has its own fixed seed and Pillow's encoders are deterministic, so the same files come out
on every run.
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

W, H = 2000, 1333  # 3:2, like a newsroom photo
SCALE = 2  # paint at 2× and reduce: cheap anti-aliasing
QUALITY = 85
OUT = Path(__file__).resolve().parent.parent / "content" / "images"

RGB = tuple[int, int, int]
Point = tuple[float, float]


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Colour between a and b (t = 0 gives a)."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def vary(rng: random.Random, color: RGB, amount: int) -> RGB:
    """Nudge a colour lighter or darker, so repeated shapes are not identical."""
    d = rng.randint(-amount, amount)
    return tuple(max(0, min(255, c + d + rng.randint(-4, 4))) for c in color)


def bezier(p0: Point, p1: Point, p2: Point, t: float) -> Point:
    """Point on a quadratic Bézier curve."""
    u = 1 - t
    return (u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
            u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1])


def leaf_points(x: float, y: float, angle: float, length: float, width: float) -> list[Point]:
    """Outline of a pointed leaf (or petal) growing from (x, y) in direction `angle` (radians)."""
    ca, sa = math.cos(angle), math.sin(angle)
    left, right = [], []
    for i in range(21):
        t = i / 20
        half = width / 2 * math.sin(math.pi * t) ** 0.9 * (1 - 0.3 * t)
        ax, ay = x + length * t * ca, y + length * t * sa
        left.append((ax - half * sa, ay + half * ca))
        right.append((ax + half * sa, ay - half * ca))
    return left + right[::-1]


def ridge(rng: random.Random, base: float, amp: float, rough: float = 0.55) -> list[Point]:
    """Make a hill or mountain skyline across the width (midpoint displacement)."""
    ys = [base + rng.uniform(-amp, amp) for _ in range(3)]
    spread = amp
    for _ in range(7):
        spread *= rough
        finer = []
        for u, v in zip(ys, ys[1:], strict=False):
            finer += [u, (u + v) / 2 + rng.uniform(-spread, spread)]
        ys = finer + [ys[-1]]
    step = W / (len(ys) - 1)
    return [(i * step, yv) for i, yv in enumerate(ys)]


@dataclass
class Pen:
    """ImageDraw in scene coordinates (2000×1333), blending RGBA colours."""

    draw: ImageDraw.ImageDraw
    dx: float = 0
    dy: float = 0

    def _xy(self, pts: Sequence[Point]) -> list[Point]:
        return [((x - self.dx) * SCALE, (y - self.dy) * SCALE) for x, y in pts]

    def poly(self, pts: Sequence[Point], fill: tuple) -> None:
        self.draw.polygon(self._xy(pts), fill=fill)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: tuple) -> None:
        (x0, y0), (x1, y1) = self._xy([(cx - rx, cy - ry), (cx + max(rx, 0.5), cy + max(ry, 0.5))])
        self.draw.ellipse([x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)], fill=fill)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: tuple, r: float = 0) -> None:
        (a, b), (c, d) = self._xy([(x0, y0), (x1, y1)])
        self.draw.rounded_rectangle([a, b, max(c, a + 1), max(d, b + 1)], r * SCALE, fill=fill)

    def line(self, pts: Sequence[Point], fill: tuple, width: float) -> None:
        self.draw.line(self._xy(pts), fill=fill, width=max(1, round(width * SCALE)), joint="curve")


@dataclass
class Canvas:
    """The picture being painted, with its own random generator."""

    rng: random.Random
    image: Image.Image

    @classmethod
    def new(cls, seed: int) -> Canvas:
        return cls(random.Random(seed), Image.new("RGB", (W * SCALE, H * SCALE), (0, 0, 0)))

    @property
    def pen(self) -> Pen:
        return Pen(ImageDraw.Draw(self.image, "RGBA"))

    @contextmanager
    def layer(self, blur: float = 0) -> Iterator[Pen]:
        """Draw on a transparent sheet, soften it, lay it over the picture (glows, haze)."""
        sheet = Image.new("RGBA", self.image.size, (0, 0, 0, 0))
        yield Pen(ImageDraw.Draw(sheet))
        if blur:
            # premultiplied while blurring, or transparent black would darken the edges
            sheet = sheet.convert("RGBa").filter(ImageFilter.GaussianBlur(blur * SCALE))
            sheet = sheet.convert("RGBA")
        self.image.paste(sheet.convert("RGB"), (0, 0), sheet)

    def gradient(self, stops: Sequence[tuple[float, RGB]], box: Sequence[float] = (0, 0, W, H),
                 clip: Sequence[Point] | None = None) -> None:
        """Vertical gradient through colour stops, optionally clipped to a polygon."""
        x0, y0, x1, y1 = (round(v * SCALE) for v in box)
        column = Image.new("RGB", (1, y1 - y0))
        for y in range(y1 - y0):
            t = y / max(y1 - y0 - 1, 1)
            for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
                if t <= p1 or (p1, c1) == stops[-1]:
                    column.putpixel((0, y), mix(c0, c1, min(1, max(0, (t - p0) / (p1 - p0)))))
                    break
        band = column.resize((x1 - x0, y1 - y0))
        mask = None
        if clip is not None:
            mask = Image.new("L", band.size, 0)
            Pen(ImageDraw.Draw(mask), box[0], box[1]).poly(clip, 255)
        self.image.paste(band, (x0, y0), mask)

    def clouds(self, centres: Sequence[Point], size: float = 1.0) -> None:
        with self.layer(blur=16) as p:
            for cx, cy in centres:
                for _ in range(12):
                    rx = self.rng.uniform(60, 130) * size
                    p.ellipse(cx + self.rng.uniform(-170, 170) * size,
                              cy + self.rng.uniform(-25, 25) * size, rx, rx * 0.45,
                              (255, 255, 255, self.rng.randint(120, 190)))

    def finish(self, grain: float = 0.06, mottle: float = 0.2, vignette: float = 0.3
               ) -> Image.Image:
        """Reduce to the final size, add painterly unevenness, grain and a vignette."""
        img = self.image.resize((W, H), Image.Resampling.LANCZOS)
        for size, strength in (((28, 19), mottle), ((W // 2, H // 2), grain)):
            lum = Image.frombytes("L", size, self.rng.randbytes(size[0] * size[1]))
            lum = lum.resize((W, H), Image.Resampling.BICUBIC)
            lum = lum.point(lambda v, s=strength: round(128 + (v - 128) * s))
            img = ImageChops.soft_light(img, Image.merge("RGB", (lum, lum, lum)))
        edge = Image.radial_gradient("L").resize((W, H), Image.Resampling.BICUBIC)
        edge = edge.point(lambda v: round(255 - max(0, v - 110) * vignette * 1.6))
        return ImageChops.multiply(img, Image.merge("RGB", (edge, edge, edge)))


def house(p: Pen, x: float, ground: float, w: float, wall: RGB, roof: RGB, floors: int = 1) -> None:
    """Draw a village house from the front: walls, a tiled roof, a door and windows."""
    top = ground - w * 0.45 * floors
    p.rect(x - w / 2, top, x + w / 2, ground, wall)
    p.poly([(x - w * 0.58, top), (x - w * 0.34, top - w * 0.3), (x + w * 0.34, top - w * 0.3),
            (x + w * 0.58, top)], roof)
    p.poly([(x - w * 0.58, top), (x + w * 0.58, top), (x + w * 0.55, top + w * 0.04),
            (x - w * 0.55, top + w * 0.04)], mix(roof, (0, 0, 0), 0.35))
    p.rect(x - w * 0.08, ground - w * 0.3, x + w * 0.08, ground, (90, 60, 45))
    for f in range(floors):
        for side in (-0.3, 0.3):
            yb = ground - w * 0.45 * f - w * 0.16
            p.rect(x + w * side - w * 0.07, yb - w * 0.12, x + w * side + w * 0.07, yb,
                   (70, 80, 90))


def tree(p: Pen, rng: random.Random, x: float, ground: float, s: float, fruit: RGB | None) -> None:
    """Draw a fruit tree: shadow, trunk, a leafy crown lit from the upper right, fruit."""
    p.ellipse(x + 30 * s, ground, 150 * s, 26 * s, (40, 80, 35, 140))
    p.line([(x, ground), (x + 6 * s, ground - 190 * s)], (95, 70, 50), 18 * s)
    cy = ground - 280 * s
    for shade, offset in (((42, 92, 42), -0.3), ((70, 132, 52), 0), ((122, 172, 72), 0.35)):
        for _ in range(9):
            r = rng.uniform(45, 85) * s
            p.ellipse(x + (rng.uniform(-95, 95) + offset * 90) * s,
                      cy + (rng.uniform(-70, 70) - offset * 70) * s, r, r * 0.9,
                      vary(rng, shade, 12))
    for _ in range(14 if fruit else 0):
        p.ellipse(x + rng.uniform(-110, 110) * s, cy + rng.uniform(-40, 90) * s,
                  11 * s, 12 * s, vary(rng, fruit, 15))


def rice_fields(c: Canvas) -> None:
    """Rice fields in perspective, a concrete road to a village, mountains far off."""
    rng, hz, vp = c.rng, 590, (1000, 550)
    c.gradient([(0, (92, 148, 210)), (0.6, (172, 206, 232)), (1, (246, 226, 196))],
               (0, 0, W, hz + 40))
    with c.layer(blur=80) as p:
        p.ellipse(1480, 380, 280, 210, (255, 236, 190, 150))
    with c.layer(blur=3) as p:
        p.ellipse(1480, 380, 40, 40, (255, 250, 234, 255))
    c.clouds([(330, 170), (880, 110), (1240, 250), (1760, 140)])
    for base, amp, color in ((470, 70, (150, 172, 196)), (520, 45, (112, 146, 146))):
        pts = ridge(rng, base, amp)
        c.gradient([(0, color), (1, mix(color, (230, 225, 210), 0.45))],
                   (0, base - 2 * amp, W, hz + 10), pts + [(W, hz + 10), (0, hz + 10)])
    p = c.pen
    c.gradient([(0, (118, 160, 76)), (1, (92, 146, 58))], (0, hz - 12, W, H))
    for x in range(-20, W + 40, 16):
        r = rng.uniform(16, 32)
        p.ellipse(x, hz - rng.uniform(4, 22), r, r * 0.8, vary(rng, (60, 104, 60), 14))
    for x, w, floors in ((1240, 70, 1), (1330, 90, 2), (1450, 64, 1), (1560, 80, 1), (260, 60, 1),
                         (380, 72, 2), (760, 50, 1)):
        house(p, x, hz + 4, w, vary(rng, (236, 228, 210), 8), vary(rng, (186, 82, 52), 14), floors)
    for x in (1180, 1290, 1400, 1510, 320, 450):
        r = rng.uniform(22, 34)
        p.ellipse(x, hz - 6, r, r * 0.9, vary(rng, (52, 96, 52), 10))
    # fields: a grid of quads between lines that converge on the vanishing point
    depth = lambda y: (y - vp[1]) / (H - vp[1])  # noqa: E731
    rows = [hz + (H + 40 - hz) * (k / 12) ** 1.8 for k in range(13)]
    cols = [-22600 + i * 400 for i in range(130)]  # wide enough to reach the frame at the horizon
    greens = [(168, 198, 88), (112, 164, 64), (86, 140, 56), (140, 184, 74), (186, 204, 120)]
    for y0, y1 in zip(rows, rows[1:], strict=False):
        for b0, b1 in zip(cols, cols[1:], strict=False):
            quad = [(vp[0] + (b0 - vp[0]) * depth(y0), y0), (vp[0] + (b1 - vp[0]) * depth(y0), y0),
                    (vp[0] + (b1 - vp[0]) * depth(y1), y1), (vp[0] + (b0 - vp[0]) * depth(y1), y1)]
            water = rng.random() < 0.08
            p.poly(quad, vary(rng, (184, 204, 214) if water else rng.choice(greens), 10))
    with c.layer() as q:
        for i in range(-160, 200):
            xb = vp[0] + i * 22
            q.line([(vp[0] + (xb - vp[0]) * depth(hz), hz), (xb, H)], (40, 90, 30, 34), 3)
    for y in rows[1:]:
        d = depth(y)
        p.line([(0, y), (W, y)], (156, 150, 96), 1 + 7 * d)
    for b in cols:
        p.poly([(vp[0] + (b - vp[0]) * depth(hz), hz), (b - 6, H), (b + 6, H)], (156, 150, 96))
    for _ in range(2600):  # the rice in front of us
        x, y = rng.uniform(-20, W + 20), rng.uniform(H - 260, H + 20)
        ln = 18 + (y - H + 260) * 0.22
        p.line([(x, y), (x + rng.uniform(-8, 8), y - ln)], vary(rng, rng.choice(greens), 18), 2.5)
    # the road and its power poles
    a, b, e = (760, H + 30), (1120, 880), (1330, hz + 6)
    left, right = [], []
    for i in range(41):
        x, y = bezier(a, b, e, i / 40)
        half = 3 + (y - hz) * 0.3
        left.append((x - half, y))
        right.append((x + half, y))
    p.poly(left + right[::-1], (150, 142, 110))
    p.poly([(x + 6 * depth(y), y) for x, y in left]
           + [(x - 6 * depth(y), y) for x, y in right[::-1]], (210, 206, 196))
    tops = []
    for t in (0.1, 0.3, 0.5, 0.66, 0.78, 0.87):
        x, y = right[round(t * 40)]
        d = depth(y)
        x += 20 + 60 * d
        tops.append((x, y - 40 - 520 * d))
        p.line([(x, y), tops[-1]], (88, 86, 90), 2 + 10 * d)
    for (x0, y0), (x1, y1) in zip(tops, tops[1:], strict=False):
        p.line([bezier((x0, y0), ((x0 + x1) / 2, (y0 + y1) / 2 + 30), (x1, y1), k / 10)
                for k in range(11)], (70, 70, 75, 180), 2)
    for x, y in ((540, 760), (610, 790), (1620, 700), (1700, 720), (300, 900)):
        p.ellipse(x, y, 14, 8, (250, 250, 246))
        p.ellipse(x + 12, y - 10, 5, 5, (250, 250, 246))


def meeting_hall(c: Canvas) -> None:
    """Seen from the back rows: seats, delegates, the stage with a presidium and flowers."""
    rng = c.rng
    vp, back = (1000, 540), (540, 250, 1460, 740)
    c.gradient([(0, (44, 38, 36)), (1, (84, 70, 60))], (0, 0, W, 250),
               [(0, 0), (W, 0), (1460, 250), (540, 250)])
    for side in (0, 1):
        flip = (lambda x: W - x) if side else (lambda x: x)  # noqa: E731
        c.gradient([(0, (128, 84, 52)), (1, (84, 54, 38))], (0, 0, W, H),
                   [(flip(0), 0), (flip(540), 250), (flip(540), 740), (flip(0), H)])
        for d in (0.15, 0.35, 0.52, 0.67, 0.8, 0.9):
            x = flip(540 * d)
            c.pen.line([(x, 250 * d), (x, H - 593 * d)], (70, 44, 30), 6 - 4 * d)
        with c.layer(blur=30) as p:
            for d in (0.3, 0.6, 0.82):
                p.ellipse(flip(540 * d + 20), 250 * d + 260, 40 - 25 * d, 60 - 35 * d,
                          (255, 220, 160, 170))
    c.gradient([(0, (80, 26, 28)), (1, (140, 54, 48))], (0, 740, W, H),
               [(0, H), (540, 740), (1460, 740), (W, H)])
    c.gradient([(0, (128, 22, 30)), (1, (92, 14, 22))], back)
    p = c.pen
    for x in range(545, 1460, 24):
        p.line([(x, 250), (x, 650)], (60, 0, 10, 60), 6)
    c.gradient([(0, (22, 58, 136)), (1, (70, 136, 204))], (610, 285, 1390, 585))
    with c.layer(blur=4) as q:
        for k in range(5):
            q.line([bezier((610, 520 - k * 26), (1000, 360 - k * 40), (1390, 470 - k * 30), t / 20)
                    for t in range(21)], (255, 255, 255, 70), 8 - k)
        for t in range(16):
            x, y = bezier((700, 560), (760, 380), (900, 320), t / 15)
            q.poly(leaf_points(x, y, -1.2 + t * 0.09, 34, 12), (236, 196, 80, 230))
    p.rect(640, 305, 780, 398, (206, 28, 36))
    star = [(710 + (30 if k % 2 == 0 else 12) * math.sin(k * math.pi / 5),
             352 - (30 if k % 2 == 0 else 12) * math.cos(k * math.pi / 5)) for k in range(10)]
    p.poly(star, (252, 220, 40))
    p.poly([(560, 650), (1440, 650), (1460, 690), (540, 690)], (150, 100, 62))
    p.rect(540, 690, 1460, 740, (66, 38, 30))
    for k, x in enumerate(range(760, 1260, 82)):  # the presidium behind its table
        p.ellipse(x, 586, 30, 20, (38, 40, 52) if k % 2 else (230, 232, 236))
        p.ellipse(x, 556, 12, 15, (40, 32, 28))
    p.rect(700, 588, 1300, 650, (246, 246, 242))
    p.line([(700, 592), (1300, 592)], (200, 40, 40), 6)
    p.poly([(1320, 560), (1400, 560), (1390, 660), (1330, 660)], (120, 74, 44))
    for _ in range(420):
        x = rng.uniform(545, 1455)
        p.ellipse(x, rng.uniform(682, 720), 8, 7, rng.choice(
            [(236, 200, 60), (220, 60, 70), (248, 150, 170), (70, 130, 60), (60, 110, 50)]))
    with c.layer(blur=50) as q:
        q.ellipse(1000, 560, 520, 200, (255, 226, 170, 70))
    d_ceiling = (0.15, 0.42, 0.64, 0.8, 0.9)
    with c.layer(blur=10) as q:
        for d in d_ceiling:
            for u in (0.2, 0.4, 0.6, 0.8):
                x = (1 - d) * (u * W) + d * (540 + 920 * u)
                q.ellipse(x, 250 * d ** 0.9 + 20, 44 * (1 - d) + 6, 14 * (1 - d) + 3,
                          (255, 240, 200, 230))
    rows = 13
    for r in range(rows):  # far to near, each person drawn before the seat back that hides them
        y = 780 + (H + 70 - 780) * (r / (rows - 1)) ** 1.4
        s = (y - vp[1]) / (H - vp[1])
        sw = 74 * s
        x_left, x_right = 540 * (H - y) / (H - 740), W - 540 * (H - y) / (H - 740)
        x = x_left + sw
        while x < x_right - sw:
            if abs(x - vp[0]) > sw * 0.7:
                if rng.random() < 0.7:
                    p.ellipse(x, y - 0.9 * sw, 0.46 * sw, 0.32 * sw,
                              rng.choice([(36, 40, 56), (44, 44, 48), (226, 228, 232),
                                          (60, 70, 96)]))
                    p.ellipse(x, y - 1.32 * sw, 0.2 * sw, 0.25 * sw,
                              rng.choice([(34, 28, 26), (30, 26, 24), (120, 116, 110)]))
                p.rect(x - 0.44 * sw, y - 0.88 * sw, x + 0.44 * sw, y, vary(rng, (142, 30, 38), 8),
                       0.12 * sw)
                p.rect(x - 0.38 * sw, y - 0.84 * sw, x + 0.38 * sw, y - 0.74 * sw, (178, 58, 60),
                       0.05 * sw)
            x += sw * 1.06


def garden(c: Canvas) -> None:
    """Paint a model garden: fruit trees in rows along a brick path, a house at the end."""
    rng, hz = c.rng, 560
    vp = (1000, hz)
    c.gradient([(0, (104, 164, 222)), (1, (226, 236, 236))], (0, 0, W, hz + 20))
    c.clouds([(420, 150), (1500, 110)], 0.9)
    pts = ridge(rng, 500, 50)
    c.gradient([(0, (126, 156, 150)), (1, (176, 196, 186))], (0, 400, W, hz + 10),
               pts + [(W, hz + 10), (0, hz + 10)])
    c.gradient([(0, (132, 172, 78)), (1, (66, 118, 44))], (0, hz, W, H))
    house(c.pen, 1000, hz + 6, 190, (240, 234, 220), (176, 70, 46))
    p = c.pen
    depth = lambda y: (y - vp[1]) / (H - vp[1])  # noqa: E731
    p.poly([(vp[0] - 12, hz), (vp[0] + 12, hz), (1380, H), (620, H)], (204, 178, 140))
    for k in range(1, 40):
        y = hz + (H - hz) * (k / 40) ** 1.7
        half = 12 + (380 - 12) * depth(y)
        p.line([(vp[0] - half, y), (vp[0] + half, y)], (170, 140, 104), 1 + 3 * depth(y))
    for sign in (-1, 1):  # low tea hedges along the path
        p.poly([(vp[0] + sign * 14, hz), (vp[0] + sign * 22, hz - 2), (vp[0] + sign * 560, H - 60),
                (vp[0] + sign * 560, H), (vp[0] + sign * 390, H)], (64, 120, 52))
        p.poly([(vp[0] + sign * 16, hz - 1), (vp[0] + sign * 22, hz - 2),
                (vp[0] + sign * 560, H - 60), (vp[0] + sign * 470, H - 60)], (96, 150, 66))
    plants = []
    for lane, fruit in ((-2200, (238, 150, 40)), (-1300, (206, 204, 74)), (-700, (238, 150, 40)),
                        (700, (206, 204, 74)), (1300, (238, 150, 40)), (2200, None)):
        for j in range(14):
            y = hz + (H + 160 - hz) / (1 + j * 0.75)
            plants.append((y, vp[0] + lane * depth(y), fruit))
    for y, x, fruit in sorted(plants, key=lambda t: t[0]):
        tree(p, rng, x, y, depth(y) * 1.1, fruit)
    with c.layer(blur=90) as q:
        q.ellipse(1700, 120, 500, 300, (255, 246, 210, 90))
    for _ in range(2500):
        x, y = rng.uniform(-20, W + 20), rng.uniform(H - 150, H + 20)
        if not 560 < x < 1440:
            p.line([(x, y), (x + rng.uniform(-6, 6), y - rng.uniform(10, 30))],
                   vary(rng, (84, 140, 54), 20), 2.5)


def village_street(c: Canvas) -> None:
    """Paint a model residential area at dusk: hedges, gates, houses, lanterns over the road."""
    rng, hz = c.rng, 640
    vp = (1000, hz)
    c.gradient([(0, (34, 44, 96)), (0.55, (122, 82, 132)), (1, (246, 170, 112))],
               (0, 0, W, hz + 20))
    p = c.pen
    for _ in range(60):
        p.ellipse(rng.uniform(0, W), rng.uniform(0, 250), 1.6, 1.6, (255, 255, 240, 170))
    for x in range(-20, W + 40, 22):
        r = rng.uniform(18, 40)
        p.ellipse(x, hz - rng.uniform(0, 26), r, r, vary(rng, (52, 46, 72), 8))
    c.gradient([(0, (92, 86, 100)), (1, (160, 146, 140))], (0, hz, W, H),
               [(vp[0] - 8, hz), (vp[0] + 8, hz), (1600, H), (400, H)])
    c.gradient([(0, (40, 54, 48)), (1, (56, 80, 56))], (0, hz, W, H),
               [(0, hz), (vp[0] - 8, hz), (400, H), (0, H)])
    c.gradient([(0, (40, 54, 48)), (1, (56, 80, 56))], (0, hz, W, H),
               [(W, hz), (vp[0] + 8, hz), (1600, H), (W, H)])

    def ground(sign: int, s: float, lane: float = 1350) -> Point:
        return vp[0] + sign * lane * s, hz + (H - hz) * s

    lanterns: list[tuple[float, float, float]] = []
    depths = sorted({1 / (1 + k * 0.55) for k in range(14)})
    for s in depths:  # far to near
        for sign in (-1, 1):
            x, y = ground(sign, s, 1250)
            hw = 560 * s * rng.uniform(0.9, 1.1)
            house(p, x, y - 40 * s, hw, vary(rng, (204, 186, 172), 14),
                  vary(rng, (136, 58, 50), 14), rng.choice((1, 1, 2)))
            with c.layer(blur=6 * s + 1) as q:
                for side in (-0.3, 0.3):
                    wx, wy = x + side * hw, y - 40 * s - 0.22 * hw
                    q.rect(wx - 0.07 * hw, wy - 0.06 * hw, wx + 0.07 * hw, wy + 0.06 * hw,
                           (255, 206, 120, 230))
            px, py = ground(sign, s, 900)
            p.line([(px, py), (px, py - 520 * s)], (90, 80, 70), 10 * s)
            for k in range(9):
                a = -math.pi / 2 + (k - 4) * 0.32
                tip = (px + math.cos(a) * 150 * s, py - 540 * s + abs(k - 4) * 22 * s)
                p.line([bezier((px, py - 520 * s), (px + math.cos(a) * 80 * s, py - 600 * s),
                               tip, t / 6) for t in range(7)], (48, 82, 52), 9 * s)
        for sign in (-1, 1):
            x0, y0 = ground(sign, s, 560)
            x1, y1 = ground(sign, s * 1.3, 560)
            p.poly([(x0, y0), (x1, y1), (x1, y1 - 170 * s * 1.3), (x0, y0 - 170 * s)],
                   vary(rng, (48, 92, 56), 6))
            p.poly([(x0, y0 - 170 * s), (x1, y1 - 170 * s * 1.3), (x1, y1 - 150 * s * 1.3),
                    (x0, y0 - 150 * s)], (86, 126, 78))
            gx, gy = ground(sign, s * 1.3, 560)
            for off in (0, 140):
                p.rect(gx + sign * off * s - 22 * s, gy - 330 * s, gx + sign * off * s + 22 * s, gy,
                       (226, 218, 200))
                p.rect(gx + sign * off * s - 30 * s, gy - 346 * s, gx + sign * off * s + 30 * s,
                       gy - 326 * s, (150, 60, 50))
                lanterns.append((gx + sign * off * s, gy - 300 * s, s * 0.8))
    for s in (0.16, 0.24, 0.36, 0.55, 0.85):
        (xl, yl), (xr, yr) = ground(-1, s, 560), ground(1, s, 560)
        a, b = (xl, yl - 470 * s), (xr, yr - 470 * s)
        sag = ((a[0] + b[0]) / 2, a[1] + 120 * s)
        p.line([bezier(a, sag, b, t / 20) for t in range(21)], (30, 26, 30), 3 * s + 1)
        for k in range(1, 10):
            x, y = bezier(a, sag, b, k / 10)
            lanterns.append((x, y + 30 * s, s))
    with c.layer(blur=22) as q:
        for x, y, s in lanterns:
            q.ellipse(x, y, 70 * s, 70 * s, (255, 110, 60, 120))
        for s in (0.36, 0.55, 0.85):
            q.ellipse(vp[0], hz + (H - hz) * s, 300 * s, 40 * s, (255, 150, 90, 60))
    for x, y, s in lanterns:
        p.line([(x, y - 40 * s), (x, y - 20 * s)], (40, 30, 30), 2 * s + 0.5)
        p.ellipse(x, y, 20 * s, 25 * s, (226, 44, 34))
        p.ellipse(x - 6 * s, y - 6 * s, 8 * s, 12 * s, (255, 140, 90))
        p.rect(x - 9 * s, y - 27 * s, x + 9 * s, y - 21 * s, (230, 180, 60))
        p.rect(x - 9 * s, y + 21 * s, x + 9 * s, y + 27 * s, (230, 180, 60))


def tea_branch(c: Canvas) -> None:
    """Close-up of a chè vằng branch: paired leaves, small white flowers, soft light behind."""
    rng = c.rng
    c.gradient([(0, (36, 74, 40)), (0.6, (92, 132, 64)), (1, (150, 176, 96))])
    with c.layer(blur=140) as q:
        q.ellipse(1650, 200, 700, 500, (230, 236, 160, 150))
    with c.layer(blur=16) as q:  # out-of-focus leaves behind
        for _ in range(40):
            q.poly(leaf_points(rng.uniform(-100, W), rng.uniform(-100, H), rng.uniform(0, 6.3),
                               rng.uniform(200, 420), rng.uniform(80, 150)),
                   vary(rng, (40, 84, 40), 18) + (220,))
    with c.layer(blur=7) as q:
        for _ in range(36):
            r = rng.uniform(18, 70)
            q.ellipse(rng.uniform(900, W), rng.uniform(0, 800), r, r,
                      (226, 240, 180, rng.randint(50, 110)))
    branches = [((120, 1420), (760, 820), (1880, 300)), ((860, 760), (1100, 1000), (1560, 1060))]
    leaves, flowers = [], []
    for a, b, e in branches:
        for k in range(1, 9):
            t = k / 9
            (x, y), (x2, y2) = bezier(a, b, e, t), bezier(a, b, e, t + 0.01)
            ang = math.atan2(y2 - y, x2 - x)
            ln = (300 - 140 * t) * rng.uniform(0.85, 1.1)
            for sign in (-1, 1):
                leaves.append((x, y, ang + sign * rng.uniform(0.7, 1.0), ln, ln * 0.36))
            if k >= 5:
                flowers.append((x + rng.uniform(-20, 20), y - rng.uniform(15, 40)))
    with c.layer(blur=14) as q:  # the shadow the branch casts on the leaves behind
        for x, y, ang, ln, wd in leaves:
            q.poly(leaf_points(x + 30, y + 36, ang, ln, wd), (10, 30, 10, 90))
    p = c.pen
    for a, b, e in branches:
        for k in range(60):
            t = k / 60
            p.line([bezier(a, b, e, t), bezier(a, b, e, t + 1 / 60)], (104, 96, 54), 16 - 10 * t)
    for x, y, ang, ln, wd in leaves:
        base = vary(rng, (46, 112, 44), 12)
        outline = leaf_points(x, y, ang, ln, wd)
        p.poly(outline, base)
        p.poly(outline[:21] + [(x + ln * math.cos(ang) * t / 20, y + ln * math.sin(ang) * t / 20)
                               for t in range(20, -1, -1)], mix(base, (170, 210, 110), 0.3))
        tip = (x + ln * math.cos(ang), y + ln * math.sin(ang))
        p.line([(x, y), tip], (150, 190, 110), 3)
        for t in (0.25, 0.45, 0.65):
            mx, my = x + ln * t * math.cos(ang), y + ln * t * math.sin(ang)
            for sign in (-1, 1):
                va = ang + sign * 0.8
                p.line([(mx, my), (mx + wd * 0.4 * math.cos(va), my + wd * 0.4 * math.sin(va))],
                       (120, 170, 96, 160), 1.5)
        if rng.random() < 0.3:
            dx, dy = tip[0] * 0.3 + x * 0.7, tip[1] * 0.3 + y * 0.7
            p.ellipse(dx, dy, 7, 7, (220, 240, 220, 200))
            p.ellipse(dx - 2, dy - 2, 2.5, 2.5, (255, 255, 255))
    for fx, fy in flowers:
        for _ in range(rng.randint(2, 4)):
            cx, cy = fx + rng.uniform(-30, 30), fy + rng.uniform(-30, 20)
            for k in range(5):
                a = k * 2 * math.pi / 5 + rng.uniform(0, 0.3)
                p.ellipse(cx + 11 * math.cos(a), cy + 11 * math.sin(a), 9, 9, (250, 250, 244))
            p.ellipse(cx, cy, 5, 5, (232, 200, 84))


def crane(p: Pen, x: float, ground: float, top: float, left: float, right: float, s: float) -> None:
    """Draw a tower crane: lattice mast, jib, counter-jib with its weights, cab, tie lines."""
    yellow, w = (240, 188, 34), 36 * s
    for mx in (x - w / 2, x + w / 2):
        p.line([(mx, ground), (mx, top)], yellow, 5 * s)
    y = ground
    while y > top + w:
        p.line([(x - w / 2, y), (x + w / 2, y - w)], yellow, 3 * s)
        p.line([(x + w / 2, y - w), (x - w / 2, y - w)], yellow, 2 * s)
        y -= w
    jt, jb = top - 20 * s, top
    for yy in (jt, jb):
        p.line([(left, yy), (right, yy)], yellow, 4 * s)
    xx = left
    while xx < right:
        p.line([(xx, jb), (xx + 18 * s, jt), (xx + 36 * s, jb)], yellow, 2.5 * s)
        xx += 36 * s
    apex = (x, top - 110 * s)
    p.line([(x - w / 2, jt), apex, (x + w / 2, jt)], yellow, 4 * s)
    p.line([(left + (x - left) * 0.35, jt), apex, (right - 10 * s, jt)], (60, 60, 64), 2 * s)
    p.rect(right - 80 * s, jb, right - 10 * s, jb + 46 * s, (120, 120, 124))
    p.rect(x + w / 2, jb, x + w / 2 + 34 * s, jb + 34 * s, (236, 236, 228))
    p.rect(x + w / 2 + 6 * s, jb + 6 * s, x + w / 2 + 28 * s, jb + 20 * s, (90, 130, 160))


def construction(c: Canvas) -> None:
    """Paint a building site in the morning: concrete frame, scaffolding, cranes, machines."""
    rng, hz = c.rng, 940
    c.gradient([(0, (96, 156, 222)), (1, (218, 230, 238))], (0, 0, W, hz + 20))
    c.clouds([(300, 220), (1200, 130), (1800, 300)], 1.1)
    pts = ridge(rng, 870, 40)
    c.gradient([(0, (164, 184, 200)), (1, (196, 210, 216))], (0, 780, W, hz + 10),
               pts + [(W, hz + 10), (0, hz + 10)])
    c.gradient([(0, (186, 160, 120)), (1, (132, 104, 76))], (0, hz, W, H))
    p = c.pen
    crane(p, 420, hz + 10, 330, 240, 1040, 0.7)
    x0, x1, ground, fh = 700, 1450, 980, 76
    p.poly([(x1, ground), (x1 + 70, ground - 36), (x1 + 70, ground - 36 - 8 * fh),
            (x1, ground - 8 * fh)], (120, 118, 114))
    p.rect(x0, ground - 8 * fh, x1, ground, (64, 64, 70))
    for f in range(8):
        yb = ground - f * fh
        for bay in range(6):
            bx = x0 + bay * 125
            if f < 4 and rng.random() < 0.8:
                p.rect(bx, yb - fh, bx + 125, yb, vary(rng, (176, 96, 66), 10))
                p.rect(bx + 34, yb - fh + 18, bx + 92, yb - 16, (80, 96, 112))
        p.rect(x0 - 6, yb - fh - 2, x1 + 6, yb - fh + 12, (196, 194, 186))
    for k in range(7):
        cx = x0 + k * 125
        p.rect(cx - 9, ground - 8 * fh, cx + 9, ground, (176, 174, 168))
        for r in range(4):
            p.line([(cx - 6 + r * 4, ground - 8 * fh), (cx - 6 + r * 4, ground - 8 * fh - 50)],
                   (110, 86, 76), 2)
    for k in range(12):  # scaffolding on the right-hand face
        xs = 1080 + k * 34
        p.line([(xs, ground), (xs, ground - 7 * fh)], (50, 86, 160), 3)
    for f in range(15):
        y = ground - f * fh / 2
        p.line([(1080, y), (1080 + 11 * 34, y)], (50, 86, 160), 3)
    p.rect(710, ground - 7 * fh, 1000, ground - 3 * fh, (40, 150, 86, 120))
    crane(p, 1560, ground, 180, 900, 1920, 1.0)
    p.line([(1160, 180), (1160, 430)], (50, 50, 54), 2)
    for k in range(6):
        p.line([(1110, 440 + k * 5), (1210, 440 + k * 5)], (110, 80, 66), 4)
    for _ in range(10):  # tyre tracks in the dirt
        a = (rng.uniform(-200, 900), H + 20)
        p.line([bezier(a, (a[0] + 600, 1120), (1500, 1010), t / 20) for t in range(21)],
               (118, 92, 66, 120), 6)
    p.poly([(150, 1100), (330, 960), (520, 1100)], (214, 186, 126))
    p.poly([(330, 960), (520, 1100), (400, 1100)], (186, 156, 100))
    p.poly([(1640, 1060), (1760, 990), (1900, 1060)], (150, 150, 150))
    for k in range(5):
        for j in range(4 - k // 2):
            p.rect(1180 + j * 46, 1060 - k * 16, 1222 + j * 46, 1074 - k * 16,
                   vary(rng, (180, 84, 56), 8))
    ex, ey = 620, 1190  # an excavator
    p.rect(ex - 170, ey, ex + 150, ey + 56, (44, 44, 46), 28)
    p.rect(ex - 140, ey - 100, ex + 120, ey, (240, 184, 30), 10)
    p.rect(ex - 120, ey - 200, ex - 20, ey - 96, (226, 170, 26), 8)
    p.rect(ex - 108, ey - 186, ex - 36, ey - 120, (120, 160, 190))
    p.line([(ex + 60, ey - 80), (ex + 240, ey - 260), (ex + 380, ey - 90)], (240, 184, 30), 34)
    p.poly([(ex + 350, ey - 110), (ex + 430, ey - 70), (ex + 380, ey - 10), (ex + 330, ey - 60)],
           (60, 56, 52))
    for wx, vest in ((990, (250, 120, 30)), (1040, (240, 200, 40)), (1330, (250, 120, 30))):
        p.line([(wx, 1010), (wx, 1060)], (50, 60, 90), 12)
        p.rect(wx - 10, 960, wx + 10, 1012, vest, 4)
        p.ellipse(wx, 948, 10, 11, (220, 180, 150))
        p.ellipse(wx, 941, 12, 7, (250, 220, 40))
    with c.layer(blur=100) as q:
        q.ellipse(200, 200, 500, 300, (255, 240, 210, 90))


def dancer(p: Pen, x: float, feet: float, h: float, dress: RGB, pose: float) -> None:
    """Draw a dancer in áo dài holding up a nón lá; `pose` (-1…1) sways dress and arms."""
    shade = mix(dress, (0, 0, 0), 0.3)
    neck, waist, hem = feet - 0.84 * h, feet - 0.52 * h, feet - 0.1 * h
    sway = 0.1 * h * pose
    p.poly([(x - 0.05 * h, waist), (x + 0.05 * h, waist), (x + 0.1 * h, feet), (x - 0.1 * h, feet)],
           (246, 244, 236))  # the wide white trousers
    p.poly([(x - 0.04 * h, waist), (x + 0.05 * h, waist),
            (x + 0.05 * h - sway * 1.4, hem + 0.02 * h), (x - 0.09 * h - sway * 1.2, hem)],
           shade)  # back panel, lifted by the turn
    p.poly([(x - 0.055 * h, waist), (x + 0.045 * h, waist), (x + 0.1 * h + sway, hem),
            (x - 0.05 * h + sway, hem + 0.02 * h)], dress)  # front panel
    p.poly([(x - 0.085 * h, neck + 0.03 * h), (x + 0.085 * h, neck + 0.03 * h),  # fitted bodice
            (x + 0.06 * h, neck + 0.16 * h), (x + 0.05 * h, waist + 0.01 * h),
            (x - 0.05 * h, waist + 0.01 * h), (x - 0.06 * h, neck + 0.16 * h)], dress)
    p.rect(x - 0.018 * h, neck - 0.02 * h, x + 0.018 * h, neck + 0.04 * h, (226, 186, 156))
    shoulder_l, shoulder_r = (x - 0.075 * h, neck + 0.05 * h), (x + 0.075 * h, neck + 0.05 * h)
    elbow_l = (shoulder_l[0] - 0.12 * h, shoulder_l[1] + 0.09 * h - 0.06 * h * pose)
    hand_l = (elbow_l[0] - 0.08 * h, elbow_l[1] + 0.1 * h)
    elbow_r = (shoulder_r[0] + 0.1 * h, shoulder_r[1] - 0.08 * h)
    hand_r = (elbow_r[0] + 0.05 * h, elbow_r[1] - 0.12 * h + 0.04 * h * pose)
    for arm in ((shoulder_l, elbow_l, hand_l), (shoulder_r, elbow_r, hand_r)):
        p.line(list(arm), dress, 0.034 * h)
        p.ellipse(arm[2][0], arm[2][1], 0.016 * h, 0.016 * h, (226, 186, 156))
    p.ellipse(x, neck - 0.07 * h, 0.048 * h, 0.062 * h, (232, 194, 164))
    p.ellipse(x + 0.005 * h, neck - 0.11 * h, 0.052 * h, 0.03 * h, (30, 22, 20))
    p.ellipse(x - 0.045 * h, neck - 0.08 * h, 0.025 * h, 0.025 * h, (30, 22, 20))  # the bun
    cx, cy = hand_r[0] + 0.04 * h, hand_r[1] - 0.07 * h
    p.ellipse(cx, cy, 0.13 * h, 0.12 * h, (240, 226, 184))  # the nón, seen from inside
    for r, tone in ((0.1, (222, 204, 156)), (0.065, (236, 220, 176)), (0.03, (214, 194, 146))):
        p.ellipse(cx, cy, r * h, r * h * 0.92, tone)


def stage_show(c: Canvas) -> None:
    """Paint the cultural performance: áo dài and nón lá dancers, stage lights, a lotus."""
    rng = c.rng
    c.gradient([(0, (22, 16, 50)), (0.7, (96, 36, 96)), (1, (130, 56, 96))], (0, 0, W, 880))
    with c.layer(blur=3) as q:
        for k in range(11):
            a = -math.pi / 2 + (k - 5) * 0.2
            q.poly(leaf_points(1000, 700, a, 420 - abs(k - 5) * 40, 150), (236, 130, 170, 120))
    c.gradient([(0, (70, 44, 70)), (1, (20, 14, 24))], (0, 880, W, H))
    with c.layer(blur=24) as q:
        for sx, color in ((300, (255, 230, 180)), (1000, (255, 250, 240)), (1700, (255, 140, 210))):
            q.poly([(sx - 30, -40), (sx + 30, -40), (1000 + (sx - 1000) * 0.3 + 380, 1000),
                    (1000 + (sx - 1000) * 0.3 - 380, 1000)], color + (46,))
        q.ellipse(1000, 1010, 760, 90, (255, 230, 200, 110))
    p = c.pen
    colors = [(206, 30, 44), (244, 194, 44), (246, 246, 240), (206, 30, 44), (244, 194, 44),
              (246, 246, 240), (206, 30, 44)]
    for k, dress in enumerate(colors):
        x = 380 + k * 206
        feet = 1000 + 50 * math.cos((k - 3) / 3 * 1.2)
        dancer(p, x, feet, rng.uniform(400, 430), dress, 0.6 * math.sin(k * 1.3))
    with c.layer(blur=12) as q:  # reflections on the polished floor
        for k, dress in enumerate(colors):
            q.ellipse(380 + k * 206, 1110, 50, 80, dress + (70,))
    for _ in range(90):  # the front rows of the audience
        x = rng.uniform(-40, W + 40)
        y = rng.uniform(1230, 1360)
        p.ellipse(x, y + 50, 56, 36, (14, 10, 18))
        p.ellipse(x, y, 26, 32, (10, 8, 12))


@dataclass(frozen=True)
class Scene:
    """One picture: its seed, the function that paints it, how much grain it takes."""

    seed: int
    paint: Callable[[Canvas], None]
    grain: float = 0.06  # busy scenes take less, to stay under ~450 KB


SCENES: dict[str, Scene] = {
    "canh-dong-lang-que.jpg": Scene(2017, rice_fields, grain=0.04),
    "hoi-truong-trung-tam-van-hoa.jpg": Scene(2402, meeting_hall),
    "vuon-mau.jpg": Scene(802, garden),
    "khu-dan-cu-kieu-mau.jpg": Scene(1402, village_street),
    "che-vang-cam-my.jpg": Scene(126, tea_branch),
    "cong-truong-tang-toc.jpg": Scene(123, construction),
    "van-nghe-chao-mung.jpg": Scene(2224, stage_show),
}


def main() -> None:
    """Paint every scene into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT,
                        help="thư mục ghi ảnh (mặc định content/images)")
    parser.add_argument("names", nargs="*", help="chỉ vẽ các ảnh này")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, scene in SCENES.items():
        if args.names and name not in args.names:
            continue
        canvas = Canvas.new(scene.seed)
        scene.paint(canvas)
        path = args.out / name
        # 4:4:4 chroma: no colour blocks in the dark gradients
        canvas.finish(grain=scene.grain).save(path, "JPEG", quality=QUALITY, optimize=True,
                                              progressive=True, subsampling=0)
        print(f"{path} {path.stat().st_size // 1024} KB")  # noqa: T201 (a command-line tool)


if __name__ == "__main__":
    main()
