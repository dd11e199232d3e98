"""Every public write can be retried safely: sent twice (a retry after a timeout or a crash), it takes effect once."""

from __future__ import annotations

import time

import pytest
from django.core import signing
from django.test import Client

from broadsheet.ads.models import AdStat
from broadsheet.ads.tests.factories import make_house_unit
from broadsheet.ads.tokens import impression_token
from broadsheet.comments.models import Comment, Commenter, CommentReport
from broadsheet.comments.tests.factories import make_comment
from broadsheet.comments.tokens import email_token
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.reader.forms import STARTED_SALT

pytestmark = pytest.mark.django_db

# The public routes that write, and what makes a repeat harmless. `cli/tests/test_routes_security.py`
# checks that no other public route writes at all.
PUBLIC_WRITES = {
    "reader:comment_post": "the form's idempotency key, unique in the database: a repeat gets the first comment",
    "reader:comment_report": "one report per comment and reader network",
    "reader:ad_seen": "the page view's id: one impression per unit per view",
    "reader:comment_verify": "marks the address verified; a repeat changes nothing",
    "reader:comment_unsubscribe": "marks the address unsubscribed; a repeat changes nothing",
}


@pytest.fixture
def article():
    return make_article("Harbour ferry timetable changes", section=make_section("City", slug="city"))


def _started() -> str:
    return signing.dumps({"t": time.time() - 30}, salt=STARTED_SALT)


def test_a_comment_sent_twice_with_one_key_is_stored_once_and_both_answers_agree(article):
    client = Client(enforce_csrf_checks=True)
    token = client.get("/comments/token/").json()
    data = {"csrfmiddlewaretoken": token["csrf"], "started": _started(), "key": token["key"], "name": "Ines",
            "email": "ines@readers.example", "body": "The early ferry matters to shift workers."}  # fmt: skip
    first = client.post(f"/comments/{article.pk}/", data)
    retry = client.post(f"/comments/{article.pk}/", data)
    assert first.status_code == retry.status_code == 303
    assert first["Location"] == retry["Location"]
    assert Comment.objects.filter(article=article).count() == 1


def test_a_report_sent_twice_counts_once(article):
    comment = make_comment(article)
    client = Client()
    for _ in range(2):
        client.post(f"/comments/report/{comment.pk}/", {"reason": "spam"}, REMOTE_ADDR="198.51.100.4")
    assert CommentReport.objects.filter(comment=comment).count() == 1
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_an_impression_beacon_sent_twice_counts_once():
    unit = make_house_unit()
    data = {"token": impression_token(unit.pk), "view": "b" * 32}
    for _ in range(2):
        assert Client().post("/ads/seen/", data).status_code == 204
    assert sum(AdStat.objects.filter(unit=unit).values_list("impressions", flat=True)) == 1


@pytest.mark.parametrize(("action", "field"), [("confirm", "verified_at"), ("unsubscribe", "unsubscribed_at")])
def test_an_email_link_pressed_twice_sets_its_state_once(action, field):
    purpose = "verify" if action == "confirm" else "unsubscribe"
    url = f"/comments/{action}/{email_token('ines@readers.example', purpose)}/"
    Client().post(url)
    first = getattr(Commenter.objects.get(email="ines@readers.example"), field)
    assert Client().post(url).status_code == 200
    assert getattr(Commenter.objects.get(email="ines@readers.example"), field) == first is not None
