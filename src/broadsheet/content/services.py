"""Every write to the news model: create, edit, publish and withdraw articles; site settings."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from broadsheet.content import effects, rules
from broadsheet.content.models import (
    Article,
    Author,
    BreakingNews,
    Byline,
    Correction,
    FormerSlug,
    FrontPageItem,
    PreviewLink,
    Revision,
    Section,
    SiteSettings,
    Status,
    Tag,
    WorkflowEvent,
)
from broadsheet.content.rules import CORRECT, CURATE, PUBLISH, Move, ensure_can_edit, ensure_transition
from broadsheet.content.sanitize import sanitize_body
from broadsheet.media.models import Image

workflow_log = logging.getLogger("broadsheet.workflow")

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
        "embargo_until",
    }
)
# Switches that change how a live story is served, not what it says: they apply at once.
_OPERATIONAL = frozenset({"comments_mode", "ads_suppressed"})
# The text fields a revision keeps as they are (the rest are ids and times).
_SNAPSHOT_TEXT = ("headline", "slug", "kicker", "dek", "body", "dateline", "comments_mode", "ads_suppressed")
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
    if by is not None and not by.has_perm("content.add_article"):
        raise PermissionDenied("You do not have permission to write stories.")
    article = Article(headline=headline.strip(), section=section, **fields)
    article.body = sanitize_body(article.body)
    article.slug = unique_slug(article.slug or article.headline)
    article.created_by = by if isinstance(by, User) else None
    article.updated_at = timezone.now()
    article.full_clean(exclude=["created_by"])
    article.save()
    article.tags.set(list(tags))
    _replace_bylines(article, bylines)
    _save_revision(article, by=by, kind=Revision.Kind.SAVED, data=snapshot(article))
    _record(article, by=by, action="create", source="", target=Status.DRAFT)
    transaction.on_commit(partial(effects.article_changed, article.pk))
    return article


def snapshot(article: Article) -> dict[str, Any]:
    """Return the story's text and placement as a revision stores it (JSON-safe)."""
    data: dict[str, Any] = {name: getattr(article, name) for name in _SNAPSHOT_TEXT}
    data["section_id"] = article.section_id
    data["lead_image_id"] = article.lead_image_id
    for name in ("published_at", "embargo_until"):
        value = getattr(article, name)
        data[name] = value.isoformat() if value else None
    data["tags"] = sorted(article.tags.values_list("pk", flat=True)) if article.pk else []
    data["bylines"] = [
        {"author_id": b.author_id, "credit": b.credit} for b in article.bylines.order_by("position", "pk")
    ]
    return data


def _proposed(
    base: dict[str, Any], changes: dict[str, Any], tags: Iterable[Tag] | None, bylines: Sequence[BylineSpec] | None
) -> dict[str, Any]:
    """Return `base` (a snapshot) with an edit applied, as a revision would store it."""
    data = dict(base)
    for name, value in changes.items():
        if name in ("section", "lead_image"):
            data[f"{name}_id"] = value.pk if value is not None else None
        elif name in ("published_at", "embargo_until"):
            data[name] = value.isoformat() if value else None
        elif name == "body":
            data[name] = sanitize_body(value or "")
        else:
            data[name] = value
    if tags is not None:
        data["tags"] = sorted(tag.pk for tag in tags)
    if bylines is not None:
        data["bylines"] = [
            {"author_id": spec.pk, "credit": ""} if isinstance(spec, Author) else {"author_id": None, "credit": spec}
            for spec in bylines
            if isinstance(spec, Author) or spec.strip()
        ]
    return data


def changes_from(data: dict[str, Any]) -> tuple[dict[str, Any], list[Tag], list[BylineSpec]]:
    """Turn a revision's data back into the arguments of an edit."""
    changes: dict[str, Any] = {name: data[name] for name in _SNAPSHOT_TEXT if name in data}
    changes["section"] = Section.objects.get(pk=data["section_id"])
    changes["lead_image"] = Image.objects.filter(pk=data.get("lead_image_id") or 0).first()
    for name in ("published_at", "embargo_until"):
        changes[name] = datetime.fromisoformat(data[name]) if data.get(name) else None
    tags = list(Tag.objects.filter(pk__in=data.get("tags", [])))
    authors = Author.objects.in_bulk([b["author_id"] for b in data.get("bylines", []) if b.get("author_id")])
    bylines: list[BylineSpec] = [
        authors[b["author_id"]] if b.get("author_id") in authors else b.get("credit", "")
        for b in data.get("bylines", [])
    ]
    return changes, tags, [spec for spec in bylines if isinstance(spec, Author) or spec.strip()]


