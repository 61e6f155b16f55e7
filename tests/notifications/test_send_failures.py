"""How the outbox reads a failed send: wait and retry, or give up for good.

Against a real SMTP server on loopback (aiosmtpd) that refuses at a chosen
stage of the conversation, then accepts.
"""

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from notifications.models import Notification
from notifications.services import MAX_ATTEMPTS, notification_send
from tests.notifications.test_outbox import queue_one

pytestmark = pytest.mark.django_db

PENDING, SENT, FAILED = (
    Notification.Status.PENDING,
    Notification.Status.SENT,
    Notification.Status.FAILED,
)


class RefusingServer:
    """Answers `reply` at `stage` (MAIL, RCPT or DATA) `times` times, then accepts."""

    def __init__(self, *, stage: str = "", reply: str = "", times: int = 0):
        self.stage, self.reply, self.left = stage, reply, times
        self.received = []

    def _refuses(self, stage: str) -> bool:
        if stage == self.stage and self.left > 0:
            self.left -= 1
            return True
        return False

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # noqa: N802
        if self._refuses("MAIL"):
            return self.reply
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self._refuses("RCPT"):
            return self.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self._refuses("DATA"):
            return self.reply
        self.received.append(envelope.content)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(smtp_port):
    port = smtp_port
    controllers = []

    def start(**refusal):
        handler = RefusingServer(**refusal)
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return handler

    yield start
    for controller in controllers:
        controller.stop()


def a_minute_later():
    return timezone.now() + timedelta(minutes=1)


@pytest.mark.parametrize("stage", ["MAIL", "RCPT", "DATA"])
def test_it_retries_after_a_temporary_refusal_and_delivers_once_the_server_accepts(
    smtp_server, stage
):
    server = smtp_server(stage=stage, reply="451 4.7.1 Greylisted, try again later", times=1)
    notification = queue_one()
    assert notification_send(notification_id=notification.pk) == PENDING
    notification.refresh_from_db()
    assert "451" in notification.last_error
    assert notification.next_attempt_at > timezone.now()
    assert notification_send(notification_id=notification.pk, now=a_minute_later()) == SENT
    assert len(server.received) == 1


@pytest.mark.parametrize("stage", ["MAIL", "RCPT", "DATA"])
def test_it_gives_up_at_once_on_a_permanent_refusal(smtp_server, stage):
    server = smtp_server(stage=stage, reply="550 5.1.1 No such mailbox", times=100)
    notification = queue_one()
    assert notification_send(notification_id=notification.pk) == FAILED
    assert notification_send(notification_id=notification.pk, now=a_minute_later()) == FAILED
    notification.refresh_from_db()
    assert "550" in notification.last_error
    assert notification.attempts == 1 and server.received == []


def test_it_stops_retrying_a_temporary_refusal_after_the_last_attempt(smtp_server):
    smtp_server(stage="RCPT", reply="451 4.7.1 Try again later", times=100)
    notification = queue_one()
    Notification.objects.filter(pk=notification.pk).update(attempts=MAX_ATTEMPTS - 1)
    assert notification_send(notification_id=notification.pk) == FAILED


def test_it_records_an_address_the_mail_backend_cannot_write_and_tries_again_later(smtp_server):
    smtp_server()  # accepts everything
    notification = queue_one()
    # A non-ASCII local part: Django's SMTP backend raises ValueError before sending.
    Notification.objects.filter(pk=notification.pk).update(to="peña@example.co")
    assert notification_send(notification_id=notification.pk) == PENDING
    notification.refresh_from_db()
    assert notification.last_error.startswith("ValueError")
    assert notification.lease_until is None
    assert notification.next_attempt_at > timezone.now()


def test_it_fails_such_an_address_for_good_after_the_last_attempt(smtp_server):
    smtp_server()  # accepts everything
    notification = queue_one()
    Notification.objects.filter(pk=notification.pk).update(
        to="peña@example.co", attempts=MAX_ATTEMPTS - 1
    )
    assert notification_send(notification_id=notification.pk) == FAILED
    notification.refresh_from_db()
    assert notification.last_error.startswith("ValueError")
