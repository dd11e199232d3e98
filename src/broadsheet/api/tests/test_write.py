"""The write API: tokens made in the newsroom, each scope checked, drafts sanitised, publishing one's own only."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from broadsheet.content.models import Article, Status
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.wire import services
from broadsheet.wire.models import ApiToken, Scope

pytestmark = pytest.mark.django_db


def token(*scopes):
    return services.create_token(name="Partner CMS", scopes=list(scopes), by=None)[1]


def post(client, path, data=None, secret=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return client.post(f"/api/v1{path}", json.dumps(data or {}), content_type="application/json", **headers, **extra)


DRAFT = {
    "headline": "Harbour crane collapses in storm",
    "section": "news",
    "bylines": ["Agency Staff"],
    "dateline": "MERIDIAN",
    "body": '<p onclick="x()">No one was hurt.</p><script>alert(1)</script><iframe src="https://x.example"></iframe>',
    "embargo_until": "2026-02-05T12:00:00Z",
    "tags": ["Harbour", "Storms"],
    "external_id": "crane-0205",
}


def test_a_partner_creates_a_draft_with_a_token(client):
    make_section("News", slug="news")
    response = post(client, "/drafts/", DRAFT, token(Scope.CREATE_DRAFTS))
    assert response.status_code == 201
    article = Article.objects.get(pk=response.json()["id"])
    assert article.status == Status.DRAFT
    assert article.body == "<p>No one was hurt.</p>"
    assert article.dateline == "MERIDIAN"
    assert [b.name for b in article.bylines.all()] == ["Agency Staff"]
    assert sorted(t.name for t in article.tags.all()) == ["Harbour", "Storms"]
    assert response.json()["embargo_until"] == "2026-02-05T12:00:00+00:00"
    assert response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]


def test_sending_the_same_external_id_again_returns_the_first_draft(client):
    make_section("News", slug="news")
    secret = token(Scope.CREATE_DRAFTS)
    first = post(client, "/drafts/", DRAFT, secret).json()["id"]
    again = post(client, "/drafts/", DRAFT, secret)
    assert (again.status_code, again.json()["id"]) == (200, first)
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("header", "status"),
    [(None, 401), ("Bearer bst_0000_nope", 401), ("Basic dXNlcjpwYXNz", 401)],
)
def test_no_valid_token_gets_401(client, header, status):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post("/api/v1/drafts/", "{}", content_type="application/json", **extra)
    assert response.status_code == status
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_each_scope_is_checked(client):
    make_section("News", slug="news")
    images_only = token(Scope.UPLOAD_IMAGES)
    response = post(client, "/drafts/", DRAFT, images_only)
    assert response.status_code == 403
    assert "scope “drafts”" in response.json()["error"]
    drafts_only = token(Scope.CREATE_DRAFTS)
    article_id = post(client, "/drafts/", DRAFT, drafts_only).json()["id"]
    assert post(client, f"/articles/{article_id}/publish/", {}, drafts_only).status_code == 403


def test_a_revoked_token_stops_working(client):
    make_section("News", slug="news")
    made, secret = services.create_token(name="Old partner", scopes=[Scope.CREATE_DRAFTS], by=None)
    services.revoke_token(made, by=None)
    assert post(client, "/drafts/", DRAFT, secret).status_code == 401


def test_publishing_works_for_the_tokens_own_stories_only_and_keeps_the_embargo(client):
    make_section("News", slug="news")
    secret = token(Scope.CREATE_DRAFTS, Scope.PUBLISH)
    own = post(client, "/drafts/", {**DRAFT, "embargo_until": "2030-01-01T08:00:00Z"}, secret).json()["id"]
    refused = post(client, f"/articles/{own}/publish/", {}, secret)
    assert refused.status_code == 422
    assert "embargoed" in refused.json()["error"]
    scheduled = post(client, f"/articles/{own}/publish/", {"at": "2030-01-01T08:00:00Z"}, secret)
    assert (scheduled.status_code, scheduled.json()["status"]) == (200, "scheduled")
    someone_elses = make_article("Staff story", publish=False)
    assert post(client, f"/articles/{someone_elses.pk}/publish/", {}, secret).status_code == 404
    # The audit trail names the token, not an anonymous "system".
    story = Article.objects.get(pk=own)
    assert [(e.action, e.who) for e in story.events.order_by("at", "pk")][-1] == ("schedule", "API token “Partner CMS”")
    assert {r.who for r in story.revisions.all()} == {"API token “Partner CMS”"}


@pytest.mark.parametrize(
    ("data", "status", "field"),
    [
        ({**DRAFT, "headline": ""}, 400, "headline"),
        ({**DRAFT, "section": "nowhere"}, 404, "section"),
        ({**DRAFT, "bylines": "Agency Staff"}, 400, "bylines"),
        ({**DRAFT, "published_at": "yesterday"}, 400, "published_at"),
        ({**DRAFT, "published_at": "2026-02-05T09:00:00"}, 400, "published_at"),
        ({**DRAFT, "lead_image": 999}, 404, "lead_image"),
        ({**DRAFT, "colour": "red"}, 400, "colour"),
    ],
)
def test_bad_drafts_are_refused_naming_the_field(client, data, status, field):
    make_section("News", slug="news")
    response = post(client, "/drafts/", data, token(Scope.CREATE_DRAFTS))
    assert response.status_code == status
    assert response.json()["error"].startswith(field)
    assert not Article.objects.exists()


def test_json_that_is_not_json_is_refused(client):
    response = client.post("/api/v1/drafts/", "{not json", content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token(Scope.CREATE_DRAFTS)}")  # fmt: skip
    assert response.status_code == 400
    assert "JSON cannot be read" in response.json()["error"]


def test_an_image_is_uploaded_and_used_as_a_lead_image(client):
    make_section("News", slug="news")
    secret = token(Scope.UPLOAD_IMAGES, Scope.CREATE_DRAFTS)
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (10, 20, 30)).save(buffer, format="JPEG")
    buffer.name = "crane.jpg"
    buffer.seek(0)
    response = client.post("/api/v1/images/", {"file": buffer, "alt_text": "The fallen crane"},
                           HTTP_AUTHORIZATION=f"Bearer {secret}")  # fmt: skip
    assert response.status_code == 201
    image_id = response.json()["id"]
    draft = post(client, "/drafts/", {**DRAFT, "lead_image": image_id}, secret).json()
    assert Article.objects.get(pk=draft["id"]).lead_image_id == image_id


def test_an_upload_that_is_not_a_picture_is_refused_with_the_reason(client):
    secret = token(Scope.UPLOAD_IMAGES)
    fake = io.BytesIO(b"not a picture at all")
    fake.name = "crane.jpg"
    response = client.post("/api/v1/images/", {"file": fake, "alt_text": "x"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 422


def test_tokens_are_made_in_the_newsroom_and_the_secret_shown_once(client, editor):
    client.force_login(editor)
    data = {"name": "Northwind robot", "scopes": ["drafts", "images"]}
    response = client.post(reverse("newsroom:wire_apitoken_add"), data, follow=True)
    made = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    assert made.scopes == ["drafts", "images"]
    secret = next(m for m in shown if "copy it now" in m).split(": ", 1)[1].split(" —")[0]
    assert services.authenticate_token(secret) == made
    assert secret not in made.secret_hash
