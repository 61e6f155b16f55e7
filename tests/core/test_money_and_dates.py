from datetime import date
from decimal import Decimal

import pytest

from core.dates import describe_duration, format_date, months_between
from core.money import format_pesos, round_pesos


def test_it_formats_pesos_with_dots_and_no_decimals():
    assert format_pesos(Decimal("1750905")) == "$1.750.905"
    assert format_pesos("1125000.50") == "$1.125.001"
    assert format_pesos(0) == "$0"
    assert format_pesos(Decimal("-2500")) == "-$2.500"


def test_it_rounds_half_up_to_whole_pesos():
    assert round_pesos("2.5") == Decimal("3")
    assert round_pesos("-2.5") == Decimal("-3")
    assert round_pesos("1224633.4999") == Decimal("1224633")


def test_it_refuses_floats_for_money():
    with pytest.raises(TypeError):
        round_pesos(0.1)


def test_it_writes_dates_the_colombian_way():
    assert format_date(date(2026, 2, 20)) == "20 de febrero de 2026"
    assert format_date(None) == ""


def test_it_counts_whole_months_only_when_the_day_is_reached():
    assert months_between(date(2023, 1, 31), date(2023, 2, 28)) == 0
    assert months_between(date(2023, 1, 15), date(2026, 2, 15)) == 37


def test_it_describes_seniority_in_years_and_months():
    assert describe_duration(date(2023, 1, 10), date(2026, 2, 10)) == "3 años y 1 mes"
    assert describe_duration(date(2026, 1, 10), date(2026, 2, 1)) == "0 meses"
    assert describe_duration(date(2025, 2, 10), date(2026, 2, 10)) == "1 año"
