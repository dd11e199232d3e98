"""RSS 2.0 and Atom feeds, built on Django's syndication framework with full content and images."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed
from django.utils.xmlutils import SimplerXMLGenerator

from broadsheet.content.models import Article
from broadsheet.content.selectors import byline_text, site_settings
from broadsheet.feeds.scopes import Scope, resolve_scope
from broadsheet.feeds.text import xml_safe
from broadsheet.media.renditions import rendition_name

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


def lead_image_rendition(article: Article) -> tuple[str, int, int] | None:
    """Return (storage name, width, height) of the lead image's feed-sized JPEG, if there is one."""
    image = article.lead_image
    if image is None or not image.rendition_widths:
        return None
    width = next((w for w in image.rendition_widths if w >= 960), image.rendition_widths[-1])
    return rendition_name(str(image.file.name), width, "jpeg"), width, round(image.height * width / image.width)


class _MediaMixin:
    """Adds the full body and a Media RSS image to each item."""

    def add_media_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        image = item.get("media_image")
        if image:
            url, width, height, medium_type = image
            handler.addQuickElement(
                "media:content",
                "",
                {"url": url, "medium": "image", "type": medium_type, "width": str(width), "height": str(height)},
            )


class BroadsheetRss(_MediaMixin, Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        self.add_media_elements(handler, item)


class BroadsheetAtom(_MediaMixin, Atom1Feed):
    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        self.add_media_elements(handler, item)


class ArticleFeed(Feed):
    """The newest public stories of a scope, as RSS 2.0."""

    feed_type: type[SyndicationFeed] = BroadsheetRss

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.request = request
        self.language = site_settings().language
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, kind: str = "site", slug: str = "", fmt: str = "") -> Scope:
        return resolve_scope(kind, slug)

    def title(self, scope: Scope) -> str:
        return xml_safe(scope.title)

    def link(self, scope: Scope) -> str:
        return scope.link

    def description(self, scope: Scope) -> str:
        return xml_safe(scope.description)

    def feed_url(self, scope: Scope) -> str:
        return scope.feed_path("rss.xml")

    def items(self, scope: Scope) -> list[Article]:
        return scope.articles()

    def item_title(self, item: Article) -> str:
        return xml_safe(item.headline)

    def item_description(self, item: Article) -> str:
        return xml_safe(item.dek or item.headline)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Article) -> str:
        # Stable for the story's whole life, whatever its address becomes (RFC 4151 tag URI).
        return f"tag:{self.request.get_host().split(':')[0]},{item.created_at:%Y-%m-%d}:article-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item: Article) -> str:
        return xml_safe(byline_text(list(item.bylines.all())))

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime:
        return max(item.updated_at, item.published_at or item.updated_at)

    def item_categories(self, item: Article) -> list[str]:
        return [xml_safe(item.section.name), *(xml_safe(tag.name) for tag in item.tags.all())]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        rendition = lead_image_rendition(item)
        if rendition is None:
            return []
        name = rendition[0]
        try:
            length = default_storage.size(name)
        except OSError:
            return []
        return [Enclosure(self.request.build_absolute_uri(default_storage.url(name)), str(length), "image/jpeg")]

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        extra: dict[str, Any] = {"content_html": xml_safe(item.body)}
        rendition = lead_image_rendition(item)
        if rendition:
            name, width, height = rendition
            extra["media_image"] = (
                self.request.build_absolute_uri(default_storage.url(name)),
                width,
                height,
                "image/jpeg",
            )
        return extra


class AtomArticleFeed(ArticleFeed):
    """The same stories as Atom 1.0, with `updated` on every entry."""

    feed_type = BroadsheetAtom

    def subtitle(self, scope: Scope) -> str:
        return xml_safe(scope.description)

    def feed_url(self, scope: Scope) -> str:
        return scope.feed_path("atom.xml")
