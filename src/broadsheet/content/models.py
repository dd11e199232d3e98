"""The news model: sections, tags, authors, articles with ordered bylines, and site settings."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

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
    {"newsroom", "media", "static", "authors", "tags", "search", "feeds", "api", "comments", "corrections", "ads"}
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
        return reverse("reader:section", kwargs={"section": self.slug})

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
        return reverse("reader:tag", kwargs={"slug": self.slug})


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
        return reverse("reader:author", kwargs={"slug": self.slug})


class Status(models.TextChoices):
    """An article's place in its lifecycle; `content.rules.ALLOWED` says how it may move."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)  # set by services: only real edits count
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_idx"),
        ]
        permissions = [("publish_article", "Can publish articles")]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        from broadsheet.content.selectors import article_url_date  # selectors import this module

        local = article_url_date(self)
        return reverse(
            "reader:article",
            kwargs={
                "section": self.section.slug,
                "year": f"{local.year:04d}",
                "month": f"{local.month:02d}",
                "day": f"{local.day:02d}",
                "slug": self.slug,
            },
        )

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()


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
