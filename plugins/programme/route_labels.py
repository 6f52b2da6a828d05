"""Labels on a route map: where each place's name goes so that it hides nothing.

A simple deterministic placement: try boxes around each point in a fixed order and keep the
first free one (inside the figure, over no other label, marker or symbol), preferring boxes that
cross no route line. Text widths are estimated generously, so the drawn text stays inside its box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .route_map import Point

FONT = 13.0  # about 10.5 px on a 360 px phone
CHAR_WIDTH = 0.6 * FONT  # a wide sans face (DejaVu) at its widest: estimates never fall short
LINE_HEIGHT = 16.0
LABEL_GAPS = (4.0, 14.0)


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: x, y is the top left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box) -> bool:
        """Whether the two share any area (touching edges do not count)."""
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def crosses(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether the segment a–b passes through the box (Liang–Barsky clipping)."""
        (x0, y0), (dx, dy) = a, (b[0] - a[0], b[1] - a[1])
        low, high = 0.0, 1.0
        for p, q in ((-dx, x0 - self.x), (dx, self.right - x0),
                     (-dy, y0 - self.y), (dy, self.bottom - y0)):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
        return True

    def inside(self, width: float, height: float) -> bool:
        """Whether it lies wholly within the figure."""
        return self.x >= 0 and self.y >= 0 and self.right <= width and self.bottom <= height


@dataclass
class Label:
    """A place's name, one or two lines, in the box the layout found free."""

    point: Point
    lines: list[str]
    box: Box


def wrap(text: str) -> list[str]:
    """Two lines cut at the space nearest the middle (the text as one line if it has none)."""
    # Never start the second line with a dash: “Trung tâm Văn hóa –” / “Điện ảnh Hà Tĩnh”.
    spaces = [i for i, c in enumerate(text) if c == " " and text[i + 1:i + 2] not in "–-"]
    if not spaces:
        return [text]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut].strip(), text[cut:].strip()]


def label_size(lines: list[str]) -> tuple[float, float]:
    """Width and height a label's text may take (a generous estimate)."""
    return (max(len(line) for line in lines) * CHAR_WIDTH + 4, len(lines) * LINE_HEIGHT + 2)


def candidates(around: Box, w: float, h: float) -> list[Box]:
    """Boxes beside `around`, in the order tried.

    Right, left, above, below, then the corners; first close to it, then a little further.
    """
    cx, cy = around.x + around.w / 2, around.y + around.h / 2
    found = []
    for gap in LABEL_GAPS:
        right, left = around.right + gap, around.x - gap - w
        above, below = around.y - gap - h, around.bottom + gap
        found += [Box(right, cy - h / 2, w, h), Box(left, cy - h / 2, w, h),
                  Box(cx - w / 2, above, w, h), Box(cx - w / 2, below, w, h),
                  Box(right, above, w, h), Box(right, below, w, h),
                  Box(left, above, w, h), Box(left, below, w, h)]
    return found


Segment = tuple[tuple[float, float], tuple[float, float]]


def place_labels(points: list[Point], fixed: list[Box], width: float, height: float,
                 segments: list[Segment] | None = None) -> tuple[list[Label], list[Point]]:
    """Give each point (the venue first) a free box for its name.

    A box must lie inside the figure and overlap no other label, marker or symbol. Among those,
    the first (in `candidates` order, one line before two) that crosses the fewest route lines
    wins: none when possible, else as few as possible (the text has a halo). A point with no free
    box stays unlabelled; its stops are still in the figure's text alternative and route cards.
    """
    taken = list(fixed) + [box for p in points for box in p.boxes]
    labels, unlabelled = [], []
    for point in sorted(points, key=lambda p: not p.venue):  # stable: then in route order
        free = [Label(point, lines, box)
                for lines in ([point.place.name], wrap(point.place.name))
                for box in candidates(point.box, *label_size(lines))
                if box.inside(width, height) and not any(box.overlaps(o) for o in taken)]
        if not free:
            unlabelled.append(point)
            continue
        chosen = min(free, key=lambda label: sum(label.box.crosses(a, b)
                                                 for a, b in segments or []))
        labels.append(chosen)
        taken.append(chosen.box)
    return labels, unlabelled
