"""The wire desk's records: feed subscriptions, items already taken in, old addresses, API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from broadsheet.content.models import Article, Section


class FeedSubscription(models.Model):
    """An RSS or Atom feed polled for new stories."""

    name = models.CharField(max_length=120)
    url = models.URLField("feed address", max_length=500, unique=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="+", help_text="New stories go here.")
    credit = models.CharField(
        max_length=120, blank=True, help_text="Byline when an item names no author, e.g. “Northwind Press”."
    )
    is_trusted = models.BooleanField(
        "trusted source",
        default=False,
        help_text="Publish its stories at the time the feed gives (scheduled when in the future) "
        "instead of leaving them as drafts.",
    )
    is_active = models.BooleanField("polled", default=True)
    next_poll_at = models.DateTimeField(default=timezone.now)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    failure_count = models.PositiveIntegerField(default=0, help_text="Failed polls in a row.")
    last_error = models.TextField(blank=True)
    etag = models.CharField(max_length=200, blank=True)
    modified = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_failing(self) -> bool:
        return self.failure_count > 0


class IngestedItem(models.Model):
    """One item taken in from outside, so a second sight of it updates or is skipped, never duplicated."""

    source = models.CharField(max_length=200, help_text="Where it came from: a feed, a wire service, WordPress.")
    external_id = models.CharField(max_length=500)
    version = models.CharField(max_length=100, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True, help_text="IPTC urgency: 1 is most urgent.")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "external_id"], name="ingested_item_once")]

    def __str__(self) -> str:
        return f"{self.source}: {self.external_id}"


class LegacyRedirect(models.Model):
    """An address from a previous site (WordPress) that now answers with a permanent redirect."""

    old_path = models.CharField(max_length=500, unique=True, help_text="Path and query, e.g. /2019/05/slug/ or /?p=12")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return self.old_path


class Scope(models.TextChoices):
    CREATE_DRAFTS = "drafts", "Create and edit drafts"
    UPLOAD_IMAGES = "images", "Upload images"
    PUBLISH = "publish", "Publish stories"


class ApiToken(models.Model):
    """A partner's or agency's key to the write API; only a hash of the secret is stored."""

    name = models.CharField(max_length=120, help_text="Who uses it, e.g. “Northwind Press feed robot”.")
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
