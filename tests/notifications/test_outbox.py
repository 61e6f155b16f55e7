"""The outbox against a real SMTP server on loopback (aiosmtpd)."""

from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.utils import timezone

from notifications.models import Notification
from notifications.services import (
    backoff,
    due_notification_ids,
    notification_queue,
    notification_send,
)


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def queue_one(key="request-event:1"):
    return notification_queue(
        key=key,
        template="request_status",
        to="asociado@example.co",
        context={
            "associate_name": "Ana",
            "filing_number": "CEM-2026-000001",
            "benefit": "Salud",
            "status": "Aprobada",
        },
    )


@pytest.mark.django_db
def test_queuing_the_same_event_twice_keeps_one_row():
    first = queue_one()
    second = queue_one()
    assert first.pk == second.pk
    assert Notification.objects.count() == 1


@pytest.mark.django_db
def test_while_the_mail_server_is_down_the_email_waits_with_a_backoff(smtp_port):
    notification = queue_one()
    status = notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert status == Notification.Status.PENDING
    assert notification.attempts == 1
    assert "ConnectionRefused" in notification.last_error
    assert notification.next_attempt_at > timezone.now()
    # Not due yet: the sweeper leaves it alone until the backoff has passed.
    assert notification.pk not in due_notification_ids(now=timezone.now())
    assert notification.pk in due_notification_ids(
        now=notification.next_attempt_at + timedelta(seconds=31)
    )


@pytest.mark.django_db
def test_when_the_server_returns_every_waiting_email_arrives_exactly_once(smtp_port):
    notifications = [queue_one(key=f"request-event:{n}") for n in range(3)]
    for notification in notifications:
        notification_send(notification_id=notification.pk)  # server down: all wait
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        later = timezone.now() + timedelta(minutes=20)
        for notification_id in due_notification_ids(now=later):
            notification_send(notification_id=notification_id, now=later)
        # A duplicate delivery of the same task, and the sweeper running again, send nothing more.
        for notification in notifications:
            notification_send(notification_id=notification.pk, now=later + timedelta(minutes=1))
        assert due_notification_ids(now=later + timedelta(hours=1)) == []
    finally:
        controller.stop()
    assert len(inbox.messages) == 3
    assert sorted(m["Message-ID"] for m in inbox.messages) == sorted(
        f"<{n.public_id}@auxilios>" for n in notifications
    )
    assert set(Notification.objects.values_list("status", flat=True)) == {Notification.Status.SENT}


@pytest.mark.django_db
def test_the_email_has_a_text_and_an_html_part_in_spanish(smtp_port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        notification_send(notification_id=queue_one().pk)
    finally:
        controller.stop()
    (message,) = inbox.messages
    assert (
        str(make_header(decode_header(message["Subject"])))
        == "Tu solicitud CEM-2026-000001 está: Aprobada"
    )
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }
    assert "cambió de estado: Aprobada" in parts["text/plain"]
    assert "<strong>Aprobada</strong>" in parts["text/html"]


def test_backoff_grows_and_stops_at_fifteen_minutes():
    assert backoff(1) == timedelta(seconds=30)
    assert backoff(2) == timedelta(minutes=1)
    assert backoff(20) == timedelta(minutes=15)
