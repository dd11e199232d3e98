"""The demo's advertising: house ads for the paper's own offers (drawn with Pillow, light and dark) and one snippet."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class HouseAdSpec:
    key: str
    name: str
    slots: tuple[str, ...]
    size: tuple[int, int]
    headline: str
    line: str
    button: str
    path: str  # on the demo site
    accent: RGB
    weight: int = 1


HOUSE_ADS = (
    HouseAdSpec("subscribe", "Courier subscription drive", ("header",), (970, 250),
                "Read the whole estuary.", "Every story, every morning, for less than a ferry ticket.",
                "Subscribe", "/news/", (196, 62, 44), weight=3),
    HouseAdSpec("newsletter", "Morning Tide newsletter", ("in_article",), (336, 280),
                "The Morning Tide", "Five stories before your coffee cools. Free, daily.",
                "Sign up", "/opinion/", (30, 96, 140)),
    HouseAdSpec("events", "Courier Live talks", ("below_article",), (300, 250),
                "Courier Live", "Our reporters on stage at the Corn Exchange, every second Thursday.",
                "Book a seat", "/culture/", (112, 68, 150)),
    HouseAdSpec("archive", "Hundred years of the Courier", ("rail",), (300, 600),
                "A century of front pages", "Search the Courier archive from 1925 to yesterday.",
                "Open the archive", "/science/", (40, 118, 84)),
)  # fmt: skip

SNIPPET_NAME = "Estuary Ferries (network snippet, isolated)"
SNIPPET_SLOTS = ("below_article", "in_article")
# Original, harmless creative: a sponsor's card whose line changes every few seconds.
SNIPPET_CODE = """<div id="card" style="box-sizing:border-box;width:300px;height:250px;padding:20px;
font-family:system-ui,sans-serif;background:linear-gradient(160deg,#0c4a6e,#0e7490);color:#fff">
<p style="margin:0;font-size:12px;letter-spacing:.1em;text-transform:uppercase">Estuary Ferries</p>
<p id="line" style="margin:18px 0;font-size:24px;font-weight:700;line-height:1.2">Cross the water in twelve minutes.</p>
<a href="https://ferries.example/timetable" target="_blank" rel="noopener"
style="display:inline-block;background:#fde68a;color:#0c4a6e;padding:8px 14px;border-radius:4px;
font-weight:700;text-decoration:none">See the timetable</a></div>
<script>
var lines = ["Cross the water in twelve minutes.", "Bikes travel free before nine.", "Sunset sailings every Friday."];
var n = 0;
setInterval(function () { n = (n + 1) % lines.length; document.getElementById("line").textContent = lines[n]; }, 3500);
</script>"""

ADS_TXT = """\
# ads.txt for The Merrowport Courier (demo: the ad systems and accounts are invented)
adnetwork.example, 1234567, DIRECT
exchange.example, pub-000111222, RESELLER, 0a1b2c3d4e
CONTACT=adops@merrowport-courier.example
"""


def _font(size: int, *, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSerif-Bold.ttf" if bold else "DejaVuSans.ttf", size)
    except OSError:  # DejaVu missing: Pillow's own font stands in
        return ImageFont.load_default(size=size)


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int
) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def draw_house_ad(spec: HouseAdSpec, *, dark: bool) -> Image.Image:
    """Return the house ad's artwork at its slot size, in the light or the dark palette."""
    w, h = spec.size
    paper, ink = ((24, 24, 26), (236, 232, 222)) if dark else ((255, 252, 244), (26, 28, 34))
    accent = tuple(min(255, c + 50) for c in spec.accent) if dark else spec.accent
    img = Image.new("RGB", (w, h), paper)
    draw = ImageDraw.Draw(img)
    border = max(3, w // 120)
    draw.rectangle((0, 0, w - 1, h - 1), outline=accent, width=border)
    wide = w > 2 * h  # a banner: words left, button right; otherwise stacked
    pad = max(14, h // 10) if wide else max(14, w // 14)
    title = _font(max(18, int(h * 0.2) if wide else int(w * 0.1)), bold=True)
    body = _font(max(12, int(h * 0.085) if wide else int(w * 0.052)), bold=False)
    button = _font(max(13, int(h * 0.08) if wide else int(w * 0.055)), bold=True)
    text_width = int(w * 0.62) if wide else w - 2 * pad
    y = pad
    for line in _wrap(draw, spec.headline, title, text_width):
        draw.text((pad, y), line, font=title, fill=ink)
        y += int(title.size * 1.15) if hasattr(title, "size") else 24
    y += pad // 2
    for line in _wrap(draw, spec.line, body, text_width):
        draw.text((pad, y), line, font=body, fill=ink)
        y += int(body.size * 1.35) if hasattr(body, "size") else 16
    if h > 1.5 * w:  # a tall rail: a fanned stack of miniature front pages fills the middle
        for i in range(3):
            left, top = pad + i * w // 10, y + pad + i * h // 22
            page = (left, top, left + w // 2, top + int(w * 0.65))
            draw.rectangle(page, fill=paper, outline=ink, width=2)
            draw.rectangle((page[0] + 8, page[1] + 8, page[2] - 8, page[1] + 20), fill=accent)
            for row in range(5):
                line_y = page[1] + 30 + row * 14
                draw.line((page[0] + 8, line_y, page[2] - 8 - (row % 2) * 20, line_y), fill=ink, width=2)
    label_width = int(draw.textlength(spec.button, font=button))
    bw, bh = label_width + 2 * pad, int((button.size if hasattr(button, "size") else 14) * 2.2)
    bx, by = (w - bw - pad, (h - bh) // 2) if wide else (pad, h - bh - pad)
    draw.rounded_rectangle((bx, by, bx + bw, by + bh), radius=bh // 4, fill=accent)
    draw.text((bx + pad, by + bh / 2), spec.button, font=button, fill=paper, anchor="lm")
    return img
