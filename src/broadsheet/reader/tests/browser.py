"""Helpers for the browser tests: a small newspaper's worth of content and colour arithmetic."""

from __future__ import annotations

import io
import mimetypes
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from broadsheet.content import services
from broadsheet.content.models import SiteSettings
from broadsheet.content.tests.factories import make_article, make_author, make_section, make_tag
from broadsheet.media.models import Image
from broadsheet.media.services import upload_image

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[4] / "screenshots"  # the repository root, git-ignored

LONG_BODY = """
<p>Officials opened the new river crossing on Tuesday after six years of work, promising shorter
journeys for the two million people who live on either bank of the estuary.</p>
<p>The bridge carries four lanes of traffic, a light-rail line and a protected cycle path. Engineers
said it was designed to stand for a century and to ride out the strongest typhoons on record.</p>
<p>“We built it for our grandchildren,” said the project's chief engineer, standing on the deck as
the first buses rolled across. “They will cross it without thinking about it, which is the point.”</p>
<h2>A long road to the opening</h2>
<p>The plan was first drawn up more than a decade ago, when ferry queues on summer weekends
stretched for hours. Two rounds of public consultation changed the route and added the rail line.</p>
<blockquote><p>Nobody will remember the delays. They will remember that the ferry queue is
gone.</p></blockquote>
<p>Residents near the southern approach said construction noise had been hard to live with, but most
welcomed the result. Shopkeepers expect more visitors from the northern districts.</p>
<h2>What happens next</h2>
<p>Tolls will be waived for the first month. The transport bureau will publish traffic counts every
week, and a review of the bus network is due in the spring.</p>
<ul><li>Light-rail services start next Monday.</li><li>The old ferry pier becomes a public park.</li></ul>
<p>The city's next project, a tunnel under the harbour, is still at the design stage.</p>
"""


HEADLINES = [
    ("World", "Harbour towns brace for the busiest tourist season in a decade"),
    ("World", "Mountain villages vote to share one school between three valleys"),
    ("World", "Island ferry timetable doubles as the new bridge takes the lorries"),
    ("Business", "Small bakeries band together to buy flour at wholesale prices"),
    ("Business", "Port workers agree a four-day week in a trial running to the summer"),
    ("Business", "Rents in the old town fall for the first time since records began"),
    ("Sport", "Late goal sends the river club into the cup semi-final"),
    ("Sport", "Marathon organisers move the start to dawn to beat the heat"),
    ("Sport", "Junior rowing squad wins its first national title in twenty years"),
    ("Sport", "Veteran goalkeeper signs one more season at the age of forty-one"),
    ("Culture", "A forgotten opera returns to the stage after a century in an archive"),
    ("Culture", "The city library stays open all night for its two hundredth birthday"),
    ("Culture", "Street photographers fill the old customs house with portraits of the docks"),
    ("Culture", "Choir of dockworkers records its first album in a disused grain silo"),
]


@dataclass(frozen=True)
class Paper:
    """Addresses of the pages the tests visit."""

    home: str
    section: str
    article: str
    other_article: str


def make_photo(
    name: str, top: tuple[int, int, int], bottom: tuple[int, int, int], *, width: int = 960, **fields
) -> Image:
    """A picture with a vertical gradient and a horizon, so screenshots resemble real photographs."""
    height = width * 5 // 8
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        shade = tuple(round(a + (b - a) * y / height) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=shade)
    draw.rectangle([0, int(height * 0.72), width, height], fill=tuple(c // 2 for c in bottom))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return upload_image(ContentFile(buffer.getvalue(), name=f"{name}.jpg"), **fields)


def build_paper() -> Paper:
    """Publish a front page's worth of stories in several sections; return the pages to visit."""
    services.save_site_settings(
        SiteSettings(pk=1, publication_name="The Broadsheet", tagline="Independent news, every day"), by=None
    )
    sections = {
        name: make_section(name, order=index)
        for index, name in enumerate(["World", "Business", "Sport", "Culture"], start=1)
    }
    world = sections["World"]
    bridge = make_photo(
        "bridge",
        (120, 170, 210),
        (40, 70, 90),
        width=1280,
        alt_text="A long cable-stayed bridge over a wide grey estuary at dusk",
        caption="The new crossing seen from the northern bank on its opening day.",
        credit="Photo: Broadsheet Staff",
    )
    market = make_photo("market", (230, 190, 120), (110, 60, 30), alt_text="Stalls at a covered market")
    pitch = make_photo("pitch", (150, 200, 240), (30, 110, 40), alt_text="A football pitch under floodlights")
    now = timezone.now()
    ana = make_author("Ana Ruiz", role="Business correspondent")
    other = make_article(
        "Ferry operators look for new routes as passengers drift away",
        section=world,
        bylines=[ana],
        dek="Crews say the last summer of queues was also their best.",
        lead_image=market,
        published_at=now - timedelta(hours=3),
    )
    images = [market, None, pitch, None]
    for index, (section, headline) in enumerate(HEADLINES):
        make_article(
            headline,
            section=sections[section],
            bylines=[ana] if index % 3 == 0 else ["Agency Staff"],
            dek="A short summary of the story that sits under the headline on the section page.",
            lead_image=images[index % len(images)],
            published_at=now - timedelta(hours=4 + index),
        )
    article = make_article(
        "City opens the longest river crossing in its history after six years of work",
        section=world,
        bylines=["The Example Times"],
        kicker="Infrastructure",
        dek="The bridge and its rail line cut the journey between the two banks from an hour to ten minutes.",
        dateline="Beijing",
        lead_image=bridge,
        body=LONG_BODY,
        tags=[make_tag("Transport"), make_tag("Cities"), make_tag("Engineering")],
        published_at=now - timedelta(minutes=30),
    )
    return Paper(
        home="/",
        section=world.get_absolute_url(),
        article=article.get_absolute_url(),
        other_article=other.get_absolute_url(),
    )


def serve_media(route) -> None:
    """Answer /media/ requests from this test's MEDIA_ROOT (the URLconf fixed its root at import)."""
    relative = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    if root not in path.parents or not path.is_file():
        route.fulfill(status=404, body="not found")
        return
    route.fulfill(
        status=200,
        body=path.read_bytes(),
        content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
    )


_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)")
_SRGB = re.compile(r"color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)")


def parse_colour(css: str) -> tuple[float, float, float]:
    """Channels 0–255 from a computed colour ("rgb(…)" or "color(srgb …)")."""
    if match := _RGB.match(css):
        return tuple(float(part) for part in match.groups())  # type: ignore[return-value]
    if match := _SRGB.match(css):
        return tuple(float(part) * 255 for part in match.groups())  # type: ignore[return-value]
    raise ValueError(f"Cannot read the colour {css!r}")


def luminance(css: str) -> float:
    """WCAG 2 relative luminance of a computed colour."""

    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in parse_colour(css))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two computed colours (1 to 21)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
