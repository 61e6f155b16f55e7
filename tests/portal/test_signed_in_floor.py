"""The load bench's signed-in floor (bench/load/urls.py): an associate page that only checks who asks."""

import importlib

import pytest

from bench.load.urls import SIGNED_IN_FLOOR

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.load.urls")]


def test_it_answers_the_signed_in_associate_of_its_cooperative(logged_in):
    response = logged_in.get(f"/cemcop/{SIGNED_IN_FLOOR}")
    assert response.status_code == 200
    assert response.text == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_it_sends_whoever_is_not_signed_in_to_the_login(client, cemcop):
    response = client.get(f"/cemcop/{SIGNED_IN_FLOOR}")
    assert response.status_code == 302
    assert response["Location"].startswith("/cemcop/?next=")


def test_it_checks_the_cooperative_as_every_associate_page_does(logged_in, san_simon):
    response = logged_in.get(f"/san-simon/{SIGNED_IN_FLOOR}")
    assert response.status_code == 302
    assert response["Location"].startswith("/san-simon/?next=")


def test_the_portal_keeps_its_pages_next_to_it(logged_in):
    assert logged_in.get("/cemcop/auxilios/").status_code == 200


def test_the_bench_settings_serve_it():
    assert importlib.import_module("bench.load.settings").ROOT_URLCONF == "bench.load.urls"


def test_the_portal_itself_does_not_serve_it(logged_in, settings):
    settings.ROOT_URLCONF = "config.urls"
    assert logged_in.get(f"/cemcop/{SIGNED_IN_FLOOR}").status_code == 404