def _save_revision(article: Article, *, by: Actor, kind: str, data: dict[str, Any], note: str = "") -> Revision:
    last = article.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    revision = Revision.objects.create(
        article=article,
        number=last + 1,
        kind=kind,
        data=data,
        created_by=by if isinstance(by, User) else None,
        note=note,
        via=_via(by if isinstance(by, User) else None),
    )
    if kind != Revision.Kind.CONFLICT:
        article.revision = revision.number
        article.save(update_fields=["revision"])
    return revision


def keep_conflicting_edit(
    article: Article,
    *,
    by: Actor,
    base_revision: int | None,
    changes: dict[str, Any],
    tags: Iterable[Tag] | None = None,
    bylines: Sequence[BylineSpec] | None = None,
) -> EditConflict | None:
    """If the story was saved by someone else since `base_revision`, keep this edit as a revision and
    return the conflict to show; return None when the edit may go ahead."""
    current = Article.objects.filter(pk=article.pk).values_list("revision", flat=True).first()
    if base_revision is None or current is None or current == base_revision:
        return None
    latest = article.revisions.filter(number=current).values_list("data", flat=True).first() or snapshot(article)
    kept = _save_revision(
        article,
        by=by,
        kind=Revision.Kind.CONFLICT,
        data=_proposed(latest, changes, tags, bylines),
        note=f"Edited from revision {base_revision}; not applied because revision {current} was saved meanwhile.",
    )
    return EditConflict(article=article, current=current, kept=kept)


def update_article(
    article: Article,
    *,
    by: Actor,
    base_revision: int | None = None,
    publish_changes: bool = False,
    bylines: Sequence[BylineSpec] | None = None,
    tags: Iterable[Tag] | None = None,
    **changes: Any,
) -> Article:
    """Save an edit. A live story's edits go to its working copy until an editor publishes them
    (`publish_changes=True` saves and publishes at once, for editors); any other story changes at
    once, as do operational switches (comments, ads). Every save keeps a revision. With
    `base_revision` (the revision the editor started from), a save over someone else's newer one
    raises EditConflict and keeps this edit as a revision, so nothing typed is lost."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"update_article() got unknown fields: {', '.join(sorted(unknown))}")
    ensure_can_edit(by, article)
    with transaction.atomic():
        Article.objects.select_for_update().filter(pk=article.pk).values_list("pk").first()  # one saver at a time
        conflict = keep_conflicting_edit(
            article, by=by, base_revision=base_revision, changes=changes, tags=tags, bylines=bylines
        )
        if conflict is None:
            live = article.state == Status.PUBLISHED
            operational = set(changes) <= _OPERATIONAL and tags is None and bylines is None
            if live and not publish_changes and not operational:
                _save_working_copy(article, by=by, changes=changes, tags=tags, bylines=bylines)
            else:
                if live and not operational and by is not None and not by.has_perm(PUBLISH):
                    raise PermissionDenied("Only an editor can publish changes to a live story.")
                _apply(article, by=by, changes=changes, tags=tags, bylines=bylines)
                _save_revision(article, by=by, kind=Revision.Kind.SAVED, data=snapshot(article))
                if live and not operational:
                    _record(article, by=by, action="publish_changes", source=article.state, target=article.state)
    if conflict is not None:
        raise conflict
    return article


def _save_working_copy(
    article: Article,
    *,
    by: Actor,
    changes: dict[str, Any],
    tags: Iterable[Tag] | None,
    bylines: Sequence[BylineSpec] | None,
    kind: str = Revision.Kind.WORKING_COPY,
) -> Revision:
    base = article.working_copy.data if article.working_copy else snapshot(article)
    revision = _save_revision(article, by=by, kind=kind, data=_proposed(base, changes, tags, bylines))
    article.working_copy = revision
    article.save(update_fields=["working_copy"])
    return revision


def _apply(
    article: Article,
    *,
    by: Actor,
    changes: dict[str, Any],
    tags: Iterable[Tag] | None,
    bylines: Sequence[BylineSpec] | None,
) -> None:
    old_slug = article.slug
    old = {name: getattr(article, name) for name in changes}
    for name, value in changes.items():
        setattr(article, name, value)
    if "body" in changes:
        article.body = sanitize_body(article.body)
    when, embargo = article.published_at, article.embargo_until
    if article.state == Status.SCHEDULED and when is not None and embargo is not None and when < embargo:
        raise ValidationError(
            {"published_at": "The scheduled time is before the embargo: move it to the embargo time or later."}
        )
    if "slug" in changes and article.slug != old_slug:
        article.slug = unique_slug(article.slug, exclude_pk=article.pk)
        FormerSlug.objects.filter(slug=article.slug).delete()  # taking an old address back
        FormerSlug.objects.get_or_create(slug=old_slug, defaults={"article": article})
    changed = {name for name in changes if getattr(article, name) != old[name]}
    visible_change = bool(_VISIBLE_FIELDS & changed) or bylines is not None
    if visible_change:
        article.updated_at = timezone.now()
    article.full_clean(exclude=["created_by", "working_copy"])
    article.save()
    if tags is not None:
        article.tags.set(list(tags))
    if bylines is not None:
        _replace_bylines(article, bylines)
    transaction.on_commit(partial(effects.article_changed, article.pk))


@transaction.atomic
def publish_working_copy(article: Article, *, by: Actor, note: str = "") -> Article:
    """Put a live story's saved changes on the site."""
    if by is not None and not by.has_perm(PUBLISH):
        raise PermissionDenied("Only an editor can publish changes to a live story.")
    if article.working_copy is None:
        raise ValidationError("This story has no unpublished changes.")
    changes, tags, bylines = changes_from(article.working_copy.data)
    if not bylines:
        raise ValidationError("Add a byline before publishing the changes.")
    number = article.working_copy.number
    article.working_copy = None
    _apply(article, by=by, changes=changes, tags=tags, bylines=bylines)
    _record(
        article,
        by=by,
        action="publish_changes",
        source=article.state,
        target=article.state,
        note=note or f"Revision {number}",
    )
    return article


@transaction.atomic
def discard_working_copy(article: Article, *, by: Actor) -> Article:
    """Throw away a live story's unpublished changes (they stay in its history)."""
    ensure_can_edit(by, article)
    if article.working_copy is not None:
        number = article.working_copy.number
        article.working_copy = None
        article.save(update_fields=["working_copy"])
        _save_revision(
            article,
            by=by,
            kind=Revision.Kind.SAVED,
            data=snapshot(article),
            note=f"Discarded the working copy (revision {number}).",
        )
    return article


@transaction.atomic
def restore_revision(article: Article, revision: Revision, *, by: Actor) -> Revision:
    """Make an earlier revision the story's text again: as the working copy of a live story, else directly."""
    ensure_can_edit(by, article)
    if revision.article_id != article.pk:
        raise ValidationError("That revision belongs to another story.")
    changes, tags, bylines = changes_from(revision.data)
    note = f"Restored from revision {revision.number}."
    if article.state == Status.PUBLISHED:
        return _save_working_copy(
            article, by=by, changes=changes, tags=tags, bylines=bylines, kind=Revision.Kind.RESTORED
        )
    _apply(article, by=by, changes=changes, tags=tags, bylines=bylines)
    return _save_revision(article, by=by, kind=Revision.Kind.RESTORED, data=snapshot(article), note=note)


def _replace_bylines(article: Article, bylines: Sequence[BylineSpec]) -> None:
    article.bylines.all().delete()
    rows = []
    for position, spec in enumerate(bylines):
        if isinstance(spec, Author):
            rows.append(Byline(article=article, position=position, author=spec))
        elif spec.strip():
            rows.append(Byline(article=article, position=position, credit=spec.strip()))
    Byline.objects.bulk_create(rows)
    article.__dict__.pop(rules.OWNERS_ATTRIBUTE, None)  # who writes under its bylines may have changed


class EditConflict(ValidationError):
    """Someone else saved the story since this edit began; the edit was kept as a revision."""

    def __init__(self, *, article: Article, current: int, kept: Revision) -> None:
        self.article, self.current, self.kept = article, current, kept
        super().__init__(
            f"Someone else saved this story (revision {current}) while you were editing it. "
            f"Your version was kept as revision {kept.number}; compare the two before saving again.",
            code="edit_conflict",
        )


_acting_as: ContextVar[str] = ContextVar("broadsheet_acting_as", default="")


@contextmanager
def acting_as(label: str) -> Iterator[None]:
    """Name the automation behind the writes made inside (an API token, a feed, an import).

    Writes with no person (`by=None`) are then recorded as done by `label` in the audit log and the
    revision history, instead of by an anonymous "system".
    """
    token = _acting_as.set(label[:120])
    try:
        yield
    finally:
        _acting_as.reset(token)


def _via(actor: User | None) -> str:
    return "" if actor is not None else _acting_as.get()


def _record(article: Article, *, by: Actor, action: str, source: str, target: str, note: str = "") -> None:
    """Write the audit row and the log line for one workflow action."""
    actor = by if isinstance(by, User) else None
    via = _via(actor)
    WorkflowEvent.objects.create(
        article=article, actor=actor, action=action, from_status=source, to_status=target, note=note, via=via
    )
    workflow_log.info(
        "workflow %s",
        action,
        extra={
            "article_id": article.pk,
            "action": action,
            "from_status": source,
            "to_status": target,
            "actor": actor.get_username() if actor else via or "system",
        },
    )


def _move(article: Article, target: Status, *, by: Actor, note: str = "", fields: Sequence[str] = ()) -> Move:
    source = article.state
    move = ensure_transition(source, target, actor=by, article=article)
    article.status = target
    article.save(update_fields=["status", *fields])
    _record(article, by=by, action=move.action, source=source, target=target, note=note)
    transaction.on_commit(partial(effects.article_changed, article.pk))
    return move


def _ready_to_publish(article: Article, at: datetime) -> None:
    if not article.headline.strip():
        raise ValidationError("A story needs a headline before it can be published.")
    if not article.bylines.exists():
        raise ValidationError("Add a byline (a staff author or a credit such as “Agency Staff”) before publishing.")
    if article.embargo_until is not None and at < article.embargo_until:
        when = timezone.localtime(article.embargo_until).strftime("%d %b %Y %H:%M %Z")
        raise ValidationError(
            f"This story is embargoed until {when}: it cannot go public before then. "
            "Schedule it for that time or later.",
            code="embargoed",
        )


@transaction.atomic
def submit_for_review(article: Article, *, by: Actor, note: str = "") -> Article:
    """A reporter hands a draft to the desk."""
    _move(article, Status.IN_REVIEW, by=by, note=note)
    return article


@transaction.atomic
def approve_article(article: Article, *, by: Actor, note: str = "") -> Article:
    """An editor passes the story: it is ready to publish or schedule."""
    _move(article, Status.READY, by=by, note=note)
    return article


@transaction.atomic
def send_back(article: Article, *, by: Actor, note: str) -> Article:
    """An editor returns the story to its reporter with a note saying what it needs."""
    if not note.strip():
        raise ValidationError("Say what the story needs: a note is required when sending it back.", code="no_note")
    _move(article, Status.DRAFT, by=by, note=note.strip())
    return article


@transaction.atomic
def publish_article(article: Article, *, by: Actor, at: datetime | None = None, note: str = "") -> Article:
    """Make the article public now, or schedule it for `at` (a future time); never before its embargo."""
    now = timezone.now()
    when = at or now
    if article.state == Status.PUBLISHED and at is None:
        return article  # already live: nothing to do
    _ready_to_publish(article, when)
    target = Status.SCHEDULED if when > now else Status.PUBLISHED
    first_publication = not article.has_been_published
    article.published_at = when if (first_publication or at is not None) else article.published_at or when
    if first_publication:
        # Edits made while it was a draft are not "updates" to readers.
        article.updated_at = article.published_at
    _move(article, target, by=by, note=note, fields=["published_at", "updated_at"])
    return article


@transaction.atomic
def unschedule_article(article: Article, *, by: Actor, note: str = "") -> Article:
    """Take a scheduled story off the schedule; it waits, ready, for a new time."""
    _move(article, Status.READY, by=by, note=note)
    return article


@transaction.atomic
def withdraw_article(article: Article, *, by: Actor, note: str = "") -> Article:
    """Take a published story off the site: its address answers 410 Gone with a short notice."""
    _move(article, Status.WITHDRAWN, by=by, note=note)
    return article


@transaction.atomic
def reopen_article(article: Article, *, by: Actor, note: str = "") -> Article:
    """Turn a withdrawn story back into a draft to rework it."""
    _move(article, Status.DRAFT, by=by, note=note)
    return article


@transaction.atomic
def add_correction(article: Article, *, by: Actor, kind: str, text: str) -> Correction:
    """Publish a correction, clarification or update note with a live story; it shows "Updated"."""
    if by is not None and not by.has_perm(CORRECT):
        raise PermissionDenied("Only editors can add corrections.")
    if article.state != Status.PUBLISHED:
        raise ValidationError("Corrections are added to published stories.")
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the correction readers will see."})
    correction = Correction(article=article, kind=kind, text=text, created_by=by if isinstance(by, User) else None)
    correction.full_clean(exclude=["created_by"])
    correction.save()
    article.updated_at = correction.published_at
    article.save(update_fields=["updated_at"])
    _record(article, by=by, action=f"add_{kind}", source=article.state, target=article.state, note=text)
    transaction.on_commit(partial(effects.article_changed, article.pk))
    transaction.on_commit(effects.corrections_changed)
    return correction


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


def move_article(
    article: Article, target: Status | str, *, by: Actor, note: str = "", at: datetime | None = None
) -> Article:
    """Take the story to `target` by whichever workflow step leads there (the newsroom's buttons, the API)."""
    target = Status(target)
    state = article.state
    if target == Status.IN_REVIEW:
        return submit_for_review(article, by=by, note=note)
    if target == Status.READY:
        if state == Status.SCHEDULED:
            return unschedule_article(article, by=by, note=note)
        return approve_article(article, by=by, note=note)
    if target == Status.DRAFT:
        if state == Status.WITHDRAWN:
            return reopen_article(article, by=by, note=note)
        return send_back(article, by=by, note=note)
    if target == Status.SCHEDULED:
        if at is None or at <= timezone.now():
            raise ValidationError({"published_at": "Give a future time to schedule the story for."})
        return publish_article(article, by=by, at=at, note=note)
    if target == Status.PUBLISHED:
        return publish_article(article, by=by, note=note)
    return withdraw_article(article, by=by, note=note)


# --- preview links ---------------------------------------------------------------------------


@transaction.atomic
def create_preview_link(article: Article, *, by: Actor, hours: int) -> PreviewLink:
    """Make a signed link showing the story as it stands now (its working copy, if live) for `hours`."""
    if by is not None and not by.has_perm("content.add_previewlink"):
        raise PermissionDenied("You do not have permission to share previews.")
    if not 1 <= hours <= 24 * 14:
        raise ValidationError("A preview link lasts between one hour and two weeks.")
    revision = article.working_copy or article.revisions.order_by("-number").first()
    link = PreviewLink.objects.create(
        article=article,
        revision=revision,
        created_by=by if isinstance(by, User) else None,
        expires_at=timezone.now() + timedelta(hours=hours),
    )
    _record(article, by=by, action="share_preview", source=article.state, target=article.state, note=f"{hours} h")
    return link


@transaction.atomic
def revoke_preview_link(link: PreviewLink, *, by: Actor) -> PreviewLink:
    if by is not None and not by.has_perm("content.change_previewlink"):
        raise PermissionDenied("You do not have permission to revoke previews.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        _record(link.article, by=by, action="revoke_preview", source=link.article.state, target=link.article.state)
    return link


# --- front pages and breaking news -----------------------------------------------------------


def _ensure_curator(by: Actor) -> None:
    if by is not None and not by.has_perm(CURATE):
        raise PermissionDenied("Only editors choose the front pages' stories and breaking news.")


@transaction.atomic
def place_on_front(item: FrontPageItem, *, by: Actor) -> FrontPageItem:
    """Put a story on the home page (no section) or a section front, at a position."""
    _ensure_curator(by)
    if item.section_id is not None and item.article.section_id != item.section_id:
        raise ValidationError({"article": "That story belongs to another section; place it on its own front."})
    item.full_clean()
    item.save()
    transaction.on_commit(partial(effects.front_changed, item.section_id))
    return item


@transaction.atomic
def remove_from_front(item: FrontPageItem, *, by: Actor) -> None:
    _ensure_curator(by)
    section_id = item.section_id
    item.delete()
    transaction.on_commit(partial(effects.front_changed, section_id))


@transaction.atomic
def save_breaking_news(banner: BreakingNews, *, by: Actor) -> BreakingNews:
    """Show a site-wide banner from its start until it expires by itself."""
    _ensure_curator(by)
    if banner.created_by_id is None and isinstance(by, User):
        banner.created_by = by
    banner.full_clean()
    banner.save()
    transaction.on_commit(effects.site_changed)
    return banner


@transaction.atomic
def end_breaking_news(banner: BreakingNews, *, by: Actor) -> None:
    _ensure_curator(by)
    banner.delete()
    transaction.on_commit(effects.site_changed)
