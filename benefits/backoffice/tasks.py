"""The back office's periodic job (config/beat.py): the daily deadline digest to staff.

Imported by benefits.admin so that every process that loads Django (web,
worker, beat) registers it; the name is fixed so beat and worker agree.
"""

from celery import shared_task

from benefits.services.backoffice import deadline_digest_send


@shared_task(name="benefits.backoffice.tasks.send_deadline_digest", ignore_result=True)
def send_deadline_digest() -> int:
    """Beat, every business morning: one email per staff member with requests nearing or past their deadline.

    Safe to run twice: each email's outbox key is (cooperative, person, day).
    """
    return deadline_digest_send()
