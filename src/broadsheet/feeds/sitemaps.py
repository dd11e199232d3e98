"""Sitemaps for search engines: articles (with their lead images), sections, authors and tags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.core.files.storage import default_storage
from django.db.models import QuerySet

from broadsheet.content import selectors
from broadsheet.content.models import Article, Author, Section, Tag
from broadsheet.feeds.syndication import lead_image_rendition


class ArticleSitemap(Sitemap):
    limit = 50_000  # the protocol's maximum per file; the index lists as many files as needed

    def items(self) -> QuerySet[Article]:
        return selectors.sitemap_articles()

    def lastmod(self, item: Article) -> datetime:
        return max(item.updated_at, item.published_at or item.updated_at)

    def get_urls(self, page: int | str = 1, site: Any = None, protocol: str | None = None) -> list[dict[str, Any]]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            rendition = lead_image_rendition(url["item"])
            if rendition:
                base = url["location"].split("/", 3)[:3]  # scheme://host of the page itself
                url["image"] = {
                    "loc": "/".join(base) + default_storage.url(rendition[0]),
                    "alt": url["item"].lead_image.alt_text,
                }
        return urls


class SectionSitemap(Sitemap):
    def items(self) -> QuerySet[Section]:
        return selectors.sections_with_stories()


class AuthorSitemap(Sitemap):
    def items(self) -> QuerySet[Author]:
        return selectors.authors_with_stories()


class TagSitemap(Sitemap):
    def items(self) -> QuerySet[Tag]:
        return selectors.tags_with_stories()


SITEMAPS: dict[str, type[Sitemap] | Sitemap] = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
