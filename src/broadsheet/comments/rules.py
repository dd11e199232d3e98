"""Moderation rules: the comment lifecycle table, and whether a story takes comments right now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from broadsheet.comments.models import CommentStatus as S
from broadsheet.conf.config import config
from broadsheet.content.models import Article, CommentsMode, SiteSettings

MODERATE: Final = "comments.moderate_comment"

# (from, to) -> the permission the actor needs. None: only the system makes this move.
ALLOWED: Final[dict[tuple[str, str], str | None]] = {
    (S.PENDING, S.APPROVED): MODERATE,
    (S.PENDING, S.REJECTED): MODERATE,
    (S.PENDING, S.SPAM): MODERATE,
    (S.PENDING, S.REMOVED): MODERATE,
    (S.APPROVED, S.PENDING): None,  # enough reader reports send it back to the queue
    (S.APPROVED, S.REJECTED): MODERATE,
    (S.APPROVED, S.SPAM): MODERATE,
    (S.APPROVED, S.REMOVED): MODERATE,
    (S.REJECTED, S.APPROVED): MODERATE,
    (S.REJECTED, S.SPAM): MODERATE,
    (S.SPAM, S.APPROVED): MODERATE,
    (S.SPAM, S.REJECTED): MODERATE,
    (S.REMOVED, S.APPROVED): MODERATE,  # restored
}


def ensure_transition(current: str, target: str, *, actor: User | AnonymousUser | None) -> None:
    """Return if `actor` (None: the system) may move a comment from `current` to `target`; raise otherwise."""
    if (current, target) not in ALLOWED:
        raise ValidationError(
            f"A comment cannot go from {S(current).label.lower()} to {S(target).label.lower()}.",
            code="bad_transition",
        )
    permission = ALLOWED[(current, target)]
    if actor is None:
        return
    if permission is None or not actor.has_perm(permission):
        raise PermissionDenied("You do not have permission to moderate comments.")


@dataclass(frozen=True)
class ThreadState:
    """Whether a story's thread takes new comments, and whether they wait for a moderator."""

    is_open: bool
    is_premoderated: bool
    closed_reason: str = ""
    closes_at: datetime | None = None


def thread_state(article: Article, site: SiteSettings, *, now: datetime | None = None) -> ThreadState:
    """Return the thread's state: the story's own mode, else its section's, else the site's default."""
    mode = article.comments_mode
    if mode == CommentsMode.INHERIT:
        mode = article.section.comments_mode
    if mode == CommentsMode.INHERIT:
        mode = site.comments_mode
    if mode == CommentsMode.CLOSED:
        return ThreadState(is_open=False, is_premoderated=False, closed_reason="Comments are closed on this story.")
    if not article.is_public:
        return ThreadState(is_open=False, is_premoderated=False, closed_reason="Comments open when the story does.")
    days = config().comments_close_after_days
    closes_at = article.published_at + timedelta(days=days) if days and article.published_at else None
    if closes_at is not None and (now or timezone.now()) >= closes_at:
        return ThreadState(
            is_open=False,
            is_premoderated=False,
            closed_reason=f"Comments closed {days} days after publication.",
            closes_at=closes_at,
        )
    return ThreadState(is_open=True, is_premoderated=mode == CommentsMode.PREMODERATED, closes_at=closes_at)
