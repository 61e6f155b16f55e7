"""The outbox: a Notification row is written before any email leaves.

notification_queue() is idempotent by key and enqueues the send on commit;
notification_send() claims the row, sends, and marks it SENT right after the
server accepts, so a retry never sends a SENT row again. While the mail server
is down the row waits with a growing backoff and the sweeper
(notifications.tasks.send_due_notifications) picks it up when it is due.
"""

import logging
import smtplib
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications.composer import build_message
from notifications.models import Notification

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 12
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=15)
# Replies that can be permanent refusals of the address or the message. Only a
# 5xx code is: a 4xx (421, 450, 451, 452, 454 — rate limits, greylisting, a
# full queue) says "try again later" (RFC 5321 §4.2.1).
REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def notification_queue(
    *, key: str, template: str, to: str, context: dict, cooperative=None
) -> Notification:
    notification, created = Notification.objects.get_or_create(
        key=key,
        defaults={"template": template, "to": to, "context": context, "cooperative": cooperative},
    )
    if created:
        from notifications.tasks import send_notification

        transaction.on_commit(partial(send_notification.delay, notification.pk), robust=True)
    return notification


def backoff(attempts: int) -> timedelta:
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


def notification_send(*, notification_id: int, now=None) -> str:
    """Sends one notification if it is pending and nobody else holds it. Returns its status."""
    now = now or timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(lease_until=now + LEASE, attempts=F("attempts") + 1)
    )
    notification = Notification.objects.select_related("cooperative").get(pk=notification_id)
    if not claimed:
        return notification.status
    last_attempt = notification.attempts >= MAX_ATTEMPTS
    try:
        build_message(notification).send()
    except REFUSALS as error:
        _fail(notification, error, permanent=is_permanent_refusal(error) or last_attempt)
    except (smtplib.SMTPException, OSError) as error:
        _fail(notification, error, permanent=last_attempt)
    except Exception as error:
        # Anything else (an address the backend refuses to write, a template
        # bug) is a failed attempt too: recorded, retried with the backoff and
        # FAILED after MAX_ATTEMPTS, never a row left pending without a word.
        logger.exception("Notification %s: unexpected error while sending", notification.pk)
        _fail(notification, error, permanent=last_attempt)
    else:
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.SENT, sent_at=timezone.now(), lease_until=None, last_error=""
        )
        return Notification.Status.SENT
    notification.refresh_from_db()
    return notification.status


def is_permanent_refusal(error: smtplib.SMTPException) -> bool:
    """A 5xx reply refuses for good; a 4xx one asks to try again later.

    SMTPRecipientsRefused carries one reply per refused recipient: permanent
    only when every one of them is 5xx (a notification has one recipient).
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
    else:
        codes = [getattr(error, "smtp_code", 0)]
    return bool(codes) and all(isinstance(code, int) and code >= 500 for code in codes)


def _fail(notification: Notification, error: Exception, *, permanent: bool) -> None:
    message = f"{type(error).__name__}: {error}"[:500]
    logger.warning(
        "Notification %s not sent (attempt %s): %s", notification.pk, notification.attempts, message
    )
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.FAILED if permanent else Notification.Status.PENDING,
        last_error=message,
        lease_until=None,
        next_attempt_at=timezone.now() + backoff(notification.attempts),
    )


def due_notification_ids(*, now=None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    return list(
        Notification.objects.filter(status=Notification.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .filter(created_at__lte=now - timedelta(seconds=30))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
