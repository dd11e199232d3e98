"""The comment thread and the "Comment / Reply" form as a reader meets them."""

import re
import time

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.comments.tests.factories import make_comment
from broadsheet.content.models import CommentsMode
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.reader.forms import STARTED_SALT

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("Night buses return to the old town", section=make_section("City", slug="city"))


@pytest.fixture
def client():
    """A client that checks CSRF tokens the way a browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


def _token(client):
    data = client.get("/comments/token/").json()
    return data


def _backdated_started(seconds=30):
    return signing.dumps({"t": time.time() - seconds}, salt=STARTED_SALT)


def _post(client, article, *, token=None, meta=None, **fields):
    token = token or _token(client)
    data = {
        "csrfmiddlewaretoken": token["csrf"],
        "started": _backdated_started(),
        "key": token["key"],
        "name": "Oona",
        "email": "oona@example.test",
        "body": "Good to have them back.",
    }
    data.update(fields)
    return client.post(f"/comments/{article.pk}/", data, **(meta or {}))


def test_the_thread_shows_comments_with_their_replies_oldest_first(client, article):
    first = make_comment(article, name="Ana", body="First!")
    reply = make_comment(article, name="Ben", body="Replying to Ana", reply_to=first)
    make_comment(article, name="Cai", body="Replying to Ben", reply_to=reply)
    make_comment(article, name="Dee", body="Second thread")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "4 comments" in html
    order = [html.index(text) for text in ("First!", "Replying to Ana", "Replying to Ben", "Second thread")]
    assert order == sorted(order)
    assert "replying to Ben" in html
    assert f'href="/comments/{article.pk}/reply/{first.pk}/#respond"' in html
    assert 'class="comment__report"' in html
    assert "Comment / Reply" in html


def test_names_in_the_thread_are_escaped_and_times_are_in_the_papers_zone(client, article):
    first = make_comment(article, name='<b>Ana</b> "A"', body="First!")
    make_comment(article, name="<i>Ben</i>", body="Second", reply_to=first)
    reply_to_reply = make_comment(article, name="Cai", body="Third", reply_to=first)
    Comment.objects.filter(pk=reply_to_reply.pk).update(in_reply_to=Comment.objects.get(author_name="<i>Ben</i>"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<b>Ana</b>" not in html and "<i>Ben</i>" not in html
    assert '<span class="comment__author">&lt;b&gt;Ana&lt;/b&gt; &quot;A&quot;</span>' in html
    assert 'data-reply-name="&lt;b&gt;Ana&lt;/b&gt; &quot;A&quot;"' in html
    assert "replying to &lt;i&gt;Ben&lt;/i&gt;" in html
    local = timezone.localtime(first.created_at)
    assert f'<time datetime="{local.isoformat()}" data-relative>{local.day} {local:%b %Y, %H:%M}</time>' in html


def test_a_removed_comment_with_replies_stays_as_a_placeholder(client, article):
    first = make_comment(article, name="Ana", body="Gone soon")
    make_comment(article, name="Ben", body="Still here", reply_to=first)
    Comment.objects.filter(pk=first.pk).update(status=CommentStatus.REMOVED)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Gone soon" not in html and "Still here" in html
    assert "This comment was removed." in html


def test_pending_and_rejected_comments_are_not_shown(client, article):
    article.comments_mode = CommentsMode.PREMODERATED
    article.save()
    make_comment(article, body="Waiting for a moderator")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Waiting for a moderator" not in html
    assert "0 comments" in html
    assert "reviewed by a moderator before they appear" in html


def test_a_closed_thread_still_shows_its_comments(client, article):
    make_comment(article, body="Said before closing")
    article.comments_mode = CommentsMode.CLOSED
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Said before closing" in html
    assert "Comments are closed on this story." in html
    assert 'id="respond"' not in html


def test_posting_with_the_fetched_token_shows_the_comment_in_place(client, article):
    response = _post(client, article)
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert "Good to have them back." in client.get(article.get_absolute_url()).content.decode()


def test_the_token_endpoint_is_never_cached(client):
    response = client.get("/comments/token/")
    assert "no-store" in response["Cache-Control"]
    assert set(response.json()) == {"csrf", "started", "key"}


def test_without_javascript_the_first_post_comes_back_to_confirm_with_the_text_kept(client, article):
    response = client.post(
        f"/comments/{article.pk}/", {"name": "Pat", "email": "pat@example.test", "body": "No JS here"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "press “Post” to publish it" in html
    assert "No JS here" in html and 'value="Pat"' in html
    assert not Comment.objects.exists()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    key = re.search(r'name="key" value="([^"]+)"', html).group(1)
    response = client.post(
        f"/comments/{article.pk}/",
        {"csrfmiddlewaretoken": token, "key": key, "started": _backdated_started(), "name": "Pat",
         "email": "pat@example.test", "body": "No JS here"},
    )  # fmt: skip
    assert response.status_code == 303
    assert Comment.objects.get().body == "No JS here"


def test_a_foreign_csrf_token_posts_nothing(client, article):
    response = _post(client, article, token={"csrf": "x" * 64, "key": "k" * 30})
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_errors_are_inline_and_keep_what_was_typed(client, article):
    response = _post(client, article, email="not an email", body="My words stay here")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter an email address like name@example.com" in html
    assert 'aria-invalid="true"' in html
    assert "My words stay here" in html and 'value="Oona"' in html


def test_a_too_long_comment_is_explained_not_truncated(client, article, settings):
    settings.BROADSHEET = {"comment_max_chars": 20}
    text = "🦊" * 25
    html = _post(client, article, body=text).content.decode()
    assert "up to 20 characters; yours has 25" in html
    assert text in html


def test_a_too_quick_submission_is_asked_to_try_again(client, article):
    token = _token(client)
    response = _post(client, article, token=token, started=token["started"])
    assert response.status_code == 400
    assert "That was very quick" in response.content.decode()
    assert not Comment.objects.exists()


def test_pre_moderated_stories_answer_held_for_review(client, article):
    article.comments_mode = CommentsMode.PREMODERATED
    article.save()
    response = _post(client, article)
    assert response.status_code == 200
    assert "held for review" in response.content.decode()
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_the_honeypot_gets_a_thank_you_and_the_comment_is_kept_as_spam(client, article):
    response = _post(client, article, website="http://spam.test")
    assert "held for review" in response.content.decode()
    assert Comment.objects.get().status == CommentStatus.SPAM


def test_a_double_submit_creates_one_comment(client, article):
    token = _token(client)
    first = _post(client, article, token=token)
    second = _post(client, article, token=token)
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


def test_a_flood_gets_429_with_a_readable_message(client, article, settings):
    settings.BROADSHEET = {"comment_rate_per_ip": 2}
    for n in range(2):
        assert _post(client, article, body=f"comment {n}", email=f"p{n}@example.test").status_code == 303
    response = _post(client, article, body="one too many", email="p9@example.test")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Please wait" in response.content.decode()
    assert "one too many" in response.content.decode()


def test_x_forwarded_for_is_ignored_unless_from_a_trusted_proxy(client, article, settings):
    settings.BROADSHEET = {"trusted_proxies": ("10.0.0.0/8",)}
    _post(client, article, meta={"HTTP_X_FORWARDED_FOR": "198.51.100.9", "REMOTE_ADDR": "203.0.113.5"})
    assert Comment.objects.get().ip_address == "203.0.113.5"
    Comment.objects.all().delete()
    token = _token(client)
    client.post(
        f"/comments/{article.pk}/",
        {"csrfmiddlewaretoken": token["csrf"], "key": token["key"], "started": _backdated_started(),
         "name": "Via proxy", "email": "proxy@example.test", "body": "Through the proxy"},
        HTTP_X_FORWARDED_FOR="198.51.100.9", REMOTE_ADDR="10.1.2.3",
    )  # fmt: skip
    assert Comment.objects.get().ip_address == "198.51.100.9"


def test_the_reply_page_works_without_javascript(client, article):
    parent = make_comment(article, name="Ana", body="Is the 23 running?")
    html = client.get(f"/comments/{article.pk}/reply/{parent.pk}/").content.decode()
    assert "Reply to Ana" in html and "Is the 23 running?" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    key = re.search(r'name="key" value="([^"]+)"', html).group(1)
    client.post(
        f"/comments/{article.pk}/",
        {"csrfmiddlewaretoken": token, "key": key, "started": _backdated_started(), "in_reply_to": parent.pk,
         "name": "Ben", "email": "ben@example.test", "body": "Yes, every hour."},
    )  # fmt: skip
    assert Comment.objects.get(author_name="Ben").thread == parent


def test_reporting_a_comment(client, article):
    comment = make_comment(article, body="Rude words")
    page = client.get(f"/comments/report/{comment.pk}/")
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(f"/comments/report/{comment.pk}/", {"csrfmiddlewaretoken": token, "reason": "abuse"})
    assert "Our moderators will look" in response.content.decode()
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_email_links_change_nothing_until_the_button_is_pressed(client):
    from broadsheet.comments.models import Commenter
    from broadsheet.comments.tokens import email_token

    url = f"/comments/confirm/{email_token('me@example.test', 'verify')}/"
    assert "Confirm my address" in client.get(url).content.decode()
    assert not Commenter.objects.filter(verified_at__isnull=False).exists()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(url).content.decode()).group(1)
    assert "is confirmed" in client.post(url, {"csrfmiddlewaretoken": token}).content.decode()
    assert Commenter.objects.get(email="me@example.test").verified_at is not None


def test_teasers_show_comment_counts(client, article):
    make_comment(article)
    make_comment(article)
    assert "2 comments" in client.get("/city/").content.decode()


@pytest.mark.parametrize("count", [0, 10, 200])
def test_article_page_query_count_does_not_grow_with_comments(
    client, article, count, settings, django_assert_max_num_queries
):
    settings.BROADSHEET = {"comment_rate_per_ip": 10_000, "comment_rate_per_email": 10_000}
    roots = [make_comment(article, ip=f"198.51.{n // 200}.{n % 200}") for n in range(count // 2)]
    for n, root in enumerate(roots):
        make_comment(article, reply_to=root, ip=f"203.0.{n // 200}.{n % 200}")
    client.get("/")
    with django_assert_max_num_queries(7):
        html = client.get(article.get_absolute_url()).content.decode()
    assert f"{count} comment" in html


def test_comments_close_after_the_configured_days_on_the_page(client, settings):
    settings.BROADSHEET = {"comments_close_after_days": 3}
    old = make_article(published_at=timezone.now() - timezone.timedelta(days=4))
    assert "Comments closed 3 days after publication." in client.get(old.get_absolute_url()).content.decode()
