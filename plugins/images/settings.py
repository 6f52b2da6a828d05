"""The `IMAGES` setting (and the CONTENT_CACHING_LAYER it needs): declared, then read."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from sitekit.plugin_order import Before
from sitekit.problems import Problem
from sitekit.settings_schema import (
    Boolean,
    Choice,
    DictSetting,
    Integer,
    Integers,
    ListOf,
    Option,
    Optional,
    RelativePath,
    Text,
    Type,
)
from sitekit.settings_schema import read as read_schema

# Bumped whenever pixels.py changes what it writes, so old cached derivatives are not reused.
PIPELINE_VERSION = 1

FORMATS = ("avif", "webp", "jpeg")
_PILLOW_LIMIT = 89_478_485  # PIL.Image.MAX_IMAGE_PIXELS

# Every key, with its default and what it means (the README repeats this for editors).
SCHEMA: dict[str, Option] = {
    "IMAGES": DictSetting({
        # Widths written for every photo (never wider than the photo itself).
        "widths": Integers((480, 800, 1200), 16, 8192, "một danh sách độ rộng (số nguyên từ 16 "
                           "đến 8192), ví dụ (480, 800, 1200)"),
        # `sizes` of body photos: how wide the photo is drawn, so the browser picks a width.
        "sizes": Text("(min-width: 48rem) 46rem, 100vw"),
        # `sizes` offered with article.cover for list thumbnails.
        "cover_sizes": Text("(min-width: 48rem) 14rem, 40vw"),
        # Formats, best first; "jpeg" is the <img> fallback (PNG when the photo has
        # transparency).
        "formats": ListOf(Choice(FORMATS), FORMATS, 'một danh sách trong "avif", "webp", '
                          '"jpeg", có "jpeg" (ảnh dự phòng)', must_include=("jpeg",)),
        # Encoder settings, chosen by measurement on the benchmark corpus: AVIF speed 9 takes
        # 40 % of speed 8's time for files about 20 % larger; speed 8 would make AVIF alone cost
        # more than everything else together.
        "avif_quality": Integer(55, 1, 100),
        "avif_speed": Integer(9, 0, 10, "một số nguyên từ 0 (chậm, nhỏ) đến 10 (nhanh)"),
        "webp_quality": Integer(75, 1, 100),
        "jpeg_quality": Integer(80, 1, 100),
        # OpenGraph card (width, height), cropped from the cover; None: no card.
        "social": Optional(Integers((1200, 630), 16, 8192, length=2), (1200, 630),
                           "None hoặc cặp (rộng, cao), ví dụ (1200, 630)"),
        # Larger images are refused: they are decompression bombs or need shrinking first.
        # Above Pillow's own limit its bomb check would refuse the photo before ours.
        "max_pixels": Integer(80_000_000, 1, _PILLOW_LIMIT),
        # Smaller images (on either side) are refused: tracking pixels, icons, mistakes.
        "min_side": Integer(16, 1),
        # Folder of the derivatives inside the output, also their URL path under SITEURL.
        "output_dir": RelativePath(
            "images/_r", expected="một chuỗi không rỗng (đường dẫn tương đối trong output)"),
        # Cache folder; None: `images` next to CACHE_PATH (so `invoke clean` of output/ keeps it).
        "cache_path": Optional(Type((str, Path)), expected="None hoặc một đường dẫn"),
        # Processes for the pool; None: every core.
        "workers": Optional(Integer(low=1)),
        # The first photo of a page is loaded eagerly with fetchpriority=high (it is often the
        # LCP).
        "eager_first": Boolean(True),
        # Also copy originals to the output even when no page links to them.
        "keep_originals": Boolean(False),
    }),
    # Pelican's own setting, held to its default: the generator layer caches finished articles,
    # so image sizes and SITEURL would be baked in.
    "CONTENT_CACHING_LAYER": Choice(("reader",), "reader",
                                    "'reader' để ảnh luôn khớp tệp hiện có"),
}
DEFAULTS: dict[str, Any] = SCHEMA["IMAGES"].default

# Plugins that must come before this one in PLUGINS (sitekit.plugin_order).
BEFORE = (
    Before("plugins.editorial", "mỗi bài được làm sạch trước khi ảnh được điền vào"),
)


@dataclass(frozen=True)
class Recipe:
    """What decides the pixels of a derivative; its fingerprint is part of the cache key."""

    widths: tuple[int, ...]
    formats: tuple[str, ...]
    avif_quality: int
    avif_speed: int
    webp_quality: int
    jpeg_quality: int
    social: tuple[int, int] | None
    max_pixels: int
    min_side: int

    @cached_property
    def fingerprint(self) -> str:
        """Short stable hash of the recipe and the pipeline version."""
        text = json.dumps([PIPELINE_VERSION, asdict(self)], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ImageSettings:
    """The `IMAGES` setting with defaults filled in."""

    recipe: Recipe
    sizes: str
    cover_sizes: str
    output_dir: str
    cache_path: Path
    workers: int | None
    eager_first: bool
    keep_originals: bool


def read(settings: dict) -> tuple[ImageSettings, list[Problem]]:
    """Merge `IMAGES` over the defaults; a wrong key or value becomes a Problem, not a crash."""
    values, problems = read_schema(settings, SCHEMA)
    return _build(values["IMAGES"], settings), problems


def _build(values: dict, settings: dict) -> ImageSettings:
    social = values["social"]
    recipe = Recipe(
        widths=tuple(sorted({int(w) for w in values["widths"]}, reverse=True)),
        formats=tuple(f for f in FORMATS if f in values["formats"]),
        avif_quality=values["avif_quality"],
        avif_speed=values["avif_speed"],
        webp_quality=values["webp_quality"],
        jpeg_quality=values["jpeg_quality"],
        social=(int(social[0]), int(social[1])) if social else None,
        max_pixels=values["max_pixels"],
        min_side=values["min_side"],
    )
    # Next to Pelican's own cache; a relative cache_path is taken from there too, never the cwd.
    beside = Path(settings.get("CACHE_PATH") or "cache").resolve().parent
    cache = beside / (values["cache_path"] or "images")
    return ImageSettings(
        recipe=recipe,
        sizes=values["sizes"],
        cover_sizes=values["cover_sizes"],
        output_dir=values["output_dir"].strip("/"),
        cache_path=cache,
        workers=values["workers"],
        eager_first=values["eager_first"],
        keep_originals=values["keep_originals"],
    )
