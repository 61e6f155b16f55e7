"""San Simón: every scale of the requirements document, the 60 business days and the readings of its gaps.

Amounts in pesos with the SMMLV of the filing year, 2026 ($1.750.905):
10 % = 175.091, 15 % = 262.636, 20 % = 350.181, 25 % = 437.726, 30 % = 525.272,
50 % = 875.453, 85 % = 1.488.269, 115 % = 2.013.541 (ROUND_HALF_UP once).
"""

import pytest

from benefits.rules import MissingParameter, Parameters, evaluate

from .builders import SMMLV, beneficiary, case, failed, granted, quote, reason

EVENT, FILED = "2026-06-01", "2026-06-10"
# Joining dates giving, at the event, these whole months of membership.
MONTHS = {
    12: "2025-06-01",
    23: "2024-07-01",
    24: "2024-06-01",
    35: "2023-07-01",
    36: "2023-06-01",
    37: "2023-05-01",
    48: "2022-06-01",
    49: "2022-05-01",
    60: "2021-06-01",
    61: "2021-05-01",
    72: "2020-06-01",
    73: "2020-05-01",
    74: "2020-04-01",
}
PARENT = beneficiary("parent", birth_date="1950-01-01")
SPOUSE = beneficiary("spouse")


def ss(benefit, months, **kwargs):
    kwargs.setdefault("event_date", EVENT)
    kwargs.setdefault("requested_on", FILED)
    return quote("san-simon", benefit, joined_on=MONTHS[months], **kwargs)


TABLES = [
    # (benefit, extra facts, {months: amount})
    ("vivienda", {}, {12: 350181, 36: 350181, 37: 437726, 60: 437726, 61: 525272}),
    ("vehiculo", {}, {12: 175091, 36: 175091, 37: 262636, 60: 262636, 61: 350181}),
    (
        "movilidad_asistida",
        {"amount": 5_000_000},
        {12: 175091, 36: 175091, 37: 262636, 60: 262636, 61: 350181},
    ),
    (
        "nuevo_pensionado",
        {"pensioner": True},
        {12: 262636, 36: 262636, 37: 525272, 72: 525272, 73: 875453, 74: 875453},
    ),
    ("enfermedad_alto_costo", {}, {12: 262636, 36: 262636, 37: 525272, 72: 525272, 73: 875453}),
    ("calamidad_domestica", {}, {12: 262636, 23: 262636, 24: 350181, 36: 350181, 37: 525272}),
    ("mutualista", {"who": SPOUSE}, {12: 262636, 23: 262636, 24: 350181, 36: 350181, 37: 525272}),
    (
        "licencia_maternidad",
        {"gender": "F"},
        {12: 262636, 23: 262636, 24: 350181, 36: 350181, 37: 525272},
    ),
    (
        "funebre",
        {"details": {"used_funeral_service": False}},
        {12: 525272, 23: 525272, 24: 875453, 35: 875453, 36: 1488269, 48: 1488269, 49: 2013541},
    ),
]
ROWS = [
    pytest.param(benefit, facts, months, amount, id=f"{benefit}-{months}-months")
    for benefit, facts, amounts in TABLES
    for months, amount in amounts.items()
]


@pytest.mark.parametrize(("benefit", "facts", "months", "expected"), ROWS)
def test_it_pays_each_seniority_band_of_the_scales(benefit, facts, months, expected):
    decision = ss(benefit, months, **facts)
    assert decision.eligible, failed(decision)
    assert decision.amount == expected


def test_it_counts_whole_months_so_36_months_and_some_days_stay_in_the_first_band():
    decision = quote(
        "san-simon", "vivienda", event_date=EVENT, requested_on=FILED, joined_on="2023-05-12"
    )
    assert decision.amount == 350181
    assert "meses completos" in reason(decision, "amount").interpretation


def test_it_reads_more_than_73_months_as_from_73_and_says_so():
    decision = ss("enfermedad_alto_costo", 73)
    assert "Más de 73 meses (desde 73)" in reason(decision, "amount").message
    assert "73 meses no cae en ninguna banda" in reason(decision, "amount").interpretation


def test_it_reads_the_funeral_gap_at_36_months_as_the_85_percent_band_and_says_so():
    decision = ss("funebre", 36, details={"used_funeral_service": False})
    assert decision.amount == 1488269
    assert "36 meses no cae en ninguna banda" in reason(decision, "amount").interpretation


