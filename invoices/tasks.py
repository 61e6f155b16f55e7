from celery import shared_task
from django.db import DatabaseError

from invoices.services import INGEST_TIME_LIMIT, document_ingest, stale_document_ids


@shared_task(
    acks_late=True,
    ignore_result=True,
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=5,
    retry_backoff_max=300,  # well below the broker's visibility timeout (RELIABILITY.md §2.1)
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=INGEST_TIME_LIMIT - 10,
    time_limit=INGEST_TIME_LIMIT,
)
def ingest_document(document_id: int) -> None:
    document_ingest(document_id=document_id)


@shared_task(ignore_result=True)
def sweep_documents() -> int:
    """Beat, every minute: uploads still pending or held past their lease go back to a worker."""
    ids = stale_document_ids()
    for document_id in ids:
        ingest_document.delay(document_id)
    return len(ids)
