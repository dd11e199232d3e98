"""The scale profile's search: a weighted tsvector with a GIN index, ts_rank_cd and ts_headline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from broadsheet.search.backends.base import Filters, Hit, PageRequest, Progress, Results, candidates_sql
from broadsheet.search.documents import MATCH_END, MATCH_START, Document, in_batches, marked_html
from broadsheet.search.query import Query

# Created by search.migrations.0001: the plain texts, `document` (weights A headline, B dek and
# bylines, C body) and `headline_document`, both generated columns; GIN index on `document`.
TABLE = "search_document"
CONFIG = "english"
HEADLINE_OPTIONS = f"StartSel={MATCH_START}, StopSel={MATCH_END}, HighlightAll=true"
SNIPPET_OPTIONS = (
    f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords=35, MinWords=15, ShortWord=3, "
    'MaxFragments=1, FragmentDelimiter=" … "'
)
_UPSERT = (
    f"INSERT INTO {TABLE} (article_id, headline, dek, body, bylines, published_at) "
    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET "
    "headline = EXCLUDED.headline, dek = EXCLUDED.dek, body = EXCLUDED.body, "
    "bylines = EXCLUDED.bylines, published_at = EXCLUDED.published_at"
)


def _quoted(words: Iterable[str]) -> str:
    # websearch_to_tsquery never raises; quoting keeps "or" a word rather than the OR operator.
    return '"' + " ".join(words) + '"'


def websearch_text(query: Query) -> str:
    """Return the text for websearch_to_tsquery: each word or phrase quoted, left-out words with -."""
    return " ".join([*(_quoted(words) for words in query.required), *(f"-{_quoted([w])}" for w in query.excluded)])


def _row(document: Document) -> tuple[Any, ...]:
    return (
        document.article_id,
        document.headline,
        document.dek,
        document.body,
        document.bylines,
        document.published_at,
    )


class PostgresBackend:
    """Search over `search_document`, one row per published article."""

    def index(self, document: Document) -> None:
        with connection.cursor() as cursor:
            cursor.execute(_UPSERT, _row(document))

    def remove(self, article_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = %s", [article_id])

    def search(self, query: Query, filters: Filters, page: PageRequest) -> Results:
        allowed, allowed_params = candidates_sql(filters)
        tsquery = f"websearch_to_tsquery('{CONFIG}', %s)"
        text = websearch_text(query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {TABLE} WHERE document @@ {tsquery} AND article_id IN ({allowed})",
                [text, *allowed_params],
            )
            total = cursor.fetchone()[0]
            if not total or page.offset >= total:
                return Results(total=total, hits=[])
            cursor.execute(
                f"WITH q AS (SELECT {tsquery} AS q), page AS ("
                "  SELECT d.article_id, ts_rank_cd(d.document, q.q) AS score, d.headline_document @@ q.q AS is_headline"
                f"  FROM {TABLE} d, q WHERE d.document @@ q.q AND d.article_id IN ({allowed})"
                "  ORDER BY is_headline DESC, score DESC, d.published_at DESC, d.article_id DESC LIMIT %s OFFSET %s"
                ") SELECT page.article_id, page.score, page.is_headline, "
                f"ts_headline('{CONFIG}', d.headline, q.q, %s), ts_headline('{CONFIG}', d.dek, q.q, %s), "
                f"ts_headline('{CONFIG}', d.body, q.q, %s) "
                f"FROM page JOIN {TABLE} d USING (article_id), q "
                "ORDER BY page.is_headline DESC, page.score DESC, d.published_at DESC, d.article_id DESC",
                [text, *allowed_params, page.size, page.offset, HEADLINE_OPTIONS, HEADLINE_OPTIONS, SNIPPET_OPTIONS],
            )
            rows = cursor.fetchall()
        hits = []
        for article_id, score, is_headline, headline, dek, body in rows:
            snippet = body if MATCH_START in body or MATCH_START not in dek else dek
            hits.append(
                Hit(
                    article_id=article_id,
                    rank=float(score),
                    is_headline_match=bool(is_headline),
                    headline=marked_html(headline),
                    snippet=marked_html(snippet),
                )
            )
        return Results(total=total, hits=hits)

    def rebuild(self, documents: Iterable[Document], *, total: int, progress: Progress) -> int:
        done = 0
        with transaction.atomic(), connection.cursor() as cursor:
            # DELETE, not TRUNCATE: readers keep searching the old index until this commits.
            cursor.execute(f"DELETE FROM {TABLE}")
            progress(0, total)
            for batch in in_batches(documents, 1000):
                cursor.executemany(_UPSERT, [_row(document) for document in batch])
                done += len(batch)
                progress(done, total)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")
        return done

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [TABLE])
            return int(cursor.fetchone()[0])
