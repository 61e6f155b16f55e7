"""Indexes for the back office's searches of the roster at scale (PostgreSQL only; no model change).

The associates' admin searches by cédula ("=document_number", which Django
compares as UPPER(...) = UPPER(...)) and by name or email (icontains:
UPPER(...) LIKE '%…%'), all columns of the one table, so PostgreSQL can
combine one index per column. On 200 000 associates each search was a
sequential scan (0.3–0.5 s; 27–96 ms with these indexes, docs/benchmarks.md). Built CONCURRENTLY so a live portal keeps writing meanwhile. If
pg_trgm cannot be created (no privilege), the trigram indexes are skipped and
searches stay correct, only slower.
"""

from django.db import migrations

INDEXES = {
    "associate_upper_document": "members_associate (UPPER(document_number))",
}
TRIGRAM_INDEXES = {
    "associate_search_trgm": "members_associate USING gin "
    "(UPPER(last_names) gin_trgm_ops, UPPER(first_names) gin_trgm_ops, UPPER(email) gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, target in INDEXES.items():
            cursor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {target}")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001  (no privilege: the portal works without these indexes)
            print("  pg_trgm no disponible: se omiten los índices de búsqueda por nombre.")
            return
        for name, target in TRIGRAM_INDEXES.items():
            cursor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in [*INDEXES, *TRIGRAM_INDEXES]:
            cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("members", "0002_user_document_number")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
