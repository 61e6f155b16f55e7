"""CEMCOP (Acuerdo 018-2023): the Art. 7 quota by seniority, group A, and the programmes of Arts. 21-37.

Demo values: monto único anual 2026 = $1.500.000; SMMLV 2026 = $1.750.905
(20 % = $350.181 per person in Arts. 23 and 25).
"""

from decimal import Decimal

import pytest

from benefits.rules import MissingParameter, Parameters, evaluate

from .builders import PARAMETERS, SMMLV, beneficiary, case, failed, granted, quote, reason

FILED, SERVICE = "2026-06-10", "2026-05-20"


def salud(**kwargs):
    kwargs.setdefault("requested_on", FILED)
    kwargs.setdefault("event_date", SERVICE)
    return quote("cemcop", "salud", **kwargs)


@pytest.mark.parametrize(
    ("joined_on", "annual"),
    [
        ("2025-03-01", 450000),  # mayor a 1 año y menor a 2: 30 %
        ("2024-03-01", 750000),  # mayor a 2 y menor a 3: 50 %
        ("2023-05-10", 1125000),  # mayor a 3 y menor a 4: 75 %
        ("2020-01-01", 1500000),  # mayor a 4 años: 100 %
    ],
    ids=["30-percent", "50-percent", "75-percent", "100-percent"],
)
def test_it_scales_the_annual_single_amount_by_seniority(joined_on, annual):
    decision = salud(joined_on=joined_on, amount=5_000_000)
    assert decision.eligible, failed(decision)
    assert decision.quota.annual == annual
    assert decision.amount == annual  # an invoice above the quota is paid up to the quota


def test_it_pays_75_percent_of_the_annual_amount_after_three_years():
    decision = salud(joined_on="2023-05-10", amount=2_000_000)
    assert reason(decision, "quota").message.startswith(
        "Tienes 3 años y 1 mes de antigüedad: te corresponde el 75 % del monto único"
    )
    assert "$1.125.000" in reason(decision, "quota").message


def test_it_gives_no_quota_under_one_year_of_seniority():
    decision = salud(joined_on="2025-09-01", amount=100000)
    assert set(failed(decision)) == {"seniority", "quota"}
    assert decision.quota.annual == 0
    assert decision.amount == 0


def test_it_counts_the_first_anniversary_in_the_30_percent_band():
    on_the_day = salud(joined_on="2025-06-10", amount=100000)
    day_before = salud(joined_on="2025-06-11", amount=100000)
    assert on_the_day.eligible
    assert on_the_day.quota.annual == 450000
    assert "aniversarios exactos" in reason(on_the_day, "quota").interpretation
    assert "seniority" in failed(day_before)


def test_it_shares_the_quota_among_group_a_benefits_granted_in_the_year():
    history = [
        granted("salud", "2026-02-01", granted_on="2026-02-20", amount="600000"),
        granted("deportes", "2026-03-01", granted_on="2026-03-15", amount="300000"),
        granted(
            "salud", "2025-10-01", granted_on="2025-10-20", amount="700000"
        ),  # last year: not counted
        granted("plan_exequial", "2026-01-10", amount="200000"),  # outside group A
    ]
    decision = salud(joined_on="2023-05-10", amount=450000, history=history)
    assert decision.to_json()["quota"] == {
        "annual": "1125000",
        "used": "900000",
        "available": "225000",
    }
    assert decision.amount == 225000
    assert "no puede exceder tu cupo disponible ($225.000)" in reason(decision, "amount").message


def test_it_refuses_a_group_a_benefit_when_the_quota_is_used_up():
    history = [granted("veterinario", "2026-02-01", amount="1125000", who=beneficiary("pet"))]
    decision = salud(joined_on="2023-05-10", amount=100000, history=history)
    assert failed(decision) == ["quota"]
    assert decision.amount == 0
    assert decision.quota.available == 0


def test_it_pays_the_whole_available_quota_for_a_birth():
    child = beneficiary("child", birth_date="2026-05-20", registered_on="2026-06-01")
    history = [granted("salud", "2026-02-01", amount="500000")]
    decision = quote(
        "cemcop",
        "maternidad_paternidad",
        requested_on=FILED,
        event_date=SERVICE,
        who=child,
        history=history,
    )
    assert decision.eligible, failed(decision)
    assert decision.amount == 1000000  # $1.500.000 (4+ years) − $500.000 used


def test_it_requires_the_newborn_to_be_registered_before_filing():
    child = beneficiary("child", birth_date="2026-05-20", registered_on="2026-06-11")
    decision = quote(
        "cemcop", "maternidad_paternidad", requested_on=FILED, event_date=SERVICE, who=child
    )
    assert failed(decision) == ["beneficiary"]


