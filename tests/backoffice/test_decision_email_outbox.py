"""The decision email with its PDF letter, against a real SMTP server on loopback (aiosmtpd).

While the server is down the emails wait in the outbox; when it returns each
arrives exactly once, with the letter of its own decision attached.
"""

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from benefits.models import RejectionReason
from benefits.services.requests import Actor, request_approve, request_reject
from notifications.models import Notification
from notifications.services import due_notification_ids, notification_send
from tests.backoffice.helpers import file_request
from tests.backoffice.test_committee import pdf_text
from tests.notifications.test_outbox import Inbox
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db


def decide_two(cemcop, staff, ana):
    """An approval and a rejection, each recording its email in the outbox as it is decided."""
    approved = file_request(ana, "plan_exequial", amount=111_111)
    request_approve(request=approved, actor=Actor(staff.analyst))
    other = make_associate(
        cemcop, first_names="Bernardo", document_number="52999777", email="bernardo@example.co"
    )
    rejected = file_request(other, "plan_exequial", amount=50_000)
    request_reject(
        request=rejected,
        actor=Actor(staff.analyst),
        reason=RejectionReason.objects.get(cooperative=cemcop, code="documento_faltante"),
    )
    return approved, rejected


def test_a_decision_records_its_email_in_its_own_transaction(cemcop, staff, ana):
    """No on-commit hook stands between a decision and its email: a process that dies after the commit loses nothing."""
    approved = file_request(ana, "plan_exequial", amount=111_111)
    request_approve(request=approved, actor=Actor(staff.analyst))  # on-commit hooks never run here
    event = approved.events.last()
    notification = Notification.objects.get(key=f"request-event:{event.pk}")
    assert (notification.template, notification.to) == ("request_approved", ana.email)


def attachments_of(message) -> list[tuple[str, bytes]]:
    return [
        (part.get_filename(), part.get_payload(decode=True))
        for part in message.walk()
        if part.get_content_disposition() == "attachment"
    ]


def test_with_the_mail_server_down_the_decision_emails_wait_then_arrive_once_with_their_letter(
    smtp_port, cemcop, staff, ana
):
    approved, rejected = decide_two(cemcop, staff, ana)
    notifications = list(
        Notification.objects.filter(template__in=["request_approved", "request_rejected"])
    )
    assert len(notifications) == 2
    # The filing emails left when the requests were filed; this is about the decisions'.
    Notification.objects.exclude(pk__in=[n.pk for n in notifications]).update(
        status=Notification.Status.SENT
    )

    for notification in notifications:  # the server is down: nothing leaves, nothing is lost
        assert notification_send(notification_id=notification.pk) == Notification.Status.PENDING
    decisions = Notification.objects.filter(pk__in=[n.pk for n in notifications])
    assert set(decisions.values_list("status", flat=True)) == {Notification.Status.PENDING}
    assert all("ConnectionRefused" in n.last_error for n in decisions)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        later = timezone.now() + timedelta(minutes=20)
        for notification_id in due_notification_ids(now=later):
            notification_send(notification_id=notification_id, now=later)
        for (
            notification
        ) in notifications:  # a duplicate delivery and a second sweep send nothing more
            notification_send(notification_id=notification.pk, now=later + timedelta(minutes=1))
        assert due_notification_ids(now=later + timedelta(hours=1)) == []
    finally:
        controller.stop()

    assert len(inbox.messages) == 2
    assert sorted(m["Message-ID"] for m in inbox.messages) == sorted(
        f"<{n.public_id}@auxilios>" for n in notifications
    )
    by_recipient = {message["To"]: message for message in inbox.messages}
    approved.refresh_from_db()
    rejected.refresh_from_db()
    [(name, content)] = attachments_of(by_recipient[approved.associate.email])
    assert name.startswith(f"carta-{approved.filing_number}") and content.startswith(b"%PDF-")
    assert "$111.111" in pdf_text(content) and approved.filing_number in pdf_text(content)
    [(name, content)] = attachments_of(by_recipient[rejected.associate.email])
    assert rejected.rejection_reason.text in pdf_text(content)
    assert set(Notification.objects.values_list("status", flat=True)) == {Notification.Status.SENT}
