"""Pixels: decode a photo once and write its derivatives. The only module that uses Pillow.

Runs inside pool workers, so it takes bytes and a Recipe and returns a plain Manifest.
No metadata reaches a derivative: `info` is emptied before every save and no exif/icc is passed.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

from .settings import Recipe

_SRGB = ImageCms.createProfile("sRGB")
_SIXTEEN_BIT = {"I;16", "I;16B", "I;16L", "I;16N", "I"}
# Pillow's warnings about EXIF it cannot read (TiffImagePlugin, Pillow 13): the tag is skipped.
_EXIF_WARNINGS = (r"(Possibly )?[Cc]orrupt EXIF data", r"Metadata Warning",
                  r"Tag offset too large", r"Tag data larger than file")
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png", "gif": "gif"}

# Kinds of bad input, each told to editors in its own sentence (see render.py).
NOT_IMAGE, CORRUPT, TOO_LARGE, TOO_SMALL = "not_image", "corrupt", "too_large", "too_small"


@dataclass
class Variant:
    """One written file: `file` is its name inside the cache folder of the photo."""

    format: str
    width: int
    height: int
    file: str


@dataclass
class Manifest:
    """What the pipeline knows about one photo; saved as JSON so warm builds skip Pillow."""

    width: int = 0
    height: int = 0
    fallback: str = "jpeg"  # format of the <img> fallback: jpeg, png (transparency) or gif
    animated: bool = False
    variants: list[Variant] = field(default_factory=list)
    social: Variant | None = None
    error: str = ""  # one of the kinds above; empty when the photo is fine
    detail: str = ""

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Manifest:
        """Inverse of to_dict."""
        social = data.get("social")
        return cls(**{**data, "variants": [Variant(**v) for v in data["variants"]],
                      "social": Variant(**social) if social else None})


def process(data: bytes, recipe: Recipe, folder: Path) -> Manifest:
    """Write every derivative of the photo `data` into `folder`; bad input sets .error."""
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that: a bomb is an error here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # Broken EXIF (a phone's or an editing program's) is harmless here: no EXIF reaches a
        # derivative, and the pixels decode or fail on their own. Pillow would print its
        # English warning into the build output; the photo is used as it stands.
        for harmless in _EXIF_WARNINGS:
            warnings.filterwarnings("ignore", message=harmless, category=UserWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except UnidentifiedImageError:
            return Manifest(error=NOT_IMAGE)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            return Manifest(error=TOO_LARGE, detail=str(error))
        except Exception as error:  # noqa: BLE001 (any decoder failure is a broken file)
            return Manifest(error=CORRUPT, detail=str(error))
        width, height = image.size
        if width * height > recipe.max_pixels:
            return Manifest(width=width, height=height, error=TOO_LARGE)
        if min(width, height) < recipe.min_side:
            return Manifest(width=width, height=height, error=TOO_SMALL)
        try:
            if getattr(image, "n_frames", 1) > 1:
                return _animated(image, recipe, folder)
            return _still(image, recipe, folder)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            return Manifest(width=width, height=height, error=TOO_LARGE, detail=str(error))
        except Exception as error:  # noqa: BLE001 (truncated data, bad chunks, odd modes)
            return Manifest(width=width, height=height, error=CORRUPT, detail=str(error))


def widths_for(source_width: int, widths: tuple[int, ...]) -> list[int]:
    """Target widths, largest first: never wider than the source, which is kept when smaller."""
    below = [w for w in widths if w < source_width]
    if source_width <= max(widths):
        below.insert(0, source_width)
    return sorted(set(below), reverse=True)


def _still(image: Image.Image, recipe: Recipe, folder: Path) -> Manifest:
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    width, height = image.size
    if orientation in _ROTATED:
        width, height = height, width
    targets = widths_for(width, recipe.widths)
    if image.format == "JPEG":
        # DCT scaling decodes at 1/2, 1/4 or 1/8 size: the biggest saving for camera photos.
        need_w, need_h = _needed(width, height, targets[0], recipe.social)
        image.draft(None, (need_h, need_w) if orientation in _ROTATED else (need_w, need_h))
    image.load()
    ImageOps.exif_transpose(image, in_place=True)  # in place: no copy of an upright photo
    image = _to_srgb(image)
    alpha = image.mode == "RGBA"
    fallback = "png" if alpha else "jpeg"
    formats = [f for f in recipe.formats if f != "jpeg"] + [fallback]
    manifest = Manifest(width=width, height=height, fallback=fallback)
    # Resampling in premultiplied alpha keeps dark fringes off transparent edges.
    current = image.convert("RGBa") if alpha else image
    largest = None
    for target in targets:
        size = (target, max(1, round(target * height / width)))
        if current.size != size:
            # Each width is made from the previous one, not from the full decode: far less
            # work, and at these small factors bicubic looks like Lanczos at 60 % of the cost.
            current = current.resize(size, Image.Resampling.BICUBIC)
        frame = current.convert("RGBA") if alpha else current
        largest = largest or frame
        for fmt in formats:
            manifest.variants.append(_save(frame, folder, f"{target}", fmt, recipe))
    if recipe.social:
        # Cut from the largest width when it is big enough: a crop, no resampling at all.
        fits = largest.width >= recipe.social[0] and largest.height >= recipe.social[1]
        card = _social(largest if fits else image, recipe.social)
        manifest.social = _save(card, folder, "og", "jpeg", recipe)
    return manifest


def _needed(width: int, height: int, largest: int, social: tuple[int, int] | None) -> tuple:
    """Smallest decode (oriented) from which every target and the social crop can be cut."""
    need_w, need_h = largest, largest * height / width
    if social:
        scale = max(social[0] / width, social[1] / height)
        need_w, need_h = max(need_w, width * scale), max(need_h, height * scale)
    return min(width, math.ceil(need_w)), min(height, math.ceil(need_h))


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA pixels in sRGB, whatever mode, depth and profile came in."""
    icc = image.info.get("icc_profile")
    if image.mode in _SIXTEEN_BIT or image.mode == "F":
        # convert("L") clips 16-bit values at 255 (a white picture): scale them down instead.
        wide = image.convert("F") if image.mode == "F" else image.convert("I")
        top = wide.getextrema()[1]
        factor = 1 / 256 if top > 255 else (255 if image.mode == "F" and top <= 1 else 1)
        image = wide.point(lambda v: v * factor).convert("L")
    elif image.mode in ("P", "PA", "LA", "1") or (
        "transparency" in image.info and image.mode in ("L", "RGB")
    ):
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    if icc and not _is_srgb(icc):
        image = _convert_profile(image, icc)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGB")  # L, CMYK without a profile, YCbCr
    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel that hides nothing
    image.info.clear()
    return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("PA", "LA", "RGBA") or "transparency" in image.info