@pytest.mark.parametrize(
    ("joined_on", "expected"),
    [
        ("2021-06-01", 262636),  # 5 años: 15 %
        ("2017-01-01", 262636),  # 9 años: still the 5-year award
        ("2016-06-01", 525272),  # 10 años: 30 %
        ("2011-06-01", 700362),  # 15 años: 40 %
        ("2006-06-01", 1750905),  # 20 años: 1 SMMLV
        ("1996-01-01", 1750905),  # 30 años: 1 SMMLV ("20 años o más")
    ],
    ids=["5-years", "9-years", "10-years", "15-years", "20-years", "30-years"],
)
def test_it_pays_each_perseverance_milestone(joined_on, expected):
    decision = quote(
        "san-simon", "perseverancia", event_date=EVENT, requested_on=FILED, joined_on=joined_on
    )
    assert decision.eligible, failed(decision)
    assert decision.amount == expected


def test_it_pays_each_perseverance_milestone_once():
    joined = "2016-06-01"
    five = [granted("perseverancia", "2021-06-15")]
    ten = [granted("perseverancia", "2026-06-01")]
    assert quote(
        "san-simon",
        "perseverancia",
        event_date=EVENT,
        requested_on=FILED,
        joined_on=joined,
        history=five,
    ).eligible
    repeated = quote(
        "san-simon",
        "perseverancia",
        event_date="2026-08-01",
        requested_on="2026-08-05",
        joined_on=joined,
        history=ten,
    )
    assert failed(repeated) == ["frequency"]


def test_it_requires_five_years_for_perseverance():
    decision = quote(
        "san-simon", "perseverancia", event_date=EVENT, requested_on=FILED, joined_on="2021-06-02"
    )
    assert "seniority" in failed(decision)


@pytest.mark.parametrize(
    ("cost", "expected"),
    [
        (5252715, 175091),
        (5252716, 350181),
        (12256335, 350181),
        (12256336, 437726),
        (100000, 100000),
    ],
    ids=["3-smmlv", "above-3", "7-smmlv", "above-7", "never-above-the-cost"],
)
def test_it_pays_special_dentistry_by_cost_bracket(cost, expected):
    assert ss("odontologia_especial", 61, amount=cost).amount == expected


@pytest.mark.parametrize(
    ("cost", "expected"),
    [(3501810, 175091), (3501811, 350181), (8754525, 350181), (8754526, 525272)],
    ids=["2-smmlv", "above-2", "5-smmlv", "above-5"],
)
def test_it_pays_surgery_of_parents_or_spouse_by_cost_bracket(cost, expected):
    assert ss("intervencion_quirurgica", 61, amount=cost, who=PARENT).amount == expected


def test_it_covers_surgery_only_for_parents_and_spouse():
    assert failed(ss("intervencion_quirurgica", 61, amount=4000000)) == ["beneficiary"]
    assert ss("intervencion_quirurgica", 61, amount=4000000, who=SPOUSE).eligible


@pytest.mark.parametrize(
    ("value", "expected"),
    [(100000, 25000), (100001, 15000), (350000, 52500), (350001, 175091)],
    ids=["up-to-100000", "from-100001", "up-to-350000", "from-350001"],
)
def test_it_pays_childrens_medicines_by_value_bracket(value, expected):
    child = beneficiary("child", birth_date="2016-01-01")
    assert ss("medicamentos_hijos", 61, amount=value, who=child).amount == expected


def test_it_covers_medicines_only_for_children_under_twelve_once_a_year_each():
    eleven = beneficiary("child", birth_date="2014-06-02")
    twelve = beneficiary("child", birth_date="2014-06-01")
    sister = beneficiary("child", birth_date="2018-03-03")
    assert ss("medicamentos_hijos", 61, amount=90000, who=eleven).eligible
    assert failed(ss("medicamentos_hijos", 61, amount=90000, who=twelve)) == ["beneficiary"]
    history = [granted("medicamentos_hijos", "2026-02-01", who=eleven)]
    assert failed(ss("medicamentos_hijos", 61, amount=90000, who=eleven, history=history)) == [
        "frequency"
    ]
    assert ss("medicamentos_hijos", 61, amount=90000, who=sister, history=history).eligible


@pytest.mark.parametrize(
    ("benefit", "facts", "expected"),
    [
        (
            "educativo_basica",
            {
                "who": beneficiary("child", birth_date="2014-01-01"),
                "details": {"excellence_share": 0.5},
            },
            140072,
        ),
        (
            "educativo_universitario",
            {"who": beneficiary("child", birth_date="2004-01-01"), "details": {"gpa": "4.0"}},
            262636,
        ),
        ("incapacidad_medica", {"details": {"days": 21}}, 350181),
        ("lentes_monturas", {"amount": 400000}, 175091),
        (
            "bono_nacimiento",
            {"who": beneficiary("child", birth_date="2026-06-01", registered_on="2026-06-05")},
            175091,
        ),
    ],
    ids=["basica-8", "universitario-15", "incapacidad-20", "lentes-10", "bono-nacimiento-10"],
)
def test_it_pays_the_single_percentages_of_the_minimum_wage(benefit, facts, expected):
    decision = ss(benefit, 61, **facts)
    assert decision.eligible, failed(decision)
    assert decision.amount == expected


