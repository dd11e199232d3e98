"""What a reader page tells search engines and social sites: description, canonical URL, cards, feeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest

from broadsheet.conf.config import config
from broadsheet.content.selectors import site_settings
from broadsheet.core.urls import reverse
from broadsheet.media.selectors import Picture


@dataclass(frozen=True)
class FeedLink:
    title: str
    rss: str
    atom: str
    json: str


def feed_links(title: str, kind: str = "site", slug: str = "") -> FeedLink:
    """The three formats of one feed, for <link rel="alternate">."""

    def url(fmt: str) -> str:
        if kind == "site":
            return reverse("feeds:site", fmt=fmt)
        return reverse("feeds:scoped", kind=kind, slug=slug, fmt=fmt)

    return FeedLink(title, url("rss.xml"), url("atom.xml"), url("feed.json"))


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    canonical: str
    locale: str
    og_type: str = "website"
    image: Picture | None = None
    image_url: str = ""
    noindex: bool = False
    feeds: list[FeedLink] = field(default_factory=list)
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None
    section: str = ""
    tags: list[str] = field(default_factory=list)


def og_locale(language: str) -> str:
    """Return Open Graph's locale form of a language tag: "en-GB" -> "en_GB", "en" -> "en"."""
    primary, _, region = language.replace("_", "-").partition("-")
    return f"{primary.lower()}_{region.upper()}" if region else primary.lower()


def page_meta(
    request: HttpRequest,
    *,
    title: str,
    description: str,
    path: str,
    page: Page[Any] | None = None,
    image: Picture | None = None,
    **extra: Any,
) -> PageMeta:
    """Build a page's meta: canonical URL (with ?page=N beyond the first), noindex for deep list pages."""
    canonical = request.build_absolute_uri(path)
    noindex = extra.pop("noindex", False)
    if page is not None and page.number > 1:
        canonical += f"?page={page.number}"
        noindex = noindex or page.number > config().indexed_list_pages
    return PageMeta(
        title=title,
        locale=og_locale(site_settings().language),
        description=" ".join(description.split())[:300],
        canonical=canonical,
        image=image,
        image_url=request.build_absolute_uri(image.src) if image else "",
        noindex=noindex,
        **extra,
    )
