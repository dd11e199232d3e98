"""The ads' endpoints: eligible units as JSON, the impression beacon, signed clicks, frames and ads.txt."""

import json

import pytest
from django.core import signing

from broadsheet.ads import services
from broadsheet.ads.models import AdStat
from broadsheet.ads.tests.factories import make_house_unit, make_snippet_unit
from broadsheet.ads.tokens import click_token, impression_token
from broadsheet.content.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db
VIEW = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def story():
    return make_article("Bridge opens", section=make_section("World"))


def slots(client, query=""):
    response = client.get(f"/ads/slots/{query}")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_article_page_carries_empty_slots_naming_the_story_not_the_reader(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'data-ad-article="{story.pk}"' in html
    assert 'data-ad-section="world"' in html
    assert "reader/ads.js" in html


def test_slots_answer_lists_eligible_units_with_weights_and_is_publicly_cacheable(client, story):
    house = make_house_unit("Subscribe", weight=3, slots=["header", "below_article"])
    snippet = make_snippet_unit("Network", slots=["in_article"])
    response = client.get(f"/ads/slots/?article={story.pk}")
    assert response["Cache-Control"] == "public, max-age=60"
    data = json.loads(response.content)
    assert data["consent_required"] is False
    (offer,) = data["slots"]["header"]
    assert offer["id"] == house.pk and offer["weight"] == 3 and offer["kind"] == "house"
    assert offer["href"].startswith("/ads/click/")
    assert offer["image"]["width"] == 970 and offer["image"]["height"] == 250
    assert offer["image"]["alt"] == "Subscribe artwork"
    (frame,) = data["slots"]["in_article"]
    assert frame["kind"] == "frame" and frame["src"].startswith(f"/ads/frame/{snippet.pk}/")
    assert "allow-same-origin" not in frame["sandbox"]
    assert data["slots"]["rail"] == []


def test_a_unit_change_shows_in_the_next_answer_despite_the_cache(client, story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        unit = make_house_unit("Subscribe")
    assert slots(client, f"?article={story.pk}")["slots"]["header"]
    with django_capture_on_commit_callbacks(execute=True):
        services.update_unit(unit, by=None, is_active=False)
    assert slots(client, f"?article={story.pk}")["slots"]["header"] == []


@pytest.mark.parametrize("query", ["?article=abc", "?article=-1", "?section=../etc", "?article=99999999"])
def test_slots_refuse_bad_or_unknown_pages(client, query):
    assert client.get(f"/ads/slots/{query}").status_code == 400


def test_a_click_counts_and_goes_to_the_units_own_link(client):
    unit = make_house_unit("Subscribe", target_url="https://shop.example.test/offer")
    response = client.get(f"/ads/click/{click_token(unit.pk, unit.target_url)}/")
    assert response.status_code == 302
    assert response["Location"] == "https://shop.example.test/offer"
    assert response["Cache-Control"] == "no-store"
    assert AdStat.objects.get(unit=unit).clicks == 1


def test_a_tampered_click_link_is_refused(client):
    unit = make_house_unit("Subscribe")
    token = click_token(unit.pk, unit.target_url)
    assert client.get(f"/ads/click/{token[:-2]}xx/").status_code == 400
    assert client.get("/ads/click/not-a-token/").status_code == 400
    assert not AdStat.objects.exists()


def test_a_click_link_cannot_be_turned_into_an_open_redirect(client):
    unit = make_house_unit("Subscribe", target_url="https://shop.example.test/offer")
    # Even correctly signed (a leaked key, an old link), a target that is not the unit's is refused.
    foreign = click_token(unit.pk, "https://evil.example/phish")
    assert client.get(f"/ads/click/{foreign}/").status_code == 404
    forged = signing.dumps({"u": unit.pk, "t": "https://evil.example/"}, salt="other")
    assert client.get(f"/ads/click/{forged}/").status_code == 400
    assert not AdStat.objects.exists()


def test_a_click_on_a_changed_link_is_refused_rather_than_sent_to_the_old_address(client):
    unit = make_house_unit("Subscribe", target_url="https://shop.example.test/old")
    token = click_token(unit.pk, unit.target_url)
    services.update_unit(unit, by=None, target_url="https://shop.example.test/new")
    assert client.get(f"/ads/click/{token}/").status_code == 404


def test_the_beacon_counts_one_impression_per_view(client):
    unit = make_house_unit("Subscribe")
    token = impression_token(unit.pk)
    for _ in range(3):
        assert client.post("/ads/seen/", {"token": token, "view": VIEW}).status_code == 204
    assert client.post("/ads/seen/", {"token": token, "view": "f" * 32}).status_code == 204
    assert AdStat.objects.get(unit=unit).impressions == 2


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"view": VIEW},
        {"token": "1:bogus", "view": VIEW},
        {"token": "x" * 500, "view": VIEW},
        {"token": "VALID", "view": "short"},
        {"token": "VALID", "view": "Z" * 32},
    ],
)
def test_the_beacon_refuses_bad_input_with_400(client, data):
    unit = make_house_unit("Subscribe")
    if data.get("token") == "VALID":
        data = {**data, "token": impression_token(unit.pk)}
    assert client.post("/ads/seen/", data).status_code == 400
    assert not AdStat.objects.exists()


def test_the_beacon_refuses_cross_site_posts_and_gets(client):
    unit = make_house_unit("Subscribe")
    data = {"token": impression_token(unit.pk), "view": VIEW}
    assert client.post("/ads/seen/", data, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.get("/ads/seen/", data).status_code == 405
    assert not AdStat.objects.exists()


def test_an_isolated_snippet_is_served_sandboxed_by_its_own_csp(client):
    unit = make_snippet_unit("Network", code="<script>document.write('hello')</script>")
    response = client.get(f"/ads/frame/{unit.pk}/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "<script>document.write('hello')</script>" in response.content.decode()


def test_in_page_snippets_are_not_served_as_frames(client):
    unit = make_snippet_unit("Loader", runs_in_page=True, script_hosts=["ads.example.net"])
    assert client.get(f"/ads/frame/{unit.pk}/").status_code == 404


def test_ads_txt_is_served_as_plain_text(client):
    services.save_ads_txt("google.com, pub-1, DIRECT\r\n", by=None)
    response = client.get("/ads.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "google.com, pub-1, DIRECT\n"
