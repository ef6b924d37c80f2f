"""PostgreSQL: the search vector of a published report stored in a generated column with the
GIN index on it, so that ranking reads it instead of rebuilding ``to_tsvector(pakn_unaccent(…))``
for every match (at a million reports "duong ong nuoc" matched 28,600 rows, each recomputed).
The expression index of 0002 is dropped: the column's index replaces it.

SQLite keeps its FTS5 table and triggers (0002): nothing to do there. The SQL is written out
here so that this migration keeps meaning what it meant."""

from django.db import migrations

PG_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, lower(pakn_unaccent(public_title))), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, lower(pakn_unaccent(public_content))), 'B'))"
)
PG_FORWARD = [
    # Generated columns need IMMUTABLE functions: pakn_unaccent (0002) is the IMMUTABLE wrapper.
    "ALTER TABLE reports_report ADD COLUMN IF NOT EXISTS public_search tsvector "
    f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
    "CREATE INDEX IF NOT EXISTS reports_report_public_search_vector ON reports_report "
    "USING gin (public_search) WHERE is_published",
    "DROP INDEX IF EXISTS reports_report_public_search",
]
PG_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS reports_report_public_search ON reports_report "
    f"USING gin ({PG_VECTOR}) WHERE is_published",
    "DROP INDEX IF EXISTS reports_report_public_search_vector",
    "ALTER TABLE reports_report DROP COLUMN IF EXISTS public_search",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_next_reminder_at"),
    ]

    operations = [
        migrations.RunPython(_run(PG_FORWARD), _run(PG_BACKWARD), elidable=False),
    ]
