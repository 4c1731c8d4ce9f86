"""The captcha's picture, drawn so that every letter is whole.

django-simple-captcha draws each letter into a box as tall as the letter's
ink but from the font's origin, so the bottom of a letter is cut (an "L"
reads "I"), and rotates it inside that box, cutting its corners. Here each
letter is drawn on a canvas with room around it, turned with the canvas
grown to fit, and cropped to its ink; the picture always has the same
size, so the form keeps its layout when the captcha arrives, and comes at
twice the size for high-density screens.
"""

import random
from functools import cache

from captcha.conf import settings as captcha_settings
from PIL import Image, ImageChops, ImageDraw, ImageFont

# In CSS pixels; the 2x picture has twice as many.
WIDTH = 320
HEIGHT = 80
MARGIN = 8
LETTER_GAP = 1
WORD_GAP = 12


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(captcha_settings.CAPTCHA_FONT_PATH, size)


def letter(char: str, size: int, angle: float) -> Image.Image:
    """The letter's ink as a mask, turned by angle, cropped to the ink."""
    face = font(size)
    room = size * 3
    canvas = Image.new("L", (room, room), 0)
    ImageDraw.Draw(canvas).text(
        (room // 2, room // 2), char, font=face, fill=255, anchor="mm"
    )
    canvas = canvas.crop(canvas.getbbox())
    turned = canvas.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    return turned.crop(turned.getbbox())


def letters(
    text: str, scale: int, rng: random.Random
) -> tuple[list[Image.Image | None], int]:
    """Each letter's mask (None for a space between words), at the largest
    font size at which the whole text fits the picture."""
    low, high = captcha_settings.CAPTCHA_LETTER_ROTATION or (0, 0)
    angles = [rng.uniform(low, high) for _ in text]
    size = captcha_settings.CAPTCHA_FONT_SIZE * scale
    room = ((WIDTH - 2 * MARGIN) * scale, (HEIGHT - 2 * MARGIN) * scale)
    while True:
        masks = [
            None if char == " " else letter(char, size, angle)
            for char, angle in zip(text, angles, strict=True)
        ]
        width = sum(
            mask.width + LETTER_GAP * scale if mask else WORD_GAP * scale
            for mask in masks
        )
        height = max((mask.height for mask in masks if mask), default=0)
        if (width <= room[0] and height <= room[1]) or size <= 12 * scale:
            return masks, width
        # Ink grows about in step with the font size: one step down to fit,
        # then one size at a time for rounding.
        shrink = min(room[0] / width, room[1] / height)
        size = max(12 * scale, min(size - scale, int(size * shrink)))


def place(text: str, *, scale: int, seed: str) -> tuple[Image.Image, list[Image.Image]]:
    """The ink of the text as placed on the picture, and each letter's own
    ink (for tests: all of every letter must be on the picture)."""
    rng = random.Random(seed)
    masks, width = letters(text, scale, rng)
    size = (WIDTH * scale, HEIGHT * scale)
    ink = Image.new("L", size, 0)
    x = (size[0] - width) // 2
    for mask in masks:
        if mask is None:
            x += WORD_GAP * scale
            continue
        room = size[1] - mask.height
        y = MARGIN * scale + rng.randint(0, max(0, room - 2 * MARGIN * scale))
        box = (x, y, x + mask.width, y + mask.height)
        ink.paste(ImageChops.lighter(ink.crop(box), mask), box)
        x += mask.width + LETTER_GAP * scale
    return ink, [mask for mask in masks if mask]


def draw(text: str, *, scale: int, seed: str) -> Image.Image:
    ink, _letters = place(text, scale=scale, seed=seed)
    picture = Image.new("RGB", ink.size, captcha_settings.CAPTCHA_BACKGROUND_COLOR)
    foreground = Image.new("RGB", ink.size, captcha_settings.CAPTCHA_FOREGROUND_COLOR)
    picture.paste(foreground, (0, 0), ink)
    draw_on = ImageDraw.Draw(picture)
    for noise in captcha_settings.noise_functions():
        noise(draw_on, picture)
    for smooth in captcha_settings.filter_functions():
        picture = smooth(picture)
    return picture
