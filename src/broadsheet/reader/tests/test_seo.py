"""What pages tell search engines and social sites: JSON-LD, Open Graph, canonical URLs, feed links."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from broadsheet.content.tests.factories import make_article, make_author, make_image, make_section, make_tag

pytestmark = pytest.mark.django_db


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {data["@type"]: data for data in map(json.loads, blocks)}


def _meta(html, key):
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.fixture
def story():
    return make_article(
        "Ferry fares frozen for a second year",
        section=make_section("News", slug="news"),
        bylines=[make_author("Ana Ruiz"), "Coastal Press Agency"],
        tags=[make_tag("Ferries"), make_tag("Budget")],
        dek="The harbour board kept prices as they are.",
        dateline="Merrowport",
        lead_image=make_image(1600, 900, alt_text="A ferry at the quay"),
    )


def test_article_pages_carry_a_typed_news_article(client, story):
    data = _json_ld(client.get(story.get_absolute_url()).content.decode())["NewsArticle"]
    assert data["headline"] == "Ferry fares frozen for a second year"
    assert data["description"] == "The harbour board kept prices as they are."
    assert data["author"] == [
        {"@type": "Person", "name": "Ana Ruiz", "url": "http://testserver/authors/ana-ruiz/"},
        {"@type": "Organization", "name": "Coastal Press Agency"},
    ]
    assert data["dateline"] == "MERROWPORT"
    assert data["articleSection"] == "News"
    assert data["keywords"] == ["Budget", "Ferries"]
    assert data["isAccessibleForFree"] is True
    assert data["mainEntityOfPage"]["@id"] == "http://testserver" + story.get_absolute_url()
    image = data["image"][0]
    assert image["url"].endswith("-960w.jpg") and (image["width"], image["height"]) == (960, 540)
    assert timezone.datetime.fromisoformat(data["datePublished"]) == story.published_at
    assert data["publisher"]["@type"] == "NewsMediaOrganization"


def test_json_ld_cannot_be_broken_out_of(client, editor):
    article = make_article('Quote </script><script>alert(1)</script> "and" & more', dek="x</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert _json_ld(html)["NewsArticle"]["headline"].startswith("Quote </script>")


def test_article_open_graph_and_twitter_cards(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert _meta(html, "og:type") == "article"
    assert _meta(html, "og:title") == "Ferry fares frozen for a second year"
    assert _meta(html, "og:image").endswith("-960w.jpg")
    assert (_meta(html, "og:image:width"), _meta(html, "og:image:height")) == ("960", "540")
    assert _meta(html, "twitter:card") == "summary_large_image"
    assert _meta(html, "article:section") == "News"
    assert f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">' in html
    assert 'href="/feeds/sections/news/rss.xml"' in html and 'href="/feeds/rss.xml"' in html


def test_home_carries_website_with_search_action(client, story):
    html = client.get("/").content.decode()
    data = _json_ld(html)["WebSite"]
    assert data["potentialAction"]["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert _meta(html, "og:type") == "website"
    assert 'type="application/atom+xml"' in html


def test_section_pages_have_breadcrumbs_descriptions_and_feeds(client, story):
    html = client.get("/news/").content.decode()
    crumbs = _json_ld(html)["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "News"]
    assert _meta(html, "description")
    assert 'href="/feeds/sections/news/atom.xml"' in html


def test_author_and_tag_pages_link_their_feeds(client, story):
    assert 'href="/feeds/authors/ana-ruiz/rss.xml"' in client.get("/authors/ana-ruiz/").content.decode()
    assert 'href="/feeds/tags/ferries/feed.json"' in client.get("/tags/ferries/").content.decode()


def test_deep_list_pages_are_noindex_and_canonical_to_themselves(client, settings):
    settings.BROADSHEET = {"articles_per_page": 1, "indexed_list_pages": 2}
    section = make_section("Sport", slug="sport")
    for n in range(4):
        make_article(f"Match {n}", section=section, published_at=timezone.now() - timedelta(hours=n + 1))
    second = client.get("/sport/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/sport/?page=2">' in second
    assert "noindex" not in second
    assert '<meta name="robots" content="noindex, follow">' in client.get("/sport/?page=3").content.decode()


def test_drafts_previewed_by_staff_are_noindex(client, editor):
    draft = make_article("Not yet", publish=False)
    client.force_login(editor)
    assert "noindex" in client.get(draft.get_absolute_url()).content.decode()


def test_corrections_and_clarifications_are_typed_corrections_and_updates_only_move_the_date(client, story, editor):
    from broadsheet.content import services

    assert "correction" not in _json_ld(client.get(story.get_absolute_url()).content.decode())["NewsArticle"]
    services.add_correction(story, by=editor, kind="correction", text="The fare freeze covers two years, not one.")
    services.add_correction(story, by=editor, kind="update", text="The board confirmed the decision on Friday.")
    services.add_correction(story, by=editor, kind="clarification", text="Season tickets are included.")
    data = _json_ld(client.get(story.get_absolute_url()).content.decode())["NewsArticle"]
    assert [(c["@type"], c["name"], c["text"]) for c in data["correction"]] == [
        ("CorrectionComment", "Correction", "The fare freeze covers two years, not one."),
        ("CorrectionComment", "Clarification", "Season tickets are included."),
    ]
    published = [c["datePublished"] for c in data["correction"]]
    assert published == sorted(published) and all(p.endswith("+00:00") or p[-6] in "+-" for p in published)
    assert data["dateModified"] >= published[-1] >= data["datePublished"]
