"""Every write to the comments: posting, replying, moderating, reporting, banning and erasing."""

from __future__ import annotations

import ipaddress
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from broadsheet.comments import effects
from broadsheet.comments.limits import allow, seconds_left_in_window
from broadsheet.comments.models import Ban, Comment, Commenter, CommentReport, CommentStatus, ReportReason
from broadsheet.comments.rules import ensure_transition, thread_state
from broadsheet.comments.text import count_links, render_comment
from broadsheet.comments.tokens import email_from_token
from broadsheet.conf.config import config
from broadsheet.content.models import Article, SiteSettings
from broadsheet.core.net import in_network, network_of

moderation_log = logging.getLogger("broadsheet.moderation")

Actor = User | AnonymousUser | None


class CommentRefused(Exception):
    """The comment cannot be accepted; `message` tells the reader why and what to do."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RateLimited(CommentRefused):
    status_code = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Posted:
    comment: Comment
    created: bool  # False when the idempotency key matched an earlier submission


def _clean_fields(name: str, email: str, body: str) -> tuple[str, str, str]:
    limits = config()
    errors: dict[str, str] = {}
    name = " ".join(unicodedata.normalize("NFC", name).replace("\x00", "").split())  # as for the body
    email = email.strip().lower()
    body = unicodedata.normalize("NFC", body).replace("\x00", "").strip()
    if not name:
        errors["name"] = "Tell us the name to show with your comment."
    elif len(name) > limits.comment_name_max_chars:
        errors["name"] = f"Names can be up to {limits.comment_name_max_chars} characters; this one has {len(name)}."
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Enter an email address like name@example.com. It is never shown."
    if not body:
        errors["body"] = "Write your comment before posting it."
    elif len(body) > limits.comment_max_chars:
        errors["body"] = (
            f"Comments can be up to {limits.comment_max_chars:,} characters; yours has {len(body):,}. "
            f"Shorten it by {len(body) - limits.comment_max_chars:,} and post again."
        )
    if errors:
        raise ValidationError(errors)
    return name, email, body


def _is_banned(email: str, ip: str | None) -> bool:
    bans = Ban.objects.filter(email__iexact=email).exists()
    if bans:
        return True
    return any(in_network(ip, network) for network in Ban.objects.exclude(network="").values_list("network", flat=True))


def _word_in(words: Iterable[str], text: str) -> str | None:
    folded = text.casefold()
    return next((word for word in words if word and word.casefold() in folded), None)


def is_trusted(email: str) -> bool:
    """Return True when a verified address has enough approved comments to skip pre-moderation."""
    verified = Commenter.objects.filter(email=email, verified_at__isnull=False).exists()
    if not verified:
        return False
    approved = Comment.objects.filter(author_email=email, status=CommentStatus.APPROVED).count()
    return approved >= config().comment_trusted_after


def post_comment(
    article: Article,
    *,
    site: SiteSettings,
    name: str,
    email: str,
    body: str,
    ip: str | None,
    idempotency_key: str,
    notify_on_reply: bool = False,
    in_reply_to: Comment | None = None,
    looks_automated: bool = False,
) -> Posted:
    """Store a reader's comment (or reply) with the status the rules give it; refuse with a reason.

    The same idempotency key always answers with the same comment, so a double submit or a
    retry after a timeout never creates two.
    """
    key = idempotency_key.strip()[:64]
    if len(key) < 16:
        raise CommentRefused("This form is missing its submission key. Reload the page and try again.")
    earlier = Comment.objects.filter(idempotency_key=key).first()
    if earlier is not None:
        return Posted(earlier, created=False)

    name, email, body = _clean_fields(name, email, body)
    state = thread_state(article, site)
    if not state.is_open:
        raise CommentRefused(state.closed_reason)
    replyable = (CommentStatus.APPROVED, CommentStatus.REMOVED)
    if in_reply_to is not None and (in_reply_to.article_id != article.pk or in_reply_to.status not in replyable):
        raise CommentRefused("The comment you are replying to is not available any more.")
    limits = config()
    if _is_banned(email, ip):
        raise CommentRefused("This email address or network may not comment on this site.")
    banned = _word_in(limits.comment_banned_words, body)
    if banned:
        raise CommentRefused(f"Your comment contains “{banned}”, which we do not publish. Edit it and try again.")
    since = timezone.now() - timedelta(hours=limits.comment_duplicate_window_hours)
    if Comment.objects.filter(article=article, author_email=email, body=body, created_at__gte=since).exists():
        raise CommentRefused("You have already posted this comment on this story.")
    window = limits.comment_rate_window_seconds
    network = network_of(ip)
    if not allow("ip", network, limit=limits.comment_rate_per_ip, window_seconds=window) or not allow(
        "email", email, limit=limits.comment_rate_per_email, window_seconds=window
    ):
        wait = seconds_left_in_window(window)
        raise RateLimited(
            f"You have posted several comments in a short time. Please wait {max(1, wait // 60)} minute(s) and "
            "try again; your text is kept below.",
            retry_after=wait,
        )

    status, reason = CommentStatus.APPROVED, ""
    suspect = _word_in(limits.comment_suspect_words, body)
    links = count_links(body)
    if looks_automated:
        status, reason = CommentStatus.SPAM, "Filled in the hidden field meant for bots."
    elif suspect:
        status, reason = CommentStatus.PENDING, f"Contains “{suspect}”."
    elif links > limits.comment_max_links:
        status, reason = CommentStatus.PENDING, f"Contains {links} links."
    elif state.is_premoderated and not is_trusted(email):
        status, reason = CommentStatus.PENDING, "Pre-moderated story."

    try:
        with transaction.atomic():
            comment, commenter = _store(
                article, in_reply_to, name=name, email=email, body=body, status=status, idempotency_key=key,
                hold_reason=reason, notify_on_reply=notify_on_reply, ip_address=ip,
            )  # fmt: skip
            transaction.on_commit(partial(effects.comment_posted, comment.pk, comment.status))
            if notify_on_reply and commenter.verified_at is None:
                _queue_confirmation(commenter)
    except IntegrityError:
        # Two copies of one submission raced; the other one won, and it is the same comment.
        return Posted(Comment.objects.get(idempotency_key=key), created=False)
    return Posted(comment, created=True)


@transaction.atomic
def import_comment(
    article: Article,
    *,
    name: str,
    email: str,
    body: str,
    created_at: datetime,
    status: str = CommentStatus.APPROVED,
    in_reply_to: Comment | None = None,
    idempotency_key: str,
) -> Posted:
    """Store a comment from an archive or the demo, as it was: its time and status kept.

    For trusted bulk sources only: open/closed, rate limits and spam rules apply to readers,
    not to a paper's own history. The idempotency key makes re-running an import safe.
    """
    earlier = Comment.objects.filter(idempotency_key=idempotency_key).first()
    if earlier is not None:
        return Posted(earlier, created=False)
    name, email, body = _clean_fields(name, email, body)
    comment, _ = _store(article, in_reply_to, name=name, email=email, body=body, status=status,
                        idempotency_key=idempotency_key)  # fmt: skip
    Comment.objects.filter(pk=comment.pk).update(created_at=created_at)  # auto_now_add ignores a given time
    comment.created_at = created_at
    return Posted(comment, created=True)


def _store(
    article: Article, in_reply_to: Comment | None, *, name: str, email: str, body: str, **fields: Any
) -> tuple[Comment, Commenter]:
    """Create the row (replies hang under their thread's first comment) and the commenter record."""
    thread = (in_reply_to.thread or in_reply_to) if in_reply_to is not None else None
    comment = Comment.objects.create(
        article=article, thread=thread, in_reply_to=in_reply_to, author_name=name, author_email=email,
        body=body, body_html=render_comment(body), **fields,
    )  # fmt: skip
    commenter, _ = Commenter.objects.get_or_create(email=email)
    return comment, commenter


def _queue_confirmation(commenter: Commenter) -> None:
    """Send one confirmation email per address per interval, so nobody can mail-bomb an inbox."""
    interval = timedelta(seconds=config().comment_confirmation_interval_seconds)
    cutoff = timezone.now() - interval
    claimed = (
        Commenter.objects.filter(pk=commenter.pk)
        .exclude(confirmation_sent_at__gt=cutoff)
        .update(confirmation_sent_at=timezone.now())
    )
    if claimed:
        transaction.on_commit(partial(effects.send_confirmation, commenter.email))


@transaction.atomic
def moderate_comment(comment: Comment, to: str, *, by: Actor) -> Comment:
    """Move a comment to `to` (approve, reject, mark spam, remove, restore), recording who did it."""
    if comment.status == to:
        return comment
    ensure_transition(comment.status, to, actor=by)
    was_approved = comment.status == CommentStatus.APPROVED
    comment.status = to
    comment.moderated_at = timezone.now()
    comment.moderated_by = by if isinstance(by, User) else None
    if to == CommentStatus.APPROVED:
        comment.report_count = 0  # a moderator has looked: old reports are settled
        comment.reports.all().delete()
    comment.save(update_fields=["status", "moderated_at", "moderated_by", "report_count"])
    if was_approved or to == CommentStatus.APPROVED:  # only then did readers' view of the thread change
        transaction.on_commit(partial(effects.thread_changed, comment.article_id))
    if to == CommentStatus.APPROVED and not was_approved:
        transaction.on_commit(partial(effects.comment_approved, comment.pk))
    moderation_log.info(
        "comment %s moved to %s",
        comment.pk,
        to,
        extra={"event": "comment_moderated", "comment_id": comment.pk, "article_id": comment.article_id,
               "to_status": to, "moderator": _actor_name(by)},
    )  # fmt: skip
    return comment


def _actor_name(by: Actor) -> str:
    return by.get_username() if isinstance(by, User) else "system"


def moderate_comments(comments: Iterable[Comment], to: str, *, by: Actor) -> int:
    """Apply one moderation decision to many comments; return how many changed."""
    changed = 0
    for comment in comments:
        if comment.status != to:
            moderate_comment(comment, to, by=by)
            changed += 1
    return changed


@transaction.atomic
def report_comment(comment: Comment, *, reason: str, note: str = "", ip: str | None) -> bool:
    """Record a reader's report; enough of them send an approved comment back to the queue.

    Returns False when this network had already reported the comment (counted once).
    """
    if reason not in ReportReason.values:
        raise ValidationError({"reason": "Choose why you are reporting this comment."})
    if comment.status != CommentStatus.APPROVED:
        raise CommentRefused("This comment is already being reviewed.")
    _, created = CommentReport.objects.get_or_create(
        comment=comment,
        reporter_network=network_of(ip),
        defaults={"reason": reason, "note": note.strip()[:500]},
    )
    if not created:
        return False
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment.refresh_from_db(fields=["report_count", "status"])
    if comment.report_count >= config().comment_reports_to_requeue and comment.status == CommentStatus.APPROVED:
        ensure_transition(comment.status, CommentStatus.PENDING, actor=None)
        comment.status = CommentStatus.PENDING
        comment.hold_reason = f"Reported by {comment.report_count} readers."
        comment.save(update_fields=["status", "hold_reason"])
        transaction.on_commit(partial(effects.thread_changed, comment.article_id))
        transaction.on_commit(partial(effects.comment_posted, comment.pk, comment.status))
    return True


def normalise_network(value: str) -> str:
    """Return an IP address or range in canonical form ("203.0.113.7/24" -> "203.0.113.0/24")."""
    value = value.strip()
    if not value:
        return ""
    try:
        return str(ipaddress.ip_network(value, strict=False))
    except ValueError:
        raise ValidationError("Enter an IP address or a range such as 203.0.113.0/24.") from None


def ban(*, email: str = "", network: str = "", reason: str = "", by: Actor) -> Ban:
    """Stop an email address or an IP range from commenting."""
    entry = Ban(
        email=email.strip().lower(),
        network=network.strip(),
        reason=reason,
        created_by=by if isinstance(by, User) else None,
    )
    try:
        entry.network = normalise_network(entry.network)
    except ValidationError as exc:
        raise ValidationError({"network": exc.messages}) from None
    entry.full_clean(exclude=["created_by"])
    entry.save()
    moderation_log.info(
        "ban %s added",
        entry.pk,
        extra={"event": "ban_added", "ban_id": entry.pk, "banned_network": entry.network,
               "has_email": bool(entry.email), "moderator": _actor_name(by)},
    )  # fmt: skip
    return entry


def verify_email(token: str) -> Commenter:
    """Mark the address in a confirmation link as verified (links last a week)."""
    email = email_from_token(token, "verify", max_age=7 * 24 * 3600)
    commenter, _ = Commenter.objects.get_or_create(email=email)
    if commenter.verified_at is None:
        commenter.verified_at = timezone.now()
        commenter.unsubscribed_at = None
        commenter.save(update_fields=["verified_at", "unsubscribed_at"])
    return commenter


def unsubscribe(token: str) -> Commenter:
    """Stop every email to the address in an unsubscribe link (links never expire)."""
    email = email_from_token(token, "unsubscribe", max_age=None)
    commenter, _ = Commenter.objects.get_or_create(email=email)
    if commenter.unsubscribed_at is None:  # a second press (or a retry) keeps the first time
        commenter.unsubscribed_at = timezone.now()
        commenter.save(update_fields=["unsubscribed_at"])
    Comment.objects.filter(author_email=email).update(notify_on_reply=False)
    return commenter


def export_commenter(email: str) -> dict[str, Any]:
    """Return everything we hold about an email address, for a reader's data request."""
    email = email.strip().lower()
    commenter = Commenter.objects.filter(email=email).first()
    comments = Comment.objects.filter(author_email=email).select_related("article").order_by("created_at")
    return {
        "email": email,
        "verified_at": commenter.verified_at.isoformat() if commenter and commenter.verified_at else None,
        "unsubscribed_at": commenter.unsubscribed_at.isoformat() if commenter and commenter.unsubscribed_at else None,
        "comments": [
            {
                "id": c.pk,
                "article": c.article.headline,
                "name": c.author_name,
                "body": c.body,
                "status": c.status,
                "created_at": c.created_at.isoformat(),
                "ip_address": c.ip_address,
                "notify_on_reply": c.notify_on_reply,
            }
            for c in comments
        ],
    }


@transaction.atomic
def erase_commenter(email: str, *, by: Actor) -> int:
    """Erase an address's personal data; comments with replies stay as "removed" so threads read."""
    email = email.strip().lower()
    comments = list(Comment.objects.filter(author_email=email))
    with_replies = set(
        Comment.objects.filter(thread__in=comments)
        .exclude(pk__in=[c.pk for c in comments])
        .values_list("thread_id", flat=True)
    )
    for comment in comments:
        if comment.pk in with_replies:
            comment.author_name, comment.author_email, comment.body, comment.body_html = "", "", "", ""
            comment.ip_address, comment.status, comment.notify_on_reply = None, CommentStatus.REMOVED, False
            comment.hold_reason = "Erased at the commenter's request."
            comment.save()
        else:
            comment.delete()
    Commenter.objects.filter(email=email).delete()
    for article_id in {c.article_id for c in comments}:
        transaction.on_commit(partial(effects.thread_changed, article_id))
    # The address itself is what was erased: the log names only how many comments went.
    moderation_log.info(
        "commenter erased",
        extra={"event": "commenter_erased", "comment_count": len(comments), "moderator": _actor_name(by)},
    )
    return len(comments)
