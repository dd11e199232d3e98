"""The moderation queue as a moderator works it."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.comments.services import moderate_comment, report_comment
from broadsheet.comments.tests.factories import make_comment
from broadsheet.content.models import CommentsMode
from broadsheet.content.tests.factories import make_article

pytestmark = pytest.mark.django_db
QUEUE = "/newsroom/comments/comment/"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moira", "moira@example.test", "a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def desk(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def article():
    return make_article("Library opening hours extended", comments_mode=CommentsMode.PREMODERATED)


def test_pending_then_reported_comments_come_first(desk, article, settings):
    settings.BROADSHEET = {"comment_reports_to_requeue": 99}
    open_story = make_article()
    old_ok = make_comment(open_story, body="Fine comment")
    reported = make_comment(open_story, body="Reported comment")
    report_comment(reported, reason="abuse", ip="198.51.100.1")
    waiting = make_comment(article, body="Waiting comment")
    html = desk.get(QUEUE).content.decode()
    positions = [html.index(text) for text in ("Waiting comment", "Reported comment", "Fine comment")]
    assert positions == sorted(positions)
    assert waiting.status == CommentStatus.PENDING and old_ok.status == CommentStatus.APPROVED


def test_the_queue_shows_the_commenters_history(desk, article, moderator):
    for n in range(3):
        moderate_comment(make_comment(article, email="regular@example.test", body=f"ok {n}"), "approved", by=moderator)
    moderate_comment(make_comment(article, email="regular@example.test", body="bad"), "rejected", by=moderator)
    make_comment(article, email="regular@example.test", body="new one")
    assert "3 approved, 1 rejected" in desk.get(QUEUE).content.decode()


def test_bulk_decisions(desk, article):
    comments = [make_comment(article, body=f"bulk {n}") for n in range(3)]
    response = desk.post(
        QUEUE, {"action": "mark_approved", "_selected_action": [c.pk for c in comments[:2]], "index": 0}
    )
    assert response.status_code == 302
    statuses = sorted(Comment.objects.values_list("status", flat=True))
    assert statuses == ["approved", "approved", "pending"]
    desk.post(QUEUE, {"action": "mark_spam", "_selected_action": [comments[2].pk], "index": 0})
    assert Comment.objects.get(pk=comments[2].pk).status == CommentStatus.SPAM


def test_a_single_decision_from_the_comment_page(desk, article):
    comment = make_comment(article)
    page = desk.get(reverse("newsroom:comments_comment_change", args=[comment.pk]))
    assert 'name="_to_approved"' in page.content.decode()
    response = desk.post(reverse("newsroom:comments_comment_change", args=[comment.pk]), {"_to_removed": "Remove"})
    assert response.status_code == 302, "the decision did not redirect"
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.REMOVED


def test_moderators_cannot_edit_stories(desk, article):
    assert desk.get(reverse("newsroom:content_article_change", args=[article.pk])).status_code in (200, 403)
    response = desk.post(reverse("newsroom:content_article_change", args=[article.pk]), {"headline": "Hijacked"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Library opening hours extended"
    assert desk.get(reverse("newsroom:content_article_add")).status_code == 403


def test_export_and_erase_from_the_newsroom(desk, article):
    make_comment(article, email="gone@example.test", body="Personal words")
    url = reverse("newsroom:comments_commenter")
    assert "1 comment from gone@example.test" in desk.get(url, {"email": "gone@example.test"}).content.decode()
    exported = desk.post(url, {"email": "gone@example.test", "_export": "1"})
    assert json.loads(exported.content)["comments"][0]["body"] == "Personal words"
    desk.post(url, {"email": "gone@example.test", "_erase": "1"})
    assert not Comment.objects.filter(author_email="gone@example.test").exists()


def test_bans_are_added_through_the_service(desk):
    response = desk.post(reverse("newsroom:comments_ban_add"), {"email": "", "network": "bad range", "reason": ""})
    assert response.status_code == 200  # the form comes back with the error
    desk.post(reverse("newsroom:comments_ban_add"), {"email": "", "network": "203.0.113.7/24", "reason": "flood"})
    from broadsheet.comments.models import Ban

    assert Ban.objects.get().network == "203.0.113.0/24"


@pytest.mark.parametrize("count", [5, 40])
def test_the_queue_query_count_does_not_grow(desk, article, count, settings, django_assert_max_num_queries):
    settings.BROADSHEET = {"comment_rate_per_ip": 10_000, "comment_rate_per_email": 10_000}
    for n in range(count):
        make_comment(article, ip=f"198.51.100.{n % 250}")
    with django_assert_max_num_queries(14):
        assert desk.get(QUEUE).status_code == 200
