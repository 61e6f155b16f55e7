from celery import shared_task
from django.db import DatabaseError

from benefits.evaluation import request_evaluate, requests_awaiting_evaluation


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