def test_it_pays_a_birth_once_per_child():
    child = beneficiary("child", birth_date="2026-01-05", registered_on="2026-01-20")
    history = [granted("maternidad_paternidad", "2026-01-05", who=child, amount="1000")]
    decision = quote(
        "cemcop",
        "maternidad_paternidad",
        requested_on=FILED,
        event_date="2026-01-05",
        who=child,
        history=history,
    )
    assert failed(decision) == ["frequency"]


def test_it_covers_pets_only_in_the_veterinary_benefit():
    assert quote(
        "cemcop",
        "veterinario",
        requested_on=FILED,
        event_date=SERVICE,
        amount=200000,
        who=beneficiary("pet"),
    ).eligible
    assert failed(salud(amount=200000, who=beneficiary("pet"))) == ["beneficiary"]
    assert failed(
        quote("cemcop", "veterinario", requested_on=FILED, event_date=SERVICE, amount=200000)
    ) == ["beneficiary"]


@pytest.mark.parametrize(
    ("who", "covered"),
    [
        (beneficiary("spouse"), True),
        (beneficiary("grandparent"), True),
        (beneficiary("sibling"), True),
        (beneficiary("grandchild"), True),
        (beneficiary("stepchild"), False),
        (beneficiary("other"), False),
        (beneficiary("parent", registered_on="2026-06-11"), False),
    ],
    ids=[
        "spouse",
        "grandparent",
        "sibling",
        "grandchild",
        "stepchild",
        "other",
        "registered-after-filing",
    ],
)
def test_it_covers_the_relatives_of_article_5_registered_before_filing(who, covered):
    assert salud(amount=200000, who=who).eligible is covered


def test_it_only_reimburses_services_of_the_fiscal_year_being_claimed():
    decision = salud(event_date="2025-12-20", requested_on="2026-01-10", amount=200000)
    assert failed(decision) == ["fiscal_year"]


def test_it_refuses_any_arrears_and_outdated_data():
    assert failed(salud(amount=200000, arrears_days=1)) == ["arrears"]
    assert failed(salud(amount=200000, data_updated_on="2025-06-09")) == ["data_update"]
    assert salud(amount=200000, data_updated_on="2025-06-10").eligible
    assert failed(salud(amount=200000, data_updated_on=None)) == ["data_update"]
    assert failed(salud(amount=200000, rights_suspended=True)) == ["suspended"]


@pytest.mark.parametrize(
    ("joined_on", "expected"),
    [
        ("2025-11-01", 40000),  # mayor a 6 meses y menor a 1 año: 20 % × $100.000 × 2
        ("2024-01-01", 60000),  # mayor a 1 año y menor a 3: 30 %
        ("2020-01-01", 100000),  # mayor a 3 años: 50 %
    ],
    ids=["20-percent", "30-percent", "50-percent"],
)
def test_it_pays_each_row_of_the_gastronomic_table(joined_on, expected):
    decision = quote(
        "cemcop",
        "gastronomico",
        requested_on=FILED,
        event_date=SERVICE,
        joined_on=joined_on,
        details={"participants": 2, "cost_per_person": "100000"},
    )
    assert decision.eligible, failed(decision)
    assert decision.amount == expected


def test_it_caps_the_gastronomic_benefit_at_20_percent_of_the_minimum_wage_per_person_and_two_people():
    decision = quote(
        "cemcop",
        "gastronomico",
        requested_on=FILED,
        event_date=SERVICE,
        details={"participants": 3, "cost_per_person": "1000000"},
    )
    assert decision.amount == 700362  # 2 × $350.181
    assert "máximo 2 participantes" in reason(decision, "amount").message


def test_it_requires_six_months_for_the_gastronomic_programme():
    decision = quote(
        "cemcop",
        "gastronomico",
        requested_on=FILED,
        event_date=SERVICE,
        joined_on="2026-01-01",
        details={"participants": 1, "cost_per_person": "100000"},
    )
    assert "seniority" in failed(decision)


@pytest.mark.parametrize(
    ("participants", "cost", "expected"),
    [(4, "100000", 280000), (5, "100000", 280000), (4, "600000", 1400724), (1, "500000", 350000)],
    ids=["70-percent-of-four", "at-most-four", "capped-per-person", "one-person"],
)
def test_it_pays_70_percent_of_a_day_trip_capped_per_participant(participants, cost, expected):
    decision = quote(
        "cemcop",
        "pasadia",
        requested_on=FILED,
        event_date=SERVICE,
        details={"participants": participants, "cost_per_person": cost},
    )
    assert decision.amount == expected


@pytest.mark.parametrize(
    ("percent", "expected"),
    [(None, 240000), (Decimal(50), 150000), (Decimal(90), 240000)],
    ids=["default-80", "convocatoria-50", "never-above-80"],
)
def test_it_subsidises_up_to_80_percent_of_a_training(percent, expected):
    parameters = (
        PARAMETERS
        if percent is None
        else PARAMETERS.overridden_by(Parameters({"capacitacion_percent": {2026: percent}}))
    )
    decision = quote(
        "cemcop",
        "capacitacion",
        requested_on=FILED,
        event_date=SERVICE,
        details={"cost_per_person": "300000"},
        parameters=parameters,
    )
    assert decision.amount == expected


