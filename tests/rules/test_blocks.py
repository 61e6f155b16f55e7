"""The small building blocks on their own: dates, wording, bands, parameters, splits, calendars."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benefits.rules import MissingParameter, Parameters, evaluate, rule_set_for
from benefits.rules.blocks import SeniorityTable, from_months, split_evenly, up_to_years
from benefits.rules.context import Context
from benefits.rules.periods import Seniority, add_months, add_years, age_on
from benefits.rules.wording import number, percent, share_of_smmlv
from core.calendar import BusinessCalendar

from .builders import case, failed, reason


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 15), 4, date(2026, 7, 15)),
        (date(2026, 10, 31), 4, date(2027, 2, 28)),
        (date(2027, 10, 31), 4, date(2028, 2, 29)),
        (date(2026, 6, 10), -12, date(2025, 6, 10)),
    ],
)
def test_it_adds_months_keeping_the_day_or_the_last_day_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_it_counts_ages_and_anniversaries_in_completed_years():
    assert age_on(date(2008, 5, 20), date(2026, 5, 19)) == 17
    assert age_on(date(2008, 5, 20), date(2026, 5, 20)) == 18
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    two_years = Seniority(date(2024, 5, 20), date(2026, 5, 20))
    assert not two_years.exceeds_years(2)
    assert Seniority(date(2024, 5, 19), date(2026, 5, 20)).exceeds_years(2)
    assert two_years.months == 24
    assert Seniority(date(2026, 5, 1), date(2026, 5, 20)).text == "19 días"
    assert Seniority(date(2023, 5, 10), date(2026, 6, 10)).text == "3 años y 1 mes"


def test_it_writes_numbers_the_colombian_way():
    assert number(Decimal("1.5")) == "1,5"
    assert percent(Decimal("0.75")) == "75 %"
    assert share_of_smmlv(Decimal("0.6")) == "60 % de un SMMLV"
    assert share_of_smmlv(Decimal("12")) == "12 SMMLV"


@given(
    st.decimals(min_value=0, max_value=10_000_000, places=2), st.integers(min_value=1, max_value=9)
)
def test_a_split_among_children_adds_up_exactly_to_the_rounded_total(total, parts):
    shares = split_evenly(total, parts)
    assert len(shares) == parts
    assert sum(shares) == total.quantize(Decimal(1), rounding="ROUND_HALF_UP")
    assert max(shares) - min(shares) <= 1


def test_a_table_by_months_picks_the_last_band_reached():
    table = SeniorityTable(
        kind="from_months",
        bands=(
            from_months(12, "12 a 36", "0.1"),
            from_months(37, "37 a 60", "0.2"),
            from_months(61, "más de 60", "0.3"),
        ),
    )
    joined = date(2020, 1, 1)
    assert table.select(Seniority(joined, date(2020, 12, 31))) is None
    assert (
        table.select(Seniority(joined, date(2023, 1, 31))).label == "12 a 36"
    )  # 36 months and 30 days
    assert table.select(Seniority(joined, date(2023, 2, 1))).label == "37 a 60"
    assert table.select(Seniority(joined, date(2025, 2, 1))).label == "más de 60"


def test_a_table_up_to_years_keeps_the_anniversary_in_the_lower_band():
    table = SeniorityTable(
        kind="up_to_years", bands=(up_to_years(2, "Hasta 2", 1), up_to_years(None, "Más de 2", 2))
    )
    joined = date(2020, 3, 1)
    assert table.select(Seniority(joined, date(2022, 3, 1))).label == "Hasta 2"
    assert table.select(Seniority(joined, date(2022, 3, 2))).label == "Más de 2"


def test_parameters_merge_year_by_year_and_look_back_when_asked():
    base = Parameters({"x": {2025: Decimal(1), 2026: Decimal(2)}})
    merged = base.overridden_by(Parameters({"x": {2026: Decimal(5)}, "y": {2026: Decimal(7)}}))
    assert merged.exact("x", 2025) == 1
    assert merged.exact("x", 2026) == 5
    assert merged.latest("x", 2030) == (2026, Decimal(5))
    assert merged.latest("x", 2024) is None
    assert merged.names() == ["x", "y"]


def test_a_parameter_the_reglamento_fixes_stays_in_force_and_the_cases_value_wins():
    the_case = case(
        "coacremat",
        "salud",
        requested_on="2028-03-01",
        event_date="2028-02-01",
        amount=900000,
        parameters=Parameters(),
    )
    rule_set = rule_set_for(
        "coacremat", requested_on=the_case.requested_on, event_date=the_case.event_date
    )
    ctx = Context(the_case, rule_set, rule_set.benefit("salud"))
    assert ctx.param("salud_cap") == (2026, Decimal(300000))
    overridden = replace(the_case, parameters=Parameters({"salud_cap": {2027: Decimal(350000)}}))
    assert Context(overridden, rule_set, rule_set.benefit("salud")).param("salud_cap") == (
        2027,
        Decimal(350000),
    )


def test_a_yearly_council_value_must_exist_for_that_very_year():
    the_case = case(
        "cemcop",
        "salud",
        requested_on="2027-03-01",
        event_date="2027-02-01",
        amount=100000,
        parameters=Parameters({"smmlv": {2027: Decimal(1900000)}}),
    )
    with pytest.raises(MissingParameter, match="annual_amount"):
        evaluate(the_case)


def test_a_missing_minimum_wage_is_an_error_that_says_which_year():
    with pytest.raises(MissingParameter, match="SMMLV registrado para 2027"):
        evaluate(
            case(
                "san-simon",
                "vivienda",
                requested_on="2027-01-10",
                event_date="2027-01-05",
                parameters=Parameters(),
            )
        )


def test_the_business_days_window_follows_the_staffs_holiday_corrections():
    # 60 business days from 1 June 2026 end on 2 September; one extra holiday moves it a day.
    extra = BusinessCalendar(added=frozenset({date(2026, 8, 31)}))
    on_time = replace(
        case("san-simon", "vivienda", requested_on="2026-09-03", joined_on="2015-01-01"),
        calendar=extra,
    )
    assert evaluate(on_time).eligible
    removed = BusinessCalendar(removed=frozenset({date(2026, 6, 8)}))
    late = replace(
        case("san-simon", "vivienda", requested_on="2026-09-02", joined_on="2015-01-01"),
        calendar=removed,
    )
    assert failed(evaluate(late)) == ["deadline"]
    assert "1 de septiembre de 2026" in reason(evaluate(late), "deadline").message


def test_a_request_filed_before_its_event_is_refused():
    decision = evaluate(
        case("coacremat", "enfermedad_terminal", event_date="2026-06-20", requested_on="2026-06-10")
    )
    assert failed(decision) == ["deadline"]
    assert "posterior a la solicitud" in reason(decision, "deadline").message
