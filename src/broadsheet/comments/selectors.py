"""Reads of the comments: a story's thread, counts for teasers, and a commenter's history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.content.models import Article

VISIBLE = (CommentStatus.APPROVED, CommentStatus.REMOVED)


@dataclass
class ThreadEntry:
    """A top comment and its replies, oldest first; a removed comment shows only as a placeholder."""

    comment: Comment
    replies: list[Comment] = field(default_factory=list)


@dataclass(frozen=True)
class Thread:
    entries: list[ThreadEntry]
    count: int  # approved comments and replies, as the count readers see


def comment_thread(article: Article) -> Thread:
    """Return the story's approved comments oldest first, each with its replies, in one query.

    A removed comment stays only where it has replies to hold together, as "This comment was removed".
    """
    rows = list(
        Comment.objects.filter(article=article, status__in=VISIBLE)
        .select_related("in_reply_to")
        .only(
            "id",
            "thread_id",
            "in_reply_to__id",
            "in_reply_to__author_name",
            "in_reply_to__status",
            "author_name",
            "body_html",
            "status",
            "created_at",
        )
        .order_by("created_at", "pk")
    )
    entries: dict[int, ThreadEntry] = {}
    orphans: list[Comment] = []
    for comment in rows:
        if comment.thread_id is None:
            entries[comment.pk] = ThreadEntry(comment)
        elif comment.status == CommentStatus.APPROVED:
            orphans.append(comment)
    for reply in orphans:
        parent = entries.get(reply.thread_id or 0)
        if parent is not None:
            parent.replies.append(reply)
    kept = [
        entry
        for entry in entries.values()
        if entry.comment.status == CommentStatus.APPROVED or entry.replies  # removed: only if it holds replies
    ]
    count = sum((entry.comment.status == CommentStatus.APPROVED) + len(entry.replies) for entry in kept)
    return Thread(entries=kept, count=count)


def comment_counts(article_ids: Iterable[int]) -> dict[int, int]:
    """Return the approved comment count per article, in one query, for teasers."""
    ids = list(article_ids)
    if not ids:
        return {}
    rows = (
        Comment.objects.filter(article_id__in=ids, status=CommentStatus.APPROVED)
        .values("article_id")
        .annotate(n=Count("pk"))
    )
    return {row["article_id"]: row["n"] for row in rows}


def attach_comment_counts(articles: Iterable[Article]) -> None:
    """Set `comment_count` on each article, in one query for the lot."""
    articles = list(articles)
    counts = comment_counts(a.pk for a in articles)
    for article in articles:
        article.comment_count = counts.get(article.pk, 0)  # type: ignore[attr-defined]


def visible_comment(article: Article, comment_id: int) -> Comment | None:
    """Return a comment readers can see on this story (to reply to, or report)."""
    return Comment.objects.filter(article=article, pk=comment_id, status__in=VISIBLE).first()


def commenter_history(emails: Iterable[str]) -> dict[str, dict[str, int]]:
    """Return, per email, how many of its comments were approved and rejected (or spam)."""
    rows = (
        Comment.objects.filter(author_email__in=set(emails))
        .values("author_email")
        .annotate(
            approved=Count("pk", filter=Q(status=CommentStatus.APPROVED)),
            rejected=Count("pk", filter=Q(status__in=[CommentStatus.REJECTED, CommentStatus.SPAM])),
        )
    )
    return {row["author_email"]: {"approved": row["approved"], "rejected": row["rejected"]} for row in rows}


def pending_count() -> int:
    """Return how many comments wait for a moderator (the newsroom desk shows it)."""
    return Comment.objects.filter(status=CommentStatus.PENDING).count()