def _is_srgb(icc: bytes) -> bool:
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return "srgb" in ImageCms.getProfileDescription(profile).lower()
    except (OSError, ImageCms.PyCMSError):
        return True  # an unreadable profile is ignored, as browsers do


def _convert_profile(image: Image.Image, icc: bytes) -> Image.Image:
    mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
    except (OSError, ImageCms.PyCMSError):
        return image  # profile and pixels disagree (e.g. a grey profile on RGB): keep pixels
    if mode == "RGBA":
        converted.putalpha(image.getchannel("A"))
    return converted


def _social(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Centre crop to the card's shape, shrunk (never enlarged) to the card's size."""
    width, height = image.size
    target_w, target_h = size
    crop_w = min(width, round(height * target_w / target_h))
    crop_h = min(height, round(crop_w * target_h / target_w))
    left, top = (width - crop_w) // 2, (height - crop_h) // 2
    card = image.crop((left, top, left + crop_w, top + crop_h))
    if crop_w > target_w:
        card = card.resize((target_w, target_h), Image.Resampling.BICUBIC)
    if card.mode == "RGBA":
        white = Image.new("RGB", card.size, "white")
        white.paste(card, mask=card.getchannel("A"))
        card = white
    return card


def _save(image: Image.Image, folder: Path, stem: str, fmt: str, recipe: Recipe) -> Variant:
    name = f"{stem}.{EXTENSIONS[fmt]}"
    image.info.clear()  # resize() copies info: no profile or EXIF may ride along
    path = folder / name
    if fmt == "avif":
        # One thread: the pool already keeps every core busy.
        image.save(path, "AVIF", quality=recipe.avif_quality, speed=recipe.avif_speed,
                   max_threads=1)
    elif fmt == "webp":
        # method 2: 2.5× faster than the default 4 for files about 6 % larger (bench/images.py).
        image.save(path, "WEBP", quality=recipe.webp_quality, method=2)
    elif fmt == "jpeg":
        # Progressive JPEG is smaller and already Huffman-optimised; optimize=True adds nothing.
        image.save(path, "JPEG", quality=recipe.jpeg_quality, progressive=True)
    else:
        image.save(path, "PNG", compress_level=6)
    return Variant(fmt, image.width, image.height, name)


def _animated(image: Image.Image, recipe: Recipe, folder: Path) -> Manifest:
    """Every frame kept: animated WebP at each width, and an animated GIF fallback."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        frames.append(frame.convert("RGBA"))
    first, (width, height) = frames[0], image.size
    loop = image.info.get("loop", 0)
    targets = widths_for(width, recipe.widths)
    manifest = Manifest(width=width, height=height, fallback="gif", animated=True)
    for index, target in enumerate(targets):
        size = (target, max(1, round(target * height / width)))
        if frames[0].size != size:
            frames = [f.resize(size, Image.Resampling.LANCZOS) for f in frames]
        for fmt in ("webp", "gif") if index == 0 else ("webp",):
            if fmt == "webp" and "webp" not in recipe.formats:
                continue
            for f in frames:
                f.info.clear()
            name = f"{target}.{EXTENSIONS[fmt]}"
            extra = {"disposal": 2} if fmt == "gif" else {"quality": recipe.webp_quality}
            frames[0].save(folder / name, fmt.upper(), save_all=True, append_images=frames[1:],
                           duration=durations, loop=loop, **extra)
            manifest.variants.append(Variant(fmt, size[0], size[1], name))
    if recipe.social:
        manifest.social = _save(_social(first, recipe.social), folder, "og", "jpeg", recipe)
    return manifest
