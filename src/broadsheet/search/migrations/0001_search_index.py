"""The search index: an FTS5 table on SQLite, a weighted tsvector table with a GIN index on PostgreSQL.

Migrations are frozen history, so the SQL lives here rather than in the backends; the vendor
lookup below is the only one outside `search.backends.get_backend()`. An existing archive is
indexed by `broadsheet reindex`; from then on the content services keep the index current.
"""

from django.db import migrations

CREATE = {
    "sqlite": [
        """
        CREATE VIRTUAL TABLE search_fts USING fts5(
            headline, dek, body, bylines, published_at UNINDEXED,
            tokenize = 'porter unicode61 remove_diacritics 2'
        )
        """,
    ],
    "postgresql": [
        # Narrow rows to match and rank (the tsvectors are TOASTed); the texts for ts_headline apart.
        """
        CREATE TABLE search_document (
            article_id bigint PRIMARY KEY,
            section_id bigint NOT NULL,
            published_at timestamptz NOT NULL,
            document tsvector NOT NULL,
            headline_document tsvector NOT NULL
        )
        """,
        "CREATE INDEX search_document_gin ON search_document USING gin (document)",
        """
        CREATE TABLE search_text (
            article_id bigint PRIMARY KEY,
            headline text NOT NULL,
            dek text NOT NULL,
            body text NOT NULL
        )
        """,
    ],
}
DROP = {
    "sqlite": ["DROP TABLE IF EXISTS search_fts"],
    "postgresql": ["DROP TABLE IF EXISTS search_document", "DROP TABLE IF EXISTS search_text"],
}


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("content", "0002_comments_mode")]

    operations = [
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
