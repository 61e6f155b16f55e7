"""COPROCENVA (Reglamento del Fondo Mutual, R-BS-15 v02): every row of Art. 13 and the Art. 11-12 rules.

Expected amounts are written out in pesos, computed by hand from the SMMLV of
2026 ($1.750.905): a test restates the reglamento, not the code.
"""

from decimal import Decimal

import pytest

from benefits.rules import NoRuleSetInForce, Parameters, evaluate

from .builders import beneficiary, case, failed, granted, quote, reason

EVENT, FILED = "2026-05-20", "2026-06-10"
# Joining dates that put the associate, at the event, in each column of Art. 13.
COLUMNS = {
    "Hasta 2 años": "2025-05-20",
    "Hasta 5 años": "2022-05-20",
    "Hasta 10 años": "2018-05-20",
    "Hasta 20 años": "2010-05-20",
    "Más de 20 años": "2000-05-20",
}
SPOUSE = beneficiary("spouse")
BIG = 100_000_000  # a paid value whose 70 % is above every cap, so the cap shows

ART_13 = [
    # (num., benefit, extra facts, amount for each column)
    ("1", "muerte_asociado", {}, [7003620, 10505430, 14007240, 17509050, 21010860]),
    ("2", "muerte_familiar", {"who": SPOUSE}, [1050543, 1225634, 1400724, 1575815, 1750905]),
    ("3", "servicios_medicos", {"amount": BIG}, [1400724, 1750905, 2101086, 2451267, 2626358]),
    ("4", "medicamentos", {"amount": BIG}, [875453, 1225634, 1400724, 1575815, 1750905]),
    ("5", "licencia_maternidad", {"gender": "F"}, [875453, 1225634, 1400724, 1575815, 1750905]),
    ("6", "licencia_paternidad", {"gender": "M"}, [350181, 525272, 700362, 875453, 1050543]),
    ("8", "enfermedad_terminal", {}, [1750905, 2626358, 3501810, 4377263, 5252715]),
    (
        "9",
        "catastrofe",
        {"amount": BIG, "details": {"modality": "sismo"}},
        [1750905, 2626358, 3501810, 4377263, 5252715],
    ),
    ("10", "afectacion_economica", {"amount": BIG}, [350181, 700362, 1050543, 1400724, 1750905]),
]
ROWS = [
    pytest.param(benefit, facts, joined, amounts[i], id=f"num{num}-{benefit}-{column}")
    for num, benefit, facts, amounts in ART_13
    for i, (column, joined) in enumerate(COLUMNS.items())
]


@pytest.mark.parametrize(("benefit", "facts", "joined_on", "expected"), ROWS)
def test_it_pays_each_column_of_the_article_13_table(benefit, facts, joined_on, expected):
    decision = quote(
        "coprocenva", benefit, event_date=EVENT, requested_on=FILED, joined_on=joined_on, **facts
    )
    assert decision.eligible, failed(decision)
    assert decision.amount == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [(6, 58364), (10, 291818), (20, 875453), (30, 875453)],
    ids=["sixth-day-only", "five-days-paid", "fifteen-days-paid", "capped-at-fifteen"],
)
def test_it_pays_one_daily_wage_per_incapacity_day_from_the_sixth_up_to_fifteen_days(
    days, expected
):
    decision = quote(
        "coprocenva", "incapacidad", event_date=EVENT, requested_on=FILED, details={"days": days}
    )
    assert decision.eligible, failed(decision)
    assert decision.amount == expected
    assert "máximo de 15 días pagados" in reason(decision, "amount").interpretation


def test_it_does_not_cover_an_incapacity_of_five_days():
    decision = quote(
        "coprocenva", "incapacidad", event_date=EVENT, requested_on=FILED, details={"days": 5}
    )
    assert failed(decision) == ["not_covered"]
    assert decision.amount == 0


def test_it_pays_70_percent_of_the_paid_value_when_that_is_below_the_cap():
    decision = quote(
        "coprocenva",
        "servicios_medicos",
        event_date=EVENT,
        requested_on=FILED,
        joined_on="2022-05-20",
        amount=1_000_000,
    )
    assert decision.amount == 700000
    assert "70 % del valor pagado ($1.000.000) = $700.000" in reason(decision, "amount").message


