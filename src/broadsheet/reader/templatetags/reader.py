"""Template helpers of the reader site: ad slots, pictures and bylines, each drawn one way."""

from __future__ import annotations

from typing import Any

from django import template

from broadsheet.ads.slots import slot
from broadsheet.content.models import Article
from broadsheet.content.selectors import byline_text
from broadsheet.media.models import Image
from broadsheet.media.selectors import picture

register = template.Library()


@register.inclusion_tag("reader/includes/ad_slot.html")
def ad_slot(name: str) -> dict[str, Any]:
    """An empty, labelled container that reserves the slot's declared height."""
    return {"slot": slot(name)}


@register.inclusion_tag("reader/includes/picture.html")
def responsive_image(image: Image | None, sizes: str = "100vw", eager: bool = False) -> dict[str, Any]:
    return {"pic": picture(image) if image else None, "sizes": sizes, "eager": eager}


@register.filter
def bylines_of(article: Article) -> str:
    """ "Ana Ruiz and Tom Lee" from prefetched bylines (no query in a template loop)."""
    return byline_text(list(article.bylines.all()))
