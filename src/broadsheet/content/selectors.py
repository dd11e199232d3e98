"""Every read of the news model that a page, feed or API needs, with its queries bounded."""

from __future__ import annotations

import copy
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core import signing
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from broadsheet.conf.config import config
from broadsheet.content.effects import SITE_VERSION
from broadsheet.content.models import (
    LIVE_STATUSES,
    Article,
    Author,
    BreakingNews,
    Byline,
    Correction,
    FormerSlug,
    FrontPageItem,
    PreviewLink,
    Section,
    SiteSettings,
    Status,
    Tag,
    public_q,
)
from broadsheet.content.rules import EDIT_ANY
from broadsheet.core import versioned
from broadsheet.media.models import Image

# Each worker's copies, in the default cache, under the shared SITE_VERSION that a change bumps.
SITE_SETTINGS_KEY, NAVIGATION_KEY, BREAKING_NEWS_KEY = (
    "content:site-settings",
    "content:navigation",
    "content:breaking-news",
)


def public_articles() -> QuerySet[Article]:
    """Return the articles readers may see: published, with a publish time that has passed.

    This is the one definition of "public" — every page, feed, sitemap and API builds on it,
    which is also what makes scheduled publishing work without a worker.
    """
    return Article.objects.filter(public_q(timezone.now()))


def _bylines_prefetch() -> Prefetch:
    return Prefetch("bylines", queryset=Byline.objects.select_related("author").order_by("position", "pk"))


def teasers(queryset: QuerySet[Article] | None = None) -> QuerySet[Article]:
    """Return articles ready for a list (section, lead image and bylines loaded; no body)."""
    queryset = public_articles() if queryset is None else queryset
    return (
        queryset.select_related("section", "lead_image")
        .prefetch_related(_bylines_prefetch())
        .defer("body")
        .order_by("-published_at", "-pk")
    )


@dataclass(frozen=True)
class SectionBlock:
    section: Section
    articles: list[Article]


@dataclass(frozen=True)
class FrontPage:
    lead: list[Article]
    blocks: list[SectionBlock]
    top: list[Article] = field(default_factory=list)  # the editors' top stories, in their order


def curated(section: Section | None) -> list[Article]:
    """Return the public stories an editor placed on a front (home when `section` is None), in order."""
    placed = (
        FrontPageItem.objects.filter(section=section)
        .filter(public_q(timezone.now(), through="article__"))
        .order_by("position", "pk")
    )
    settings = config()
    ids = list(placed.values_list("article_id", flat=True)[: settings.home_lead_count + settings.home_top_count])
    stories = teasers().filter(pk__in=ids).in_bulk() if ids else {}
    return [stories[pk] for pk in ids if pk in stories]


def front_page() -> FrontPage:
    """Return the lead stories (the editors' choice first, then the newest) and, per navigation
    section, its latest other stories; no story appears twice."""
    settings = config()
    chosen = curated(None)
    lead, top = chosen[: settings.home_lead_count], chosen[settings.home_lead_count :]
    if len(lead) < settings.home_lead_count:
        lead += list(teasers()[: settings.home_lead_count - len(lead)])
    lead_ids = [article.pk for article in [*lead, *top]]
    # One query, bounded by the index: each navigation section contributes its newest N through an
    # `id IN (… ORDER BY … LIMIT N)` subquery, so the cost does not grow with the archive.
    sections = navigation_sections()
    per_section = settings.home_section_story_count
    newest = Q(pk__in=[])
    for section in sections:
        latest = (
            public_articles().filter(section_id=section.pk).exclude(pk__in=lead_ids).order_by("-published_at", "-pk")
        )
        newest |= Q(pk__in=latest.values("pk")[:per_section])
    ranked = teasers().filter(newest) if sections else teasers().none()
    by_section: dict[int, list[Article]] = {}
    for article in ranked:
        by_section.setdefault(article.section_id, []).append(article)
    blocks = [SectionBlock(section, by_section[section.pk]) for section in sections if section.pk in by_section]
    return FrontPage(lead=lead, blocks=blocks, top=top)


