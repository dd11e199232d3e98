"""PostgreSQL: b-tree indexes for the section and date filters, so a filtered search ANDs them with the GIN index.

Without them a common word limited to a section and a year read every matching row (76,000 at
100,000 stories) to keep about a thousand: 125 ms, against 36 ms with a BitmapAnd.
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS search_document_section_published ON search_document (section_id, published_at)",
    "CREATE INDEX IF NOT EXISTS search_document_published ON search_document (published_at)",
]
DROP = [
    "DROP INDEX IF EXISTS search_document_section_published",
    "DROP INDEX IF EXISTS search_document_published",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":  # SQLite filters through the FTS5 rowids
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
