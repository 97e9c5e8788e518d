"""Draw retrowalk's brand images (icon and logo, light and dark) with Pillow.

Run with the develop venv's Python: it writes custom_components/retrowalk/brand/*.png.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = Path(__file__).resolve().parents[2] / "custom_components/retrowalk/brand"
TEAL = (0, 137, 123, 255)
WHITE = (255, 255, 255, 255)


def figure(draw: ImageDraw.ImageDraw, size: int, colour: tuple[int, ...]) -> None:
    """A walker stepping backwards (to the left) with an arrow behind."""
    s = size / 256
    width = round(14 * s)
    draw.ellipse((140 * s, 40 * s, 176 * s, 76 * s), fill=colour)
    hip = (150 * s, 150 * s)
    draw.line(((158 * s, 82 * s), hip), fill=colour, width=width)
    draw.line(((156 * s, 100 * s), (186 * s, 130 * s)), fill=colour, width=width)
    draw.line(((156 * s, 100 * s), (128 * s, 124 * s)), fill=colour, width=width)
    draw.line((hip, (176 * s, 214 * s)), fill=colour, width=width)
    draw.line((hip, (118 * s, 206 * s)), fill=colour, width=width)
    draw.line(((40 * s, 160 * s), (104 * s, 160 * s)), fill=colour, width=width)
    draw.polygon(((28 * s, 160 * s), (64 * s, 136 * s), (64 * s, 184 * s)), fill=colour)


def icon(size: int, dark: bool) -> Image.Image:
    """A rounded square with the walker."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    background = (38, 166, 154, 255) if dark else TEAL
    draw.rounded_rectangle(
        (0, 0, size - 1, size - 1), radius=size // 5, fill=background
    )
    figure(draw, size, WHITE)
    return image


def logo(height: int, dark: bool) -> Image.Image:
    """The icon followed by a wordmark drawn as the walker's path."""
    image = Image.new("RGBA", (height * 3, height), (0, 0, 0, 0))
    image.paste(icon(height, dark), (0, 0))
    draw = ImageDraw.Draw(image)
    colour = (224, 242, 241, 255) if dark else TEAL
    step = height // 4
    for index in range(6):
        x = height + step // 2 + index * step * 3 // 4 * 2
        y = height // 2 + (step // 3 if index % 2 else -step // 3)
        draw.ellipse((x, y - step // 5, x + step // 2, y + step // 5), fill=colour)
    return image


def main() -> None:
    """Write every brand image Home Assistant looks for."""
    BRAND.mkdir(parents=True, exist_ok=True)
    for dark in (False, True):
        prefix = "dark_" if dark else ""
        icon(256, dark).save(BRAND / f"{prefix}icon.png", optimize=True)
        icon(512, dark).save(BRAND / f"{prefix}icon@2x.png", optimize=True)
        logo(128, dark).save(BRAND / f"{prefix}logo.png", optimize=True)
        logo(256, dark).save(BRAND / f"{prefix}logo@2x.png", optimize=True)


if __name__ == "__main__":
    main()