def test_it_pays_the_whole_affectation_when_below_the_cap():
    decision = quote(
        "coprocenva", "afectacion_economica", event_date=EVENT, requested_on=FILED, amount=300_000
    )
    assert decision.amount == 300000


def test_it_keeps_the_second_anniversary_day_in_the_first_column_and_moves_the_next_day():
    on_the_day = quote(
        "coprocenva",
        "muerte_asociado",
        event_date=EVENT,
        requested_on=FILED,
        joined_on="2024-05-20",
    )
    day_after = quote(
        "coprocenva",
        "muerte_asociado",
        event_date=EVENT,
        requested_on=FILED,
        joined_on="2024-05-19",
    )
    assert on_the_day.amount == 7003620  # 4 SMMLV, "Hasta 2 años"
    assert day_after.amount == 10505430  # 6 SMMLV, "Hasta 5 años"
    assert "incluye el día en que se cumplen N años" in reason(on_the_day, "amount").interpretation


def test_it_uses_the_minimum_wage_in_force_at_filing_when_no_year_ends_before_payment():
    # Art. 12 num. 7 names the event's year only «cuando entre la solicitud y la orden de pago
    # haya un corte anual»: a December death filed in January is paid with January's SMMLV.
    decision = quote(
        "coprocenva",
        "muerte_asociado",
        event_date="2025-12-20",
        requested_on="2026-01-15",
        joined_on="2024-06-01",
    )
    assert decision.amount == 7003620  # 4 × $1.750.905 (SMMLV 2026)
    assert "SMMLV 2026" in reason(decision, "amount").message
    filed_in_december = quote(
        "coprocenva",
        "muerte_asociado",
        event_date="2025-12-20",
        requested_on="2025-12-29",
        joined_on="2024-06-01",
    )
    assert (
        filed_in_december.amount == 5694000
    )  # 4 × $1.423.500: the event's year when paid after the cut


def test_it_requires_180_days_of_seniority_at_the_event():
    assert quote(
        "coprocenva",
        "medicamentos",
        event_date=EVENT,
        requested_on=FILED,
        joined_on="2025-11-21",
        amount=500000,
    ).eligible
    decision = quote(
        "coprocenva",
        "medicamentos",
        event_date=EVENT,
        requested_on=FILED,
        joined_on="2025-11-22",
        amount=500000,
    )
    assert failed(decision) == ["seniority"]


def test_it_requires_270_days_for_a_maternity_leave_but_180_when_the_birth_is_premature():
    joined = "2025-09-01"  # 261 days before the event
    regular = quote(
        "coprocenva", "licencia_maternidad", event_date=EVENT, requested_on=FILED, joined_on=joined
    )
    premature = quote(
        "coprocenva",
        "licencia_maternidad",
        event_date=EVENT,
        requested_on=FILED,
        joined_on=joined,
        details={"premature": True},
    )
    assert failed(regular) == ["seniority"]
    assert premature.eligible


def test_it_gives_the_maternity_leave_only_to_women_and_the_paternity_leave_only_to_men():
    assert failed(
        quote("coprocenva", "licencia_maternidad", event_date=EVENT, requested_on=FILED, gender="M")
    ) == ["beneficiary"]
    assert failed(
        quote("coprocenva", "licencia_paternidad", event_date=EVENT, requested_on=FILED, gender="F")
    ) == ["beneficiary"]


def test_it_counts_sixty_calendar_days_from_the_event_without_the_event_day():
    on_time = quote(
        "coprocenva",
        "medicamentos",
        event_date="2026-01-10",
        requested_on="2026-03-11",
        amount=500000,
    )
    late = quote(
        "coprocenva",
        "medicamentos",
        event_date="2026-01-10",
        requested_on="2026-03-12",
        amount=500000,
    )
    assert on_time.eligible
    assert failed(late) == ["deadline"]


def test_it_moves_a_deadline_that_falls_on_a_day_off_to_the_next_business_day():
    # 20 May + 60 days = Sunday 19 July; Monday 20 July is Independence Day.
    on_time = quote(
        "coprocenva", "medicamentos", event_date=EVENT, requested_on="2026-07-21", amount=500000
    )
    late = quote(
        "coprocenva", "medicamentos", event_date=EVENT, requested_on="2026-07-22", amount=500000
    )
    assert on_time.eligible
    assert "21 de julio de 2026" in reason(on_time, "deadline").message
    assert failed(late) == ["deadline"]


