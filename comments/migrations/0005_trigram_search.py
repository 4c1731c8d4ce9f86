"""Trigram indexes so the moderation queue's search stays fast on PostgreSQL.

The admin searches with UPPER(column) LIKE '%term%', which no b-tree index
serves; a GIN trigram index on the same expression does. Other databases
have no such index and skip this migration.
"""

from django.db import migrations

INDEXES = {
    "comment_user_name_trgm": "user_name",
    "comment_body_trgm": "body",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON comments_comment "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("comments", "0004_queue_indexes")]

    operations = [migrations.RunPython(create, drop)]
