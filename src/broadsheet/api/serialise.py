"""Stories, sections, tags, authors and comments as the API's JSON: plain dicts, the shapes openapi.py documents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.files.storage import default_storage
from django.http import HttpRequest

from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.comments.selectors import Thread
from broadsheet.content.models import Article, Author, Byline, Correction, Section, Tag
from broadsheet.content.selectors import visible_update_time
from broadsheet.media.models import Image
from broadsheet.media.renditions import rendition_name

RENDITION_FORMATS = ("webp", "jpeg")


def when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def section(item: Section, request: HttpRequest) -> dict[str, Any]:
    return {"slug": item.slug, "name": item.name, "url": request.build_absolute_uri(item.get_absolute_url())}


def tag(item: Tag, request: HttpRequest) -> dict[str, Any]:
    return {"slug": item.slug, "name": item.name, "url": request.build_absolute_uri(item.get_absolute_url())}


def author(item: Author, request: HttpRequest) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "name": item.name,
        "role": item.role,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


def byline(item: Byline) -> dict[str, Any]:
    return {"name": item.name, "author": item.author.slug if item.author else None}


def image(item: Image, request: HttpRequest) -> dict[str, Any]:
    renditions = [
        {
            "url": request.build_absolute_uri(default_storage.url(rendition_name(str(item.file.name), width, fmt))),
            "width": width,
            "format": fmt,
        }
        for width in item.rendition_widths
        for fmt in RENDITION_FORMATS
    ]
    return {
        "url": request.build_absolute_uri(item.file.url),
        "width": item.width,
        "height": item.height,
        "alt": item.alt_text,
        "caption": item.caption,
        "credit": item.credit,
        "renditions": renditions,
    }


def correction(item: Correction) -> dict[str, Any]:
    return {"kind": item.kind, "text": item.text, "published_at": when(item.published_at)}


def article_summary(item: Article, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": item.pk,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "headline": item.headline,
        "kicker": item.kicker,
        "dek": item.dek,
        "section": section(item.section, request),
        "bylines": [byline(b) for b in item.bylines.all()],
        "tags": [tag(t, request) for t in item.tags.all()],
        "published_at": when(item.published_at),
        "updated_at": when(visible_update_time(item)),
        "lead_image": image(item.lead_image, request) if item.lead_image else None,
    }


def article_detail(item: Article, request: HttpRequest, corrections: list[Correction]) -> dict[str, Any]:
    return {
        **article_summary(item, request),
        "dateline": item.dateline,
        "body": item.body,  # stored sanitised (content/sanitize.py)
        "corrections": [correction(c) for c in corrections],
    }


def comment(item: Comment) -> dict[str, Any]:
    removed = item.status == CommentStatus.REMOVED
    return {
        "id": item.pk,
        "author_name": "" if removed else item.author_name,
        "body": "" if removed else item.body_html,  # rendered from plain text by the comments app
        "is_removed": removed,
        "created_at": when(item.created_at),
    }


def thread(found: Thread) -> dict[str, Any]:
    return {
        "count": found.count,
        "comments": [{**comment(e.comment), "replies": [comment(r) for r in e.replies]} for e in found.entries],
    }
