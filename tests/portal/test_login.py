"""Log in with cédula + password; throttling; sessions."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_counters():
    cache.clear()
    yield
    cache.clear()


def login(client, document_number="52123456", password=PASSWORD, ip="10.0.0.1"):
    return client.post(
        reverse("cooperative_home", kwargs={"coop": "cemcop"}),
        {"document_number": document_number, "password": password},
        REMOTE_ADDR=ip,
    )


def test_an_associate_logs_in_with_cedula_and_password(client, ana):
    response = login(client)
    assert response.status_code == 302
    assert client.get(reverse("dashboard", kwargs={"coop": "cemcop"})).status_code == 200


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong(client, ana):
    response = login(client, password="no-es-esta")
    assert response.status_code == 200
    assert "El documento o la contraseña no son correctos." in response.text
    assert (
        "El documento o la contraseña no son correctos."
        in login(client, document_number="999999").text
    )


def test_five_failures_lock_the_account_from_that_address(client, ana):
    for _ in range(5):
        login(client, password="no-es-esta")
    locked = login(client)  # even the right password, from this address
    assert locked.status_code == 429
    assert "Demasiados intentos" in locked.text
    assert (
        login(client, ip="10.0.0.2").status_code == 302
    )  # a stranger elsewhere cannot lock her out


def test_many_failures_from_one_address_across_cedulas_are_throttled(client, ana):
    for number in range(30):
        login(client, document_number=str(70_000_000 + number), password="x")
    response = login(client)
    assert response.status_code == 200
    assert "demasiados intentos fallidos" in response.text


def test_many_failures_on_one_account_from_many_addresses_are_throttled(client, ana):
    for n in range(20):
        login(client, password="x", ip=f"10.1.{n}.1")
    response = login(client, ip="10.9.9.9")
    assert response.status_code == 200
    assert "demasiados intentos fallidos" in response.text


def test_staff_accounts_cannot_log_into_the_associate_portal(client, ana):
    from tests.factories import StaffUserFactory

    staff = StaffUserFactory(username="52123457")
    response = login(client, document_number="52123457")
    assert response.status_code == 200
    assert staff.is_staff


def test_a_password_change_logs_out_every_other_session(client, ana):
    from django.test import Client

    other_device = Client()
    other_device.force_login(ana.user, backend="members.backends.AssociateBackend")
    client.force_login(ana.user, backend="members.backends.AssociateBackend")
    response = client.post(
        reverse("change_password", kwargs={"coop": "cemcop"}),
        {
            "old_password": PASSWORD,
            "new_password1": "pan-de-bono-2026!",
            "new_password2": "pan-de-bono-2026!",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard", kwargs={"coop": "cemcop"})).status_code == 200
    assert other_device.get(reverse("dashboard", kwargs={"coop": "cemcop"})).status_code == 302


def _stored_session(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_a_session_ends_after_thirty_idle_minutes(client, ana):
    login(client)
    dashboard = reverse("dashboard", kwargs={"coop": "cemcop"})
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert client.get(dashboard).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=29 + 31)):
        assert client.get(dashboard).status_code == 302


def test_pages_push_the_expiry_forward_at_most_every_five_minutes(client, ana):
    login(client)
    dashboard = reverse("dashboard", kwargs={"coop": "cemcop"})
    client.get(dashboard)
    first = _stored_session(client).expire_date
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        client.get(dashboard)
        assert _stored_session(client).expire_date == first  # no write for this page
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        client.get(dashboard)
        assert _stored_session(client).expire_date >= first + timedelta(minutes=6)


def test_the_session_cookie_ends_with_the_browser(client, ana):
    login(client)
    assert client.cookies["sessionid"]["expires"] == ""
    assert client.cookies["sessionid"]["max-age"] == ""


def test_logout_is_a_post_and_ends_the_session(logged_in):
    assert logged_in.get(reverse("logout", kwargs={"coop": "cemcop"})).status_code == 405
    logged_in.post(reverse("logout", kwargs={"coop": "cemcop"}))
    assert logged_in.get(reverse("dashboard", kwargs={"coop": "cemcop"})).status_code == 302


def test_with_the_cache_down_associates_still_log_in_and_failures_still_lock(client, ana, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        }
    }
    for _ in range(5):
        login(client, password="no-es-esta")
    locked = login(client)
    assert locked.status_code != 302  # axes's lockout lives in PostgreSQL
    assert login(client, ip="10.0.0.9").status_code == 302


def test_a_form_sent_after_the_session_ended_leads_back_to_its_page_with_word_to_send_it_again(
    client, ana
):
    from benefits.models import Benefit
    from benefits.services import Actor, request_create

    draft = request_create(
        associate=ana, benefit=Benefit.objects.get(code="salud"), actor=Actor(user=ana.user)
    )
    edit = reverse("request_edit", kwargs={"coop": "cemcop", "public_id": draft.public_id})
    file_it = reverse("request_file", kwargs={"coop": "cemcop", "public_id": draft.public_id})
    response = client.post(file_it, HTTP_REFERER=f"http://testserver{edit}", follow=True)
    home = reverse("cooperative_home", kwargs={"coop": "cemcop"})
    assert response.redirect_chain == [(f"{home}?next={edit.replace('/', '%2F')}", 302)]
    assert "Tu sesión se cerró por inactividad" in response.text
    assert f'value="{edit}"' in response.text  # the login form carries the way back
    logged_in = client.post(
        home, {"document_number": "52123456", "password": PASSWORD, "next": edit}
    )
    assert logged_in["Location"] == edit
    assert client.get(edit).status_code == 200


def test_a_form_sent_after_the_session_ended_from_elsewhere_goes_to_the_plain_login(client, ana):
    upload = reverse(
        "request_file",
        kwargs={"coop": "cemcop", "public_id": "00000000-0000-0000-0000-000000000000"},
    )
    response = client.post(upload, HTTP_REFERER="https://evil.example/cemcop/")
    assert response["Location"] == reverse("cooperative_home", kwargs={"coop": "cemcop"})
