"""Views of the crawler-facing edge: feeds in three formats, the news sitemap and robots.txt."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from broadsheet.conf.config import config
from broadsheet.content import selectors
from broadsheet.core import surrogates
from broadsheet.core.surrogates import set_keys
from broadsheet.feeds.jsonfeed import json_feed
from broadsheet.feeds.sitemaps import SITEMAPS
from broadsheet.feeds.syndication import ArticleFeed, AtomArticleFeed

FORMATS = {"rss.xml", "atom.xml", "feed.json"}


@require_safe
def feed(request: HttpRequest, fmt: str, kind: str = "site", slug: str = "") -> Any:
    """One feed of one scope; a fresh Feed object per request, since it remembers the request."""
    if fmt == "rss.xml":
        response = ArticleFeed()(request, kind=kind, slug=slug)
    elif fmt == "atom.xml":
        response = AtomArticleFeed()(request, kind=kind, slug=slug)
    elif fmt == "feed.json":
        response = json_feed(request, kind=kind, slug=slug)
    else:
        raise Http404("Feeds come as rss.xml, atom.xml or feed.json.")
    # Any story change purges every feed: feeds are few, and an item may change in any of them.
    return set_keys(response, [surrogates.FEEDS])


@require_safe
def sitemap_index(request: HttpRequest) -> Any:
    response = sitemap_views.index(request, sitemaps=SITEMAPS, sitemap_url_name="feeds:sitemap_section")
    return set_keys(response, [surrogates.SITEMAPS])


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> Any:
    response = sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section, template_name="feeds/sitemap.xml")
    response.render()  # a TemplateResponse: render now so the page cache stores the finished bytes
    return set_keys(response, [surrogates.SITEMAPS])


def news_language(language: str) -> str:
    """Return the language code Google News expects: ISO 639 ("en"), except zh-cn / zh-tw."""
    code = language.strip().lower().replace("_", "-")
    if code in {"zh-cn", "zh-tw"}:
        return code
    return code.split("-")[0] or "en"


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    site = selectors.site_settings()
    articles = selectors.recent_articles(config().news_sitemap_hours, limit=1000)
    context = {
        "articles": [(request.build_absolute_uri(a.get_absolute_url()), a) for a in articles],
        "publication": site.publication_name,
        "language": news_language(site.language),
    }
    response = render(request, "feeds/news_sitemap.xml", context, content_type="application/xml; charset=utf-8")
    return set_keys(response, [surrogates.SITEMAPS])


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemaps = [request.build_absolute_uri(reverse(name)) for name in ("feeds:sitemap_index", "feeds:news_sitemap")]
    response = render(request, "feeds/robots.txt", {"sitemaps": sitemaps}, content_type="text/plain; charset=utf-8")
    return set_keys(response, [])
