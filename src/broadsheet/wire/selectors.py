"""Reads of the wire desk: feeds due a poll, where an old address now lives."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from broadsheet.content.models import Article
from broadsheet.wire.models import FeedSubscription, LegacyRedirect


def due_subscriptions() -> QuerySet[FeedSubscription]:
    """Return the active subscriptions whose next poll time has come, longest waiting first."""
    return FeedSubscription.objects.filter(is_active=True, next_poll_at__lte=timezone.now()).order_by("next_poll_at")


def redirect_target(old_path: str) -> Article | None:
    """Return the article an address from the previous site now belongs to."""
    found = LegacyRedirect.objects.select_related("article__section").filter(old_path=old_path).first()
    return found.article if found else None