def section_by_slug(slug: str) -> Section | None:
    return Section.objects.filter(slug=slug).first()


def section_articles(section: Section, *, page: int | str | None, exclude: list[int] | None = None) -> Page[Article]:
    """Return one page of a section's public stories, newest first (without those in `exclude`)."""
    return _paginate(teasers().filter(section=section).exclude(pk__in=exclude or []), page)


def tag_by_slug(slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def tag_articles(tag: Tag, *, page: int | str | None) -> Page[Article]:
    """Return one page of the public stories carrying a tag, newest first."""
    return _paginate(teasers().filter(tags=tag), page)


def author_by_slug(slug: str) -> Author | None:
    return Author.objects.select_related("photo").filter(slug=slug).first()


def author_articles(author: Author, *, page: int | str | None) -> Page[Article]:
    """Return one page of the public stories an author has a byline on, newest first."""
    return _paginate(teasers().filter(pk__in=Byline.objects.filter(author=author).values("article_id")), page)


def _paginate(queryset: QuerySet[Article], page: int | str | None) -> Page[Article]:
    return Paginator(queryset, config().articles_per_page).get_page(page)


def article_for_reader(slug: str, *, include_unpublished: bool = False) -> Article | None:
    """Return the article at `slug` with all it shows; drafts only for staff previews."""
    queryset = Article.objects.all() if include_unpublished else public_articles()
    return (
        queryset.select_related("section", "lead_image")
        .prefetch_related(_bylines_prefetch(), Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .filter(slug=slug)
        .first()
    )


def article_for_former_slug(slug: str) -> Article | None:
    """Return the public article that used to live at `slug`, if any."""
    former = FormerSlug.objects.filter(slug=slug).values_list("article_id", flat=True).first()
    if former is None:
        return None
    return public_articles().select_related("section").filter(pk=former).first()


def more_from_section(article: Article) -> list[Article]:
    """Return the section's latest other public stories, for under an article."""
    return list(
        teasers().filter(section_id=article.section_id).exclude(pk=article.pk)[: config().more_from_section_count]
    )


def navigation_sections() -> list[Section]:
    """Return the sections shown in navigation, in order; cached until a section changes."""
    return versioned.cached(
        SITE_VERSION,
        NAVIGATION_KEY,
        lambda: list(Section.objects.filter(is_in_navigation=True).order_by("order", "name")),
        config().site_settings_cache_seconds,
    )


def site_settings() -> SiteSettings:
    """Return the publication's settings (defaults until the newsroom saves them); cached."""
    return versioned.cached(
        SITE_VERSION,
        SITE_SETTINGS_KEY,
        lambda: SiteSettings.objects.select_related("logo", "logo_dark").filter(pk=1).first() or SiteSettings(pk=1),
        config().site_settings_cache_seconds,
    )


def site_time_zone() -> tzinfo:
    """Return the paper's own time zone (UTC if the stored name is unknown)."""
    try:
        return zoneinfo.ZoneInfo(site_settings().time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def article_url_date(article: Article) -> datetime:
    """Return the moment whose local date goes in the article's address."""
    return timezone.localtime(article.published_at or timezone.now(), site_time_zone())


def byline_text(bylines: list[Byline]) -> str:
    """Return "Ana Ruiz", "Ana Ruiz and Tom Lee" or "A, B and C" for an ordered byline list."""
    names = [byline.name for byline in bylines]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def visible_update_time(article: Article) -> datetime | None:
    """Return when a published story last changed, if that was after publication; else None."""
    if article.published_at is None or article.updated_at - article.published_at < timedelta(minutes=1):
        return None
    return article.updated_at


def feed_articles(
    *, section: Section | None = None, author: Author | None = None, tag: Tag | None = None
) -> list[Article]:
    """Return the newest public stories for a feed (whole site, or one section, author or tag), body included."""
    queryset = public_articles()
    if section is not None:
        queryset = queryset.filter(section=section)
    if author is not None:
        queryset = queryset.filter(pk__in=Byline.objects.filter(author=author).values("article_id"))
    if tag is not None:
        queryset = queryset.filter(tags=tag)
    return list(
        queryset.select_related("section", "lead_image")
        .prefetch_related(_bylines_prefetch(), Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("-published_at", "-pk")[: config().feed_length]
    )


def sitemap_articles() -> QuerySet[Article]:
    """Return every public story for the sitemaps, oldest first so pages stay stable as news arrives."""
    return (
        public_articles()
        .select_related("section", "lead_image")
        .only(
            "slug",
            "published_at",
            "updated_at",
            "headline",
            "section__slug",
            "lead_image__file",
            "lead_image__rendition_widths",
            "lead_image__width",
            "lead_image__height",
            "lead_image__alt_text",
        )
        .order_by("published_at", "pk")
    )


def recent_articles(hours: int, limit: int) -> list[Article]:
    """Return public stories published in the last `hours`, newest first (the news sitemap)."""
    since = timezone.now() - timedelta(hours=hours)
    return list(
        public_articles()
        .filter(published_at__gte=since)
        .select_related("section")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("-published_at", "-pk")[:limit]
    )


def sections_with_stories() -> QuerySet[Section]:
    """Return sections that have public stories, for the sitemap."""
    return Section.objects.filter(pk__in=public_articles().values("section_id")).order_by("order", "name")


def authors_with_stories() -> QuerySet[Author]:
    """Return authors with a byline on a public story, for the sitemap."""
    return Author.objects.filter(bylines__article__in=public_articles()).distinct().order_by("slug")


def tags_with_stories() -> QuerySet[Tag]:
    """Return tags on public stories, for the sitemap."""
    return Tag.objects.filter(articles__in=public_articles()).distinct().order_by("slug")


def next_scheduled_publication() -> datetime | None:
    """Return when the next scheduled or embargoed story goes public, or the breaking-news banner
    changes (cached pages must not outlive any of these)."""
    now = timezone.now()
    live = Article.objects.filter(status__in=LIVE_STATUSES)
    moments = [
        live.filter(published_at__gt=now).order_by("published_at").values_list("published_at", flat=True).first(),
        live.filter(embargo_until__gt=now).order_by("embargo_until").values_list("embargo_until", flat=True).first(),
    ]
    # Every banner start and expiry ahead, from the same short-lived list the banner is drawn from.
    moments += [moment for banner in _banners() for moment in (banner.starts_at, banner.expires_at) if moment > now]
    return min((moment for moment in moments if moment is not None), default=None)


def _banners() -> list[BreakingNews]:
    """Return the banners showing now or later (cached for a minute; saving one clears it)."""
    return versioned.cached(
        SITE_VERSION,
        BREAKING_NEWS_KEY,
        lambda: list(BreakingNews.objects.filter(expires_at__gt=timezone.now()).order_by("-starts_at")[:5]),
        60,
    )


def breaking_news() -> BreakingNews | None:
    """Return the banner showing now, if any (pages are bounded by its start and expiry)."""
    now = timezone.now()
    return next((b for b in _banners() if b.starts_at <= now < b.expires_at), None)


def withdrawn_article(slug: str) -> Article | None:
    """Return the withdrawn story that lived at `slug`, for its 410 Gone notice."""
    return Article.objects.filter(slug=slug, status=Status.WITHDRAWN).select_related("section").first()


def article_corrections(article: Article) -> list[Correction]:
    """Return a story's corrections and updates, oldest first as they read on the page."""
    return list(article.corrections.order_by("published_at", "pk"))


def corrections(*, page: int | str | None) -> Page[Correction]:
    """Return one page of every correction on a public story, newest first (the /corrections/ page)."""
    queryset = (
        Correction.objects.filter(public_q(timezone.now(), through="article__"))
        .select_related("article", "article__section")
        .order_by("-published_at", "-pk")
    )
    return Paginator(queryset, config().articles_per_page).get_page(page)


# --- the newsroom desk ------------------------------------------------------------------------

DESK_ROWS = 12
PREVIEW_SALT = "broadsheet.content.preview"


def newsroom_articles(user: User | AnonymousUser, queryset: QuerySet[Article] | None = None) -> QuerySet[Article]:
    """Return the stories a newsroom account may open: editors every one; everyone else the public
    ones and their own (filed by them or under their byline). So a moderator or ad-ops account never
    reads an embargoed or unpublished story, and a contributor never reads a colleague's draft."""
    queryset = Article.objects.all() if queryset is None else queryset
    if user.has_perm(EDIT_ANY):
        return queryset
    return queryset.filter(
        public_q(timezone.now())
        | Q(created_by_id=user.pk or 0)
        | Q(pk__in=Byline.objects.filter(author__user_id=user.pk or 0).values("article_id"))
    )


def desk_lists(user: User | AnonymousUser) -> dict[str, list[Any]]:
    """Return the desk's lists: my drafts, waiting for review, ready, scheduled (with embargoes),
    live with unpublished changes, recently published and recently corrected."""
    now = timezone.now()
    base = newsroom_articles(user).select_related("section", "created_by").only(
        "headline", "status", "published_at", "embargo_until", "updated_at", "section__name",
        "created_by__username", "working_copy_id",
    )  # fmt: skip
    mine = base.filter(status=Status.DRAFT).filter(
        Q(created_by_id=user.pk or 0)
        | Q(pk__in=Byline.objects.filter(author__user_id=user.pk or 0).values("article_id"))
    )
    return {
        "my_drafts": list(mine.order_by("-updated_at")[:DESK_ROWS]),
        "in_review": list(base.filter(status=Status.IN_REVIEW).order_by("updated_at")[:DESK_ROWS]),
        "ready": list(base.filter(status=Status.READY).order_by("updated_at")[:DESK_ROWS]),
        "scheduled": list(
            base.filter(status__in=LIVE_STATUSES).exclude(public_q(now)).order_by("published_at")[:DESK_ROWS]
        ),
        "embargoed": list(
            base.filter(embargo_until__gt=now).exclude(status=Status.WITHDRAWN).order_by("embargo_until")[:DESK_ROWS]
        ),
        "working_copies": list(base.filter(working_copy__isnull=False).order_by("-updated_at")[:DESK_ROWS]),
        "published": list(base.filter(public_q(now)).order_by("-published_at")[:DESK_ROWS]),
        "corrected": list(Correction.objects.select_related("article").order_by("-published_at")[:DESK_ROWS]),
    }


def preview_url(link: PreviewLink) -> str:
    """Return the link's address: signed, so ids cannot be guessed, and checked against the row."""
    return reverse("reader:preview", kwargs={"token": signing.dumps(link.pk, salt=PREVIEW_SALT)})


def preview_for_token(token: str) -> PreviewLink | None:
    """Return the preview link a token names (expired and revoked ones too, to say so); None if forged."""
    try:
        pk = signing.loads(token, salt=PREVIEW_SALT)
    except signing.BadSignature:
        return None
    return (
        PreviewLink.objects.select_related("article", "article__section", "article__lead_image", "revision")
        .filter(pk=pk)
        .first()
    )


def preview_story(link: PreviewLink) -> tuple[Article, list[Byline], list[Tag]]:
    """Return the story as the link's revision has it (unsaved objects, for rendering only)."""
    story = copy.copy(link.article)
    data = link.revision.data if link.revision else None
    if data is None:
        return story, list(story.bylines.select_related("author")), list(story.tags.order_by("name"))
    for name in ("headline", "kicker", "dek", "body", "dateline"):
        setattr(story, name, data.get(name, ""))
    story.section = Section.objects.filter(pk=data.get("section_id")).first() or story.section
    story.lead_image = Image.objects.filter(pk=data.get("lead_image_id") or 0).first()
    rows = data.get("bylines", [])
    authors = Author.objects.in_bulk([row["author_id"] for row in rows if row.get("author_id")])
    bylines = [
        Byline(article=story, position=i, author=authors.get(row.get("author_id") or 0), credit=row.get("credit", ""))
        for i, row in enumerate(rows)
    ]
    tags = list(Tag.objects.filter(pk__in=data.get("tags", [])).order_by("name"))
    return story, bylines, tags
