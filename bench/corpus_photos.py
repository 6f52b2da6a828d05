"""Photo-like JPEGs for generated corpora: what an image pipeline meets, without real photos.

A smooth colour field (sky, ground, light falling off), some blurred shapes and sensor-like grain:
the grain is what makes a camera JPEG large, so files weigh about what a photo of the same size
weighs (3000×2000 at quality 90: ~1.6 MB), and resizing and encoding cost what they cost on photos.
Every pixel follows from the seed: the same seed gives the same photo.
"""

import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

QUALITY = 90  # what cameras and phones write by default
GRAIN = 14  # ± levels of noise per channel
SHAPES = (30, 60)
SOFTNESS = 4  # drawn at a quarter of the size, then enlarged


def _field(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Three gradients (down, across, from a point of light), one per channel, tinted."""
    down = Image.linear_gradient("L")
    across = down.rotate(90)
    light = Image.radial_gradient("L").transform(
        (256, 256), Image.Transform.AFFINE,
        (1, 0, rng.randint(-96, 96), 0, 1, rng.randint(-96, 96)))
    channels = []
    for gradient in rng.sample([down, across, light], 3):
        low, high = sorted(rng.randint(0, 255) for _ in range(2))
        channels.append(gradient.point(lambda v, lo=low, hi=high: lo + v * (hi - lo) // 255))
    return Image.merge("RGB", channels).resize(size, Image.Resampling.BILINEAR)


def _shapes(image: Image.Image, rng: random.Random) -> None:
    """Ellipses, blocks and polygons of every size: the edges and objects of a scene."""
    width, height = image.size
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(*SHAPES)):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randint(width // 40, width // 3), rng.randint(height // 40, height // 3)
        colour = tuple(rng.randrange(256) for _ in range(3))
        kind = rng.random()
        if kind < 0.45:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        elif kind < 0.8:
            draw.rectangle((x, y, x + w, y + h), fill=colour)
        else:
            points = [(x + rng.randint(-w, w), y + rng.randint(-h, h)) for _ in range(5)]
            draw.polygon(points, fill=colour)


def _grain(image: Image.Image, rng: random.Random) -> Image.Image:
    """Uniform noise of ±GRAIN per channel, drawn from the seed (Pillow's own noise is not)."""
    noise = Image.frombytes("RGB", image.size, rng.randbytes(image.width * image.height * 3))
    noise = noise.point(lambda v: v * 2 * GRAIN // 255)
    return ImageChops.add(image, noise, offset=-GRAIN)


def photo(path: Path, size: tuple[int, int], seed: str) -> None:
    """Write one photo-like JPEG of `size` pixels to `path`; the same seed, the same bytes."""
    rng = random.Random(seed)
    sketch = _field((max(1, size[0] // SOFTNESS), max(1, size[1] // SOFTNESS)), rng)
    _shapes(sketch, rng)
    # Drawn small, softened, then enlarged: edges as soft as a lens makes them, for a
    # sixteenth of the cost of blurring the full-size image.
    image = sketch.filter(ImageFilter.GaussianBlur(1)).resize(size, Image.Resampling.BICUBIC)
    _grain(image, rng).save(path, "JPEG", quality=QUALITY)
