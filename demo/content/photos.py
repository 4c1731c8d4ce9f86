"""Lead photos for the demo's stories, drawn rather than downloaded."""

import functools
import io
import random

from PIL import Image, ImageDraw, ImageFilter


# The same seed draws the same picture: a process that loads the demo again
# (the browser tests, for each test) draws each once.
@functools.cache
def lead_photo(seed: str, palette: tuple[tuple[int, int, int], ...]) -> bytes:
    """A JPEG drawn from a seed: a sky gradient, hills and a sun."""
    rng = random.Random(seed)
    width, height = 1200, 675
    top, bottom = palette
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(
                round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)
            ),
        )
    sun_x, sun_y = rng.randint(200, 1000), rng.randint(90, 260)
    draw.ellipse([sun_x - 70, sun_y - 70, sun_x + 70, sun_y + 70], fill=(250, 235, 200))
    for layer in range(4):
        shade = tuple(max(0, round(c * (0.75 - layer * 0.15))) for c in top)
        base = 380 + layer * 75
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base + rng.randint(-60, 40)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=82, optimize=True)
    return output.getvalue()
