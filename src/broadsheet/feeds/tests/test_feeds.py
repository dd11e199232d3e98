"""Feeds, sitemaps, the news sitemap and robots.txt: contents and strict validity, hostile text included."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from broadsheet.content import services
from broadsheet.content.models import SiteSettings
from broadsheet.content.tests.factories import make_article, make_author, make_image, make_section, make_tag

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "atom": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
HOSTILE = "Storm\x01 warning ]]> &bogus; <b>bold</b> \u202eright-to-left\u202c and emoji 🌊\x0b"


def _xml(response):
    assert response.status_code == 200, response.content[:500]
    return etree.fromstring(response.content, etree.XMLParser(resolve_entities=False, no_network=True))


@pytest.fixture(scope="module")
def sitemap_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "all.xsd")))


@pytest.fixture
def paper():
    news = make_section("News", slug="news")
    ana = make_author("Ana Ruiz")
    tag = make_tag("Floods")
    now = timezone.now()
    lead = make_article(
        "River levels rise after a week of rain",
        section=news,
        bylines=[ana, "Agency Staff"],
        tags=[tag],
        dek="Sandbags handed out on the quay.",
        body="<p>First.</p><h2>Later</h2><p>Second.</p>",
        lead_image=make_image(),
        published_at=now - timedelta(hours=2),
    )
    old = make_article("An old story", section=news, bylines=[ana], published_at=now - timedelta(days=5))
    hidden = [
        make_article("Draft story", section=news, publish=False),
        make_article("Scheduled story", section=news, published_at=now + timedelta(hours=2)),
    ]
    return {"section": news, "author": ana, "tag": tag, "lead": lead, "old": old, "hidden": hidden}


def test_rss_has_the_required_elements_and_full_items(client, paper):
    root = _xml(client.get("/feeds/rss.xml"))
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["River levels rise after a week of rain", "An old story"]
    first = items[0]
    assert first.findtext("link").endswith(paper["lead"].get_absolute_url())
    assert first.find("guid").get("isPermaLink") == "false"
    assert first.findtext("guid").endswith(f":article-{paper['lead'].pk}")
    assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Ana Ruiz and Agency Staff"
    assert first.findtext("pubDate")
    assert "<h2>Later</h2>" in first.findtext("content:encoded", namespaces=NS)
    enclosure = first.find("enclosure")
    assert enclosure.get("type") == "image/jpeg" and int(enclosure.get("length")) > 0
    media = first.find("media:content", NS)
    assert media.get("width") == "960" and media.get("height")
    assert [c.text for c in first.findall("category")] == ["News", "Floods"]


def test_atom_entries_carry_updated_and_authors(client, paper):
    root = _xml(client.get("/feeds/atom.xml"))
    for required in ("atom:id", "atom:title", "atom:updated"):
        assert root.findtext(required, namespaces=NS)
    entries = root.findall("atom:entry", NS)
    assert len(entries) == 2
    for entry in entries:
        for required in ("atom:id", "atom:title", "atom:updated", "atom:author/atom:name", "atom:published"):
            assert entry.findtext(required, namespaces=NS), required
    assert entries[0].find("atom:content", NS).get("type") == "html"


def test_json_feed_follows_version_1_1(client, paper):
    data = json.loads(client.get("/feeds/feed.json").content)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    item = data["items"][0]
    assert {"id", "url", "title", "content_html", "date_published", "date_modified", "authors"} <= set(item)
    assert item["authors"][0]["url"].endswith("/authors/ana-ruiz/")
    assert item["image"].endswith("-960w.jpg")


@pytest.mark.parametrize("kind", ["sections/news", "authors/ana-ruiz", "tags/floods"])
def test_scoped_feeds_exist_in_every_format(client, paper, kind):
    for fmt in ("rss.xml", "atom.xml"):
        root = _xml(client.get(f"/feeds/{kind}/{fmt}"))
        assert b"River levels rise" in etree.tostring(root)
    assert client.get(f"/feeds/{kind}/feed.json").status_code == 200
    assert client.get(f"/feeds/{kind.split('/')[0]}/nobody/rss.xml").status_code == 404


def test_feeds_never_show_unpublished_stories(client, paper):
    for url in ("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/sitemap-articles.xml", "/news-sitemap.xml"):
        body = client.get(url).content.decode()
        assert "Draft story" not in body and "draft-story" not in body, url
        assert "Scheduled story" not in body and "scheduled-story" not in body, url


def test_hostile_text_still_gives_well_formed_feeds_and_sitemaps(client, paper, editor, sitemap_schema):
    services.update_article(paper["lead"], by=editor, publish_changes=True, headline=HOSTILE, dek=HOSTILE)
    services.save_section(paper["section"], by=editor)
    for url in ("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/sections/news/rss.xml"):
        root = _xml(client.get(url))
        assert "]]> &bogus; <b>bold</b>" in etree.tostring(root, encoding="unicode").replace("&amp;", "&").replace(
            "&lt;", "<"
        ).replace("&gt;", ">")
    news = _xml(client.get("/news-sitemap.xml"))
    sitemap_schema.assertValid(news)
    assert json.loads(client.get("/feeds/feed.json").content)["items"][0]["title"].startswith("Storm")


def test_sitemap_index_and_pages_validate(client, paper, sitemap_schema):
    index = _xml(client.get("/sitemap.xml"))
    sitemap_schema.assertValid(index)
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert {loc.rsplit("/", 1)[1] for loc in locations} == {
        "sitemap-articles.xml", "sitemap-sections.xml", "sitemap-authors.xml", "sitemap-tags.xml",
    }  # fmt: skip
    for loc in locations:
        page = _xml(client.get("/" + loc.rsplit("/", 1)[1]))
        sitemap_schema.assertValid(page)
    articles = _xml(client.get("/sitemap-articles.xml"))
    urls = articles.findall("sm:url", NS)
    assert len(urls) == 2
    images = articles.findall("sm:url/image:image/image:loc", NS)
    assert len(images) == 1 and images[0].text.endswith("-960w.jpg")
    assert all(url.findtext("sm:lastmod", namespaces=NS) for url in urls)


def test_article_sitemaps_split_at_the_protocol_limit(client, paper, monkeypatch):
    from broadsheet.feeds.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 1)
    index = _xml(client.get("/sitemap.xml"))
    article_pages = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS) if "articles" in loc.text]
    assert len(article_pages) == 2
    assert article_pages[1].endswith("sitemap-articles.xml?p=2")


def test_news_sitemap_lists_the_last_48_hours_with_publication_details(client, paper, sitemap_schema):
    services.save_site_settings(SiteSettings(publication_name="The Harbour Ledger", language="en-GB"), by=None)
    root = _xml(client.get("/news-sitemap.xml"))
    sitemap_schema.assertValid(root)
    urls = root.findall("sm:url", NS)
    assert len(urls) == 1  # the 5-day-old story is not news any more
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Harbour Ledger"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "River levels rise after a week of rain"


def test_robots_txt_lists_sitemaps_and_keeps_private_areas_out(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for line in ("Disallow: /newsroom/", "Disallow: /search/", "Disallow: /comments/"):
        assert line in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text


def test_feed_query_count_does_not_grow_with_items(client, paper, django_assert_max_num_queries):
    for n in range(20):
        make_article(f"Filler {n}", section=paper["section"], bylines=[paper["author"]], tags=[paper["tag"]])
    with django_assert_max_num_queries(6):
        client.get("/feeds/rss.xml")


def test_sitemap_query_count_does_not_grow_with_articles(client, paper, django_assert_max_num_queries):
    for n in range(15):
        make_article(f"Pictured {n}", section=paper["section"], lead_image=paper["lead"].lead_image)
    with django_assert_max_num_queries(4):
        client.get("/sitemap-articles.xml")
