"""The From of a cooperative's emails, whatever punctuation its name has."""

from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

from notifications.composer import build_message
from notifications.models import Notification
from notifications.services import notification_queue, notification_send
from tests.factories import CooperativeFactory
from tests.notifications.test_outbox import Inbox

pytestmark = pytest.mark.django_db

NAME = "Coop. San Simón, Ltda."


def queue_for(cooperative):
    return notification_queue(
        key="request-event:1",
        template="request_status",
        to="asociado@example.co",
        cooperative=cooperative,
        context={
            "associate_name": "Ana",
            "filing_number": "SSI-2026-000001",
            "benefit": "Salud",
            "status": "Aprobada",
        },
    )


def test_it_writes_a_sender_the_smtp_backend_accepts_for_a_name_with_dots_and_commas(smtp_port):
    notification = queue_for(CooperativeFactory(slug="san-simon", name=NAME))
    message = build_message(notification)
    smtp_backend = mail.mailers["default"]
    assert smtp_backend.prep_address(message.from_email) == "no-responder@auxilios.local"
    sender = message_from_bytes(message.message().as_bytes(), policy=policy.default)["From"]
    assert sender.addresses[0].display_name == f"{NAME} — Auxilios"


def test_it_delivers_the_email_of_such_a_cooperative_with_its_name_as_sender(smtp_port):
    notification = queue_for(CooperativeFactory(slug="san-simon", name=NAME))
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        status = notification_send(notification_id=notification.pk)
    finally:
        controller.stop()
    assert status == Notification.Status.SENT
    (received,) = inbox.messages
    sender = message_from_bytes(received.as_bytes(), policy=policy.default)["From"]
    assert sender.addresses[0].display_name == f"{NAME} — Auxilios"
    assert sender.addresses[0].addr_spec == "no-responder@auxilios.local"
