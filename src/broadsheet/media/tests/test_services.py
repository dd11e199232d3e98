"""Uploading images: validation with clear errors, and renditions for srcset."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from broadsheet.media.renditions import rendition_name
from broadsheet.media.selectors import picture
from broadsheet.media.services import upload_image

pytestmark = pytest.mark.django_db


def _jpeg(width, height, fmt="JPEG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 40)).save(buffer, format=fmt)
    return ContentFile(buffer.getvalue(), name=f"picture.{fmt.lower()}")


def test_upload_makes_webp_and_jpeg_renditions_no_wider_than_the_original():
    image = upload_image(_jpeg(1000, 500), alt_text="A red square")
    assert (image.width, image.height) == (1000, 500)
    assert image.rendition_widths == [320, 640, 960, 1000]
    for width in image.rendition_widths:
        for fmt in ("webp", "jpeg"):
            name = rendition_name(image.file.name, width, fmt)
            assert default_storage.exists(name)
    with default_storage.open(rendition_name(image.file.name, 320, "webp")) as handle:
        assert PILImage.open(handle).size == (320, 160)


def test_picture_gives_srcsets_and_intrinsic_size():
    pic = picture(upload_image(_jpeg(1000, 500), alt_text="A red square", caption="Red", credit="Desk"))
    assert pic.webp_srcset.count("w, ") == 3
    assert pic.webp_srcset.endswith("-1000w.webp 1000w")
    assert (pic.width, pic.height, pic.alt) == (1000, 500, "A red square")
    assert pic.src.endswith("-960w.jpg")


def test_alt_text_is_required():
    with pytest.raises(ValidationError, match="Describe the picture"):
        upload_image(_jpeg(100, 100), alt_text="  ")


def test_a_file_that_is_not_an_image_is_refused_clearly():
    with pytest.raises(ValidationError, match="not an image we can read"):
        upload_image(ContentFile(b"%PDF-1.4 not a picture", name="report.jpg"), alt_text="x")


def test_an_oversized_file_is_refused_with_its_size(settings):
    settings.BROADSHEET = {"max_upload_bytes": 1000}
    with pytest.raises(ValidationError, match="images may be at most"):
        upload_image(_jpeg(400, 400), alt_text="x")


def test_a_pixel_flood_is_refused_before_decoding(settings):
    settings.BROADSHEET = {"max_image_pixels": 10_000}
    with pytest.raises(ValidationError, match="pixels"):
        upload_image(_jpeg(200, 200), alt_text="x")


def test_unsupported_formats_are_named_in_the_error():
    with pytest.raises(ValidationError, match="BMP images are not accepted"):
        upload_image(_jpeg(50, 50, fmt="BMP"), alt_text="x")