def test_it_counts_an_incapacitys_window_from_its_last_day():
    # 1-10 March; 10 March + 60 days = Saturday 9 May, moved to Monday 11 May.
    facts = {"event_date": "2026-03-01", "details": {"days": 10}}
    assert quote("coprocenva", "incapacidad", requested_on="2026-05-11", **facts).eligible
    assert failed(quote("coprocenva", "incapacidad", requested_on="2026-05-12", **facts)) == [
        "deadline"
    ]


def test_it_extends_a_terminal_illness_window_to_sixty_days_after_an_incapacity_that_starts_within_sixty_days():
    without = quote(
        "coprocenva", "enfermedad_terminal", event_date="2026-01-10", requested_on="2026-04-30"
    )
    extended = quote(
        "coprocenva",
        "enfermedad_terminal",
        event_date="2026-01-10",
        requested_on="2026-04-30",
        details={"incapacity_start": "2026-02-01", "days": 30},
    )
    assert failed(without) == ["deadline"]
    assert extended.eligible
    # 2 March + 60 days = Friday 1 May (holiday) -> Monday 4 May.
    assert "4 de mayo de 2026" in reason(extended, "deadline").message


def test_it_admits_thirty_days_of_arrears_but_not_thirty_one():
    assert quote(
        "coprocenva", "muerte_asociado", event_date=EVENT, requested_on=FILED, arrears_days=30
    ).eligible
    assert failed(
        quote(
            "coprocenva", "muerte_asociado", event_date=EVENT, requested_on=FILED, arrears_days=31
        )
    ) == ["arrears"]


def test_it_reads_the_arrears_the_day_before_the_event_when_given_apart_from_those_at_filing():
    def death(at_event):
        return quote(
            "coprocenva",
            "muerte_asociado",
            event_date=EVENT,
            requested_on=FILED,
            arrears_days=56,  # run up after the death: nobody pays a dead associate's loans
            arrears_days_at_event=at_event,
        )

    assert death(0).eligible
    assert death(31).eligible  # 30 days the day before the event
    assert failed(death(32)) == ["arrears"]
    assert "31 días de mora el día anterior al evento" in reason(death(32), "arrears").message


def test_successive_incapacities_count_the_window_from_the_end_of_the_last():
    # Mon 5–Fri 9 and Mon 12–Fri 23 January 2026: 15 certified days over three weeks.
    def incapacity(**details):
        return quote(
            "coprocenva",
            "incapacidad",
            event_date="2026-01-05",
            requested_on="2026-03-23",
            details={"days": 15, **details},
        )

    assert failed(incapacity()) == [
        "deadline"
    ]  # 5 Jan + 15 days ends on the 19th: 60 days end on 20 March
    stated = incapacity(incapacity_end="2026-01-23")
    assert stated.eligible
    assert "24 de marzo de 2026" in reason(stated, "deadline").message


def test_it_requires_the_cooperative_induction_before_filing():
    assert failed(
        quote("coprocenva", "muerte_asociado", event_date=EVENT, requested_on=FILED, inducted=False)
    ) == ["induction"]


def test_it_refuses_an_associate_sanctioned_in_the_twelve_months_before_the_request():
    recent = quote(
        "coprocenva",
        "muerte_asociado",
        event_date=EVENT,
        requested_on=FILED,
        sanctioned_on="2025-06-11",
    )
    old = quote(
        "coprocenva",
        "muerte_asociado",
        event_date=EVENT,
        requested_on=FILED,
        sanctioned_on="2025-06-10",
    )
    assert failed(recent) == ["sanction"]
    assert old.eligible


def test_it_treats_suspended_rights_as_a_disciplinary_sanction():
    decision = quote(
        "coprocenva", "muerte_asociado", event_date=EVENT, requested_on=FILED, rights_suspended=True
    )
    assert failed(decision) == ["suspended"]
    assert reason(decision, "suspended").interpretation


