"""The scale profile's search: a weighted tsvector with a GIN index, ts_rank_cd and ts_headline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from broadsheet.search.backends.base import Filters, Hit, PageRequest, Progress, Results, allowed_sql
from broadsheet.search.documents import MATCH_END, MATCH_START, Document, in_batches
from broadsheet.search.query import Query

# Created by search.migrations.0001. `search_document` is kept narrow for matching and ranking:
# `document` weighs the headline A, dek and bylines B, body C; `headline_document` is the
# headline alone. `search_text` holds the plain texts ts_headline highlights.
CONFIG = "english"
TSQUERY = f"websearch_to_tsquery('{CONFIG}', %s)"
HEADLINE_OPTIONS = f"StartSel={MATCH_START}, StopSel={MATCH_END}, HighlightAll=true"
SNIPPET_OPTIONS = (
    f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords=35, MinWords=15, ShortWord=3, "
    'MaxFragments=1, FragmentDelimiter=" … "'
)
_UPSERT_DOCUMENT = f"""
    INSERT INTO search_document (article_id, section_id, published_at, document, headline_document)
    VALUES (%s, %s, %s,
        setweight(to_tsvector('{CONFIG}', %s), 'A') || setweight(to_tsvector('{CONFIG}', %s), 'B')
        || setweight(to_tsvector('{CONFIG}', %s), 'C'),
        to_tsvector('{CONFIG}', %s))
    ON CONFLICT (article_id) DO UPDATE SET section_id = EXCLUDED.section_id,
        published_at = EXCLUDED.published_at, document = EXCLUDED.document,
        headline_document = EXCLUDED.headline_document
"""
_UPSERT_TEXT = """
    INSERT INTO search_text (article_id, headline, dek, body) VALUES (%s, %s, %s, %s)
    ON CONFLICT (article_id) DO UPDATE SET headline = EXCLUDED.headline, dek = EXCLUDED.dek, body = EXCLUDED.body
"""


def _quoted(words: Iterable[str]) -> str:
    # websearch_to_tsquery never raises; quoting keeps "or" a word rather than the OR operator.
    return '"' + " ".join(words) + '"'


def websearch_text(query: Query) -> str:
    """Return the text for websearch_to_tsquery: each word or phrase quoted, left-out words with -."""
    return " ".join([*(_quoted(words) for words in query.required), *(f"-{_quoted([w])}" for w in query.excluded)])


def _document_row(d: Document) -> tuple[Any, ...]:
    return (d.article_id, d.section_id, d.published_at, d.headline, f"{d.dek} {d.bylines}", d.body, d.headline)


def _text_row(d: Document) -> tuple[Any, ...]:
    return (d.article_id, d.headline, d.dek, d.body)


class PostgresBackend:
    """Search over `search_document` (matching, ranking) and `search_text` (highlighting)."""

    def index(self, document: Document) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_UPSERT_DOCUMENT, _document_row(document))
            cursor.execute(_UPSERT_TEXT, _text_row(document))

    def remove(self, article_id: int) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE article_id = %s", [article_id])
            cursor.execute("DELETE FROM search_text WHERE article_id = %s", [article_id])

    def search(self, query: Query, filters: Filters, page: PageRequest, *, window: int) -> Results:
        text = websearch_text(query)
        # What may be shown is decided by `allowed_sql` (public_articles()), checked per row read,
        # so a stale entry is dropped, never shown.
        allowed, allowed_params = allowed_sql(filters, "d.article_id", per_row=True)
        # The same filters on the index's own columns, which its planner statistics describe.
        where, params = [allowed], [*allowed_params]
        if filters.section_id is not None:
            where.append("d.section_id = %s")
            params.append(filters.section_id)
        if filters.published_from is not None:
            where.append("d.published_at >= %s")
            params.append(filters.published_from)
        if filters.published_before is not None:
            where.append("d.published_at < %s")
            params.append(filters.published_before)
        with connection.cursor() as cursor:
            # The newest public matches by id, then ranked, then ordered in SQL so only the page's
            # rows come back: one query, and the public check a primary-key probe per row read (a
            # separate `id IN (…window ids…)` check was planned as a scan of every public story when
            # the article table's statistics were stale: 400 ms at 100,000 stories). The planner
            # walks the primary key backwards for common words (stopping after the window) and reads
            # the GIN index for rarer ones. Ranking happens after the LIMIT, so ts_rank_cd (which
            # reads each whole tsvector) runs for at most `window` rows whichever plan is chosen:
            # ranked inside the scan, a GIN read ranked every match (5,400 rows for "Amara Okonkwo"
            # at 100,000 stories: 30 ms, against 15 ms now).
            cursor.execute(
                f"""WITH newest AS (
                    SELECT d.article_id FROM search_document d, {TSQUERY} q
                    WHERE d.document @@ q.q AND {" AND ".join(where)}
                    ORDER BY d.article_id DESC LIMIT %s),
                numbered AS (
                    SELECT d.article_id, ts_rank_cd(d.document, q.q) AS rank,
                        d.headline_document @@ q.q AS in_headline, d.published_at,
                        row_number() OVER (ORDER BY d.article_id DESC) AS n
                    FROM newest JOIN search_document d USING (article_id), {TSQUERY} q)
                SELECT s.matched, p.article_id, p.rank, p.in_headline
                FROM (SELECT count(*) AS matched FROM numbered) s LEFT JOIN LATERAL (
                    SELECT article_id, rank, in_headline FROM numbered WHERE n <= %s
                    -- headline matches first, then rank (higher is better), then the newest
                    ORDER BY in_headline DESC, rank DESC, published_at DESC, article_id DESC
                    LIMIT %s OFFSET %s) p ON true""",
                [text, *params, window + 1, text, window, page.size, page.offset],
            )
            rows = cursor.fetchall()
            matched = int(rows[0][0])
            is_capped, total = matched > window, min(matched, window)
            ranked = [row[1:] for row in rows if row[1] is not None]
            if not ranked:
                return Results(total=total, hits=[], is_capped=is_capped)
            cursor.execute(
                f"SELECT t.article_id, ts_headline('{CONFIG}', t.headline, q.q, %s), "
                f"ts_headline('{CONFIG}', t.dek, q.q, %s), ts_headline('{CONFIG}', t.body, q.q, %s) "
                f"FROM search_text t, (SELECT {TSQUERY} AS q) q WHERE t.article_id = ANY(%s)",
                [HEADLINE_OPTIONS, HEADLINE_OPTIONS, SNIPPET_OPTIONS, text, [row[0] for row in ranked]],
            )
            texts = {row[0]: row[1:] for row in cursor.fetchall()}
        hits = [
            Hit.from_marked(article_id, float(score), bool(is_headline), texts[article_id])
            for article_id, score, is_headline in ranked
        ]
        return Results(total=total, hits=hits, is_capped=is_capped)

    def rebuild(self, documents: Iterable[Document], *, total: int, progress: Progress) -> int:
        done = 0
        with transaction.atomic(), connection.cursor() as cursor:
            # DELETE, not TRUNCATE: readers keep searching the old index until this commits.
            cursor.execute("DELETE FROM search_document")
            cursor.execute("DELETE FROM search_text")
            progress(0, total)
            for batch in in_batches(documents, 1000):
                cursor.executemany(_UPSERT_DOCUMENT, [_document_row(document) for document in batch])
                cursor.executemany(_UPSERT_TEXT, [_text_row(document) for document in batch])
                done += len(batch)
                progress(done, total)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")
            cursor.execute("ANALYZE search_text")
        return done

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_document') + pg_total_relation_size('search_text')")
            return int(cursor.fetchone()[0])
