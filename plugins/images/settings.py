"""The one `IMAGES` setting: defaults, and a check of what the site configuration gives."""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from sitekit.dict_setting import merge_dict_setting, setting_problem
from sitekit.problems import Problem

# Bumped whenever pixels.py changes what it writes, so old cached derivatives are not reused.
PIPELINE_VERSION = 1

FORMATS = ("avif", "webp", "jpeg")
_PILLOW_LIMIT = 89_478_485  # PIL.Image.MAX_IMAGE_PIXELS

# Every key, with its default and what it means (the README repeats this for editors).
DEFAULTS: dict[str, Any] = {
    # Widths written for every photo (never wider than the photo itself).
    "widths": (480, 800, 1200),
    # `sizes` of body photos: how wide the photo is drawn, so the browser picks a width.
    "sizes": "(min-width: 48rem) 46rem, 100vw",
    # `sizes` offered with article.cover for list thumbnails.
    "cover_sizes": "(min-width: 48rem) 14rem, 40vw",
    # Formats, best first; "jpeg" is the <img> fallback (PNG when the photo has transparency).
    "formats": FORMATS,
    # Encoder settings, chosen by measurement on the benchmark corpus: AVIF speed 9 takes 40 %
    # of speed 8's time for files about 20 % larger; speed 8 would make AVIF alone cost more
    # than everything else together.
    "avif_quality": 55,
    "avif_speed": 9,
    "webp_quality": 75,
    "jpeg_quality": 80,
    # OpenGraph card (width, height), cropped from the cover; None: no card.
    "social": (1200, 630),
    # Larger images are refused: they are decompression bombs or need shrinking first.
    "max_pixels": 80_000_000,
    # Smaller images (on either side) are refused: tracking pixels, icons, mistakes.
    "min_side": 16,
    # Folder of the derivatives inside the output, also their URL path under SITEURL.
    "output_dir": "images/_r",
    # Cache folder; None: `images` next to CACHE_PATH (so `invoke clean` of output/ keeps it).
    "cache_path": None,
    # Processes for the pool; None: every core.
    "workers": None,
    # The first photo of a page is loaded eagerly with fetchpriority=high (it is often the LCP).
    "eager_first": True,
    # Also copy originals to the output even when no page links to them.
    "keep_originals": False,
}


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
    values, problems = merge_dict_setting(settings, "IMAGES", DEFAULTS, _check)
    if settings.get("CONTENT_CACHING_LAYER", "reader") != "reader":
        # The generator layer caches finished articles: image sizes and SITEURL would be baked in.
        problems.append(setting_problem("CONTENT_CACHING_LAYER", (
            "CONTENT_CACHING_LAYER phải là 'reader' để ảnh luôn khớp tệp hiện có, "
            f"nhưng đang là {settings.get('CONTENT_CACHING_LAYER')!r}.")))
    return _build(values, settings), problems


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


def _is_int(value: Any, low: int, high: int | None = None) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool) and value >= low
            and (high is None or value <= high))


def _check(key: str, value: Any) -> str:
    """Say what `key` expects when `value` is not that; empty when the value is fine."""
    if key == "widths":
        ok = (isinstance(value, list | tuple) and value
              and all(_is_int(w, 16, 8192) for w in value))
        return "" if ok else ("một danh sách độ rộng (số nguyên từ 16 đến 8192), "
                              "ví dụ (480, 800, 1200)")
    if key in ("sizes", "cover_sizes", "output_dir"):
        ok = isinstance(value, str) and value.strip()
        if key == "output_dir" and ok:
            ok = not value.startswith("/") and ".." not in posixpath.normpath(value).split("/")
        return "" if ok else "một chuỗi không rỗng" + (
            " (đường dẫn tương đối trong output)" if key == "output_dir" else "")
    if key == "formats":
        ok = (isinstance(value, list | tuple) and all(f in FORMATS for f in value)
              and "jpeg" in value)
        return "" if ok else 'một danh sách trong "avif", "webp", "jpeg", có "jpeg" (ảnh dự phòng)'
    if key in ("avif_quality", "webp_quality", "jpeg_quality"):
        return "" if _is_int(value, 1, 100) else "một số nguyên từ 1 đến 100"
    if key == "avif_speed":
        return "" if _is_int(value, 0, 10) else "một số nguyên từ 0 (chậm, nhỏ) đến 10 (nhanh)"
    if key == "social":
        ok = value is None or (isinstance(value, list | tuple) and len(value) == 2
                               and all(_is_int(v, 16, 8192) for v in value))
        return "" if ok else "None hoặc cặp (rộng, cao), ví dụ (1200, 630)"
    if key == "max_pixels":
        # Above Pillow's own limit its bomb check would refuse the photo before ours.
        return "" if _is_int(value, 1, _PILLOW_LIMIT) else f"một số nguyên từ 1 đến {_PILLOW_LIMIT}"
    if key == "min_side":
        return "" if _is_int(value, 1) else "một số nguyên dương"
    if key == "cache_path":
        return "" if value is None or isinstance(value, str | Path) else "None hoặc một đường dẫn"
    if key == "workers":
        return "" if value is None or _is_int(value, 1) else "None hoặc một số nguyên dương"
    return "" if isinstance(value, bool) else "True hoặc False"

