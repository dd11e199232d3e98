"""The search backend Protocol and the plain data it takes and returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from broadsheet.content.models import Article
from broadsheet.content.selectors import public_articles
from broadsheet.search.documents import MATCH_START, Document, marked_html
from broadsheet.search.query import Query

Progress = Callable[[int, int], None]  # (documents done, documents in total)


@dataclass(frozen=True)
class Filters:
    """Narrowing a search: one section, and/or a publication window [published_from, published_before)."""

    section_id: int | None = None
    published_from: datetime | None = None
    published_before: datetime | None = None

    @property
    def is_narrowing(self) -> bool:
        return self.section_id is not None or self.published_from is not None or self.published_before is not None


@dataclass(frozen=True)
class PageRequest:
    number: int  # 1-based
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


@dataclass(frozen=True)
class Hit:
    article_id: int
    rank: float  # the backend's relevance; only comparable within one search
    is_headline_match: bool
    headline: SafeString  # escaped, matches in <mark>
    snippet: SafeString  # escaped, matches in <mark>

    @classmethod
    def from_marked(cls, article_id: int, rank: float, is_headline_match: bool, texts: tuple[str, str, str]) -> Hit:
        """Build a hit from the backend's marked headline, dek and body fragment (not yet HTML-safe)."""
        headline, dek, body = texts
        # The body fragment around the match; the dek when only it (or the headline) matched.
        snippet = body if MATCH_START in body or MATCH_START not in dek else dek
        return cls(article_id, rank, is_headline_match, marked_html(headline), marked_html(snippet))


@dataclass(frozen=True)
class Results:
    total: int  # public matches that were ranked, all pages (at most the window)
    hits: list[Hit]  # this page, best first
    is_capped: bool = False  # more stories matched than the window: only the newest were ranked


class SearchBackend(Protocol):
    """A full-text index of published articles; `get_backend()` picks one by database vendor.

    Ranking contract: of the newest `window` public matches (newest by article id, which follows
    creation order), headline matches first, then the backend's relevance, then the newest.
    The window keeps a search for a word in every story as cheap as one for a rare word.
    """

    def index(self, document: Document) -> None:
        """Add or replace one article's entry."""

    def remove(self, article_id: int) -> None:
        """Drop one article's entry (a no-op when there is none)."""

    def search(self, query: Query, filters: Filters, page: PageRequest, *, window: int) -> Results:
        """Return one page of public, matching articles, best first, with highlighted snippets."""

    def rebuild(self, documents: Iterable[Document], *, total: int, progress: Progress) -> int:
        """Replace the whole index with `documents`; return how many were indexed."""

    def size_bytes(self) -> int:
        """Return the space the index takes on disk."""


def _allowed(filters: Filters) -> QuerySet[Article]:
    queryset: QuerySet[Article] = public_articles()
    if filters.section_id is not None:
        queryset = queryset.filter(section_id=filters.section_id)
    if filters.published_from is not None:
        queryset = queryset.filter(published_at__gte=filters.published_from)
    if filters.published_before is not None:
        queryset = queryset.filter(published_at__lt=filters.published_before)
    return queryset


def allowed_ids(filters: Filters, ids: list[int]) -> set[int]:
    """Return which of `ids` a search may return: public articles passing the filters."""
    return set(_allowed(filters).filter(pk__in=ids).values_list("pk", flat=True))


def allowed_sql(filters: Filters, article_id_sql: str, *, per_row: bool = False) -> tuple[str, tuple[Any, ...]]:
    """Return an EXISTS clause that is true when the article `article_id_sql` may be returned.

    Built from `public_articles()` so a stale index can never leak a scheduled, withdrawn or
    deleted story. Correlated, so a backend checks only the rows it reads, never every
    public story. `per_row` (PostgreSQL) adds `OFFSET 0`, which keeps the planner from turning
    the check into a join: without fresh statistics on the article table it joined every
    public story first (1.3 s at 100,000 stories against 18 ms checked per row).
    """
    queryset = _allowed(filters).filter(pk=RawSQL(article_id_sql, ()))  # noqa: S611 - a backend's column name
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return f"EXISTS ({sql}{' OFFSET 0' if per_row else ''})", tuple(params)


def allowed_set_sql(filters: Filters) -> tuple[str, tuple[Any, ...]]:
    """Return SQL selecting every id a search may return (public, passing the filters).

    For narrowing filters, where the set is small and its index makes it cheap to build.
    """
    sql, params = _allowed(filters).order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)
