"""The client's address behind the reverse proxy: login throttle, lockout, consent records."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from members.models import PersonalDataConsent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.5"  # every request reaches gunicorn from the proxy's address


@pytest.fixture(autouse=True)
def clean_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def login(client, forwarded_for, document_number="52123456", password=PASSWORD):
    return client.post(
        reverse("cooperative_home", kwargs={"coop": "cemcop"}),
        {"document_number": document_number, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def try_thirty_cedulas(client, forwarded_for):
    """Thirty failures across cédulas: the per-address throttle's ceiling."""
    for number in range(30):
        header = forwarded_for(number) if callable(forwarded_for) else forwarded_for
        login(client, header, document_number=str(70_000_000 + number), password="x")


def test_it_does_not_throttle_an_address_for_the_failures_of_another(client, ana, behind_one_proxy):
    try_thirty_cedulas(client, "203.0.113.7")
    assert "demasiados intentos fallidos" in login(client, "203.0.113.7").text
    assert login(client, "198.51.100.9").status_code == 302


def test_it_does_not_lock_an_account_at_another_address(client, ana, behind_one_proxy):
    for _ in range(5):
        login(client, "203.0.113.7", password="no-es-esta")
    assert login(client, "203.0.113.7").status_code == 429
    assert login(client, "198.51.100.9").status_code == 302


def test_it_ignores_an_address_the_client_adds_to_the_left_of_the_header(
    client, ana, behind_one_proxy
):
    try_thirty_cedulas(client, lambda number: f"10.0.{number}.1, 203.0.113.7")
    assert "demasiados intentos fallidos" in login(client, "198.51.100.9, 203.0.113.7").text
    assert login(client, "203.0.113.7, 198.51.100.9").status_code == 302


def test_it_keeps_the_lockout_whatever_address_the_client_adds_to_the_left(
    client, ana, behind_one_proxy
):
    for number in range(5):
        login(client, f"10.0.{number}.1, 203.0.113.7", password="no-es-esta")
    assert login(client, "10.9.9.9, 203.0.113.7").status_code == 429
    assert login(client, "203.0.113.7, 198.51.100.9").status_code == 302


def test_it_reads_the_header_only_when_a_proxy_is_configured(client, ana, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    try_thirty_cedulas(client, lambda number: f"203.0.113.{number}")
    assert "demasiados intentos fallidos" in login(client, "198.51.100.9").text
    settings.TRUSTED_PROXY_COUNT = 1
    assert login(client, "198.51.100.9").status_code == 302


@pytest.mark.parametrize("header", ["", "no-es-una-ip", "203.0.113.7:443"])
def test_it_falls_back_to_the_connecting_address_when_the_header_is_missing_or_damaged(
    client, ana, behind_one_proxy, header
):
    try_thirty_cedulas(client, header)  # all counted under the proxy's own address
    assert "demasiados intentos fallidos" in login(client, "no-es-una-ip").text
    assert login(client, "198.51.100.9").status_code == 302


def test_it_records_the_associates_address_with_the_consent(client, ana, behind_one_proxy):
    client.post(
        reverse("register", kwargs={"coop": "cemcop"}),
        {"document_number": "52123456", "email": "ana@example.co", "consent": "on"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.7",
    )
    assert PersonalDataConsent.objects.get().ip_address == "203.0.113.7"
