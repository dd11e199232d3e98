"""schema.org JSON-LD and social-card data for reader pages, built from the same objects the page shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from broadsheet.content.models import Article, Byline, Correction, Section, SiteSettings, Tag
from broadsheet.media.selectors import Picture


def _publisher(request: HttpRequest, site: SiteSettings, logo: Picture | None) -> dict[str, Any]:
    publisher: dict[str, Any] = {
        "@type": "NewsMediaOrganization",
        "name": site.publication_name,
        "url": request.build_absolute_uri(reverse("reader:home")),
    }
    if logo is not None:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(logo.src),
            "width": logo.src_width,
            "height": logo.src_height,
        }
    return publisher


def news_article(
    request: HttpRequest,
    *,
    article: Article,
    bylines: list[Byline],
    tags: list[Tag],
    lead: Picture | None,
    site: SiteSettings,
    logo: Picture | None,
    modified: Any,
    corrections: Sequence[Correction] = (),
) -> dict[str, Any]:
    """Return the NewsArticle object for a story page.

    Published corrections and clarifications go in `correction` as CorrectionComments (oldest
    first); updates only move `dateModified`, since they correct nothing.
    """
    url = request.build_absolute_uri(article.get_absolute_url())
    authors: list[dict[str, Any]] = []
    for byline in bylines:
        if byline.author is not None:
            authors.append(
                {
                    "@type": "Person",
                    "name": byline.author.name,
                    "url": request.build_absolute_uri(byline.author.get_absolute_url()),
                }
            )
        else:
            authors.append({"@type": "Organization", "name": byline.credit})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "description": article.dek or article.headline,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": (modified or article.published_at or article.updated_at).isoformat(),
        "author": authors,
        "publisher": _publisher(request, site, logo),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in tags],
        "isAccessibleForFree": True,
        "inLanguage": site.language,
    }
    if article.dateline:
        data["dateline"] = article.dateline.upper()
    fixes = [c for c in corrections if c.kind != Correction.Kind.UPDATE]
    if fixes:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "name": c.get_kind_display(),
                "text": c.text,
                "datePublished": c.published_at.isoformat(),
            }
            for c in sorted(fixes, key=lambda c: c.published_at)
        ]
    if lead is not None:
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(lead.src),
                "width": lead.src_width,
                "height": lead.src_height,
                **({"caption": lead.caption} if lead.caption else {}),
                **({"creditText": lead.credit} if lead.credit else {}),
            }
        ]
    return data


def website(request: HttpRequest, site: SiteSettings) -> dict[str, Any]:
    """Return the WebSite object (with the site search action) for the home page."""
    home = request.build_absolute_uri(reverse("reader:home"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.publication_name,
        "url": home,
        "inLanguage": site.language,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": home + "search/?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumbs(request: HttpRequest, *, section: Section, article: Article | None = None) -> dict[str, Any]:
    """Return the BreadcrumbList: Home › Section (› Story)."""
    trail = [("Home", reverse("reader:home")), (section.name, section.get_absolute_url())]
    if article is not None:
        trail.append((article.headline, article.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": request.build_absolute_uri(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }
