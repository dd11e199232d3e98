"""The news model: sections, tags, authors, articles with ordered bylines, and site settings."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from broadsheet.core.urls import reverse
from broadsheet.media.models import Image


class CommentsMode(models.TextChoices):
    """Whether readers may comment; "inherit" defers to the section, then the site."""

    INHERIT = "inherit", "As the section / site says"
    OPEN = "open", "Open (comments appear at once)"
    PREMODERATED = "premoderated", "Pre-moderated (a moderator approves each comment)"
    CLOSED = "closed", "Closed (existing comments stay visible)"


class SiteCommentsMode(models.TextChoices):
    OPEN = "open", "Post-moderation: comments appear at once, moderators review after"
    PREMODERATED = "premoderated", "Pre-moderation: comments wait for a moderator"


# First path segments the site itself answers, so no section may take them.
RESERVED_SECTION_SLUGS = frozenset(
    {
        "newsroom",
        "media",
        "static",
        "authors",
        "tags",
        "search",
        "feeds",
        "api",
        "comments",
        "corrections",
        "ads",
        "preview",
    }
)


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first in navigation.")
    is_in_navigation = models.BooleanField("shown in navigation", default=True)
    comments_mode = models.CharField(
        "comments", max_length=20, choices=CommentsMode.choices, default=CommentsMode.INHERIT
    )
    description = models.CharField(max_length=300, blank=True)
    ads_suppressed = models.BooleanField(
        "no ads", default=False, help_text="Show no advertising on this section's pages and stories."
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reader:section", section=self.slug)

    def clean(self) -> None:
        if self.slug in RESERVED_SECTION_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the site itself; choose another address."})


class Tag(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reader:tag", slug=self.slug)


class Author(models.Model):
    """A staff writer's public profile; pages use its slug, never the staff account."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(max_length=120, blank=True, help_text='e.g. "Health correspondent".')
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The staff account that writes as this author, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reader:author", slug=self.slug)


class Status(models.TextChoices):
    """An article's place in its lifecycle; `content.rules.ALLOWED` says how it may move.

    A scheduled story is stored as SCHEDULED with a future `published_at`; once that time (and any
    embargo) has passed it is public without anything running, and `Article.state` reads PUBLISHED.
    """

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    READY = "ready", "Ready"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Stored statuses that are public once their time (and embargo) has passed.
LIVE_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)


def public_q(now: datetime, *, through: str = "") -> Q:
    """The one definition of "public": live status, publication time passed, embargo lifted.

    `through` ("article__") applies it to a related article, as a join: an `article__in=
    public_articles()` subquery made SQLite list every public story first.
    """
    return Q(**{f"{through}status__in": LIVE_STATUSES, f"{through}published_at__lte": now}) & (
        Q(**{f"{through}embargo_until__isnull": True}) | Q(**{f"{through}embargo_until__lte": now})
    )


class Article(models.Model):
    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="The last part of the address.")
    kicker = models.CharField(max_length=60, blank=True, help_text="A word or two above the headline.")
    dek = models.CharField("standfirst", max_length=400, blank=True, help_text="The summary under the headline.")
    body = models.TextField(blank=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    dateline = models.CharField(
        max_length=80, blank=True, help_text='Where the story was reported, e.g. "BEIJING". Optional.'
    )
    lead_image = models.ForeignKey(Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    comments_mode = models.CharField(
        "comments", max_length=20, choices=CommentsMode.choices, default=CommentsMode.INHERIT
    )
    ads_suppressed = models.BooleanField(
        "no ads", default=False, help_text="A sensitive story: show no advertising on it."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it goes public. A future time schedules the story."
    )
    embargo_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text="Nothing of the story is public before this time; publishing or scheduling earlier is refused.",
    )
    revision = models.PositiveIntegerField(
        default=0, editable=False, help_text="The number of the last saved revision: detects concurrent edits."
    )
    working_copy = models.ForeignKey(
        "Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="Unpublished changes to a live story, waiting for an editor to publish them.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)  # set by services: only real edits count
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            # By publication time alone: "the newest public stories" (home, sections, feeds) walks it
            # backwards from now, skipping the rare non-live row, and stops at the LIMIT. An index
            # led by status cannot give `status IN (scheduled, published)` in publication order
            # (every public story was read and sorted for each list), and a partial index on those
            # statuses is never used: SQLite cannot match it against bound parameters.
            models.Index(fields=["-published_at"], name="article_published_idx"),
            models.Index(fields=["section", "-published_at"], name="article_section_published_idx"),
            # Covers a section page's count of its public stories (the paginator's), read from the
            # index alone: at 100,000 stories reading 12,500 article rows for it took 150 ms, the
            # index 14 ms. Lists still take the publication-order index above (checked).
            models.Index(
                fields=["section", "status", "published_at", "embargo_until"], name="article_section_count_idx"
            ),
            # The next embargo to lift bounds every cached page's lifetime: read at each store, it
            # scanned every story without this.
            models.Index(fields=["embargo_until"], name="article_embargo_idx"),
        ]
        permissions = [
            ("submit_article", "Can submit own drafts for review"),
            ("edit_any_article", "Can edit any story, not only their own"),
            ("approve_article", "Can approve stories or send them back"),
            ("publish_article", "Can publish and schedule stories"),
            ("withdraw_article", "Can withdraw published stories"),
            ("correct_article", "Can add corrections and updates"),
            ("curate_front_page", "Can choose the front pages' stories and breaking news"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        from broadsheet.content.selectors import article_url_date  # selectors import this module

        local = article_url_date(self)
        return reverse(
            "reader:article",
            section=self.section.slug,
            year=f"{local.year:04d}",
            month=f"{local.month:02d}",
            day=f"{local.day:02d}",
            slug=self.slug,
        )

    @property
    def is_public(self) -> bool:
        now = timezone.now()
        return (
            self.status in LIVE_STATUSES
            and self.published_at is not None
            and self.published_at <= now
            and (self.embargo_until is None or self.embargo_until <= now)
        )

    @property
    def is_embargoed(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def state(self) -> Status:
        """The status as the newsroom sees it now: a scheduled story whose time came is published."""
        if self.status == Status.SCHEDULED and self.is_public:
            return Status.PUBLISHED
        return Status(self.status)

    @property
    def has_been_published(self) -> bool:
        return self.state in (Status.PUBLISHED, Status.WITHDRAWN)


class Byline(models.Model):
    """One credit on an article: a staff author, or an organisation / wire credit given as text."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(Author, null=True, blank=True, on_delete=models.PROTECT, related_name="bylines")
    credit = models.CharField(
        max_length=120,
        blank=True,
        help_text='An organisation or wire, e.g. "The Example Times" or "Agency Staff".',
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(author__isnull=False) & Q(credit="")) | (Q(author__isnull=True) & ~Q(credit="")),
                name="byline_author_xor_credit",
                violation_error_message="A byline names either a staff author or a credit, not both.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.author.name if self.author else self.credit

    def clean(self) -> None:
        self.credit = self.credit.strip()
        if self.author_id and self.credit:
            raise ValidationError("Choose a staff author or type a credit, not both.")
        if not self.author_id and not self.credit:
            raise ValidationError("Choose a staff author or type a credit such as “Agency Staff”.")


class FormerSlug(models.Model):
    """An address an article used to have; it answers with a permanent redirect."""

    slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")

    def __str__(self) -> str:
        return self.slug


def _check_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone name such as Europe/London or Asia/Shanghai.")


class SiteSettings(models.Model):
    """The publication's own settings: one row, edited in the newsroom."""

    publication_name = models.CharField(max_length=120, default="The Broadsheet")
    tagline = models.CharField(max_length=200, blank=True)
    logo = models.ForeignKey(Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A wordmark drawn for newsprint is an opaque pale box on the dark theme's masthead; a second
    # image lets the paper show one drawn for it. Feeds and structured data keep the light one.
    logo_dark = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="logo for dark mode",
        help_text="Optional: shown instead of the logo when the page is dark. Use light lettering on a dark "
        "background (the page is #121212; transparency is flattened). Without it the logo sits on a light panel.",
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[_check_time_zone])
    language = models.CharField(max_length=16, default="en", help_text="A language tag such as en or en-GB.")
    comments_mode = models.CharField(
        "comment moderation",
        max_length=20,
        choices=SiteCommentsMode.choices,
        default=SiteCommentsMode.OPEN,
        help_text="The default; sections and stories can override it.",
    )
    date_format = models.CharField(
        max_length=40,
        default="l, d F Y",
        help_text="Django date format for the top bar; the default reads “Thursday, 05 February 2026”.",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="site_settings_single_row")]

    def __str__(self) -> str:
        return "Site settings"


class WorkflowEvent(models.Model):
    """One workflow action on a story: who moved it, from what to what, when, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    via = models.CharField(
        "automation",
        max_length=120,
        blank=True,
        help_text="What acted when no person did: an API token, a feed, an import.",
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "workflow event"

    def __str__(self) -> str:
        return f"{self.action}: {self.article_id}"

    @property
    def who(self) -> str:
        """The person's username, else the automation that acted, else "the system"."""
        return self.actor.get_username() if self.actor else self.via or "the system"


class Revision(models.Model):
    """A saved state of a story's text and placement; every save keeps one."""

    class Kind(models.TextChoices):
        SAVED = "saved", "Saved"
        WORKING_COPY = "working_copy", "Working copy (not yet published)"
        CONFLICT = "conflict", "Kept from a conflicting save"
        RESTORED = "restored", "Restored from an earlier revision"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SAVED)
    data = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)
    via = models.CharField(
        "automation",
        max_length=120,
        blank=True,
        help_text="What saved it when no person did: an API token, a feed, an import.",
    )

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique")]

    def __str__(self) -> str:
        return f"Revision {self.number}"

    @property
    def who(self) -> str:
        """The person's username, else the automation that saved it, else "the system"."""
        return self.created_by.get_username() if self.created_by else self.via or "the system"


class Correction(models.Model):
    """A correction, clarification or update note published with a story."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField()
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class PreviewLink(models.Model):
    """A signed, expiring link that shows a draft or revision to someone outside the newsroom."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    revision = models.ForeignKey(Revision, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Preview of {self.article_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class FrontPageItem(models.Model):
    """A story an editor placed on the home page (section empty) or on a section front, in order."""

    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="front_items",
        help_text="Empty for the home page.",
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0, help_text="0 is the lead story; then in order.")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "article"], name="front_item_once_per_front"),
            models.UniqueConstraint(
                fields=["article"], condition=Q(section__isnull=True), name="front_item_once_on_home"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.article_id}"


class BreakingNews(models.Model):
    """A short site-wide banner that disappears by itself when it expires."""

    text = models.CharField(max_length=160)
    url = models.CharField("link", max_length=300, blank=True, help_text="A story's address or a full URL.")
    starts_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = "breaking-news banner"

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.expires_at and self.starts_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": "The banner must expire after it starts."})
        if self.url and not (self.url.startswith("/") or self.url.startswith(("https://", "http://"))):
            raise ValidationError({"url": "Give a site address starting with / or a full http(s) address."})
