"""The emailed "set your password" link: a way back in for a locked-out associate, and damaged links."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.portal.test_registration import register, sent_link

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "cafe-con-arepa-77"


@pytest.fixture(autouse=True)
def clean_counters():
    cache.clear()
    yield
    cache.clear()


def login(client, password):
    return client.post(
        reverse("cooperative_home", kwargs={"coop": "cemcop"}),
        {"document_number": "52123456", "password": password},
    )


def test_it_lets_a_locked_out_associate_in_with_the_password_set_through_the_link(client, ana):
    for _ in range(5):
        login(client, "no-es-esta")
    assert login(client, "no-es-esta").status_code == 429
    register(client, "52123456", "ana@example.co")  # «¿Olvidaste tu contraseña?»
    path, _ = sent_link(client)
    client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = login(client, NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard", kwargs={"coop": "cemcop"})


def test_it_lifts_the_account_throttle_when_the_password_is_set_through_the_link(client, ana):
    for n in range(20):  # one cédula tried from many places
        client.post(
            reverse("cooperative_home", kwargs={"coop": "cemcop"}),
            {"document_number": "52123456", "password": "x"},
            REMOTE_ADDR=f"10.1.{n}.1",
        )
    assert "demasiados intentos fallidos" in login(client, "x").text
    register(client, "52123456", "ana@example.co")
    path, _ = sent_link(client)
    client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert login(client, NEW_PASSWORD).status_code == 302


def test_it_answers_a_damaged_link_with_the_stale_link_page(client, cemcop):
    # "YWJj" decodes to "abc", which is not a UUID.
    path = reverse("set_password", kwargs={"coop": "cemcop", "uidb64": "YWJj", "token": "x"})
    response = client.get(path)
    assert response.status_code == 400
    assert "Este enlace ya no sirve" in response.text
