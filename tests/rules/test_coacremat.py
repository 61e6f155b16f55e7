"""COACREMAT (reglamento of February 2026): the fixed amounts, the welfare limits and the general rules."""

import pytest

from benefits.rules import MissingParameter, NoRuleSetInForce, Parameters, evaluate

from .builders import beneficiary, case, failed, granted, quote, reason

EVENT, FILED = "2026-05-20", "2026-06-10"
CHILD = beneficiary("child", birth_date="2026-05-20", registered_on="2026-05-25")


def cm(benefit, **kwargs):
    kwargs.setdefault("event_date", EVENT)
    kwargs.setdefault("requested_on", FILED)
    return quote("coacremat", benefit, **kwargs)


SEMESTER = {"gpa": "4.2", "all_passed": True, "qualitative_grades": False, "period": "semester"}

FIXED = [
    ("nacimiento", {"who": CHILD}, 800000),
    ("adopcion", {"who": beneficiary("child", birth_date="2015-01-01")}, 800000),
    ("merito_academico", {"details": {"saber11_score": 320}}, 1200000),
    ("muerte_asociado", {}, 3000000),
    ("muerte_familiar", {"who": beneficiary("parent", birth_date="1950-01-01")}, 1500000),
    ("enfermedad_terminal", {}, 2500000),
    ("incapacidad_permanente", {"details": {"lost_capacity_percent": 60}}, 2000000),
    ("trasplante_desmembracion", {"details": {"organ": "riñón"}}, 2000000),
    ("educacion", {"details": SEMESTER}, 500000),
    ("educacion", {"details": {**SEMESTER, "period": "cuatrimestre"}}, 500000),
    ("educacion", {"details": {**SEMESTER, "period": "trimester"}}, 250000),
    ("educacion", {"details": {**SEMESTER, "period": "year"}}, 500000),
    ("salud", {"amount": 250000}, 250000),
    ("salud", {"amount": 400000}, 300000),
    ("deporte", {"details": {"level": "departmental", "position": 3}}, 200000),
    ("deporte", {"details": {"level": "national", "position": 3}}, 300000),
    ("deporte", {"details": {"level": "international", "position": 3}}, 300000),
    ("turismo", {"amount": 900000, "details": {"destination_country": "CO"}}, 200000),
    ("turismo", {"amount": 900000, "details": {"destination_country": "EC"}}, 200000),
    ("turismo", {"amount": 900000, "details": {"destination_country": "ES"}}, 300000),
    ("turismo", {"amount": 150000, "details": {"destination_country": "ES"}}, 150000),
]


@pytest.mark.parametrize(
    ("benefit", "facts", "expected"),
    FIXED,
    ids=[
        "nacimiento",
        "adopcion",
        "merito",
        "muerte-asociado",
        "muerte-familiar",
        "enfermedad-terminal",
        "incapacidad-permanente",
        "trasplante",
        "educacion-semestre",
        "educacion-cuatrimestre",
        "educacion-trimestre",
        "educacion-anual",
        "salud-below-cap",
        "salud-cap",
        "deporte-departamental",
        "deporte-nacional",
        "deporte-internacional-homologado",
        "turismo-nacional",
        "turismo-ecuador",
        "turismo-internacional",
        "turismo-below-invoice",
    ],
)
def test_it_pays_the_amounts_the_reglamento_fixes(benefit, facts, expected):
    decision = cm(benefit, **facts)
    assert decision.eligible, failed(decision)
    assert decision.amount == expected


def test_it_lets_the_council_update_a_fixed_amount_through_a_parameter():
    parameters = Parameters({"nacimiento_amount": {2027: 900000}})
    decision = evaluate(
        case(
            "coacremat",
            "nacimiento",
            event_date="2027-02-01",
            requested_on="2027-02-10",
            who=CHILD,
            parameters=parameters,
        )
    )
    assert decision.amount == 900000


def test_it_keeps_the_2026_amounts_in_force_in_later_years():
    assert (
        cm("enfermedad_terminal", event_date="2027-03-01", requested_on="2027-03-10").amount
        == 2500000
    )


def test_it_requires_one_year_of_membership_when_filing():
    assert cm("enfermedad_terminal", joined_on="2025-06-10").eligible
    assert failed(cm("enfermedad_terminal", joined_on="2025-06-11")) == ["seniority"]


