"""Every failure code of the contract, each produced by exactly one broken fact.

"budget" is the fund's availability: the pure engine checks it only when the
caller passes the fund's balance (case.fund_available, as benefits.facts does
for a filed request); the approval service enforces it again on the locked
FundBudget row.
"""

from datetime import date
from decimal import Decimal

import pytest

from benefits.rules import FAILURE_CODES, budget_reason, rule_set_for

from .builders import beneficiary, failed, granted, quote, reason

CASES = {
    "suspended": lambda: quote(
        "cemcop", "salud", event_date="2026-05-20", amount=100000, rights_suspended=True
    ),
    "arrears": lambda: quote("san-simon", "vivienda", arrears_days=2),
    "data_update": lambda: quote(
        "cemcop", "salud", event_date="2026-05-20", amount=100000, data_updated_on="2024-01-01"
    ),
    "induction": lambda: quote("coprocenva", "muerte_asociado", inducted=False),
    "sanction": lambda: quote("coprocenva", "muerte_asociado", sanctioned_on="2026-01-10"),
    "seniority": lambda: quote("coacremat", "enfermedad_terminal", joined_on="2025-12-01"),
    "deadline": lambda: quote(
        "coprocenva", "muerte_asociado", event_date="2026-03-01", requested_on="2026-06-10"
    ),
    "fiscal_year": lambda: quote(
        "cemcop", "salud", event_date="2025-12-28", requested_on="2026-01-05", amount=100000
    ),
    "beneficiary": lambda: quote(
        "coprocenva", "medicamentos", amount=500000, who=beneficiary("sibling")
    ),
    "frequency": lambda: quote(
        "san-simon", "vivienda", history=[granted("vivienda", "2019-03-01")]
    ),
    "quota": lambda: quote(
        "cemcop",
        "salud",
        event_date="2026-05-20",
        amount=100000,
        history=[granted("salud", "2026-01-10", amount="1500000")],
    ),
    "min_amount": lambda: quote("coprocenva", "servicios_medicos", amount=200000),
    "details": lambda: quote("coprocenva", "incapacidad"),
    "not_covered": lambda: quote(
        "coacremat", "deporte", details={"level": "national", "position": 30}
    ),
    "budget": lambda: quote("coacremat", "enfermedad_terminal", fund_available="1000000"),
}


def test_the_table_lists_every_failure_code_of_the_contract():
    assert set(CASES) == set(FAILURE_CODES)


@pytest.mark.parametrize("code", FAILURE_CODES)
def test_each_failure_code_makes_the_request_ineligible_with_a_reason(code):
    decision = CASES[code]()
    assert failed(decision) == [code]
    assert decision.eligible is False
    assert decision.amount == 0
    failure = reason(decision, code)
    assert failure.article
    assert failure.message


def test_the_fund_check_passes_when_the_fund_can_pay():
    decision = quote("coacremat", "enfermedad_terminal", fund_available="2500000")
    assert decision.eligible
    assert reason(decision, "budget").ok


def test_the_budget_reason_is_available_to_the_approval_service_with_the_rule_sets_article():
    rule_set = rule_set_for("cemcop", requested_on=date(2026, 6, 1), event_date=date(2026, 6, 1))
    refusal = budget_reason(rule_set, available=Decimal(100), amount=Decimal(200))
    assert (refusal.code, refusal.ok, refusal.article) == ("budget", False, "Art. 6 lit. e; Art. 8")
    assert budget_reason(rule_set, available=Decimal(200), amount=Decimal(200)).ok


def test_without_the_funds_balance_the_engine_does_not_pretend_to_check_it():
    decision = quote("coacremat", "enfermedad_terminal")
    assert all(r.code != "budget" for r in decision.reasons)