def test_it_shares_18_percent_equally_when_several_children_qualify():
    decision = ss(
        "educativo_universitario",
        61,
        who=beneficiary("child", birth_date="2004-01-01"),
        details={"gpa": 4.5, "qualifying_children": 3},
    )
    assert decision.amount == 315163
    assert "$105.055, $105.054, $105.054" in reason(decision, "amount").message


def test_it_reads_a_university_average_of_4_0_as_enough_and_below_as_not():
    child = beneficiary("child", birth_date="2004-01-01")
    low = ss("educativo_universitario", 61, who=child, details={"gpa": "3.99"})
    assert failed(low) == ["not_covered"]
    assert reason(low, "not_covered").interpretation.startswith(
        "El texto pide «promedio de notas de 4.0»"
    )


def test_it_sends_the_university_benefit_of_an_associate_without_children_to_the_committee():
    assert ss("educativo_universitario", 61, details={"gpa": 4.2}).approver == "committee"
    assert (
        ss(
            "educativo_universitario",
            61,
            who=beneficiary("child", birth_date="2004-01-01"),
            details={"gpa": 4.2},
        ).approver
        == "staff"
    )


def test_it_requires_half_of_the_grades_in_excellence_for_basic_education():
    child = beneficiary("child", birth_date="2014-01-01")
    assert failed(ss("educativo_basica", 61, who=child, details={"excellence_share": "0.49"})) == [
        "not_covered"
    ]
    history = [granted("educativo_basica", "2026-02-01", who=child)]
    assert failed(
        ss("educativo_basica", 61, who=child, details={"excellence_share": 0.8}, history=history)
    ) == ["frequency"]


def test_it_reads_superior_a_veinticinco_20_dias_as_more_than_twenty_days():
    twenty = ss("incapacidad_medica", 61, details={"days": 20})
    assert failed(twenty) == ["not_covered"]
    assert "Veinticinco (20)" in reason(twenty, "not_covered").interpretation
    assert ss("incapacidad_medica", 61, details={"days": 22}).amount == 350181


def test_it_grants_the_medical_incapacity_once_a_year():
    history = [granted("incapacidad_medica", "2026-01-10", requested_on="2026-02-01")]
    assert failed(ss("incapacidad_medica", 61, details={"days": 30}, history=history)) == [
        "frequency"
    ]


def test_it_never_reimburses_more_than_the_invoice():
    assert ss("lentes_monturas", 61, amount=90000).amount == 90000
    assert ss("movilidad_asistida", 61, amount=120000).amount == 120000


def test_it_refuses_mobility_equipment_after_surgery_for_the_same_person_that_year():
    history = [granted("intervencion_quirurgica", "2026-03-01", who=PARENT)]
    assert failed(ss("movilidad_asistida", 61, amount=500000, who=PARENT, history=history)) == [
        "frequency"
    ]
    mother = beneficiary("parent", birth_date="1952-02-02")
    assert ss("movilidad_asistida", 61, amount=500000, who=mother, history=history).eligible


@pytest.mark.parametrize(
    ("term", "installment", "expected"),
    [
        (12, 1000000, 200000),
        (48, 1000000, 300000),
        (100, 1000000, 400000),
        (120, 1000000, 500000),
        (120, 3000000, 875453),
    ],
    ids=["1-36", "37-72", "73-108", "109-144", "capped-at-half-smmlv"],
)
def test_it_covers_the_last_installment_by_loan_term_up_to_half_a_minimum_wage(
    term, installment, expected
):
    decision = ss("bono_fidelizacion", 61, amount=installment, details={"loan_term_months": term})
    assert decision.amount == expected
    assert decision.approver == "committee"


@pytest.mark.parametrize(
    ("who", "married", "covered"),
    [
        (beneficiary("child", birth_date="2000-06-02"), True, True),  # 25 years
        (beneficiary("child", birth_date="2000-06-01"), True, False),  # 26 today
        (beneficiary("child", birth_date="1980-01-01", disabled=True), True, True),
        (beneficiary("sibling", birth_date="2005-01-01"), False, True),
        (beneficiary("sibling", birth_date="2005-01-01"), True, False),
        (beneficiary("sibling", birth_date="2001-06-01"), False, False),  # 25: not under 25
        (beneficiary("parent", birth_date="1930-01-01"), True, True),
        (beneficiary("grandparent", birth_date="1930-01-01"), True, False),
    ],
    ids=[
        "child-25",
        "child-26",
        "disabled-child",
        "sibling-single",
        "sibling-married",
        "sibling-25",
        "parent",
        "grandparent",
    ],
)
def test_it_covers_the_funeral_of_the_people_the_section_lists(who, married, covered):
    decision = ss("funebre", 61, who=who, married=married, details={"used_funeral_service": False})
    assert decision.eligible is covered


