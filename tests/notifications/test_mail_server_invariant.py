"""The fault scripts' check of what the mail server received (faults/invariants.py)."""

import json

import pytest
from django.utils import timezone

from faults import invariants
from notifications.models import Notification
from tests.notifications.test_outbox import queue_one

pytestmark = pytest.mark.django_db


def mail_server_check(tmp_path, *, received: list[Notification]) -> invariants.Result:
    log = tmp_path / "smtp.jsonl"
    log.write_text(
        "".join(json.dumps({"message_id": f"<{n.public_id}@auxilios>"}) + "\n" for n in received)
    )
    results = invariants.emails(smtp_log=log, require_sent=False)
    return next(r for r in results if r.name == "servidor de correo: cada mensaje una vez")


def sent(notification: Notification, *, attempts: int) -> Notification:
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), attempts=attempts
    )
    notification.refresh_from_db()
    return notification


def test_each_message_received_once_holds(tmp_path):
    one, two = (
        sent(queue_one("request-event:1"), attempts=1),
        sent(queue_one("request-event:2"), attempts=1),
    )
    assert mail_server_check(tmp_path, received=[one, two]).ok


def test_a_message_sent_at_its_first_attempt_and_received_twice_is_a_duplicate(tmp_path):
    one = sent(queue_one(), attempts=1)
    check = mail_server_check(tmp_path, received=[one, one])
    assert not check.ok and "1 repetidos" in check.detail


def test_a_redelivery_after_a_crash_mid_send_keeps_its_message_id_and_is_reported(tmp_path):
    """Killed after the server's 250 OK, before the row said "sent": the retry delivers it again."""
    one = sent(queue_one(), attempts=2)
    check = mail_server_check(tmp_path, received=[one, one])
    assert check.ok and "1 reentregados con el mismo Message-ID" in check.detail


def test_a_message_marked_sent_but_never_received_is_lost(tmp_path):
    one = sent(queue_one("request-event:1"), attempts=1)
    sent(queue_one("request-event:2"), attempts=1)
    check = mail_server_check(tmp_path, received=[one])
    assert not check.ok and "1 marcados enviados y no recibidos" in check.detail
