"""The search page and the header search box: results, filters, pages, and friendly refusals."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from broadsheet.content.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    def story(headline: str, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(headline, **fields)

    return story


def test_every_page_has_an_accessible_search_box_in_the_header(client):
    html = client.get("/").content.decode()
    form = re.search(r'<form class="site-search" role="search"[^>]*action="/search/"[^>]*>(.*?)</form>', html, re.S)
    assert form, "no search form in the header"
    assert '<label class="visually-hidden" for="site-search-q">Search stories</label>' in form.group(1)
    assert 'id="site-search-q" name="q"' in form.group(1)


def test_results_show_teasers_with_highlighted_snippets_and_are_not_indexed(client, story):
    found = story("Lifeboat crew rescue sailors", body="<p>The lifeboat launched at dawn.</p>")
    story("Unrelated council story")
    response = client.get("/search/", {"q": "lifeboat"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert "1 result for “lifeboat”" in html
    assert found.get_absolute_url() in html
    assert "<mark>Lifeboat</mark> crew rescue sailors" in html
    assert re.search(r'class="teaser__snippet">(The )?<mark>lifeboat</mark> launched at dawn', html)
    assert "Unrelated council story" not in html
    assert 'value="lifeboat"' in html  # the box keeps what was typed


def test_no_results_gets_a_friendly_page_that_keeps_the_search(client, story):
    story("Lifeboat crew rescue sailors")
    html = client.get("/search/", {"q": "zeppelin"}).content.decode()
    assert "No stories match “zeppelin”" in html
    assert "Try fewer or different words" in html
    assert 'value="zeppelin"' in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type a word or two to search for."),
        ("?!… ()", "Searches need letters or numbers; there are none in what you typed."),
        ("x" * 250, "That search is 250 characters long; please keep it under 200."),
        ("-ferry", "Add a word to look for"),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(client, typed, message):
    response = client.get("/search/", {"q": typed})
    html = response.content.decode()
    assert response.status_code == 200  # a friendly page for what a reader typed, not an error status
    assert message in html
    assert 'aria-invalid="true" aria-describedby="search-q-error"' in html
    assert f'value="{typed}"' in html


def test_a_bare_search_page_asks_nothing_and_shows_no_error(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "field__error" not in response.content.decode()


def test_section_and_date_filters_narrow_the_results_and_stay_selected(client, story):
    sport, city = make_section("Sport", slug="sport"), make_section("City", slug="city")
    story("Rowing club wins cup", section=sport, published_at=timezone.now() - timedelta(days=40))
    story("Rowing lake to close", section=city)
    story("Rowing season opens", section=sport)
    html = client.get("/search/", {"q": "rowing", "section": "sport"}).content.decode()
    assert "2 results" in html and "Rowing lake to close" not in html
    assert '<option value="sport" selected>' in html
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    html = client.get("/search/", {"q": "rowing", "section": "sport", "from": since}).content.decode()
    assert "1 result for" in html and "<mark>Rowing</mark> season opens" in html
    assert f'value="{since}"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "yesterday"}, "Give the date as year-month-day"),
        ({"from": "2026-03-05", "to": "2026-03-01"}, "This date is before the “from” date"),
        ({"section": "no-such-desk"}, "There is no such section"),
    ],
)
def test_bad_filters_are_explained(client, params, message):
    response = client.get("/search/", {"q": "rowing", **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="rowing"' in html


def test_pagination_links_keep_the_search(client, story, settings):
    settings.BROADSHEET = {**settings.BROADSHEET, "articles_per_page": 2}
    for n in range(5):
        story(f"Gannet count {n}", published_at=timezone.now() - timedelta(hours=n + 1))
    html = client.get("/search/", {"q": "gannet", "page": "2"}).content.decode()
    assert "Page 2 of 3" in html
    assert 'href="?q=gannet&amp;page=1">← Previous' in html
    assert 'href="?q=gannet&amp;page=3">Next →' in html


def test_search_page_query_count_does_not_grow_with_results(client, story, django_assert_max_num_queries):
    for n in range(15):
        story(f"Otter sighting {n}", bylines=["Agency Staff", "Field Desk"])
    client.get("/")  # warm the site settings and navigation caches
    with django_assert_max_num_queries(6):
        assert client.get("/search/", {"q": "otter"}).status_code == 200
