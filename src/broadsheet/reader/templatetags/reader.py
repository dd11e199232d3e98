"""Template helpers of the reader site: ad slots, pictures and bylines, each drawn one way."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from broadsheet.ads.slots import slot
from broadsheet.content.models import Article
from broadsheet.content.selectors import byline_text
from broadsheet.media.models import Image
from broadsheet.media.selectors import picture

register = template.Library()


@register.inclusion_tag("reader/includes/ad_slot.html", takes_context=True)
def ad_slot(context: template.Context, name: str) -> dict[str, Any]:
    """An empty, labelled container that reserves the slot's declared height.

    It names what the page is about (story, section), never the reader: ads.js asks for the
    eligible units with that, so the cached page stays the same for everyone (ADR 0009).
    """
    article = context.get("article")
    section = context.get("current_section") or context.get("section")
    return {
        "slot": slot(name),
        "article_id": article.pk if isinstance(article, Article) and article.is_public else "",
        "section_slug": getattr(section, "slug", ""),
    }


@register.inclusion_tag("reader/includes/picture.html")
def responsive_image(image: Image | None, sizes: str = "100vw", eager: bool = False) -> dict[str, Any]:
    return {"pic": picture(image) if image else None, "sizes": sizes, "eager": eager}


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ld_json(data: Any) -> str:
    """A JSON-LD <script>; <, > and & escaped so no text in it can close the script element."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # safe: escaped above


@register.filter
def bylines_of(article: Article) -> str:
    """ "Ana Ruiz and Tom Lee" from prefetched bylines (no query in a template loop)."""
    return byline_text(list(article.bylines.all()))
