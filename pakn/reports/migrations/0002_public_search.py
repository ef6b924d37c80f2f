"""Full-text search of published reports: an FTS5 table kept by triggers on SQLite, an
unaccent expression index on PostgreSQL. Each database gets only its own part; the SQL is
written out here (not imported) so that this migration keeps meaning what it meant."""

from django.db import migrations

FOLD = "replace(replace({column}, 'Đ', 'd'), 'đ', 'd')"

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS reports_public_search USING fts5("
    "title, content, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS reports_public_search_insert AFTER INSERT ON reports_report "
    "WHEN new.is_published BEGIN "
    "INSERT INTO reports_public_search(rowid, title, content) VALUES (new.id, "
    f"{FOLD.format(column='new.public_title')}, {FOLD.format(column='new.public_content')}); END",
    "CREATE TRIGGER IF NOT EXISTS reports_public_search_update "
    "AFTER UPDATE OF id, is_published, public_title, public_content ON reports_report BEGIN "
    "DELETE FROM reports_public_search WHERE rowid = old.id; "
    "INSERT INTO reports_public_search(rowid, title, content) SELECT new.id, "
    f"{FOLD.format(column='new.public_title')}, {FOLD.format(column='new.public_content')} "
    "WHERE new.is_published; END",
    "CREATE TRIGGER IF NOT EXISTS reports_public_search_delete AFTER DELETE ON reports_report "
    "BEGIN DELETE FROM reports_public_search WHERE rowid = old.id; END",
    "DELETE FROM reports_public_search",
    "INSERT INTO reports_public_search(rowid, title, content) SELECT id, "
    f"{FOLD.format(column='public_title')}, {FOLD.format(column='public_content')} "
    "FROM reports_report WHERE is_published",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS reports_public_search_insert",
    "DROP TRIGGER IF EXISTS reports_public_search_update",
    "DROP TRIGGER IF EXISTS reports_public_search_delete",
    "DROP TABLE IF EXISTS reports_public_search",
]

PG_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, lower(pakn_unaccent(public_title))), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, lower(pakn_unaccent(public_content))), 'B'))"
)
PG_BACKWARD = [
    "DROP INDEX IF EXISTS reports_report_public_search",
    "DROP FUNCTION IF EXISTS pakn_unaccent(text)",
]


def _execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _execute(schema_editor, SQLITE_FORWARD)
    elif vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT n.nspname FROM pg_extension e "
                "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
            )
            schema = schema_editor.connection.ops.quote_name(cursor.fetchone()[0])
        # unaccent() is STABLE (its dictionary could change); an index needs IMMUTABLE, and
        # the dictionary is named with its schema so the function never depends on search_path.
        _execute(
            schema_editor,
            [
                "CREATE OR REPLACE FUNCTION pakn_unaccent(text) RETURNS text "
                "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS "
                f"$$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$",
                "CREATE INDEX IF NOT EXISTS reports_report_public_search ON reports_report "
                f"USING gin ({PG_VECTOR}) WHERE is_published",
            ],
        )


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _execute(schema_editor, SQLITE_BACKWARD)
    elif vendor == "postgresql":
        _execute(schema_editor, PG_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
