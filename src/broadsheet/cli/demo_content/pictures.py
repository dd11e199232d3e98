"""The demo's pictures, drawn with Pillow when the demo loads: lead images, avatars and the logo."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

RGB = tuple[int, int, int]
Size = tuple[int, int]
CREDIT = "Illustration: Broadsheet demo"
LEAD_SIZE: Size = (1600, 1000)
AVATAR_SIZE = 400


def _gradient(size: Size, top: RGB, bottom: RGB) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _shade(colour: RGB, amount: int) -> RGB:
    r, g, b = (max(0, min(255, c + amount)) for c in colour)
    return (r, g, b)


def _stroke(size: Size, fraction: float = 1 / 400) -> int:
    return max(1, round(size[0] * fraction))


def _skyline(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (28, 40, 88), (244, 160, 112))
    draw = ImageDraw.Draw(img)
    draw.ellipse((w * 0.62, h * 0.42, w * 0.74, h * 0.61), fill=(255, 214, 150))
    x = 0.0
    while x < w:
        bw = w * rng.uniform(0.035, 0.09)
        top = h * rng.uniform(0.3, 0.62)
        body = _shade((34, 38, 60), rng.randint(-10, 12))
        draw.rectangle((x, top, x + bw, h), fill=body)
        for wy in range(int(top + h * 0.03), h, max(2, int(h * 0.04))):
            for wx in range(int(x + bw * 0.15), int(x + bw * 0.85), max(2, int(w * 0.012))):
                if rng.random() < 0.35:
                    draw.rectangle((wx, wy, wx + w * 0.005, wy + h * 0.012), fill=(250, 214, 120))
        x += bw + w * rng.uniform(0, 0.01)
    draw.rectangle((0, h * 0.9, w, h), fill=(22, 26, 44))
    return img


def _harbour(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (150, 196, 230), (232, 240, 246))
    draw = ImageDraw.Draw(img)
    sea = _gradient((w, int(h * 0.42)), (52, 104, 150), (20, 50, 86))
    img.paste(sea, (0, int(h * 0.58)))
    for i in range(3):  # cranes on the far quay
        cx = w * (0.1 + 0.12 * i)
        draw.line((cx, h * 0.58, cx, h * 0.22), fill=(200, 80, 50), width=_stroke(size, 1 / 160))
        draw.line((cx - w * 0.04, h * 0.24, cx + w * 0.1, h * 0.24), fill=(200, 80, 50), width=_stroke(size))
    draw.rectangle((0, h * 0.55, w, h * 0.58), fill=(90, 92, 96))
    for _ in range(6):
        bx, by = w * rng.uniform(0.35, 0.9), h * rng.uniform(0.64, 0.9)
        bw = w * rng.uniform(0.06, 0.12)
        hull = [(bx, by), (bx + bw, by), (bx + bw * 0.85, by + h * 0.05), (bx + bw * 0.15, by + h * 0.05)]
        draw.polygon(hull, fill=rng.choice([(236, 236, 230), (180, 40, 40), (240, 190, 60), (30, 60, 90)]))
        draw.line((bx + bw / 2, by, bx + bw / 2, by - h * 0.18), fill=(60, 60, 60), width=_stroke(size))
        draw.polygon([(bx + bw / 2, by - h * 0.17), (bx + bw / 2, by - h * 0.02), (bx + bw * 0.95, by - h * 0.02)],
                     fill=(250, 248, 240))  # fmt: skip
    for _ in range(40):
        rx, ry = w * rng.random(), h * rng.uniform(0.6, 1)
        draw.line((rx, ry, rx + w * 0.04, ry), fill=(120, 170, 210), width=_stroke(size))
    return img


def _bar_chart(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size, (246, 243, 236))
    draw = ImageDraw.Draw(img)
    for i in range(1, 6):
        y = h * (0.12 + 0.15 * i)
        draw.line((w * 0.08, y, w * 0.94, y), fill=(214, 208, 196), width=_stroke(size))
    value = 0.3
    for i in range(12):
        value = max(0.1, min(0.95, value + rng.uniform(-0.08, 0.14)))
        x = w * (0.1 + i * 0.07)
        colour = (22, 120, 128) if i < 11 else (226, 110, 60)
        draw.rectangle((x, h * (0.87 - 0.72 * value), x + w * 0.05, h * 0.87), fill=colour)
    draw.line((w * 0.08, h * 0.87, w * 0.94, h * 0.87), fill=(60, 60, 60), width=_stroke(size, 1 / 300))
    return img


def _line_chart(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (18, 30, 58), (30, 52, 92))
    draw = ImageDraw.Draw(img, "RGBA")
    points = []
    value = 0.5
    for i in range(25):
        value = max(0.1, min(0.9, value + rng.uniform(-0.1, 0.1)))
        points.append((w * (0.05 + i * 0.0375), h * (0.9 - 0.7 * value)))
    draw.polygon([*points, (points[-1][0], h * 0.92), (points[0][0], h * 0.92)], fill=(90, 200, 220, 70))
    draw.line(points, fill=(120, 230, 240), width=_stroke(size, 1 / 250), joint="curve")
    for px, py in points[::4]:
        r = w * 0.006
        draw.ellipse((px - r, py - r, px + r, py + r), fill=(255, 255, 255))
    return img


def _hills(size: Size, rng: random.Random, greens: list[RGB]) -> Image.Image:
    w, h = size
    img = _gradient(size, (140, 190, 235), (246, 232, 200))
    draw = ImageDraw.Draw(img)
    for layer, colour in enumerate(greens):
        base = h * (0.45 + 0.13 * layer)
        phase, amp = rng.uniform(0, math.tau), h * rng.uniform(0.03, 0.07)
        outline = [(x, base + amp * math.sin(x / w * math.tau * 1.3 + phase)) for x in range(0, w + 20, 20)]
        draw.polygon([*outline, (w, h), (0, h)], fill=colour)
        for row in range(1, 5):  # furrows on each hill
            y_off = h * 0.025 * row
            draw.line([(x, y + y_off) for x, y in outline], fill=_shade(colour, -18), width=_stroke(size))
    return img


def _fields(size: Size, rng: random.Random) -> Image.Image:
    return _hills(size, rng, [(120, 160, 90), (200, 180, 90), (96, 140, 70), (70, 110, 60)])


def _mountains(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (96, 120, 160), (220, 226, 232))
    draw = ImageDraw.Draw(img, "RGBA")
    for layer, colour in enumerate([(120, 130, 150), (80, 92, 110), (48, 58, 72)]):
        x = -w * 0.1
        while x < w:
            peak_w = w * rng.uniform(0.2, 0.35)
            peak_h = h * (0.25 + 0.1 * layer + rng.uniform(0, 0.15))
            draw.polygon([(x, h), (x + peak_w / 2, h - peak_h - h * 0.15 * (2 - layer)), (x + peak_w, h)],
                         fill=colour)  # fmt: skip
            x += peak_w * 0.6
    for _ in range(14):  # steam from the vents
        sx, sy, r = w * rng.uniform(0.2, 0.8), h * rng.uniform(0.35, 0.7), w * rng.uniform(0.03, 0.07)
        draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(255, 255, 255, 60))
    return img


def _pitch(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size, (40, 44, 52))
    draw = ImageDraw.Draw(img)
    left, top, right, bottom = w * 0.08, h * 0.12, w * 0.92, h * 0.88
    stripes = 12
    for i in range(stripes):
        x0 = left + (right - left) * i / stripes
        draw.rectangle((x0, top, x0 + (right - left) / stripes, bottom), fill=(54, 140, 70) if i % 2 else (66, 156, 82))
    line, lw = (245, 245, 240), _stroke(size, 1 / 300)
    draw.rectangle((left, top, right, bottom), outline=line, width=lw)
    draw.line(((left + right) / 2, top, (left + right) / 2, bottom), fill=line, width=lw)
    r = h * 0.12
    draw.ellipse(((left + right) / 2 - r, h / 2 - r, (left + right) / 2 + r, h / 2 + r), outline=line, width=lw)
    for x0, x1 in ((left, left + w * 0.12), (right - w * 0.12, right)):
        draw.rectangle((x0, h * 0.32, x1, h * 0.68), outline=line, width=lw)
    for _ in range(900):  # the crowd
        cx = rng.uniform(0, w)
        cy = rng.choice([rng.uniform(0, top - 4), rng.uniform(bottom + 4, h)])
        dot = max(1.0, w * 0.003)
        draw.ellipse((cx, cy, cx + dot, cy + dot), fill=rng.choice([(200, 40, 50), (240, 240, 240), (90, 90, 110)]))
    return img


def _stage(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size, (20, 12, 16))
    draw = ImageDraw.Draw(img, "RGBA")
    folds = 18
    for i in range(folds):
        x0 = w * i / folds
        shade = 40 if i % 2 else 0
        draw.rectangle((x0, 0, x0 + w / folds, h * 0.78), fill=(120 + shade, 20, 30))
    draw.rectangle((w * 0.22, h * 0.08, w * 0.78, h * 0.78), fill=(26, 16, 22))
    draw.rectangle((0, h * 0.78, w, h), fill=(92, 60, 36))
    draw.polygon([(w * 0.46, 0), (w * 0.54, 0), (w * 0.68, h * 0.9), (w * 0.32, h * 0.9)], fill=(255, 230, 160, 70))
    draw.ellipse((w * 0.32, h * 0.84, w * 0.68, h * 0.96), fill=(255, 230, 160, 110))
    draw.rectangle((0, 0, w, h * 0.07), fill=(150, 24, 36))
    for i in range(8):  # scalloped pelmet
        x0 = w * i / 8
        draw.chord((x0, h * 0.02, x0 + w / 8, h * 0.12), 0, 180, fill=(150, 24, 36))
    del rng
    return img


def _molecules(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (12, 24, 40), (20, 60, 72))
    draw = ImageDraw.Draw(img, "RGBA")
    nodes = [(w * rng.random(), h * rng.random()) for _ in range(34)]
    for i, (x0, y0) in enumerate(nodes):
        for x1, y1 in nodes[i + 1 :]:
            if math.dist((x0, y0), (x1, y1)) < w * 0.16:
                draw.line((x0, y0, x1, y1), fill=(140, 220, 230, 120), width=_stroke(size))
    for x, y in nodes:
        r = w * rng.uniform(0.008, 0.022)
        colour = rng.choice([(250, 190, 80, 230), (120, 220, 230, 230), (240, 100, 110, 230)])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    return img


def _tramlines(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (196, 210, 222), (120, 118, 112))
    draw = ImageDraw.Draw(img)
    vx, vy = w * 0.5, h * 0.42
    draw.rectangle((0, vy, w, h), fill=(110, 106, 100))
    for i in range(14):  # sleepers, closer together as they recede
        t = (i / 14) ** 2
        y = vy + (h - vy) * t
        half = w * 0.05 + w * 0.35 * t
        draw.line((vx - half, y, vx + half, y), fill=(70, 64, 58), width=max(1, round(_stroke(size) * (1 + 3 * t))))
    for side in (-1, 1):
        for offset in (0.25, 0.32):
            draw.line((vx, vy, vx + side * w * offset, h), fill=(200, 200, 204), width=_stroke(size, 1 / 250))
    draw.line((0, h * 0.18, w, h * 0.2), fill=(40, 40, 40), width=_stroke(size))
    tw, th = w * 0.12, h * 0.12
    draw.rectangle((vx - tw / 2, vy - th, vx + tw / 2, vy), fill=(226, 180, 40))
    draw.rectangle((vx - tw * 0.4, vy - th * 0.85, vx + tw * 0.4, vy - th * 0.45), fill=(60, 80, 100))
    for _ in range(6):  # buildings either side
        side = rng.choice([-1, 1])
        bx = vx + side * w * rng.uniform(0.15, 0.45)
        draw.rectangle(
            (bx - w * 0.04, h * rng.uniform(0.1, 0.3), bx + w * 0.04, vy),
            fill=_shade((140, 120, 110), rng.randint(-30, 30)),
        )
    return img


def _sunrise_sea(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (250, 176, 120), (250, 222, 196))
    draw = ImageDraw.Draw(img)
    draw.ellipse((w * 0.38, h * 0.32, w * 0.62, h * 0.7), fill=(255, 240, 200))
    for band in range(9):
        base = h * (0.5 + band * 0.06)
        phase = rng.uniform(0, math.tau)
        outline = [(x, base + h * 0.012 * math.sin(x / w * math.tau * 4 + phase)) for x in range(0, w + 20, 20)]
        draw.polygon([*outline, (w, h), (0, h)], fill=(30 + band * 6, 80 + band * 4, 130 - band * 6))
    for i in range(3):  # tidal turbine markers
        tx = w * (0.2 + 0.3 * i)
        draw.line((tx, h * 0.5, tx, h * 0.38), fill=(250, 250, 250), width=_stroke(size, 1 / 300))
        draw.ellipse((tx - w * 0.006, h * 0.37, tx + w * 0.006, h * 0.385), fill=(230, 80, 60))
    return img


def _bridge(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (170, 200, 220), (240, 236, 220))
    draw = ImageDraw.Draw(img)
    img.paste(_gradient((w, int(h * 0.35)), (96, 130, 140), (50, 80, 90)), (0, int(h * 0.65)))
    deck, stone = h * 0.45, (150, 130, 110)
    draw.rectangle((0, deck, w, deck + h * 0.05), fill=stone)
    arches = 4
    for i in range(arches):
        x0 = w * i / arches
        draw.rectangle((x0, deck, x0 + w * 0.03, h * 0.7), fill=stone)
        draw.arc(
            (x0 + w * 0.03, deck - h * 0.05, x0 + w / arches, h * 0.9),
            180,
            360,
            fill=stone,
            width=_stroke(size, 1 / 100),
        )
    draw.rectangle((w - w * 0.03, deck, w, h * 0.7), fill=stone)
    for _ in range(30):
        rx, ry = w * rng.random(), h * rng.uniform(0.7, 1)
        draw.line((rx, ry, rx + w * 0.05, ry), fill=(150, 180, 186), width=_stroke(size))
    return img


def _market(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size, (236, 226, 206))
    draw = ImageDraw.Draw(img)
    stalls = 5
    for i in range(stalls):
        x0, x1 = w * i / stalls, w * (i + 1) / stalls
        colour = rng.choice([(200, 50, 50), (40, 110, 160), (40, 140, 90), (230, 160, 40)])
        stripes = 6
        for s in range(stripes):
            sx = x0 + (x1 - x0) * s / stripes
            fill = colour if s % 2 == 0 else (250, 248, 240)
            draw.polygon(
                [
                    (sx, h * 0.2),
                    (sx + (x1 - x0) / stripes, h * 0.2),
                    (sx + (x1 - x0) / stripes, h * 0.42),
                    (sx, h * 0.42),
                ],
                fill=fill,
            )
        for s in range(stripes):  # scalloped edge
            sx = x0 + (x1 - x0) * s / stripes
            draw.chord(
                (sx, h * 0.38, sx + (x1 - x0) / stripes, h * 0.47),
                0,
                180,
                fill=colour if s % 2 == 0 else (250, 248, 240),
            )
        draw.rectangle((x0 + w * 0.01, h * 0.62, x1 - w * 0.01, h * 0.78), fill=(140, 96, 60))
        for _ in range(14):  # produce
            px, py, r = rng.uniform(x0 + w * 0.02, x1 - w * 0.02), rng.uniform(h * 0.56, h * 0.62), w * 0.012
            draw.ellipse(
                (px - r, py - r, px + r, py + r),
                fill=rng.choice([(220, 60, 40), (250, 170, 40), (110, 170, 60)]),
            )
    draw.rectangle((0, h * 0.78, w, h), fill=(120, 116, 110))
    return img


def _rain(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (90, 98, 110), (170, 176, 184))
    draw = ImageDraw.Draw(img, "RGBA")
    x = 0.0
    while x < w:  # rooftops
        rw = w * rng.uniform(0.08, 0.16)
        base = h * rng.uniform(0.55, 0.7)
        draw.polygon(
            [(x, base), (x + rw / 2, base - h * 0.12), (x + rw, base), (x + rw, h), (x, h)],
            fill=_shade((60, 56, 60), rng.randint(-12, 12)),
        )
        draw.rectangle((x + rw * 0.65, base - h * 0.14, x + rw * 0.75, base - h * 0.04), fill=(70, 60, 60))
        x += rw
    for _ in range(350):
        rx, ry = w * rng.random(), h * rng.random()
        draw.line((rx, ry, rx - w * 0.01, ry + h * 0.05), fill=(220, 230, 240, 110), width=_stroke(size, 1 / 800))
    return img


def _library(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size, (92, 62, 40))
    draw = ImageDraw.Draw(img)
    shelves = 4
    for shelf in range(shelves):
        top, bottom = h * shelf / shelves + h * 0.03, h * (shelf + 1) / shelves - h * 0.03
        x = w * 0.02
        while x < w * 0.98:
            bw = w * rng.uniform(0.012, 0.03)
            bh = (bottom - top) * rng.uniform(0.7, 0.98)
            colour = rng.choice(
                [(150, 40, 40), (40, 70, 120), (200, 170, 90), (50, 100, 70), (230, 220, 200), (90, 50, 90)]
            )
            draw.rectangle((x, bottom - bh, x + bw, bottom), fill=colour)
            draw.line(
                (x + bw * 0.2, bottom - bh * 0.8, x + bw * 0.8, bottom - bh * 0.8),
                fill=_shade(colour, 60),
                width=_stroke(size, 1 / 800),
            )
            x += bw + w * 0.002
        draw.rectangle((0, bottom, w, bottom + h * 0.03), fill=(70, 46, 30))
    return img


def _night_sky(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = _gradient(size, (6, 10, 30), (40, 50, 96))
    draw = ImageDraw.Draw(img)
    for _ in range(500):
        sx, sy = w * rng.random(), h * rng.random() * 0.8
        r = max(0.6, w * rng.uniform(0.0004, 0.0018))
        glow = rng.randint(170, 255)
        draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(glow, glow, 255))
    draw.polygon(
        [(0, h * 0.82), (w * 0.3, h * 0.74), (w * 0.6, h * 0.8), (w, h * 0.72), (w, h), (0, h)],
        fill=(14, 16, 22),
    )
    cx = w * 0.3
    draw.rectangle((cx - w * 0.05, h * 0.66, cx + w * 0.05, h * 0.76), fill=(200, 200, 206))
    draw.pieslice((cx - w * 0.05, h * 0.6, cx + w * 0.05, h * 0.72), 180, 360, fill=(220, 220, 226))
    draw.rectangle((cx - w * 0.006, h * 0.6, cx + w * 0.006, h * 0.66), fill=(30, 30, 40))
    return img


Painter = Callable[[Size, random.Random], Image.Image]


@dataclass(frozen=True, kw_only=True)
class PictureSpec:
    key: str
    paint: Painter
    alt_text: str
    caption: str

    @property
    def title(self) -> str:
        return f"Demo picture: {self.key}"


PICTURES: tuple[PictureSpec, ...] = (
    PictureSpec(key="skyline", paint=_skyline,
                alt_text="Tall buildings in silhouette against an orange evening sky, many windows lit.",
                caption="The city centre at dusk, seen from across the estuary."),
    PictureSpec(key="harbour", paint=_harbour,
                alt_text="Small boats with white sails moored in a harbour below three red cranes.",
                caption="Boats in the inner harbour, with the container cranes of the Eastgate quay behind."),
    PictureSpec(key="bar-chart", paint=_bar_chart,
                alt_text="A bar chart of twelve teal bars that rise, dip and rise again, the last bar in orange.",
                caption="Twelve months of figures, the latest highlighted."),
    PictureSpec(key="line-chart", paint=_line_chart,
                alt_text="A bright line chart wandering up and down across a dark blue background.",
                caption="The trend over the past two years has been anything but smooth."),
    PictureSpec(key="fields", paint=_fields,
                alt_text="Rolling green and golden fields with furrows under a pale sky.",
                caption="Fields in the growing season."),
    PictureSpec(key="mountains", paint=_mountains,
                alt_text="Layered grey mountain ridges with pale plumes of steam rising between them.",
                caption="Steam rises from vents in a volcanic landscape."),
    PictureSpec(key="pitch", paint=_pitch,
                alt_text="A striped football pitch seen from above, surrounded by a crowd of red and white dots.",
                caption="A full house at the Saltings Ground."),
    PictureSpec(key="stage", paint=_stage,
                alt_text="Red theatre curtains framing an empty stage lit by a single spotlight.",
                caption="The stage of the Lantern Theatre before curtain up."),
    PictureSpec(key="molecules", paint=_molecules,
                alt_text="Coloured circles joined by thin lines, like a molecular model, on a dark teal background.",
                caption="A network of connections, drawn to represent the research."),
    PictureSpec(key="tramlines", paint=_tramlines,
                alt_text="Tram rails converging towards a yellow tram in the distance between buildings.",
                caption="Tram rails lead towards the city centre."),
    PictureSpec(key="sunrise-sea", paint=_sunrise_sea,
                alt_text="A pale sun rising over layered blue waves with three small marker posts in the water.",
                caption="Marker buoys above the tidal turbines off Carrow Point."),
    PictureSpec(key="bridge", paint=_bridge,
                alt_text="A stone bridge with four arches crossing a grey-green river.",
                caption="The Old Merrow Bridge, which opened to traffic in 1842."),
    PictureSpec(key="market", paint=_market,
                alt_text="A row of market stalls under striped red, blue and yellow awnings, with fruit on the counters.",
                caption="Saturday trading at the Ropewalk market."),
    PictureSpec(key="rain", paint=_rain,
                alt_text="Rain falling in slanting streaks over a line of dark pitched roofs and chimneys.",
                caption="Rain over the rooftops of the Saltings."),
    PictureSpec(key="library", paint=_library,
                alt_text="Wooden shelves filled with books of many colours and heights.",
                caption="Shelves at the Estuary Library."),
    PictureSpec(key="night-sky", paint=_night_sky,
                alt_text="A starry night sky above a dark hill with a small white observatory dome.",
                caption="Clear skies over an observatory dome."),
)  # fmt: skip


def draw_picture(spec: PictureSpec, size: Size = LEAD_SIZE) -> Image.Image:
    """Return the picture for `spec` at `size`; the same key always draws the same picture."""
    return spec.paint(size, random.Random(spec.key))


def _font(size: int, *, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # DejaVu is on most Linux machines; Pillow's own default font stands in when it is not.
    name = "DejaVuSerif-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size=size)


def draw_avatar(initials: str, colour: RGB, size: int = AVATAR_SIZE) -> Image.Image:
    """Return a round badge with the author's initials, on a plain light background."""
    img = Image.new("RGB", (size, size), (240, 236, 228))
    draw = ImageDraw.Draw(img)
    draw.ellipse((size * 0.04, size * 0.04, size * 0.96, size * 0.96), fill=colour)
    draw.text((size / 2, size / 2), initials, font=_font(int(size * 0.36)), fill=(250, 248, 242), anchor="mm")
    return img