def test_it_gives_four_months_from_the_event_to_file():
    assert cm("enfermedad_terminal", event_date="2026-03-15", requested_on="2026-07-15").eligible
    assert failed(
        cm("enfermedad_terminal", event_date="2026-03-15", requested_on="2026-07-16")
    ) == ["deadline"]
    month_end = cm("enfermedad_terminal", event_date="2026-10-31", requested_on="2027-03-01")
    assert "28 de febrero de 2027" in reason(month_end, "deadline").message


def test_it_requires_being_up_to_date_when_filing():
    assert failed(cm("enfermedad_terminal", arrears_days=1)) == ["arrears"]


def test_it_pays_the_death_of_the_associate_with_up_to_60_days_of_arrears_at_the_event():
    assert cm("muerte_asociado", arrears_days=60).eligible
    decision = cm("muerte_asociado", arrears_days=61)
    assert failed(decision) == ["arrears"]
    assert reason(decision, "arrears").article == "Art. 13"


def test_it_gives_one_welfare_benefit_per_fiscal_year_except_christmas():
    health = [granted("salud", "2026-02-01", granted_on="2026-02-20")]
    christmas = [granted("navidad", "2026-01-05", granted_on="2026-01-10")]
    last_year = [granted("salud", "2025-11-01", granted_on="2025-12-20")]
    trip = {"amount": 900000, "details": {"destination_country": "CO"}}
    assert failed(cm("turismo", history=health, **trip)) == ["frequency"]
    assert cm("turismo", history=christmas, **trip).eligible
    assert cm("turismo", history=last_year, **trip).eligible


def test_it_gives_health_sport_and_tourism_once_a_fiscal_year():
    history = [granted("salud", "2026-02-01", granted_on="2026-02-20")]
    assert failed(cm("salud", amount=100000, history=history)) == ["frequency"]


@pytest.mark.parametrize(
    ("period", "all_passed", "used", "eligible"),
    [
        ("semester", True, 1, True),
        ("semester", True, 2, False),
        ("cuatrimestre", True, 2, False),
        ("trimester", True, 3, True),
        ("trimester", True, 4, False),
        ("year", True, 1, True),
        ("year", False, 0, True),
        ("year", False, 1, False),
    ],
)
def test_it_pays_the_academic_periods_of_a_fiscal_year(period, all_passed, used, eligible):
    history = [
        granted("educacion", f"2026-0{i + 1}-15", granted_on=f"2026-0{i + 1}-20")
        for i in range(used)
    ]
    details = {**SEMESTER, "period": period, "all_passed": all_passed}
    decision = cm("educacion", details=details, history=history)
    assert decision.eligible is eligible
    if not eligible:
        assert failed(decision) == ["frequency"]


@pytest.mark.parametrize(
    "details",
    [
        {**SEMESTER, "gpa": "3.9"},
        {**SEMESTER, "all_passed": False},
        {**SEMESTER, "qualitative_grades": True},
        {**SEMESTER, "icetex": True},
    ],
    ids=["average-below-4", "failed-subject", "qualitative-grades", "icetex"],
)
def test_it_denies_education_without_the_academic_requirements(details):
    assert failed(cm("educacion", details=details)) == ["not_covered"]


@pytest.mark.parametrize(
    ("level", "team", "position", "ok"),
    [
        ("departmental", False, 10, True),
        ("departmental", False, 11, False),
        ("departmental", True, 2, True),
        ("departmental", True, 3, False),
        ("national", False, 20, True),
        ("national", False, 21, False),
        ("national", True, 5, True),
        ("national", True, 6, False),
        ("international", False, 20, True),
    ],
)
def test_it_recognises_the_final_places_of_each_level(level, team, position, ok):
    decision = cm("deporte", details={"level": level, "team": team, "position": position})
    assert decision.eligible is ok
    if not ok:
        assert failed(decision) == ["not_covered"]


def test_it_excludes_sport_events_organised_by_the_cooperative():
    decision = cm(
        "deporte", details={"level": "national", "position": 1, "organized_by_cooperative": True}
    )
    assert failed(decision) == ["not_covered"]


@pytest.mark.parametrize(
    ("details", "ok"),
    [
        ({"saber11_score": 301}, True),
        ({"saber11_score": 300}, False),
        ({"saberpro_percent": "60.5"}, True),
        ({"saberpro_percent": 60}, False),
        ({"laureate_thesis": True}, True),
    ],
    ids=["saber11-301", "saber11-300", "saberpro-60.5", "saberpro-60", "laureate"],
)
def test_it_recognises_academic_merit_above_the_thresholds(details, ok):
    decision = cm("merito_academico", details=details)
    assert decision.eligible is ok
    if not ok:
        assert failed(decision) == ["not_covered"]


