"""Comments, reader reports, bans and what we know of each commenter's email address."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from broadsheet.content.models import Article


class CommentStatus(models.TextChoices):
    """A comment's place in moderation; `comments.rules.ALLOWED` says how it may move."""

    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SPAM = "spam", "Spam"
    REMOVED = "removed", "Removed"


class Comment(models.Model):
    """A reader's comment; replies hang one level deep under their thread's first comment."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", help_text="The top comment."
    )
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="The comment answered."
    )
    author_name = models.CharField(max_length=80)
    author_email = models.EmailField(max_length=254, blank=True)  # blank only after erasure
    body = models.TextField(help_text="Plain text as the reader typed it.")
    body_html = models.TextField(editable=False, help_text="Escaped, paragraphs and links: safe to show.")
    status = models.CharField(max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    hold_reason = models.CharField(max_length=200, blank=True)
    notify_on_reply = models.BooleanField(default=False)
    report_count = models.PositiveIntegerField(default=0)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["status", "-report_count", "created_at"], name="comment_queue_idx"),
            models.Index(fields=["author_email", "status"], name="comment_history_idx"),
        ]
        permissions = [("moderate_comment", "Can moderate comments")]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:60]}"


class ReportReason(models.TextChoices):
    SPAM = "spam", "Spam or advertising"
    ABUSE = "abuse", "Abusive or hateful"
    OFF_TOPIC = "off_topic", "Off topic"
    PERSONAL = "personal", "Shares someone's personal information"
    OTHER = "other", "Something else"


class CommentReport(models.Model):
    """A reader's flag on a comment; one per network per comment, so one person cannot stack them."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    note = models.CharField(max_length=500, blank=True)
    reporter_network = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter_network"], name="one_report_per_network"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on #{self.comment_id}"


class Ban(models.Model):
    """An email address or an IP range that may not comment."""

    email = models.EmailField(blank=True, help_text="Ban this address (case does not matter).")
    network = models.CharField(
        max_length=64, blank=True, help_text="Or an IP address or range, e.g. 203.0.113.0/24 or 2001:db8::/48."
    )
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(email="", network=""), name="ban_names_an_email_or_a_network")
        ]

    def __str__(self) -> str:
        return self.email or self.network


class Commenter(models.Model):
    """One email address: whether it is verified, and whether it wants our emails at all."""

    email = models.EmailField(max_length=254, unique=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.email