def draw_logo(name: str, height: int = 160, *, dark: bool = False) -> Image.Image:
    """Return the paper's wordmark: a small estuary emblem and the name, dark ink on newsprint.

    `dark` draws the dark-mode variant: pale lettering on the dark theme's page colour (#121212),
    not on transparency, because the renditions are flattened to JPEG and WebP without alpha.
    """
    font = _font(int(height * 0.5))
    left, top, right, bottom = font.getbbox(name)
    pad = int(height * 0.25)
    emblem = height - 2 * pad
    width = int(right - left) + emblem + 3 * pad
    img = Image.new("RGB", (width, height), (18, 18, 18) if dark else (255, 253, 248))
    draw = ImageDraw.Draw(img)
    ink, sea = ((236, 236, 236), (58, 132, 180)) if dark else ((24, 28, 36), (30, 96, 140))
    draw.ellipse((pad, pad, pad + emblem, pad + emblem), fill=sea)
    for i in range(3):  # three waves across the emblem
        y = pad + emblem * (0.4 + 0.17 * i)
        draw.arc(
            (pad + emblem * 0.12, y - emblem * 0.1, pad + emblem * 0.5, y + emblem * 0.1),
            200,
            340,
            fill=(255, 255, 255),
            width=max(1, height // 40),
        )
        draw.arc(
            (pad + emblem * 0.5, y - emblem * 0.1, pad + emblem * 0.88, y + emblem * 0.1),
            200,
            340,
            fill=(255, 255, 255),
            width=max(1, height // 40),
        )
    draw.text((emblem + 2 * pad - left, (height - (bottom - top)) / 2 - top), name, font=font, fill=ink)
    return img