@pytest.mark.parametrize(
    ("who", "covered"),
    [
        (beneficiary("child", birth_date="2009-01-01"), True),  # 17
        (beneficiary("child", birth_date="2008-05-20"), False),  # 18, not studying
        (beneficiary("child", birth_date="2001-05-21", studying=True), True),  # 24 years 364 days
        (beneficiary("child", birth_date="2001-05-20", studying=True), False),  # 25 today
        (beneficiary("stepchild", birth_date="1986-01-01", disabled=True), True),
        (beneficiary("stepparent"), True),
        (beneficiary("sibling"), False),
        (beneficiary("grandchild", birth_date="2020-01-01"), False),
    ],
    ids=[
        "child-17",
        "child-18",
        "student-24y364d",
        "student-25",
        "disabled-stepchild",
        "stepparent",
        "sibling",
        "grandchild",
    ],
)
def test_it_covers_the_primary_family_group_of_article_8(who, covered):
    decision = quote(
        "coprocenva", "medicamentos", event_date=EVENT, requested_on=FILED, amount=500000, who=who
    )
    assert decision.eligible is covered
    if not covered:
        assert failed(decision) == ["beneficiary"]


def test_it_grants_each_type_once_per_calendar_year_of_filing():
    this_year = [granted("medicamentos", "2026-02-01", requested_on="2026-02-10")]
    last_year = [granted("medicamentos", "2025-11-20", requested_on="2025-12-10")]
    decision = quote(
        "coprocenva",
        "medicamentos",
        event_date=EVENT,
        requested_on=FILED,
        amount=500000,
        history=this_year,
    )
    assert failed(decision) == ["frequency"]
    assert quote(
        "coprocenva",
        "medicamentos",
        event_date=EVENT,
        requested_on=FILED,
        amount=500000,
        history=last_year,
    ).eligible


def test_it_allows_at_most_two_types_of_the_health_group_a_year():
    two = [granted("medicamentos", "2026-02-01"), granted("incapacidad", "2026-03-01")]
    decision = quote(
        "coprocenva",
        "servicios_medicos",
        event_date=EVENT,
        requested_on=FILED,
        amount=500000,
        history=two,
    )
    assert failed(decision) == ["frequency"]
    assert reason(decision, "frequency").article in {"Art. 12 num. 1", "Art. 12 num. 2 y 3"}
    one = two[:1]
    assert quote(
        "coprocenva",
        "servicios_medicos",
        event_date=EVENT,
        requested_on=FILED,
        amount=500000,
        history=one,
    ).eligible
    # A benefit outside the group does not count.
    other = [
        granted("catastrofe", "2026-02-01", details={"modality": "incendio"}),
        granted("medicamentos", "2026-03-01"),
    ]
    assert quote(
        "coprocenva",
        "servicios_medicos",
        event_date=EVENT,
        requested_on=FILED,
        amount=500000,
        history=other,
    ).eligible


def test_it_pays_the_death_of_each_relative_even_in_the_same_year_but_not_twice_for_the_same_person():
    mother = beneficiary("parent", birth_date="1950-03-03")
    father = beneficiary("parent", birth_date="1948-07-07")
    history = [granted("muerte_familiar", "2026-02-01", who=mother)]
    assert quote(
        "coprocenva",
        "muerte_familiar",
        event_date=EVENT,
        requested_on=FILED,
        who=father,
        history=history,
    ).eligible
    again = quote(
        "coprocenva",
        "muerte_familiar",
        event_date=EVENT,
        requested_on=FILED,
        who=mother,
        history=history,
    )
    assert failed(again) == ["frequency"]


def test_it_requires_four_daily_wages_of_expenses():
    enough = quote(
        "coprocenva", "medicamentos", event_date=EVENT, requested_on=FILED, amount=233454
    )
    short = quote("coprocenva", "medicamentos", event_date=EVENT, requested_on=FILED, amount=233453)
    assert enough.eligible
    assert failed(short) == ["min_amount"]
    assert short.amount == 0


def test_it_pays_a_catastrophe_once_per_modality_and_groups_synonyms():
    earthquake = [granted("catastrofe", "2024-03-01", details={"modality": "sismo"})]
    again = quote(
        "coprocenva",
        "catastrofe",
        event_date=EVENT,
        requested_on=FILED,
        amount=BIG,
        details={"modality": "Terremoto"},
        history=earthquake,
    )
    flood = quote(
        "coprocenva",
        "catastrofe",
        event_date=EVENT,
        requested_on=FILED,
        amount=BIG,
        details={"modality": "inundación"},
        history=earthquake,
    )
    assert failed(again) == ["frequency"]
    assert flood.eligible


def test_it_does_not_cover_traffic_accidents_as_catastrophes():
    decision = quote(
        "coprocenva",
        "catastrofe",
        event_date=EVENT,
        requested_on=FILED,
        amount=BIG,
        details={"modality": "accidente de tránsito"},
    )
    assert "not_covered" in failed(decision)


