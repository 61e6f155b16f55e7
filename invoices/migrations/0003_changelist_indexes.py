"""Indexes for reading invoices and listing documents at scale (PostgreSQL only; no model change).

- Every e-invoice the worker reads is checked for a credit note that annuls
  it (invoices.checks: an Invoice whose billing_reference is this CUFE). With
  600 000 invoices that lookup scanned them all: 400 ms of each 590 ms ingest
  on the scale database, and the worker fell behind at 15 uploads/s.
- The documents list is ordered by upload time and scoped to the staff
  member's cooperatives: with a million documents it sorted them all (1.9 s).
- The requests' "advertencia" filter looks for a warning code inside each
  document's warnings JSON (icontains on its text): a trigram index on that
  text finds the few documents that carry it.
Built CONCURRENTLY; the trigram index is skipped when pg_trgm is unavailable.
"""

from django.db import migrations

INDEXES = {
    "invoice_by_billing_reference": "invoices_invoice (cooperative_id, billing_reference)",
    "document_by_upload": "invoices_document (cooperative_id, uploaded_at)",
    "document_by_upload_all": "invoices_document (uploaded_at)",
}
TRIGRAM_INDEXES = {
    "document_warnings_trgm": "invoices_document USING gin (UPPER(warnings::text) gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, target in INDEXES.items():
            cursor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {target}")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001  (no privilege: the filter works without the index)
            print("  pg_trgm no disponible: se omite el índice de advertencias.")
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

    dependencies = [("invoices", "0002_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
