"""JSON Feed 1.1 from the same stories and scopes as the RSS and Atom feeds."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.http import HttpRequest, JsonResponse

from broadsheet.content.selectors import site_settings
from broadsheet.feeds.scopes import resolve_scope
from broadsheet.feeds.syndication import lead_image_rendition


def json_feed(request: HttpRequest, kind: str = "site", slug: str = "") -> JsonResponse:
    scope = resolve_scope(kind, slug)
    absolute = request.build_absolute_uri
    items: list[dict[str, Any]] = []
    for article in scope.articles():
        bylines = list(article.bylines.all())
        item: dict[str, Any] = {
            "id": f"tag:{request.get_host().split(':')[0]},{article.created_at:%Y-%m-%d}:article-{article.pk}",
            "url": absolute(article.get_absolute_url()),
            "title": article.headline,
            "content_html": article.body,
            "summary": article.dek or article.headline,
            "date_published": article.published_at.isoformat() if article.published_at else None,
            "date_modified": max(article.updated_at, article.published_at or article.updated_at).isoformat(),
            "authors": [
                {"name": b.name, **({"url": absolute(b.author.get_absolute_url())} if b.author else {})}
                for b in bylines
            ],
            "tags": [article.section.name, *(tag.name for tag in article.tags.all())],
        }
        rendition = lead_image_rendition(article)
        if rendition:
            item["image"] = absolute(default_storage.url(rendition[0]))
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.title,
        "home_page_url": absolute(scope.link),
        "feed_url": absolute(scope.feed_path("feed.json")),
        "description": scope.description,
        "language": site_settings().language,
        "items": items,
    }
    response = JsonResponse(feed, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/feed+json; charset=utf-8"
    return response