def test_it_pays_the_funeral_allowance_only_when_the_cooperatives_service_was_not_used():
    assert failed(ss("funebre", 61, details={"used_funeral_service": True})) == ["not_covered"]
    assert failed(ss("funebre", 61)) == ["details"]


def test_it_pays_free_exams_to_pensioners_once_a_year():
    assert ss("examenes_pensionado", 61, amount=180000, pensioner=True).amount == 180000
    assert failed(ss("examenes_pensionado", 61, amount=180000)) == ["not_covered"]
    history = [granted("examenes_pensionado", "2026-02-01")]
    assert failed(
        ss("examenes_pensionado", 61, amount=180000, pensioner=True, history=history)
    ) == ["frequency"]


def test_it_gives_three_general_consultations_under_twelve_and_two_specialised_from_twelve():
    small = beneficiary("child", birth_date="2020-01-01")
    teen = beneficiary("child", birth_date="2012-01-01")
    two = [granted("consultas_hijos", d, who=small) for d in ("2026-01-10", "2026-03-10")]
    three = [*two, granted("consultas_hijos", "2026-04-10", who=small)]
    assert ss("consultas_hijos", 61, amount=60000, who=small, history=two).amount == 60000
    assert failed(ss("consultas_hijos", 61, amount=60000, who=small, history=three)) == [
        "frequency"
    ]
    teen_two = [granted("consultas_hijos", d, who=teen) for d in ("2026-01-10", "2026-03-10")]
    assert failed(ss("consultas_hijos", 61, amount=90000, who=teen, history=teen_two)) == [
        "frequency"
    ]


def test_it_gives_the_one_time_benefits_once():
    for benefit in ("vivienda", "vehiculo", "calamidad_domestica", "enfermedad_alto_costo"):
        history = [granted(benefit, "2020-01-10")]
        assert failed(ss(benefit, 61, history=history)) == ["frequency"], benefit


def test_it_counts_60_business_days_from_the_event_without_colombian_holidays():
    # From Monday 1 June 2026, 60 business days end on Wednesday 2 September
    # (8, 15 and 29 June, 13 and 20 July, 7 and 17 August are holidays).
    assert ss("vivienda", 61, requested_on="2026-09-02").eligible
    late = ss("vivienda", 61, requested_on="2026-09-03")
    assert failed(late) == ["deadline"]
    assert "2 de septiembre de 2026" in reason(late, "deadline").message


def test_it_refuses_events_before_twelve_months_of_membership():
    decision = quote(
        "san-simon",
        "calamidad_domestica",
        event_date=EVENT,
        requested_on=FILED,
        joined_on="2025-06-02",
    )
    assert "seniority" in failed(decision)


def test_it_requires_a_vehicle_ownership_card_issued_less_than_60_days_ago():
    assert ss("vehiculo", 61, event_date="2026-05-01", requested_on="2026-06-30").eligible
    assert failed(ss("vehiculo", 61, event_date="2026-05-01", requested_on="2026-07-01")) == [
        "deadline"
    ]


def test_it_does_not_ask_an_unemployed_associate_to_be_up_to_date():
    decision = ss("desempleo", 61, arrears_days=45)
    assert decision.eligible
    assert decision.amount == 500000
    assert decision.approver == "committee"


def test_it_refuses_to_guess_the_unemployment_amount():
    with pytest.raises(MissingParameter, match="desempleo_amount"):
        evaluate(
            case(
                "san-simon",
                "desempleo",
                event_date=EVENT,
                requested_on=FILED,
                parameters=Parameters({"smmlv": SMMLV}),
            )
        )


def test_it_refuses_any_arrears_for_the_other_benefits():
    assert failed(ss("vivienda", 61, arrears_days=1)) == ["arrears"]


def test_it_uses_the_minimum_wage_of_the_filing_year():
    decision = quote(
        "san-simon",
        "lentes_monturas",
        event_date="2025-12-15",
        requested_on="2026-01-20",
        joined_on="2020-01-01",
        amount=900000,
    )
    assert decision.amount == 175091
    assert "SMMLV 2026" in reason(decision, "amount").message


def test_it_refuses_a_new_pension_after_the_first_payment():
    decision = ss(
        "nuevo_pensionado", 61, pensioner=True, details={"received_first_pension_payment": True}
    )
    assert failed(decision) == ["not_covered"]


def test_it_pays_the_maternity_leave_to_women_once_per_birth():
    assert failed(ss("licencia_maternidad", 61, gender="M")) == ["beneficiary"]
    history = [granted("licencia_maternidad", EVENT)]
    assert failed(ss("licencia_maternidad", 61, history=history)) == ["frequency"]
