"""Every write to the media library: uploading an image validates it and makes its renditions."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from broadsheet.conf.config import config
from broadsheet.media.models import Image
from broadsheet.media.renditions import rendition_name

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Markup that would run as a document if a browser were ever talked into rendering it.
_MARKUP_STARTS = (b"<svg", b"<?xml", b"<!doctype", b"<html", b"<script")


@dataclass(frozen=True)
class CheckedImage:
    width: int
    height: int
    format: str


def check_image_upload(upload: UploadedFile | ContentFile) -> CheckedImage:
    """Return the upload's size and format, or raise ValidationError saying what is wrong with it."""
    limits = config()
    size = upload.size or 0
    if size > limits.max_upload_bytes:
        raise ValidationError(
            f"This file is {size / 1_048_576:.1f} MB; images may be at most "
            f"{limits.max_upload_bytes / 1_048_576:.0f} MB. Export a smaller JPEG or WebP and try again.",
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    upload.seek(0)
    if head.startswith(_MARKUP_STARTS) or b"<svg" in head:
        raise ValidationError(
            "SVG and other markup files are not accepted: they can carry scripts. Export a PNG or JPEG and try again.",
            code="svg",
        )
    try:
        with PILImage.open(upload) as probe:
            fmt = probe.format or ""
            width, height = probe.size
            # Only the header has been read so far: a pixel flood is refused before any decoding.
            # Every frame of an animation is decoded for renditions, so frames count too.
            if width * height * getattr(probe, "n_frames", 1) > limits.max_image_pixels:
                raise ValidationError(
                    f"This image is {width} × {height} pixels, more than the "
                    f"{limits.max_image_pixels:,} pixels we accept. Resize it and try again.",
                    code="too_many_pixels",
                )
            probe.verify()  # checks the structure: a renamed PDF fails here
        upload.seek(0)
        with PILImage.open(upload) as decoded:
            decoded.load()  # decodes the pixels: a truncated or corrupt file fails here, not in a rendition
    except ValidationError:
        raise
    except PILImage.DecompressionBombError as exc:  # so large Pillow refuses even to read its size
        raise ValidationError(
            f"This image has far more than the {limits.max_image_pixels:,} pixels we accept. Resize it and try again.",
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF.", code="not_an_image"
        ) from exc
    finally:
        upload.seek(0)
    if fmt not in ACCEPTED_FORMATS:
        raise ValidationError(
            f"{fmt or 'This'} images are not accepted. Upload a JPEG, PNG, WebP or GIF.", code="bad_format"
        )
    return CheckedImage(width=width, height=height, format=fmt)


@transaction.atomic
def upload_image(
    upload: UploadedFile | ContentFile,
    *,
    alt_text: str,
    caption: str = "",
    credit: str = "",
    title: str = "",
) -> Image:
    """Store a checked image in the library and make its renditions."""
    if not alt_text.strip():
        raise ValidationError({"alt_text": "Describe the picture for readers who cannot see it."})
    checked = check_image_upload(upload)
    image = Image(alt_text=alt_text.strip(), caption=caption.strip(), credit=credit.strip(), title=title.strip())
    # The server names the file: nothing of the uploader's file name reaches a path or a URL.
    image.file.save(f"{uuid.uuid4().hex}.{EXTENSIONS[checked.format]}", upload, save=False)
    image.save()
    make_renditions(image)
    return image


def make_renditions(image: Image) -> list[int]:
    """Render the image at every configured width up to its own, as WebP and JPEG; return the widths."""
    widths = [w for w in config().rendition_widths if w < image.width] + [image.width]
    with image.file.open("rb") as handle, PILImage.open(handle) as original:
        picture = ImageOps.exif_transpose(original)
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        for width in widths:
            height = max(1, round(image.height * width / image.width))
            resized = picture if width == image.width else picture.resize((width, height), PILImage.Resampling.LANCZOS)
            for fmt, quality in (("webp", 80), ("jpeg", 82)):
                buffer = io.BytesIO()
                resized.save(buffer, format=fmt.upper(), quality=quality, optimize=True)
                name = rendition_name(str(image.file.name), width, fmt)
                if default_storage.exists(name):
                    default_storage.delete(name)
                default_storage.save(name, ContentFile(buffer.getvalue()))
    image.rendition_widths = widths
    image.save(update_fields=["rendition_widths"])
    return widths


def update_image(image: Image, *, alt_text: str, caption: str, credit: str, title: str) -> Image:
    """Change an image's words (the file itself is replaced by uploading a new image)."""
    if not alt_text.strip():
        raise ValidationError({"alt_text": "Describe the picture for readers who cannot see it."})
    image.alt_text, image.caption, image.credit, image.title = (
        alt_text.strip(),
        caption.strip(),
        credit.strip(),
        title.strip(),
    )
    image.save(update_fields=["alt_text", "caption", "credit", "title"])
    return image
