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
        """
        CREATE TABLE search_document (
            article_id bigint PRIMARY KEY,
            headline text NOT NULL,
            dek text NOT NULL,
            body text NOT NULL,
            bylines text NOT NULL,
            published_at timestamptz NOT NULL,
            document tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', headline), 'A')
                || setweight(to_tsvector('english', dek || ' ' || bylines), 'B')
                || setweight(to_tsvector('english', body), 'C')
            ) STORED,
            headline_document tsvector GENERATED ALWAYS AS (to_tsvector('english', headline)) STORED
        )
        """,
        "CREATE INDEX search_document_gin ON search_document USING gin (document)",
    ],
}
DROP = {
    "sqlite": ["DROP TABLE IF EXISTS search_fts"],
    "postgresql": ["DROP TABLE IF EXISTS search_document"],
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
