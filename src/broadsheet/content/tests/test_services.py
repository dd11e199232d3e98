"""Writing articles: creation, edits, bylines, slugs, publishing and withdrawal."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from broadsheet.content import services
from broadsheet.content.models import Article, Byline, FormerSlug, Status
from broadsheet.content.tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def test_a_new_article_is_a_draft_with_a_slug_from_its_headline():
    article = make_article("Harbour bridge reopens after repairs", publish=False)
    assert article.status == Status.DRAFT
    assert article.slug == "harbour-bridge-reopens-after-repairs"
    assert not article.is_public


def test_slugs_never_collide():
    first = make_article("Same headline")
    second = make_article("Same headline")
    assert first.slug == "same-headline"
    assert second.slug == "same-headline-2"


def test_the_body_is_sanitised_on_create_and_on_update(editor):
    article = make_article(body='<p onclick="x()">Hi<script>alert(1)</script></p>')
    assert article.body == "<p>Hi</p>"
    services.update_article(article, by=editor, publish_changes=True, body="<p>Again<iframe src=x></iframe></p>")
    assert Article.objects.get(pk=article.pk).body == "<p>Again</p>"


def test_bylines_keep_their_order_and_mix_staff_with_wire_credits():
    ana, tom = make_author("Ana Ruiz"), make_author("Tom Lee")
    article = make_article(bylines=[tom, "The Example Times", ana])
    names = [b.name for b in Byline.objects.filter(article=article).order_by("position")]
    assert names == ["Tom Lee", "The Example Times", "Ana Ruiz"]


def test_a_byline_cannot_be_both_author_and_credit():
    article = make_article()
    with pytest.raises(ValidationError):
        Byline(article=article, author=make_author(), credit="Agency Staff").full_clean()


def test_publishing_needs_a_byline(editor):
    article = make_article(bylines=[], publish=False)
    with pytest.raises(ValidationError, match="byline"):
        services.publish_article(article, by=editor)


def test_publishing_makes_it_public_and_a_future_time_schedules_it(editor):
    now_story = make_article(publish=False)
    services.publish_article(now_story, by=editor)
    assert now_story.is_public

    later = make_article(publish=False)
    services.publish_article(later, by=editor, at=timezone.now() + timedelta(hours=2))
    assert later.status == Status.SCHEDULED
    assert not later.is_public


def test_republishing_a_withdrawn_story_keeps_its_first_publication_time(editor):
    article = make_article()
    first = article.published_at
    services.withdraw_article(article, by=editor)
    assert article.status == Status.WITHDRAWN
    services.publish_article(article, by=editor)
    assert article.published_at == first


def test_a_changed_slug_remembers_the_old_one(editor):
    article = make_article("Original headline")
    services.update_article(article, by=editor, publish_changes=True, slug="better-address")
    assert article.slug == "better-address"
    assert FormerSlug.objects.get(slug="original-headline").article == article
    # A new story cannot take the old address away from the redirect.
    assert make_article("Original headline").slug == "original-headline-2"


def test_visible_edits_after_publication_move_updated_at(editor):
    article = make_article()
    before = article.updated_at
    services.update_article(article, by=editor, publish_changes=True, section=make_section())
    assert article.updated_at == before
    services.update_article(article, by=editor, publish_changes=True, headline="A corrected headline")
    assert article.updated_at > before


def test_unknown_fields_are_refused(editor):
    with pytest.raises(TypeError):
        services.update_article(make_article(), by=editor, publish_changes=True, status=Status.DRAFT)
