"""What follows a comment write, after commit: emails to moderators, to readers, and confirmations."""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse

from broadsheet.comments.models import Comment, Commenter, CommentStatus
from broadsheet.comments.tokens import email_token
from broadsheet.conf.config import config
from broadsheet.content.effects import purge
from broadsheet.core import surrogates

logger = logging.getLogger(__name__)


def _site_address() -> str:
    return config().site_url.rstrip("/")


def _unsubscribe_footer(email: str) -> str:
    link = _site_address() + reverse("reader:comment_unsubscribe", args=[email_token(email, "unsubscribe")])
    return f"\n\n--\nYou get this because of a comment you posted. To stop every email from us: {link}"


def _send(subject: str, body: str, to: list[str]) -> None:
    try:
        send_mail(subject, body, None, to, fail_silently=False)
    except Exception:  # an email failure must never undo or hide an accepted comment
        logger.exception("could not send %r to %d recipient(s)", subject, len(to))


def thread_changed(article_id: int) -> None:
    """What readers see of a thread changed: purge the story's page and the teasers showing its count."""
    purge([surrogates.article(article_id)])


def comment_posted(comment_id: int, status: str) -> None:
    """Tell moderators a comment is waiting; a reply approved at once notifies its parent's author.

    `status` is the one the comment was given, not whatever it has by the time this runs.
    """
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        return
    if status == CommentStatus.APPROVED:
        thread_changed(comment.article_id)
    if status == CommentStatus.PENDING and config().comment_moderator_alerts:
        moderators = list(
            User.objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(groups__permissions__codename="moderate_comment")
                | Q(user_permissions__codename="moderate_comment")
            )
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if moderators:
            queue = _site_address() + reverse("newsroom:comments_comment_changelist") + "?status__exact=pending"
            _send(
                f"Comment waiting: {comment.article.headline[:80]}",
                f"{comment.author_name} wrote on “{comment.article.headline}”:\n\n{comment.body[:1000]}\n\n"
                f"Why it waits: {comment.hold_reason or 'review'}\nModeration queue: {queue}",
                moderators,
            )
    elif status == CommentStatus.APPROVED:
        comment_approved(comment_id)


def comment_approved(comment_id: int) -> None:
    """Email the author of the comment answered, if they asked for it and confirmed their address."""
    comment = Comment.objects.select_related("article", "in_reply_to").filter(pk=comment_id).first()
    if comment is None or comment.in_reply_to is None:
        return
    parent = comment.in_reply_to
    if not parent.notify_on_reply or not parent.author_email or parent.author_email == comment.author_email:
        return
    allowed = Commenter.objects.filter(
        email=parent.author_email, verified_at__isnull=False, unsubscribed_at__isnull=True
    ).exists()
    if not allowed:
        return
    link = _site_address() + comment.article.get_absolute_url() + f"#comment-{comment.pk}"
    _send(
        f"{comment.author_name} replied to your comment",
        f"{comment.author_name} replied to your comment on “{comment.article.headline}”:\n\n"
        f"{comment.body[:1000]}\n\nRead the conversation: {link}" + _unsubscribe_footer(parent.author_email),
        [parent.author_email],
    )


def send_confirmation(email: str) -> None:
    """Ask the address's owner to confirm it before we send them reply notifications."""
    link = _site_address() + reverse("reader:comment_verify", args=[email_token(email, "verify")])
    _send(
        "Confirm your email for reply notifications",
        "Someone (we hope you) asked to be emailed when readers reply to a comment.\n\n"
        f"Confirm it is you: {link}\n\nIf it was not you, ignore this email; we will not write again."
        + _unsubscribe_footer(email),
        [email],
    )
