"""Builders for test content; each goes through the same services the newsroom uses."""

from __future__ import annotations

import io
import itertools
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from broadsheet.content import services
from broadsheet.content.models import Article, Author, Section, Tag
from broadsheet.media.models import Image
from broadsheet.media.services import upload_image

_numbers = itertools.count(1)


def make_section(name: str | None = None, **fields) -> Section:
    name = name or f"Section {next(_numbers)}"
    return services.save_section(Section(name=name, **fields), by=None)


def make_tag(name: str | None = None) -> Tag:
    return services.get_or_create_tag(name or f"Tag {next(_numbers)}")


def make_author(name: str | None = None, **fields) -> Author:
    name = name or f"Writer {next(_numbers)}"
    slug = fields.pop("slug", None) or name.lower().replace(" ", "-")
    return Author.objects.create(name=name, slug=slug, **fields)


def make_image(width: int = 1600, height: int = 900, *, alt_text: str = "A test picture", **fields) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 90, 160)).save(buffer, format="JPEG")
    return upload_image(ContentFile(buffer.getvalue(), name="test.jpg"), alt_text=alt_text, **fields)


def make_article(
    headline: str | None = None,
    *,
    section: Section | None = None,
    bylines=None,
    tags=(),
    publish: bool = True,
    published_at: datetime | None = None,
    by: User | None = None,
    **fields,
) -> Article:
    article = services.create_article(
        by=by,
        headline=headline or f"Story number {next(_numbers)}",
        section=section or make_section(),
        bylines=["Agency Staff"] if bylines is None else bylines,
        tags=tags,
        body=fields.pop("body", "<p>First paragraph.</p><p>Second paragraph.</p>"),
        **fields,
    )
    if publish:
        services.publish_article(article, by=None, at=published_at or timezone.now() - timedelta(minutes=5))
    return article
