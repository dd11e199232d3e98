"""The API's lists: public stories filtered and paged by cursor, built on the pages' own selectors."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, Q

from broadsheet.content.models import Article, Author, Correction, Section, Tag
from broadsheet.content.selectors import article_corrections, public_articles, site_time_zone, teasers
from broadsheet.search.query import QueryError, parse_query
from broadsheet.search.selectors import search_articles

MAX_LIMIT = 100
MAX_QUERY = 200
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


class BadRequest(ValueError):
    """A query parameter the API cannot use; the message names it."""


class NotFound(LookupError):
    """A well-formed reference to something that is not there (a slug, an id, a cursor)."""


SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
CURSOR = re.compile(r"^[A-Za-z0-9_-]{1,300}$")


@dataclass(frozen=True)
class Filters:
    section: Section | None = None
    tag: Tag | None = None
    author: Author | None = None
    published_from: date | None = None
    published_to: date | None = None
    q: str = ""


@dataclass(frozen=True)
class ArticlePage:
    articles: list[Article]
    next_cursor: str | None


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str) -> str:
    if not CURSOR.match(cursor):
        raise BadRequest("cursor: letters, digits, - and _ only, as the API gives them out.")
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise NotFound("cursor: no page of this list has this cursor.") from exc


def parse_date(value: str | None, *, name: str) -> date | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        # Stories are dated within these years; clamping keeps far-off bounds away from datetime's limits.
        return min(max(date.fromisoformat(value), EARLIEST), LATEST)
    except ValueError as exc:
        raise BadRequest(f"{name}: “{value}” is not a date like 2026-02-05.") from exc


def parse_limit(value: str | None, *, default: int) -> int:
    if value is None:
        return default
    if not value.isdecimal() or len(value) > 4 or not 1 <= int(value) <= MAX_LIMIT:
        raise BadRequest(f"limit: a whole number from 1 to {MAX_LIMIT}.")
    return int(value)


def parse_id(value: str) -> int:
    if not value.isdecimal() or len(value) > 10 or not 1 <= int(value) < 2**31:
        raise BadRequest(f"id: “{value[:20]}” is not a story id (a whole number from 1).")
    return int(value)


def _local_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=site_time_zone())


def article_page(filters: Filters, *, cursor: str | None, limit: int) -> ArticlePage:
    """Return one page of public stories, newest first, and the cursor of the next page."""
    if filters.q:
        return _search_page(filters, cursor=cursor)
    if cursor is not None and not CURSOR.match(cursor):
        raise BadRequest("cursor: letters, digits, - and _ only, as the API gives them out.")
    stories = teasers(public_articles())
    if filters.section:
        stories = stories.filter(section=filters.section)
    if filters.tag:
        stories = stories.filter(tags=filters.tag)
    if filters.author:
        stories = stories.filter(pk__in=public_articles().filter(bylines__author=filters.author).values("pk"))
    if filters.published_from:
        stories = stories.filter(published_at__gte=_local_start(filters.published_from))
    if filters.published_to:
        stories = stories.filter(published_at__lt=_local_start(filters.published_to) + timedelta(days=1))
    if cursor is not None:
        moment, pk = _keyset(cursor)
        stories = stories.filter(Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk))
    rows = list(stories.prefetch_related(_tags())[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows else None
    following = _encode(f"k|{last.published_at.isoformat()}|{last.pk}") if more and last and last.published_at else None
    return ArticlePage(rows, following)


def _keyset(cursor: str) -> tuple[datetime, int]:
    parts = _decode(cursor).split("|")
    try:
        if len(parts) != 3 or parts[0] != "k":
            raise ValueError
        moment = datetime.fromisoformat(parts[1])
        if moment.tzinfo is None:
            raise ValueError
        return moment, int(parts[2])
    except (ValueError, OverflowError) as exc:
        raise NotFound("cursor: no page of this list has this cursor.") from exc


def _search_page(filters: Filters, *, cursor: str | None) -> ArticlePage:
    """Full-text results come ranked by the search app, so their cursor is a page of that ranking."""
    number = 1
    if cursor is not None:
        parts = _decode(cursor).split("|")
        if len(parts) != 2 or parts[0] != "s" or not parts[1].isdecimal() or not 1 <= int(parts[1]) <= 10_000:
            raise NotFound("cursor: no page of this list has this cursor.")
        number = int(parts[1])
    try:
        query = parse_query(filters.q)
    except QueryError:
        return ArticlePage([], None)  # nothing searchable in it (only symbols, or only left-out words)
    found = search_articles(
        query,
        section=filters.section,
        published_from=filters.published_from,
        published_to=filters.published_to,
        page=number,
    )
    if found.number != number:  # past the end: the search app shows the last page, an API shows nothing
        return ArticlePage([], None)
    ranked = [hit.story.pk for hit in found]
    stories = teasers(public_articles()).filter(pk__in=ranked).prefetch_related(_tags())
    if filters.tag:  # the search app filters by section and date; tag and author narrow its page here
        stories = stories.filter(tags=filters.tag)
    if filters.author:
        stories = stories.filter(pk__in=public_articles().filter(bylines__author=filters.author).values("pk"))
    by_pk = {story.pk: story for story in stories}
    page = [by_pk[pk] for pk in ranked if pk in by_pk]
    return ArticlePage(page, _encode(f"s|{number + 1}") if found.has_next() else None)


def _tags() -> Prefetch:
    return Prefetch("tags", queryset=Tag.objects.order_by("name"))


def public_article(pk: int) -> tuple[Article, list[Correction]] | None:
    """Return the public story with this id, with everything the detail shows, and its corrections."""
    article = teasers(public_articles()).defer(None).prefetch_related(_tags()).filter(pk=pk).first()
    return (article, article_corrections(article)) if article is not None else None


def section_slugs() -> list[str]:
    """Return every section's slug: the values a new draft's `section` may take."""
    return list(Section.objects.order_by("order", "name").values_list("slug", flat=True))
