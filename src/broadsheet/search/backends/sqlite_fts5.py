"""The embedded profile's search: an SQLite FTS5 table ranked with bm25, snippets by FTS5 itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction

from broadsheet.search.backends.base import Filters, Hit, PageRequest, Progress, Results, allowed_set_sql, allowed_sql
from broadsheet.search.documents import MATCH_END, MATCH_START, Document, in_batches
from broadsheet.search.query import Query

TABLE = "search_fts"  # created by search.migrations.0001 (headline, dek, body, bylines, published_at)
# bm25 column weights: a word in the headline counts ten body words; dek and bylines four.
BM25 = f"bm25({TABLE}, 10.0, 4.0, 1.0, 4.0, 0.0)"
SNIPPET_TOKENS = 32
_INSERT = f"INSERT INTO {TABLE} (rowid, headline, dek, body, bylines, published_at) VALUES (%s, %s, %s, %s, %s, %s)"


def _quoted(words: Sequence[str]) -> str:
    # An FTS5 string: everything inside is text, never syntax (NEAR, AND, *, : …).
    return '"' + " ".join(words).replace('"', '""') + '"'


def match_expression(query: Query) -> str:
    """Return the FTS5 MATCH text: every word and phrase, none of the left-out words."""
    required = " AND ".join(_quoted(words) for words in query.required)
    if not query.excluded:
        return required
    return f"({required})" + "".join(f" NOT {_quoted([word])}" for word in query.excluded)


def headline_expression(query: Query) -> str:
    """Return the MATCH text that is true when the headline alone holds every word and phrase."""
    return "{headline} : (" + " AND ".join(_quoted(words) for words in query.required) + ")"


def _row(document: Document) -> tuple[Any, ...]:
    return (
        document.article_id,
        document.headline,
        document.dek,
        document.body,
        document.bylines,
        document.published_at.timestamp(),
    )


class SQLiteFTS5Backend:
    """Search over the FTS5 table `search_fts`, whose rowid is the article id."""

    def index(self, document: Document) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [document.article_id])
            cursor.execute(_INSERT, _row(document))

    def remove(self, article_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [article_id])

    def search(self, query: Query, filters: Filters, page: PageRequest, *, window: int) -> Results:
        match = match_expression(query)
        if filters.is_narrowing:
            # A section or dates: build the (small) set of allowed ids once, probe it per match.
            allowed_set, allowed_params = allowed_set_sql(filters)
            allowed = f"+rowid IN ({allowed_set})"
        else:
            # Everything public: check each match read (stops after the window) rather than build
            # a set of every public story for each search.
            allowed, allowed_params = allowed_sql(filters, f"{TABLE}.rowid")
        with connection.cursor() as cursor:
            # The newest public matches, read off the doclist in rowid order and scored as they are
            # read: the scan stops after the window, so bm25 runs for at most `window` rows.
            cursor.execute(
                f"SELECT rowid, {BM25}, published_at FROM {TABLE}(%s) WHERE {allowed} ORDER BY rowid DESC LIMIT %s",
                [match, *allowed_params, window + 1],
            )
            matches = cursor.fetchall()
            is_capped, matches = len(matches) > window, matches[:window]
            if not matches:
                return Results(total=0, hits=[])
            # Headline matches within the window's rowid range: a range read, however common the word.
            cursor.execute(
                f"SELECT rowid FROM {TABLE}(%s) WHERE rowid >= %s",
                [headline_expression(query), min(row[0] for row in matches)],
            )
            in_headline = {row[0] for row in cursor.fetchall()}
            # Headline matches first, then bm25 (lower is better), then the newest.
            matches.sort(key=lambda row: (row[0] not in in_headline, row[1], -row[2], -row[0]))
            ranked = matches[page.offset : page.offset + page.size]
            if not ranked:
                return Results(total=len(matches), hits=[], is_capped=is_capped)
            marks = (MATCH_START, MATCH_END)
            cursor.execute(
                f"SELECT rowid, highlight({TABLE}, 0, %s, %s), highlight({TABLE}, 1, %s, %s), "
                f"snippet({TABLE}, 2, %s, %s, '…', {SNIPPET_TOKENS}) "
                f"FROM {TABLE}(%s) WHERE rowid IN ({','.join(str(int(row[0])) for row in ranked)})",
                [*marks, *marks, *marks, match],
            )
            texts = {row[0]: row[1:] for row in cursor.fetchall()}
        hits = [
            # bm25 is better when lower; hits report higher-is-better
            Hit.from_marked(article_id, -score, article_id in in_headline, texts[article_id])
            for article_id, score, _published in ranked
        ]
        return Results(total=len(matches), hits=hits, is_capped=is_capped)

    def rebuild(self, documents: Iterable[Document], *, total: int, progress: Progress) -> int:
        done = 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            progress(0, total)
            for batch in in_batches(documents, 1000):
                cursor.executemany(_INSERT, [_row(document) for document in batch])
                done += len(batch)
                progress(done, total)
            # Merge the b-tree segments written batch by batch: fewer segments, faster queries.
            cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")
        return done

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE %s", [f"{TABLE}%"])
            return int(cursor.fetchone()[0])
