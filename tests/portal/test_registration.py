"""Registration for associates only, and the emailed "set your password" link."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import Associate, PersonalDataConsent, User
from notifications.models import Notification
from notifications.services import notification_send
from tests.factories import AssociateFactory

pytestmark = pytest.mark.django_db

SAME_ANSWER = "Si tus datos coinciden con los registrados en la cooperativa"


@pytest.fixture
def roster_entry(cemcop):
    return AssociateFactory(cooperative=cemcop, document_number="80123456", email="Luis@Example.co")


def register(client, document_number, email, consent=True):
    data = {"document_number": document_number, "email": email}
    if consent:
        data["consent"] = "on"
    return client.post(reverse("register", kwargs={"coop": "cemcop"}), data, follow=True)


def sent_link(client):
    """Sends the queued password email and returns the link's path."""
    notification = Notification.objects.get(template="password_link")
    notification_send(notification_id=notification.pk)
    (message,) = mail.outbox
    line = next(line for line in message.body.splitlines() if "/contrasena/crear/" in line)
    return line.strip().split("127.0.0.1:8000", 1)[-1], message


@pytest.mark.parametrize(
    ("document_number", "email"),
    [
        ("80123456", "luis@example.co"),
        ("80123456", "otro@example.co"),
        ("1111111", "luis@example.co"),
    ],
)
def test_the_page_answers_the_same_whatever_was_typed(client, roster_entry, document_number, email):
    response = register(client, document_number, email)
    assert response.status_code == 200
    assert SAME_ANSWER in response.text


def test_a_link_is_sent_only_when_cedula_and_email_match_the_roster(client, roster_entry):
    register(client, "80123456", "otro@example.co")
    register(client, "1111111", "luis@example.co")
    assert not Notification.objects.exists()
    register(client, "80123456", "LUIS@example.co ")
    notification = Notification.objects.get()
    assert notification.to == "Luis@Example.co"
    assert "token" not in str(notification.context)  # the secret is made when the email is rendered


def test_consent_to_the_data_policy_is_required_and_recorded(client, roster_entry):
    response = register(client, "80123456", "luis@example.co", consent=False)
    assert "autorizar el tratamiento" in response.text
    assert not PersonalDataConsent.objects.exists()
    register(client, "80123456", "luis@example.co")
    consent = PersonalDataConsent.objects.get()
    assert consent.associate == roster_entry and consent.ip_address == "127.0.0.1"


def test_a_retired_associate_gets_no_link(client, roster_entry):
    Associate.objects.filter(pk=roster_entry.pk).update(status=Associate.Status.RETIRED)
    register(client, "80123456", "luis@example.co")
    assert not Notification.objects.exists()


def test_repeated_requests_send_at_most_one_link_every_ten_minutes(client, roster_entry):
    for _ in range(3):
        register(client, "80123456", "luis@example.co")
    assert Notification.objects.count() == 1


def test_the_link_sets_the_password_once_and_then_logs_in(client, roster_entry):
    register(client, "80123456", "luis@example.co")
    path, message = sent_link(client)
    assert "Crea tu contraseña" in message.subject
    response = client.get(path)
    assert response.status_code == 200 and "Crea tu contraseña" in response.text
    response = client.post(
        path, {"new_password1": "cafe-con-arepa-77", "new_password2": "cafe-con-arepa-77"}
    )
    assert response.status_code == 302
    used = client.post(  # a second tap on «Guardar contraseña», or the link opened again
        path, {"new_password1": "cafe-con-arepa-77", "new_password2": "cafe-con-arepa-77"}
    )
    assert used.status_code == 400  # single use
    home = reverse("cooperative_home", kwargs={"coop": "cemcop"})
    assert "Si ya creaste tu contraseña con este enlace" in used.text
    assert f'href="{home}"' in used.text
    login = client.post(
        reverse("cooperative_home", kwargs={"coop": "cemcop"}),
        {"document_number": "80.123.456", "password": "cafe-con-arepa-77"},
    )
    assert login["Location"] == reverse("dashboard", kwargs={"coop": "cemcop"})


def test_a_weak_password_is_refused_in_spanish(client, roster_entry):
    register(client, "80123456", "luis@example.co")
    path, _ = sent_link(client)
    response = client.post(path, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert "contraseña" in response.text.lower() and (
        "corta" in response.text or "común" in response.text
    )


def test_the_link_expires_after_24_hours(client, roster_entry):
    register(client, "80123456", "luis@example.co")
    path, _ = sent_link(client)
    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1)):
        response = client.get(path)
    assert response.status_code == 400
    assert "venció" in response.text


def test_a_link_of_one_cooperative_does_nothing_at_another(client, roster_entry, san_simon):
    register(client, "80123456", "luis@example.co")
    path, _ = sent_link(client)
    assert client.get(path.replace("/cemcop/", "/san-simon/")).status_code == 400


def test_forgot_password_repeats_the_registration(client, roster_entry):
    page = client.get(reverse("forgot_password", kwargs={"coop": "cemcop"}))
    assert "¿Olvidaste tu contraseña?" in page.text
    client.post(
        reverse("forgot_password", kwargs={"coop": "cemcop"}),
        {"document_number": "80123456", "email": "luis@example.co", "consent": "on"},
    )
    assert User.objects.get(associate=roster_entry).has_usable_password() is False
    assert Notification.objects.filter(template="password_link").count() == 1
