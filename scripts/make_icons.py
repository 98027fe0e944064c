"""Draw the app's PNG icons once; the results are committed under static/icons/.

Run again only to change the design: `.venv/bin/python scripts/make_icons.py`.
A white footprint (sole and five toes) on the theme colour. The "any" icons have rounded
corners; the maskable ones fill the square and keep the footprint inside the central 80%
circle that every launcher's mask leaves visible.
"""

from pathlib import Path

from PIL import Image, ImageDraw

THEME = (10, 44, 117, 255)
WHITE = (255, 255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
SUPERSAMPLE = 4


def draw_foot(draw: ImageDraw.ImageDraw, size: int, scale: float) -> None:
    # Coordinates on a 100-unit square, centred, shrunk by `scale`.
    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
        return tuple(size * (50 + (v - 50) * scale) / 100 for v in (x0, y0, x1, y1))

    draw.ellipse(box(33, 36, 67, 88), fill=WHITE)  # sole
    draw.ellipse(box(36, 58, 62, 92), fill=WHITE)  # heel
    toes = [
        (34, 17, 48, 33),
        (49, 14, 60, 27),
        (60, 19, 69, 29),
        (67, 26, 75, 34),
        (72, 34, 79, 41),
    ]
    for toe in toes:
        draw.ellipse(box(*toe), fill=WHITE)


def icon(size: int, maskable: bool) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=THEME)
        draw_foot(draw, big, 0.7)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=THEME)
        draw_foot(draw, big, 0.9)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        icon(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
        icon(size, maskable=True).save(OUT / f"icon-maskable-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
