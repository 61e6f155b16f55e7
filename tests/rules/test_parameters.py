"""parameters_for: SMMLV rows and the cooperative's parameter rows over the rule set's defaults, in two queries."""

from decimal import Decimal

import pytest

from benefits.parameters import defaults_for, parameters_for
from cooperatives.models import CooperativeParameter, MinimumWage
from tests.factories import CooperativeFactory

pytestmark = pytest.mark.django_db


def test_it_reads_the_minimum_wages_and_lets_the_cooperatives_rows_win_over_the_defaults(
    django_assert_num_queries,
):
    cemcop = CooperativeFactory(slug="cemcop")
    other = CooperativeFactory(slug="coprocenva")
    MinimumWage.objects.update_or_create(year=2026, defaults={"monthly_value": Decimal("1750905")})
    MinimumWage.objects.update_or_create(year=2025, defaults={"monthly_value": Decimal("1423500")})
    CooperativeParameter.objects.create(
        cooperative=cemcop, key="annual_amount", year=2026, value=Decimal("1600000")
    )
    CooperativeParameter.objects.create(
        cooperative=cemcop, key="obsequio_navideno_amount", year=2026, value=Decimal("90000")
    )
    CooperativeParameter.objects.create(
        cooperative=other, key="annual_amount", year=2026, value=Decimal("1")
    )

    with django_assert_num_queries(2):
        parameters = parameters_for("cemcop")

    assert parameters.exact("smmlv", 2026) == Decimal("1750905")
    assert parameters.exact("smmlv", 2025) == Decimal("1423500")
    assert parameters.exact("annual_amount", 2026) == Decimal("1600000")  # the row, not the default
    assert parameters.exact("obsequio_navideno_amount", 2026) == Decimal("90000")
    assert parameters.exact("capacitacion_percent", 2023) == Decimal("80")  # a default with no row


def test_without_rows_the_defaults_of_the_rule_set_apply():
    parameters = parameters_for("coacremat")
    assert parameters.exact("nacimiento_amount", 2026) == Decimal("800000")
    assert defaults_for("coacremat")["salud_cap"] == {2026: Decimal("300000")}
