"""Every read of the news model that a page, feed or API needs, with its queries bounded."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from broadsheet.conf.config import config
from broadsheet.content.effects import SITE_CACHE_KEYS
from broadsheet.content.models import Article, Author, Byline, FormerSlug, Section, SiteSettings, Status, Tag

SITE_SETTINGS_KEY, NAVIGATION_KEY = SITE_CACHE_KEYS


def public_articles() -> QuerySet[Article]:
    """Return the articles readers may see: published, with a publish time that has passed.

    This is the one definition of "public" — every page, feed, sitemap and API builds on it,
    which is also what makes scheduled publishing work without a worker.
    """
    return Article.objects.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


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


def front_page() -> FrontPage:
    """Return the lead stories and, per navigation section, its latest other stories."""
    settings = config()
    lead = list(teasers()[: settings.home_lead_count])
    lead_ids = [article.pk for article in lead]
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
    return FrontPage(lead=lead, blocks=blocks)


def section_by_slug(slug: str) -> Section | None:
    return Section.objects.filter(slug=slug).first()


def section_articles(section: Section, *, page: int | str | None) -> Page[Article]:
    """Return one page of a section's public stories, newest first."""
    return _paginate(teasers().filter(section=section), page)


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
    sections: list[Section] | None = cache.get(NAVIGATION_KEY)
    if sections is None:
        sections = list(Section.objects.filter(is_in_navigation=True).order_by("order", "name"))
        cache.set(NAVIGATION_KEY, sections, config().site_settings_cache_seconds)
    return sections


def site_settings() -> SiteSettings:
    """Return the publication's settings (defaults until the newsroom saves them); cached."""
    site: SiteSettings | None = cache.get(SITE_SETTINGS_KEY)
    if site is None:
        site = SiteSettings.objects.select_related("logo").filter(pk=1).first() or SiteSettings(pk=1)
        cache.set(SITE_SETTINGS_KEY, site, config().site_settings_cache_seconds)
    return site


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
    """Return when the next scheduled story goes public (cached pages must not outlive it)."""
    return (
        Article.objects.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
