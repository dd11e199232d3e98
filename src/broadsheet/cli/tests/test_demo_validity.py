"""The demo paper as search engines and feed readers meet it: every feed, sitemap and JSON-LD block
on the demo site passes strict validation (XML schemas for sitemaps, the RSS 2.0, Atom and JSON Feed
1.1 required elements, typed schema.org NewsArticle data on every story)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from broadsheet.content.models import Correction
from broadsheet.content.selectors import public_articles

SCHEMAS = Path(__file__).resolve().parents[2] / "feeds" / "tests" / "schemas"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "atom": "http://www.w3.org/2005/Atom",
}


@pytest.fixture
def loaded(_demo_once, db):
    return _demo_once[0]


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "all.xsd")))


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _xml(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return etree.fromstring(response.content, etree.XMLParser(resolve_entities=False, no_network=True))


def _json_ld(html: str) -> list[dict]:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def _iso(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


def _feed_paths(client) -> list[str]:
    """Every feed the demo's pages advertise with <link rel="alternate">, home, sections, authors and tags."""
    pages = ["/", *(s.get_absolute_url() for s in _sections())]
    story = public_articles().select_related("section").order_by("-published_at").first()
    pages += [b.author.get_absolute_url() for b in story.bylines.select_related("author") if b.author]
    pages += [t.get_absolute_url() for t in story.tags.all()]
    found: set[str] = set()
    for page in pages:
        html = client.get(page).content.decode()
        found.update(
            _path(href) for href in re.findall(r'<link rel="alternate" type="[^"]+" title="[^"]*" href="([^"]+)"', html)
        )
    return sorted(found)


def _sections():
    from broadsheet.content.models import Section

    return Section.objects.all()


def test_every_feed_the_demo_advertises_is_valid(client, loaded):
    paths = _feed_paths(client)
    assert len(paths) >= 12  # site, sections, an author and a tag, in three formats
    for path in paths:
        if path.endswith("rss.xml"):
            channel = _xml(client, path).find("channel")
            for required in ("title", "link", "description"):
                assert channel.findtext(required), (path, required)
            items = channel.findall("item")
            assert items, path
            for item in items:
                assert item.findtext("title") and item.findtext("link") and item.findtext("guid"), path
                parsedate_to_datetime(item.findtext("pubDate"))  # RFC 822, or this raises
        elif path.endswith("atom.xml"):
            feed = _xml(client, path)
            for required in ("atom:id", "atom:title", "atom:updated"):
                assert feed.findtext(required, namespaces=NS), (path, required)
            for entry in feed.findall("atom:entry", NS):
                for required in ("atom:id", "atom:title", "atom:updated", "atom:author/atom:name"):
                    assert entry.findtext(required, namespaces=NS), (path, required)
                _iso(entry.findtext("atom:updated", namespaces=NS))
        else:
            data = json.loads(client.get(path).content)
            assert data["version"] == "https://jsonfeed.org/version/1.1" and data["title"] and data["items"], path
            for item in data["items"]:
                assert item["id"] and (item.get("content_html") or item.get("content_text")), path
                _iso(item["date_published"])


def test_every_demo_sitemap_validates_and_every_address_in_it_answers(client, loaded, schema):
    index = _xml(client, "/sitemap.xml")
    schema.assertValid(index)
    locations = [_path(loc.text) for loc in index.findall("sm:sitemap/sm:loc", NS)]
    urls: list[str] = []
    for location in locations:
        page = _xml(client, location)
        schema.assertValid(page)
        urls += [_path(loc.text) for loc in page.findall("sm:url/sm:loc", NS)]
    news = _xml(client, "/news-sitemap.xml")
    schema.assertValid(news)
    assert news.findall("sm:url/news:news", NS), "the demo publishes stories within 48 hours"
    assert len(urls) >= 50
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_every_demo_story_carries_typed_news_article_data(client, loaded):
    stories = list(public_articles().select_related("section"))
    corrected = set(Correction.objects.exclude(kind=Correction.Kind.UPDATE).values_list("article_id", flat=True))
    assert corrected, "the demo has corrected stories"
    for story in stories:
        blocks = {block["@type"]: block for block in _json_ld(client.get(story.get_absolute_url()).content.decode())}
        data = blocks["NewsArticle"]
        assert data["@context"] == "https://schema.org"
        assert isinstance(data["headline"], str) and 0 < len(data["headline"]) <= 110
        assert _iso(data["dateModified"]) >= _iso(data["datePublished"])
        assert data["author"] and all(
            (a["@type"] == "Person" and a["name"] and a["url"].startswith("http"))
            or (a["@type"] == "Organization" and a["name"])
            for a in data["author"]
        ), story.headline
        publisher = data["publisher"]
        assert publisher["@type"] in ("Organization", "NewsMediaOrganization") and publisher["name"]
        assert data["mainEntityOfPage"]["@id"] == data["url"]
        assert isinstance(data["isAccessibleForFree"], bool) and isinstance(data["keywords"], list)
        assert data["articleSection"] == story.section.name
        for image in data.get("image", []):
            assert (
                image["@type"] == "ImageObject" and isinstance(image["width"], int) and isinstance(image["height"], int)
            )
        if story.dateline:
            assert data["dateline"] == story.dateline.upper()
        if story.pk in corrected:
            assert data["correction"] and all(
                c["@type"] == "CorrectionComment" and c["text"] for c in data["correction"]
            )
        else:
            assert "correction" not in data
        crumbs = blocks["BreadcrumbList"]["itemListElement"]
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))


def test_the_demo_home_page_offers_site_search_to_search_engines(client, loaded):
    blocks = {block["@type"]: block for block in _json_ld(client.get("/").content.decode())}
    action = blocks["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert "{search_term_string}" in action["target"]["urlTemplate"]
    assert action["query-input"] == "required name=search_term_string"
