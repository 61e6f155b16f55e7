"""Reference data kept in the process for a minute, forgotten at once when it changes here."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benefits.parameters import parameters_for
from cooperatives.models import CooperativeParameter
from core import reference_cache
from core.models import HolidayOverride
from tests.factories import CooperativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_a_minute(settings):
    settings.REFERENCE_CACHE_SECONDS = 60
    reference_cache.forget()
    yield
    reference_cache.forget()


def test_a_second_read_within_the_minute_asks_the_database_nothing(kept_a_minute):
    CooperativeFactory(slug="cemcop")
    parameters_for("cemcop")
    HolidayOverride.calendar()
    with CaptureQueriesContext(connection) as queries:
        parameters_for("cemcop")
        HolidayOverride.calendar()
    assert len(queries) == 0


def test_a_parameter_saved_in_this_process_is_read_at_once(kept_a_minute):
    coop = CooperativeFactory(slug="cemcop")
    CooperativeParameter.objects.create(cooperative=coop, key="monto_unico", year=2026, value=1)
    assert parameters_for("cemcop").exact("monto_unico", 2026) == Decimal(1)
    row = CooperativeParameter.objects.get(cooperative=coop, key="monto_unico")
    row.value = Decimal("1500000")
    row.save()
    assert parameters_for("cemcop").exact("monto_unico", 2026) == Decimal("1500000")


def test_after_the_minute_a_change_made_elsewhere_is_read(kept_a_minute, settings):
    coop = CooperativeFactory(slug="cemcop")
    assert parameters_for("cemcop").exact("monto_unico", 2026) is None
    # Another process's change: no signal reaches this one.
    CooperativeParameter.objects.bulk_create(
        [CooperativeParameter(cooperative=coop, key="monto_unico", year=2026, value=7)]
    )
    assert parameters_for("cemcop").exact("monto_unico", 2026) is None
    settings.REFERENCE_CACHE_SECONDS = 0
    assert parameters_for("cemcop").exact("monto_unico", 2026) == Decimal(7)


def test_an_inactive_cooperative_answers_404_even_when_kept(kept_a_minute, client):
    coop = CooperativeFactory(slug="cemcop")
    assert client.get("/cemcop/").status_code == 200
    coop.active = False
    coop.save()
    assert client.get("/cemcop/").status_code == 404
