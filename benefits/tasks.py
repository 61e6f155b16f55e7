from celery import shared_task
from django.db import DatabaseError

from benefits.evaluation import request_evaluate, requests_awaiting_evaluation
from benefits.services.reports import (
    BUILD_TIME_LIMIT,
    report_export_build,
    stale_report_export_ids,
)


@shared_task(
    acks_late=True,
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=6,
)
def evaluate_request(request_id: int) -> None:
    request_evaluate(request_id=request_id)


@shared_task(ignore_result=True)
def sweep_requests() -> int:
    """Beat, every minute: filed requests whose documents are read but that have no proposal yet."""
    ids = requests_awaiting_evaluation()
    for request_id in ids:
        evaluate_request.delay(request_id)
    return len(ids)


@shared_task(
    acks_late=True,
    ignore_result=True,
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=BUILD_TIME_LIMIT - 30,
    time_limit=BUILD_TIME_LIMIT,
)
def build_report_export(export_id: int) -> None:
    report_export_build(export_id=export_id)


@shared_task(ignore_result=True)
def sweep_report_exports() -> int:
    """Beat, every minute: report PDFs still queued or held past their lease go back to a worker."""
    ids = stale_report_export_ids()
    for export_id in ids:
        build_report_export.delay(export_id)
    return len(ids)