def test_it_pays_the_cultural_programme_as_the_programmed_share_for_up_to_four_people():
    decision = quote(
        "cemcop",
        "cultural",
        requested_on=FILED,
        event_date=SERVICE,
        joined_on="2026-04-01",
        details={"participants": 3, "cost_per_person": "100000"},
    )
    assert decision.eligible  # two months suffice (Art. 28)
    assert decision.amount == 180000  # 60 % × $100.000 × 3


def test_it_subsidises_the_cheapest_funeral_plan_by_the_councils_percentage():
    decision = quote(
        "cemcop", "plan_exequial", requested_on=FILED, event_date="2026-03-01", amount=400000
    )
    assert decision.amount == 200000


def test_it_divides_the_ceremony_budget_among_the_chosen_participants():
    child = beneficiary("child", birth_date="2012-01-01")
    decision = quote(
        "cemcop",
        "ceremonia_mejores",
        requested_on=FILED,
        event_date="2026-11-20",
        who=child,
        details={"education_level": "basic", "gpa": "4.6"},
    )
    assert decision.eligible, failed(decision)
    assert decision.amount == 250000  # $10.000.000 / 40
    assert decision.approver == "committee"


@pytest.mark.parametrize(
    ("details", "disabled", "ok"),
    [
        ({"education_level": "basic", "gpa": 4.5}, False, True),
        ({"education_level": "basic", "gpa": 4.4}, False, False),
        ({"education_level": "basic", "qualitative_high": True}, False, True),
        ({"education_level": "basic", "gpa": 3.0}, True, True),
        ({"education_level": "higher", "gpa": 4.0}, False, True),
        ({"education_level": "higher", "gpa": 3.9}, False, False),
        ({"education_level": "higher", "gpa": 4.8, "icetex": True}, False, False),
    ],
    ids=[
        "basic-4.5",
        "basic-4.4",
        "basic-qualitative",
        "basic-disabled",
        "higher-4.0",
        "higher-3.9",
        "icetex",
    ],
)
def test_it_checks_the_ceremony_grades_by_level(details, disabled, ok):
    child = beneficiary("child", birth_date="2012-01-01", disabled=disabled)
    decision = quote(
        "cemcop",
        "ceremonia_mejores",
        requested_on=FILED,
        event_date="2026-11-20",
        who=child,
        details=details,
    )
    assert decision.eligible is ok
    if not ok:
        assert failed(decision) == ["not_covered"]


def test_it_gives_one_ceremony_award_a_year():
    history = [granted("ceremonia_mejores", "2026-03-01")]
    decision = quote(
        "cemcop",
        "ceremonia_mejores",
        requested_on=FILED,
        event_date="2026-11-20",
        history=history,
        details={"education_level": "higher", "gpa": 4.5},
    )
    assert failed(decision) == ["frequency"]


def test_it_measures_the_christmas_gift_seniority_at_the_cut_date():
    ok = quote(
        "cemcop",
        "obsequio_navideno",
        requested_on="2026-12-10",
        event_date="2026-11-30",
        joined_on="2025-11-30",
    )
    short = quote(
        "cemcop",
        "obsequio_navideno",
        requested_on="2026-12-10",
        event_date="2026-11-30",
        joined_on="2025-12-01",
    )
    assert ok.amount == 150000
    assert failed(short) == ["seniority"]


def test_it_pays_loyalty_and_special_programmes_as_the_council_sets_them():
    assert (
        quote(
            "cemcop",
            "fidelizacion",
            requested_on=FILED,
            event_date="2026-06-01",
            joined_on="2026-03-15",
        ).amount
        == 60000
    )
    assert (
        quote("cemcop", "programa_especial", requested_on=FILED, event_date=SERVICE).amount
        == 100000
    )


def test_it_refuses_to_guess_an_amount_the_council_has_not_set():
    parameters = Parameters({"smmlv": SMMLV})
    with pytest.raises(MissingParameter, match="obsequio_navideno_amount"):
        evaluate(
            case(
                "cemcop",
                "obsequio_navideno",
                requested_on="2026-12-10",
                event_date="2026-11-30",
                parameters=parameters,
            )
        )


def test_it_uses_the_rule_set_default_annual_amount_when_the_case_has_none():
    parameters = Parameters({"smmlv": SMMLV})
    decision = evaluate(
        case(
            "cemcop",
            "salud",
            requested_on=FILED,
            event_date=SERVICE,
            amount=5_000_000,
            parameters=parameters,
        )
    )
    assert decision.quota.annual == 1500000


def test_it_lets_management_decide_what_fits_the_rules():
    assert salud(amount=100000).approver == "staff"
    assert reason(salud(amount=100000), "approver").article == "Art. 9"
