"""pakn_fold(text) on PostgreSQL: lower case without Vietnamese marks, "đ" as "d", the same
rule as pakn.core.text.text_fold (SQLite gets that Python function on each connection)."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e "
            "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
        )
        schema = schema_editor.connection.ops.quote_name(cursor.fetchone()[0])
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION pakn_fold(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS "
        f"$$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, "
        "replace(replace($1, 'Đ', 'd'), 'đ', 'd'))) $$"
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS pakn_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_sitesettings_pause_clock_when_asking_citizen_and_more")]

    operations = [migrations.RunPython(forward, backward)]