def test_it_pays_each_academic_merit_once():
    history = [granted("merito_academico", "2025-01-10", details={"saber11_score": 350})]
    assert failed(cm("merito_academico", details={"saber11_score": 320}, history=history)) == [
        "frequency"
    ]
    assert cm("merito_academico", details={"laureate_thesis": True}, history=history).eligible


def test_it_pays_a_transplant_once_per_organ_and_only_for_listed_organs():
    history = [granted("trasplante_desmembracion", "2024-01-10", details={"organ": "riñones"})]
    assert failed(cm("trasplante_desmembracion", details={"organ": "Riñón"}, history=history)) == [
        "frequency"
    ]
    assert cm("trasplante_desmembracion", details={"organ": "corazón"}, history=history).eligible
    assert failed(cm("trasplante_desmembracion", details={"organ": "uña"})) == ["not_covered"]


def test_it_requires_more_than_half_of_working_capacity_lost():
    assert failed(cm("incapacidad_permanente", details={"lost_capacity_percent": 50})) == [
        "not_covered"
    ]


def test_it_covers_adoptions_of_children_under_18():
    assert failed(cm("adopcion", who=beneficiary("child", birth_date="2008-05-20"))) == [
        "beneficiary"
    ]


def test_it_covers_the_death_of_children_spouse_and_parents_only():
    assert cm("muerte_familiar", who=beneficiary("spouse")).eligible
    assert failed(cm("muerte_familiar", who=beneficiary("sibling"))) == ["beneficiary"]


def test_it_gives_the_christmas_incentive_to_associates_affiliated_by_the_end_of_last_year():
    christmas = {"event_date": "2026-12-15", "requested_on": "2026-12-20"}
    assert cm("navidad", joined_on="2025-12-31", **christmas).amount == 200000
    assert failed(cm("navidad", joined_on="2026-01-01", **christmas)) == ["seniority"]
    assert failed(cm("navidad", data_updated_on="2025-12-19", **christmas)) == ["data_update"]
    assert failed(cm("navidad", arrears_days=3, **christmas)) == ["arrears"]
    assert failed(cm("navidad", history=[granted("navidad", "2026-12-01")], **christmas)) == [
        "frequency"
    ]


def test_it_refuses_to_guess_the_christmas_amount():
    with pytest.raises(MissingParameter, match="navidad_amount"):
        evaluate(
            case(
                "coacremat",
                "navidad",
                event_date="2026-12-15",
                requested_on="2026-12-20",
                parameters=Parameters({}),
            )
        )


def test_it_applies_the_reglamento_to_filings_from_28_february_2026():
    with pytest.raises(NoRuleSetInForce):
        evaluate(
            case(
                "coacremat",
                "enfermedad_terminal",
                event_date="2026-02-01",
                requested_on="2026-02-27",
            )
        )
    assert (
        cm("enfermedad_terminal", event_date="2026-02-01", requested_on="2026-02-28").rule_set
        == "coacremat@2026-02-28"
    )


def test_it_lets_the_agency_staff_decide():
    assert {cm(b).approver for b in ("enfermedad_terminal", "muerte_asociado")} == {"staff"}


def test_a_mother_and_a_father_without_birth_dates_are_two_parents_each_paid_once():
    father = beneficiary("parent", identity="11")
    mother = beneficiary("parent", identity="12")
    paid_for_father = granted("muerte_familiar", "2026-03-05", who=father)

    assert cm("muerte_familiar", who=mother, history=[paid_for_father]).eligible
    assert failed(cm("muerte_familiar", who=father, history=[paid_for_father])) == ["frequency"]
    # Without an identity (the quote contract), unknown birth dates are not taken for one person.
    assert cm(
        "muerte_familiar",
        who=beneficiary("parent"),
        history=[granted("muerte_familiar", "2026-03-05", who=beneficiary("parent"))],
    ).eligible


def test_a_parent_registered_twice_with_the_same_birth_date_is_paid_once():
    first_row = beneficiary("parent", identity="doc:123456", birth_date="1950-01-01")
    second_row = beneficiary("parent", identity="doc:AB123456", birth_date="1950-01-01")
    paid = granted("muerte_familiar", "2026-03-05", who=first_row)

    assert failed(cm("muerte_familiar", who=second_row, history=[paid])) == ["frequency"]