def test_it_sends_a_catastrophe_affecting_more_than_three_associates_of_an_agency_to_the_council():
    facts = {"event_date": EVENT, "requested_on": FILED, "amount": BIG}
    three = quote(
        "coprocenva",
        "catastrofe",
        details={"modality": "vendaval", "affected_in_agency": 3},
        **facts,
    )
    four = quote(
        "coprocenva",
        "catastrofe",
        details={"modality": "vendaval", "affected_in_agency": 4},
        **facts,
    )
    assert three.approver == "committee"
    assert four.approver == "council"
    assert reason(four, "approver").article == "Art. 13 num. 9 (aprobación)"


def test_it_pays_an_economic_affectation_once_per_emergency_type_in_three_years():
    facts = {
        "event_date": EVENT,
        "requested_on": FILED,
        "amount": 500000,
        "details": {"emergency_type": "Pandemia"},
    }
    recent = [granted("afectacion_economica", "2024-03-01", details={"emergency_type": "pandemia"})]
    old = [granted("afectacion_economica", "2023-04-01", details={"emergency_type": "pandemia"})]
    assert failed(quote("coprocenva", "afectacion_economica", history=recent, **facts)) == [
        "frequency"
    ]
    assert quote("coprocenva", "afectacion_economica", history=old, **facts).eligible


def test_it_pays_a_terminal_illness_once_per_disease():
    history = [
        granted("enfermedad_terminal", "2024-02-01", details={"disease": "Cáncer de páncreas"})
    ]
    same = quote(
        "coprocenva",
        "enfermedad_terminal",
        event_date=EVENT,
        requested_on=FILED,
        details={"disease": "cancer de pancreas"},
        history=history,
    )
    other = quote(
        "coprocenva",
        "enfermedad_terminal",
        event_date=EVENT,
        requested_on=FILED,
        details={"disease": "ELA"},
        history=history,
    )
    unnamed = quote(
        "coprocenva", "enfermedad_terminal", event_date=EVENT, requested_on=FILED, history=history
    )
    assert failed(same) == ["frequency"]
    assert other.eligible
    assert failed(unnamed) == ["details"]


@pytest.mark.parametrize(
    ("benefit", "roles", "relative_roles", "expected"),
    [
        ("muerte_asociado", (), (), "staff"),
        ("muerte_asociado", ("council",), (), "committee"),
        ("muerte_asociado", ("oversight_board",), (), "committee"),
        ("muerte_asociado", (), ("agency_director",), "committee"),
        ("licencia_maternidad", ("operations_chief",), (), "committee"),
        ("licencia_maternidad", ("employee",), (), "staff"),
        ("servicios_medicos", ("committee",), (), "committee"),
    ],
)
def test_it_routes_conflicts_of_interest_to_the_committee(benefit, roles, relative_roles, expected):
    decision = quote(
        "coprocenva",
        benefit,
        event_date=EVENT,
        requested_on=FILED,
        amount=500000,
        roles=roles,
        relative_roles=relative_roles,
    )
    assert decision.approver == expected
    if roles or relative_roles:
        assert (
            reason(decision, "approver").article.startswith("Art. 12 num. 1") or expected == "staff"
        )


def test_it_tells_a_committee_member_that_the_other_group_of_the_committee_decides():
    decision = quote(
        "coprocenva",
        "servicios_medicos",
        event_date=EVENT,
        requested_on=FILED,
        amount=500000,
        roles=("committee",),
    )
    assert "grupo del comité en el que no participa" in reason(decision, "approver").message


def test_it_applies_the_reglamento_only_to_events_from_december_2021():
    with pytest.raises(NoRuleSetInForce):
        evaluate(
            case(
                "coprocenva",
                "muerte_asociado",
                event_date="2021-11-30",
                requested_on="2021-12-15",
                joined_on="2010-01-01",
            )
        )
    decision = quote(
        "coprocenva",
        "muerte_asociado",
        event_date="2021-12-01",
        requested_on="2021-12-15",
        joined_on="2010-01-01",
        parameters=Parameters({"smmlv": {2021: Decimal("908526")}}),
    )
    assert decision.rule_set == "coprocenva@2021-12-01"
    assert decision.amount == 9085260  # 10 SMMLV of 2021 ("Hasta 20 años")
