"""Reads of the media library shaped for templates: an image as `<picture>` sources."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import default_storage

from broadsheet.media.models import Image
from broadsheet.media.renditions import rendition_name


@dataclass(frozen=True)
class Picture:
    """Everything a template needs to draw an image without layout shift."""

    src: str
    webp_srcset: str
    jpeg_srcset: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str
    src_width: int = 0  # the size of the `src` file itself, for social cards and structured data
    src_height: int = 0


def picture(image: Image) -> Picture:
    """Return the image's renditions as srcsets, largest last, with its intrinsic size."""
    widths = image.rendition_widths
    if not widths:  # renditions not made yet: the original still draws, just heavier
        return Picture(
            image.file.url, "", "", image.width, image.height, image.alt_text, image.caption, image.credit,
            image.width, image.height,
        )  # fmt: skip

    def srcset(fmt: str) -> str:
        return ", ".join(f"{default_storage.url(rendition_name(str(image.file.name), w, fmt))} {w}w" for w in widths)

    fallback_width = next((w for w in widths if w >= 960), widths[-1])
    return Picture(
        src=default_storage.url(rendition_name(str(image.file.name), fallback_width, "jpeg")),
        webp_srcset=srcset("webp"),
        jpeg_srcset=srcset("jpeg"),
        width=image.width,
        height=image.height,
        alt=image.alt_text,
        caption=image.caption,
        credit=image.credit,
        src_width=fallback_width,
        src_height=max(1, round(image.height * fallback_width / image.width)),
    )
