"""The trace: every rule in order, each citing an article, with the readings chosen shown next to them."""

from datetime import datetime

import pytest
import time_machine

from benefits.rules import evaluate, rule_sets

from .builders import beneficiary, case, quote, reason


@pytest.mark.parametrize(
    ("cooperative", "benefit"),
    [(rs.cooperative, spec.code) for rs in rule_sets() for spec in rs.benefits],
)
def test_every_benefits_trace_lists_each_rule_with_its_article(cooperative, benefit):
    decision = quote(cooperative, benefit, amount=400000)
    rule_set = [rs for rs in rule_sets() if rs.cooperative == cooperative][0]
    spec = rule_set.benefit(benefit)
    codes = [r.code for r in decision.reasons]
    assert codes[0] == "rule_set"
    assert codes[-1] == "approver"
    assert all(r.article.strip() and r.message.strip() for r in decision.reasons)
    if not any(r.code == "details" and not r.ok for r in decision.reasons):
        # Every check of the spec, in order, right after the version (a missing
        # detail needed by several checks is told once, so only without one).
        checked = decision.reasons[1 : 1 + len(spec.checks)]
        assert [r.article for r in checked] == [c.article for c in spec.checks]


def test_a_decision_serialises_to_the_contracts_shape():
    payload = quote(
        "coprocenva", "servicios_medicos", amount=1_000_000, joined_on="2022-01-01"
    ).to_json()
    assert set(payload) >= {"eligible", "amount", "approver", "reasons"}
    assert payload["amount"] == "700000"
    assert "quota" not in payload  # only for quota benefits
    assert payload["rule_set"] == "coprocenva@2021-12-01"
    first = payload["reasons"][1]
    assert set(first) >= {"code", "ok", "article", "message"}


def test_the_chosen_readings_travel_in_the_trace():
    incapacity = quote("san-simon", "incapacidad_medica", details={"days": 30})
    assert "Veinticinco (20)" in reason(incapacity, "not_covered").interpretation
    payload = incapacity.to_json()
    assert any("interpretation" in r for r in payload["reasons"])
    bands = quote("coprocenva", "muerte_asociado")
    assert "incluye el día en que se cumplen N años" in reason(bands, "amount").interpretation


def test_an_ineligible_amount_says_it_is_not_paid():
    decision = quote("coprocenva", "muerte_asociado", inducted=False)
    assert reason(decision, "amount").message.endswith(
        "No se paga porque no se cumplen todos los requisitos."
    )
    assert decision.amount == 0


def test_a_missing_detail_is_reported_once_even_if_several_rules_need_it():
    decision = quote("coprocenva", "incapacidad")
    details = [r for r in decision.reasons if r.code == "details"]
    assert len(details) == 1
    assert "days" in details[0].message


def test_the_trace_is_readable_spanish_for_the_associate():
    decision = quote(
        "cemcop", "salud", event_date="2026-05-20", joined_on="2023-05-10", amount=450000
    )
    messages = [r.message for r in decision.reasons]
    assert any(
        m.startswith(
            "Tienes 3 años y 1 mes de antigüedad: te corresponde el 75 % del monto único, $1.125.000"
        )
        for m in messages
    )
    assert reason(decision, "beneficiary").message == "El auxilio es para ti, el asociado titular."


def test_the_decision_does_not_depend_on_todays_date():
    the_case = case("san-simon", "vivienda")
    with time_machine.travel(datetime(2030, 1, 1), tick=False):
        later = evaluate(the_case)
    with time_machine.travel(datetime(2020, 1, 1), tick=False):
        earlier = evaluate(the_case)
    assert later == earlier


def test_the_engine_never_touches_the_database():
    # This module has no django_db mark: pytest-django refuses any query, so
    # evaluating (including a conflict-of-interest route) proves purity.
    decision = quote(
        "coprocenva", "medicamentos", amount=500000, roles=("council",), who=beneficiary("spouse")
    )
    assert decision.approver == "committee"
