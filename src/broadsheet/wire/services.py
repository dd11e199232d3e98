"""Every write of the wire desk: a story from outside becomes a draft (or, if trusted, a scheduled story)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from broadsheet.conf.config import config
from broadsheet.content import services as content
from broadsheet.content.models import Article, Author, Section, Status, Tag
from broadsheet.content.selectors import site_time_zone
from broadsheet.media.models import Image
from broadsheet.wire.models import ApiToken, FeedSubscription, IngestedItem, LegacyRedirect, Scope
from broadsheet.wire.story import Story


@dataclass(frozen=True)
class Saved:
    article: Article | None
    created: bool  # False: an item seen before (updated, or left alone when unchanged)
    updated: bool = False  # a new version of an item seen before was applied


def aware(moment: datetime | None) -> datetime | None:
    """Return `moment` in the site's time zone when the source gave no zone."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment, site_time_zone())


def _fields(story: Story) -> dict[str, Any]:
    return {
        "headline": story.headline,
        "body": story.body_html,  # sanitised by the content services
        "dateline": story.dateline[:80],
        "dek": story.dek[:400],
        "published_at": aware(story.published_at),
        "embargo_until": aware(story.embargo_until),
    }


@transaction.atomic
def save_story(
    story: Story,
    *,
    by: content.Actor,
    section: Section,
    source: str = "",
    external_id: str = "",
    version: str = "",
    publish: bool = False,
    lead_image: Image | None = None,
    authors: Sequence[Author] = (),
) -> Saved:
    """Return the draft made from `story`; an item seen before (same source and id) is updated instead.

    With `publish` the story goes out at its own time (scheduled when that is still ahead).
    """
    tags = [tag for tag in (_tag(name) for name in story.tags) if tag is not None]
    seen = None
    if external_id:
        seen = IngestedItem.objects.select_for_update().filter(source=source, external_id=external_id).first()
    if seen is not None:
        if seen.article is None or (version and seen.version == version) or not version:
            return Saved(seen.article, created=False)  # withdrawn by hand, or nothing new: leave it alone
        # A live story's correction waits in its working copy for an editor; a draft changes at once.
        article = content.update_article(seen.article, by=by, bylines=list(story.credits), **_fields(story))
        seen.version, seen.urgency = version, story.urgency
        seen.save(update_fields=["version", "urgency", "updated_at"])
        return Saved(article, created=False, updated=True)
    bylines: list[content.BylineSpec] = [*authors] or list(story.credits)
    article = content.create_article(
        by=by, section=section, bylines=bylines, tags=tags, lead_image=lead_image, **_fields(story)
    )
    if publish:
        times = [t for t in (article.published_at, article.embargo_until) if t is not None]
        content.publish_article(article, by=by, at=max(times) if times else None)  # never before an embargo
    if external_id:
        IngestedItem.objects.create(
            source=source, external_id=external_id, version=version, urgency=story.urgency, article=article
        )
    return Saved(article, created=True)


def _tag(name: str) -> Tag | None:
    # Names that differ only in punctuation share a slug: they are one tag, not a clash.
    slug = slugify(name)[:80]
    if not slug:
        return None  # nothing a tag page could be addressed by ("!!!")
    return Tag.objects.filter(slug=slug).first() or content.get_or_create_tag(name[:80])


@transaction.atomic
def kill_item(*, source: str, external_id: str, by: content.Actor) -> Article | None:
    """Take a story the agency killed off the site (or off the schedule); None when never taken in."""
    seen = IngestedItem.objects.select_related("article").filter(source=source, external_id=external_id).first()
    if seen is None or seen.article is None:
        return None
    article = seen.article
    note = f"Killed by the source ({source}, {external_id})."
    if article.state == Status.PUBLISHED:
        content.withdraw_article(article, by=by, note=note)
    elif article.state == Status.SCHEDULED:
        content.unschedule_article(article, by=by, note=note)
    return article


def save_subscription(subscription: FeedSubscription, *, by: content.Actor) -> FeedSubscription:
    """Create or change a feed subscription; a changed address is polled at once."""
    if subscription.pk:
        before = FeedSubscription.objects.filter(pk=subscription.pk).values_list("url", flat=True).first()
        if before != subscription.url:
            subscription.next_poll_at, subscription.etag, subscription.modified = timezone.now(), "", ""
    subscription.full_clean()
    subscription.save()
    return subscription


def record_poll_success(subscription: FeedSubscription, *, etag: str = "", modified: str = "") -> None:
    """Note a good poll: the failure count resets and the next poll is one interval away."""
    now = timezone.now()
    subscription.failure_count = 0
    subscription.last_error = ""
    subscription.last_polled_at = subscription.last_success_at = now
    subscription.next_poll_at = now + timedelta(minutes=config().feed_poll_minutes)
    subscription.etag, subscription.modified = etag[:200], modified[:100]
    subscription.save()


def record_poll_failure(subscription: FeedSubscription, *, error: str) -> None:
    """Note a failed poll; the next try waits twice as long as the last, up to the configured ceiling."""
    settings = config()
    now = timezone.now()
    subscription.failure_count += 1
    delay = min(settings.feed_poll_minutes * 2 ** (subscription.failure_count - 1), settings.feed_retry_max_minutes)
    subscription.last_error = error[:2000]
    subscription.last_polled_at = now
    subscription.next_poll_at = now + timedelta(minutes=delay)
    subscription.save()


def author_for_import(*, name: str, slug: str) -> Author:
    """Return the staff author profile with this address, creating it (no account) for an imported archive."""
    slug = slugify(slug or name)[:120] or "author"
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        author = Author.objects.create(name=name.strip()[:120] or slug, slug=slug)
    return author


def add_redirect(old_path: str, article: Article) -> LegacyRedirect | None:
    """Make an address of the previous site answer with a permanent redirect to `article`.

    Returns None when the address is the article's own or already points elsewhere (the first import wins).
    """
    old_path = old_path.strip()[:500]
    if not old_path.startswith("/") or old_path == article.get_absolute_url():
        return None
    redirect, _ = LegacyRedirect.objects.get_or_create(old_path=old_path, defaults={"article": article})
    return redirect if redirect.article_id == article.pk else None


TOKEN_PREFIX = "bst"  # noqa: S105 - a label in front of every token, not a secret


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(*, name: str, scopes: Sequence[str], by: content.Actor) -> tuple[ApiToken, str]:
    """Return a new API token and its secret; the secret is shown once and only its hash is kept."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValidationError({"scopes": "Choose at least one of: " + ", ".join(Scope.labels) + "."})
    if not name.strip():
        raise ValidationError({"name": "Name the integration that will use this token."})
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name.strip()[:120], prefix=prefix, secret_hash=_digest(secret), scopes=sorted(set(scopes)),
        created_by=by if isinstance(by, User) else None,
    )  # fmt: skip
    return token, secret


def revoke_token(token: ApiToken, *, by: content.Actor) -> ApiToken:
    """Stop a token working at once."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate_token(secret: str) -> ApiToken | None:
    """Return the active token whose secret this is, noting its use; None for anything else."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.filter(prefix=parts[1], revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):  # not a write per request
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
