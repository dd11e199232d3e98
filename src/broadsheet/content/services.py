"""Every write to the news model: create, edit, publish and withdraw articles; site settings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from broadsheet.content import effects
from broadsheet.content.models import Article, Author, Byline, FormerSlug, Section, SiteSettings, Status, Tag
from broadsheet.content.rules import ensure_transition
from broadsheet.content.sanitize import sanitize_body

Actor = User | AnonymousUser | None
# A byline as callers give it: a staff Author, or the text of an organisation / wire credit.
BylineSpec = Author | str

# Fields an edit may change directly; status moves only through publish/unpublish.
EDITABLE_FIELDS = frozenset(
    {
        "headline",
        "slug",
        "kicker",
        "dek",
        "body",
        "section",
        "dateline",
        "lead_image",
        "published_at",
        "comments_mode",
        "ads_suppressed",
    }
)
# Edits to these after publication show readers an "Updated" time.
_VISIBLE_FIELDS = frozenset({"headline", "kicker", "dek", "body", "dateline", "lead_image"})


def unique_slug(text: str, *, exclude_pk: int | None = None) -> str:
    """Return a slug for `text` that no other article (or former address) uses."""
    base = slugify(text)[:180].strip("-") or "story"
    other = exclude_pk or 0

    def taken(slug: str) -> bool:
        return (
            Article.objects.filter(slug=slug).exclude(pk=other).exists()
            or FormerSlug.objects.filter(slug=slug).exclude(article_id=other).exists()
        )

    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def create_article(
    *,
    by: Actor,
    headline: str,
    section: Section,
    bylines: Sequence[BylineSpec] = (),
    tags: Iterable[Tag] = (),
    **fields: Any,
) -> Article:
    """Create a draft article with its bylines and tags; the body is sanitised on the way in."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"create_article() got unknown fields: {', '.join(sorted(unknown))}")
    article = Article(headline=headline.strip(), section=section, **fields)
    article.body = sanitize_body(article.body)
    article.slug = unique_slug(article.slug or article.headline)
    article.created_by = by if isinstance(by, User) else None
    article.updated_at = timezone.now()
    article.full_clean(exclude=["created_by"])
    article.save()
    article.tags.set(list(tags))
    _replace_bylines(article, bylines)
    transaction.on_commit(partial(effects.article_changed, article.pk))
    return article


@transaction.atomic
def update_article(
    article: Article,
    *,
    by: Actor,
    bylines: Sequence[BylineSpec] | None = None,
    tags: Iterable[Tag] | None = None,
    **changes: Any,
) -> Article:
    """Apply edits to an article; a changed slug keeps the old address answering with a redirect."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"update_article() got unknown fields: {', '.join(sorted(unknown))}")
    old_slug = article.slug
    for name, value in changes.items():
        setattr(article, name, value)
    if "body" in changes:
        article.body = sanitize_body(article.body)
    if "slug" in changes and article.slug != old_slug:
        article.slug = unique_slug(article.slug, exclude_pk=article.pk)
        FormerSlug.objects.filter(slug=article.slug).delete()  # taking an old address back
        FormerSlug.objects.get_or_create(slug=old_slug, defaults={"article": article})
    visible_change = bool(_VISIBLE_FIELDS & set(changes)) or bylines is not None
    if visible_change:
        article.updated_at = timezone.now()
    article.full_clean(exclude=["created_by"])
    article.save()
    if tags is not None:
        article.tags.set(list(tags))
    if bylines is not None:
        _replace_bylines(article, bylines)
    transaction.on_commit(partial(effects.article_changed, article.pk))
    return article


def _replace_bylines(article: Article, bylines: Sequence[BylineSpec]) -> None:
    article.bylines.all().delete()
    rows = []
    for position, spec in enumerate(bylines):
        if isinstance(spec, Author):
            rows.append(Byline(article=article, position=position, author=spec))
        elif spec.strip():
            rows.append(Byline(article=article, position=position, credit=spec.strip()))
    Byline.objects.bulk_create(rows)


@transaction.atomic
def publish_article(article: Article, *, by: Actor, at: datetime | None = None) -> Article:
    """Make the article public now, or at `at` (a future time schedules it)."""
    if article.status != Status.PUBLISHED:
        ensure_transition(article.status, Status.PUBLISHED, actor=by)
    if not article.headline.strip():
        raise ValidationError("A story needs a headline before it can be published.")
    if not article.bylines.exists():
        raise ValidationError("Add a byline (a staff author or a credit such as “Agency Staff”) before publishing.")
    first_publication = not article.published_at or (article.status == Status.DRAFT and at is not None)
    article.status = Status.PUBLISHED
    # Re-publishing a withdrawn story keeps its first publication time unless told otherwise.
    article.published_at = at or article.published_at or timezone.now()
    if first_publication:
        # Edits made while it was a draft are not "updates" to readers.
        article.updated_at = article.published_at
    article.save(update_fields=["status", "published_at", "updated_at"])
    transaction.on_commit(partial(effects.article_changed, article.pk))
    return article


@transaction.atomic
def unpublish_article(article: Article, *, by: Actor) -> Article:
    """Withdraw a published article from every public page; it becomes a draft again."""
    ensure_transition(article.status, Status.DRAFT, actor=by)
    article.status = Status.DRAFT
    article.save(update_fields=["status"])
    transaction.on_commit(partial(effects.article_changed, article.pk))
    return article


@transaction.atomic
def save_site_settings(site: SiteSettings, *, by: Actor) -> SiteSettings:
    """Store the publication's settings (always the single row) and refresh every page's copy."""
    site.pk = 1
    site.full_clean(validate_unique=False)  # the single row: saving updates it in place
    site.save()
    transaction.on_commit(effects.site_changed)
    return site


@transaction.atomic
def save_section(section: Section, *, by: Actor) -> Section:
    """Create or change a section; navigation on every page follows."""
    section.slug = section.slug or slugify(section.name)
    section.full_clean()
    section.save()
    transaction.on_commit(effects.site_changed)
    return section


def get_or_create_tag(name: str) -> Tag:
    """Return the tag called `name`, creating it with a fresh slug when new."""
    name = name.strip()
    tag = Tag.objects.filter(name__iexact=name).first()
    if tag is None:
        tag = Tag.objects.create(name=name, slug=slugify(name)[:80] or "tag")
    return tag
