"""Hostile uploads: SVG and markup, pixel floods that would only show when decoded, animation floods,
truncated files, uploaders' file names, and how media is served."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageFile

from broadsheet.media.services import upload_image

pytestmark = pytest.mark.django_db


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height`: decoding it would need gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def _picture(fmt="JPEG", size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (10, 120, 200)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b'\xef\xbb\xbf  <svg xmlns="http://www.w3.org/2000/svg"/>',
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    ],
)
def test_svg_and_markup_are_refused_by_name(content):
    with pytest.raises(ValidationError, match="SVG and other markup files are not accepted"):
        upload_image(ContentFile(content, name="logo.png"), alt_text="Logo")


def test_a_pixel_flood_is_refused_from_the_header_without_decoding(monkeypatch):
    def no_decoding(self):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ValidationError, match="pixels"):
        upload_image(ContentFile(_png_header_only(40_000, 40_000), name="flood.png"), alt_text="x")


def test_an_animation_whose_frames_add_up_to_a_flood_is_refused(settings):
    settings.BROADSHEET = {"max_image_pixels": 100_000}
    frames = [PILImage.new("RGB", (100, 100), (i * 10, 0, 0)) for i in range(20)]  # 10,000 pixels each, 200,000 in all
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    with pytest.raises(ValidationError, match="pixels"):
        upload_image(ContentFile(buffer.getvalue(), name="moving.gif"), alt_text="x")


def test_a_truncated_picture_is_refused_before_it_is_stored():
    whole = _picture(size=(400, 300))
    with pytest.raises(ValidationError, match="not an image we can read"):
        upload_image(ContentFile(whole[: len(whole) // 2], name="cut.jpg"), alt_text="x")


@pytest.mark.parametrize("name", ["../../etc/passwd.jpg", "évil name.php.jpg", "a" * 300 + ".jpg", "x.html"])
def test_the_server_names_the_file_whatever_the_upload_was_called(name):
    image = upload_image(ContentFile(_picture(), name=name), alt_text="x")
    assert re.fullmatch(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", image.file.name), image.file.name


def test_the_extension_follows_the_decoded_format_not_the_name():
    image = upload_image(ContentFile(_picture(fmt="PNG"), name="really.jpg"), alt_text="x")
    assert image.file.name.endswith(".png")


def test_media_is_served_with_nosniff_and_a_policy_that_runs_nothing(client):
    image = upload_image(ContentFile(_picture(), name="p.jpg"), alt_text="x")
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
