"""A news page by URL or file: main content, headline, author, date and lead image kept, furniture gone."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from broadsheet.importers.tests.localserver import Route, local_server
from broadsheet.importers.webpage import extract_webpage, import_webpage
from broadsheet.wire.story import ImportRefused

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Observatory finds new comet | The Valley Post</title>
<meta property="og:title" content="Observatory finds new comet">
<meta property="og:image" content="https://valley.example/pictures/comet.jpg">
<meta name="author" content="Ines Moreau">
<meta property="article:published_time" content="2026-02-03T07:45:00+00:00">
<meta name="description" content="Astronomers at the hill observatory spotted it on Sunday night.">
</head><body>
<header><div class="topbar">Tuesday, 03 February 2026 <button>Dark Mode</button></div><a class="logo">Logo</a>
<nav><a href="/">Home</a> <a href="/science/">Science</a></nav></header>
<div class="ad-slot">Advertisement</div>
<main><article>
<h1>Observatory finds new comet</h1>
<p class="byline">By Ines Moreau</p>
<div class="share"><a>Share</a><a>Tweet</a></div>
<p>HILLFORD (Valley Wire) — Astronomers at the hill observatory found a new comet on Sunday night, the first
discovered there in thirty years.</p>
<p>The comet will be visible with binoculars in March, they said, low in the western sky after sunset.</p>
<p>Advertisement</p>
<p>The observatory plans open evenings for the public when the comet is brightest.</p>
</article></main>
<section class="comments"><h2>Comments</h2><p>Great news!</p></section>
<footer>© 2026 The Valley Post</footer>
</body></html>""".encode()


def test_the_main_content_and_metadata_of_a_news_page_are_kept():
    story = extract_webpage(PAGE, url="https://valley.example/science/comet", today=date(2026, 2, 10)).story
    assert story.headline == "Observatory finds new comet"
    assert story.credits == ("Ines Moreau", "Valley Wire")
    assert story.dateline == "HILLFORD"
    assert story.credit == "Valley Wire"
    assert story.published_at is not None and story.published_at.date() == date(2026, 2, 3)
    assert story.lead_image_url == "https://valley.example/pictures/comet.jpg"
    assert story.paragraphs[0].startswith("Astronomers at the hill observatory found a new comet")
    body = " ".join(story.paragraphs)
    assert "binoculars" in body and "open evenings" in body
    for furniture in ("Advertisement", "Dark Mode", "Share", "Great news", "©"):
        assert furniture not in body


def test_a_page_with_no_article_text_is_refused_naming_it():
    with pytest.raises(ImportRefused, match=r"empty\.html: no (article|story) text"):
        extract_webpage(b"<html><body><nav>Home</nav></body></html>", source="empty.html")


def test_a_page_by_url_is_fetched_from_the_server_and_read():
    with local_server({"/comet": Route(PAGE)}) as server:
        story = import_webpage(server.url("/comet"), rules=server.rules()).story
    assert story.headline == "Observatory finds new comet"


def test_a_url_that_is_not_a_web_page_is_refused():
    routes = {"/feed": Route(b"{}", headers={"Content-Type": "application/json"})}
    with local_server(routes) as server, pytest.raises(ImportRefused, match="application/json, not a web page"):
        import_webpage(server.url("/feed"), rules=server.rules())


def test_dates_come_from_the_page_metadata_when_the_text_has_none():
    page = PAGE.replace(b'<p class="byline">By Ines Moreau</p>', b"")
    story = extract_webpage(page, url="https://valley.example/x").story
    assert story.published_at == datetime(2026, 2, 3, 0, 0) or story.published_at.date() == date(2026, 2, 3)
