"""Posting, replying, moderating and reporting comments, and every defence around them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from broadsheet.comments import services
from broadsheet.comments.models import Ban, Comment, Commenter, CommentStatus
from broadsheet.comments.selectors import comment_thread
from broadsheet.comments.tests.factories import make_comment
from broadsheet.comments.tokens import email_token
from broadsheet.content.models import CommentsMode, SiteSettings
from broadsheet.content.tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("Harbour ferry timetable changes")


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_superuser("mod", "mod@example.test", "pw-long-enough")


def _post(article, **overrides):
    fields = {
        "site": SiteSettings(),
        "name": "Mira",
        "email": "mira@example.test",
        "body": "The new timetable suits early workers.",
        "ip": "198.51.100.20",
        "idempotency_key": "k" * 20,
    }
    fields.update(overrides)
    return services.post_comment(article, **fields)


def test_a_comment_on_an_open_story_appears_at_once(article):
    posted = _post(article)
    assert posted.created
    assert posted.comment.status == CommentStatus.APPROVED
    assert posted.comment.body_html == "<p>The new timetable suits early workers.</p>"


def test_the_same_idempotency_key_never_creates_two_comments(article):
    first = _post(article)
    again = _post(article, body="A retry with different text")
    assert again.comment.pk == first.comment.pk
    assert not again.created
    assert Comment.objects.count() == 1


def test_a_reply_to_a_reply_attaches_to_the_thread_root_and_names_whom_it_answers(article):
    root = make_comment(article, name="Ana")
    reply = make_comment(article, name="Ben", reply_to=root)
    reply_to_reply = make_comment(article, name="Cai", reply_to=reply)
    assert reply.thread == root
    assert reply_to_reply.thread == root
    assert reply_to_reply.in_reply_to == reply
    thread = comment_thread(article)
    assert [e.comment for e in thread.entries] == [root]
    assert thread.entries[0].replies == [reply, reply_to_reply]
    assert thread.count == 3


def test_a_reply_must_belong_to_the_same_story(article):
    other = make_comment(make_article())
    with pytest.raises(services.CommentRefused):
        _post(article, in_reply_to=other)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "Tell us the name"),
        ("name", "x" * 81, "Names can be up to 80 characters; this one has 81"),
        ("email", "not-an-address", "Enter an email address"),
        ("body", "  \n ", "Write your comment"),
    ],
)
def test_bad_input_gets_a_specific_message(article, field, value, message):
    with pytest.raises(ValidationError) as caught:
        _post(article, **{field: value})
    assert message in " ".join(caught.value.message_dict[field])


def test_length_limits_count_characters_not_bytes(article, settings):
    settings.BROADSHEET = {"comment_max_chars": 10}
    ten_emoji = "😀" * 10  # 40 bytes in UTF-8, 20 UTF-16 units, 10 characters
    assert _post(article, body=ten_emoji).comment.body == ten_emoji
    with pytest.raises(ValidationError) as caught:
        _post(article, body="😀" * 11, idempotency_key="z" * 20)
    assert "up to 10 characters; yours has 11" in caught.value.message_dict["body"][0]
    assert Comment.objects.get().body == ten_emoji  # stored whole, never truncated


def test_premoderated_stories_hold_comments_until_trusted(article, settings):
    settings.BROADSHEET = {"comment_trusted_after": 2}
    article.comments_mode = CommentsMode.PREMODERATED
    article.save()
    held = make_comment(article, email="regular@example.test")
    assert held.status == CommentStatus.PENDING
    assert held.hold_reason == "Pre-moderated story."
    for c in Comment.objects.all():
        services.moderate_comment(c, CommentStatus.APPROVED, by=None)
    make_comment(make_article(), email="regular@example.test")  # a second approved, on an open story
    assert make_comment(article, email="regular@example.test").status == CommentStatus.PENDING  # not verified yet
    Commenter.objects.filter(email="regular@example.test").update(verified_at=timezone.now())
    assert make_comment(article, email="regular@example.test").status == CommentStatus.APPROVED


def test_closed_threads_refuse_with_a_reason(article):
    article.comments_mode = CommentsMode.CLOSED
    article.save()
    with pytest.raises(services.CommentRefused, match="closed"):
        _post(article)


def test_banned_email_and_ip_range_cannot_post(article, moderator):
    services.ban(email="Troll@Example.test", by=moderator)
    with pytest.raises(services.CommentRefused, match="may not comment"):
        _post(article, email="troll@example.test")
    services.ban(network="192.0.2.0/24", by=moderator)
    with pytest.raises(services.CommentRefused, match="may not comment"):
        _post(article, ip="192.0.2.99", idempotency_key="b" * 20)
    assert _post(article, ip="192.0.3.1", idempotency_key="c" * 20).created


def test_a_bad_ban_range_is_explained(moderator):
    with pytest.raises(ValidationError, match="range such as"):
        services.ban(network="300.1.1.0/24", by=moderator)
    assert not Ban.objects.exists()


def test_banned_words_refuse_and_suspect_words_hold(article, settings):
    settings.BROADSHEET = {"comment_banned_words": ("slur",), "comment_suspect_words": ("casino",)}
    with pytest.raises(services.CommentRefused, match="“slur”"):
        _post(article, body="That is a SLUR.")
    held = _post(article, body="Visit my casino", idempotency_key="d" * 20).comment
    assert held.status == CommentStatus.PENDING
    assert "casino" in held.hold_reason


def test_too_many_links_go_to_the_queue(article, settings):
    settings.BROADSHEET = {"comment_max_links": 1}
    held = _post(article, body="https://a.test and https://b.test").comment
    assert held.status == CommentStatus.PENDING
    assert held.hold_reason == "Contains 2 links."


def test_the_honeypot_stores_the_comment_as_spam(article):
    posted = _post(article, looks_automated=True)
    assert posted.comment.status == CommentStatus.SPAM


def test_duplicates_are_refused(article):
    _post(article)
    with pytest.raises(services.CommentRefused, match="already posted"):
        _post(article, idempotency_key="e" * 20)


def test_rate_limits_per_network_and_per_email(article, settings):
    settings.BROADSHEET = {"comment_rate_per_ip": 2, "comment_rate_per_email": 100}
    _post(article, body="one", idempotency_key="1" * 20, ip="198.51.100.1")
    _post(article, body="two", idempotency_key="2" * 20, ip="198.51.100.200", email="b@example.test")
    with pytest.raises(services.RateLimited) as caught:  # the same /24
        _post(article, body="three", idempotency_key="3" * 20, ip="198.51.100.77", email="c@example.test")
    assert caught.value.status_code == 429
    assert caught.value.retry_after > 0
    assert _post(article, body="four", idempotency_key="4" * 20, ip="203.0.113.1").created  # another network

    settings.BROADSHEET = {"comment_rate_per_ip": 100, "comment_rate_per_email": 1}
    with pytest.raises(services.RateLimited):
        _post(article, body="five", idempotency_key="5" * 20, ip="203.0.113.99", email="b@example.test")


def test_ipv6_clients_are_limited_per_64(article, settings):
    settings.BROADSHEET = {"comment_rate_per_ip": 1}
    _post(article, ip="2001:db8:1:2::1")
    with pytest.raises(services.RateLimited):
        _post(article, ip="2001:db8:1:2:ffff::9", body="other", email="x@example.test", idempotency_key="6" * 20)


def test_reports_requeue_an_approved_comment_once_enough_networks_report(article, settings):
    settings.BROADSHEET = {"comment_reports_to_requeue": 2}
    comment = make_comment(article)
    assert services.report_comment(comment, reason="abuse", ip="198.51.100.1")
    assert not services.report_comment(comment, reason="abuse", ip="198.51.100.2")  # same /24: counted once
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    services.report_comment(comment, reason="spam", ip="203.0.113.5")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert comment.hold_reason == "Reported by 2 readers."


def test_a_removed_comment_with_replies_stays_as_a_placeholder(article, moderator):
    root = make_comment(article)
    make_comment(article, reply_to=root)
    lonely = make_comment(article)
    services.moderate_comments([root, lonely], CommentStatus.REMOVED, by=moderator)
    entries = comment_thread(article).entries
    assert [e.comment.pk for e in entries] == [root.pk]
    assert entries[0].comment.status == CommentStatus.REMOVED
    assert comment_thread(article).count == 1


def test_moderation_records_who_and_refuses_readers(article, moderator, django_user_model):
    comment = make_comment(article)
    services.moderate_comment(comment, CommentStatus.SPAM, by=moderator)
    assert (comment.moderated_by, comment.status) == (moderator, CommentStatus.SPAM)
    reporter = django_user_model.objects.create_user("reporter")
    with pytest.raises(Exception, match="permission"):
        services.moderate_comment(comment, CommentStatus.APPROVED, by=reporter)


def test_moderators_hear_of_held_comments_and_readers_of_replies(
    article, moderator, django_capture_on_commit_callbacks
):
    article.comments_mode = CommentsMode.PREMODERATED
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        root = make_comment(article, email="asker@example.test", notify_on_reply=True)
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Comment waiting") for s in subjects)
    assert "Confirm your email for reply notifications" in subjects
    confirmation = next(m for m in mail.outbox if m.subject.startswith("Confirm"))
    assert "/comments/confirm/" in confirmation.body and "/comments/unsubscribe/" in confirmation.body

    services.verify_email(email_token("asker@example.test", "verify"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate_comment(root, CommentStatus.APPROVED, by=moderator)
        reply = make_comment(article, reply_to=root, name="Dee")
        services.moderate_comment(reply, CommentStatus.APPROVED, by=moderator)
    notes = [m for m in mail.outbox if m.to == ["asker@example.test"]]
    assert len(notes) == 1, [m.subject for m in notes]
    assert notes[0].subject == "Dee replied to your comment"
    assert "unsubscribe" in notes[0].body


def test_confirmation_emails_go_out_at_most_once_an_hour(article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            make_comment(article, email="target@example.test", notify_on_reply=True, body=f"Comment {n}")
    assert sum(1 for m in mail.outbox if m.to == ["target@example.test"]) == 1


def test_unsubscribing_stops_reply_emails(article, moderator, django_capture_on_commit_callbacks):
    root = make_comment(article, email="quiet@example.test", notify_on_reply=True)
    services.verify_email(email_token("quiet@example.test", "verify"))
    services.unsubscribe(email_token("quiet@example.test", "unsubscribe"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(article, reply_to=root)
    assert not [m for m in mail.outbox if m.to == ["quiet@example.test"]]


def test_a_forged_or_reused_token_is_refused():
    from broadsheet.comments.tokens import BadLink

    with pytest.raises(BadLink):
        services.verify_email("garbage")
    with pytest.raises(BadLink):
        services.verify_email(email_token("a@example.test", "unsubscribe"))


def test_export_and_erase_a_commenters_data(article, moderator):
    root = make_comment(article, email="leaving@example.test", name="Leaving Reader", body="My first comment")
    make_comment(article, reply_to=root, email="other@example.test")
    make_comment(article, email="leaving@example.test", body="My second comment")
    exported = services.export_commenter("Leaving@example.test")
    assert [c["body"] for c in exported["comments"]] == ["My first comment", "My second comment"]
    assert services.erase_commenter("leaving@example.test", by=moderator) == 2
    assert not Comment.objects.filter(author_email="leaving@example.test").exists()
    root.refresh_from_db()
    assert (root.status, root.author_name, root.body, root.ip_address) == (CommentStatus.REMOVED, "", "", None)
    assert Comment.objects.filter(body="My second comment").count() == 0


def test_comments_close_by_date_in_the_service_too(settings):
    settings.BROADSHEET = {"comments_close_after_days": 1}
    old = make_article(published_at=timezone.now() - timedelta(days=2))
    with pytest.raises(services.CommentRefused, match="closed 1 days"):
        _post(old)


def test_null_bytes_are_removed_from_every_field(article):
    comment = _post(article, name="Mi\x00ra", body="Hel\x00lo").comment
    assert (comment.author_name, comment.body) == ("Mira", "Hello")
