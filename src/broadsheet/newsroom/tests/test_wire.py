"""The wire desk's paste screen: paste, review beside the original, save a draft through the services."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from broadsheet.content.models import Article, Status
from broadsheet.content.tests.factories import make_section

pytestmark = pytest.mark.django_db

PASTE_URL = reverse("newsroom:wire_paste")
AGENCY_COPY = """Dark Mode
Thursday, 05 February 2026
Logo
Advertisement
Tunnel boring machine breaks through
Tunnel boring machine breaks through
By Agency Staff
Share

HALDEN (Northwind Press) — The boring machine digging the new rail tunnel broke through on Thursday.

Advertisement

Trains should run through it from 2028.

Comment / Reply
"""


def test_pasted_agency_copy_is_shown_for_review_beside_the_original_and_nothing_is_saved(desk):
    make_section("News")
    response = desk.post(PASTE_URL, {"text": AGENCY_COPY})
    assert response.status_code == 200
    form = response.context["review_form"]
    assert form.initial["headline"] == "Tunnel boring machine breaks through"
    assert form.initial["bylines"] == "Agency Staff\nNorthwind Press"  # the agency credit kept too
    assert form.initial["dateline"] == "HALDEN"
    assert form.initial["body"] == (
        "The boring machine digging the new rail tunnel broke through on Thursday.\n\n"
        "Trains should run through it from 2028."
    )
    assert "Dark Mode" in response.context["dropped"]
    assert "Thursday, 05 February 2026" in response.content.decode()  # the original, shown beside
    assert not Article.objects.exists()


def test_saving_the_reviewed_story_makes_a_draft_with_credit_and_dateline(desk):
    section = make_section("News")
    data = {
        "headline": "Tunnel boring machine breaks through",
        "bylines": "Agency Staff",
        "dateline": "HALDEN",
        "published_at": "2026-02-05 09:30",
        "section": section.pk,
        "body": "First <b>paragraph</b>.\r\n\r\nSecond paragraph.",
        "original": AGENCY_COPY,
        "_save": "1",
    }
    response = desk.post(PASTE_URL, data)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("newsroom:content_article_change", args=[article.pk])
    assert article.status == Status.DRAFT
    assert article.dateline == "HALDEN"
    assert [b.name for b in article.bylines.all()] == ["Agency Staff"]
    assert article.body == "<p>First &lt;b&gt;paragraph&lt;/b&gt;.</p><p>Second paragraph.</p>"
    assert article.published_at is not None


def test_an_uploaded_file_in_the_wrong_encoding_gets_an_error_naming_it(desk):
    upload = SimpleUploadedFile("wire.txt", "Caf\u00e9\n\nText.".encode("latin-1"))
    response = desk.post(PASTE_URL, {"text": "", "upload": upload})
    assert response.status_code == 200
    assert "wire.txt: the file is not UTF-8 text" in response.content.decode()


def test_an_empty_form_asks_for_a_story(desk):
    response = desk.post(PASTE_URL, {"text": "   "})
    assert "Paste the story, choose a file or give a web address." in response.content.decode()


def test_a_user_without_the_add_permission_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw-long-enough", is_staff=True)
    client.force_login(user)
    assert client.get(PASTE_URL).status_code == 403


def _png() -> bytes:
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


PAGE = b"""<html><head><title>Comet | Valley</title><meta property="og:image" content="/comet.png"></head><body>
<nav>Home</nav><article><h1>Observatory finds new comet</h1><p>By Ines Moreau</p>
<p>HILLFORD - Astronomers at the hill observatory found a new comet on Sunday night, the first in decades.</p>
<p>It will be visible with binoculars in March, low in the western sky after sunset, they said.</p>
</article><div class="share">Share</div></body></html>"""


def test_a_web_page_by_address_is_read_and_its_lead_picture_fetched_into_the_library(desk, monkeypatch):
    from broadsheet.importers import fetch
    from broadsheet.importers.tests.localserver import Route, local_server
    from broadsheet.media.models import Image

    section = make_section("Science")
    routes = {"/comet": Route(PAGE), "/comet.png": Route(_png(), headers={"Content-Type": "image/png"})}
    with local_server(routes) as server:
        monkeypatch.setattr(fetch, "policy", server.rules)  # the test server is on loopback
        review = desk.post(PASTE_URL, {"text": "", "url": server.url("/comet")})
        initial = review.context["review_form"].initial
        assert initial["headline"] == "Observatory finds new comet"
        assert initial["bylines"] == "Ines Moreau"
        assert initial["dateline"] == "HILLFORD"
        assert initial["lead_image_url"] == server.url("/comet.png")
        data = {**initial, "section": section.pk, "published_at": "", "lead_image_alt": "A comet", "_save": "1"}
        response = desk.post(PASTE_URL, data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.lead_image == Image.objects.get(alt_text="A comet")


def test_a_private_address_is_refused_with_a_clear_message(desk):
    response = desk.post(PASTE_URL, {"text": "", "url": "http://127.0.0.1/admin"})
    assert "private, loopback or reserved address" in response.content.decode()


def test_the_feed_list_shows_a_failing_feed_as_failing_with_its_error(desk):
    from broadsheet.wire.models import FeedSubscription

    section = make_section("Regions")
    FeedSubscription.objects.create(name="Healthy", url="https://a.example/rss", section=section)
    FeedSubscription.objects.create(
        name="Broken", url="https://b.example/rss", section=section, failure_count=3, last_error="answered 500"
    )
    page = desk.get(reverse("newsroom:wire_feedsubscription_changelist")).content.decode()
    assert "Failing (3 in a row)" in page and "answered 500" in page
    assert "Not polled yet" in page


def test_a_subscription_added_in_the_newsroom_is_saved_through_the_service(desk):
    from broadsheet.wire.models import FeedSubscription

    section = make_section("Regions")
    data = {"name": "Northwind", "url": "https://northwind.example/rss", "section": section.pk, "credit": "",
            "is_active": "on"}  # fmt: skip
    response = desk.post(reverse("newsroom:wire_feedsubscription_add"), data)
    assert response.status_code == 302
    assert FeedSubscription.objects.get().name == "Northwind"
