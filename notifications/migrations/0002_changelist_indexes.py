"""Indexes for the outbox's list in the back office at scale (PostgreSQL only; no model change).

Millions of emails over the years: the list (newest first, scoped to the
staff member's cooperatives) sorted them all before showing fifty. Built
CONCURRENTLY.
"""

from django.db import migrations

INDEXES = {
    "notification_recent": "notifications_notification (cooperative_id, created_at DESC, id DESC)",
    "notification_recent_all": "notifications_notification (created_at DESC, id DESC)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, target in INDEXES.items():
            cursor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
