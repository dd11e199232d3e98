"""Builders for ad tests; each goes through the same services as the newsroom."""

from __future__ import annotations

from broadsheet.ads import services
from broadsheet.ads.models import AdKind, AdUnit
from broadsheet.content.tests.factories import make_image


def make_house_unit(name: str = "House ad", *, slots=("header",), targeting=None, **fields) -> AdUnit:
    fields.setdefault("image", make_image(970, 250, alt_text=f"{name} artwork"))
    fields.setdefault("target_url", "https://shop.example.test/subscribe")
    return services.create_unit(by=None, name=name, kind=AdKind.HOUSE, slots=list(slots), targeting=targeting, **fields)


def make_snippet_unit(name: str = "Snippet", *, slots=("in_article",), code="<p>Ad</p>", **fields) -> AdUnit:
    return services.create_unit(by=None, name=name, kind=AdKind.SNIPPET, slots=list(slots), code=code, **fields)
