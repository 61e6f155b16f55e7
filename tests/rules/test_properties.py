"""Properties that hold for every benefit of every cooperative, whatever the facts."""

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefits.rules import evaluate, rule_set_for
from benefits.rules.context import Context
from core.money import round_pesos

from .strategies import SPECS, cases

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ceiling(case, decision):
    rule_set = rule_set_for(
        case.cooperative, requested_on=case.requested_on, event_date=case.event_date
    )
    spec = rule_set.benefit(case.benefit)
    ctx = Context(case, rule_set, spec)
    ctx.quota = decision.quota
    return spec, spec.amount.ceiling(ctx)


@SETTINGS
@given(cases())
def test_the_amount_is_never_negative_and_always_whole_pesos(case):
    decision = evaluate(case)
    assert decision.amount >= 0
    assert decision.amount == decision.amount.to_integral_value()


@SETTINGS
@given(cases())
def test_a_request_is_eligible_exactly_when_every_rule_passes_and_pays_nothing_otherwise(case):
    decision = evaluate(case)
    assert decision.eligible == all(reason.ok for reason in decision.reasons)
    if not decision.eligible:
        assert decision.amount == 0
        assert any(not reason.ok for reason in decision.reasons)


@SETTINGS
@given(cases())
def test_the_amount_never_exceeds_the_benefits_cap_nor_the_available_quota(case):
    decision = evaluate(case)
    spec, ceiling = _ceiling(case, decision)
    if ceiling is not None:
        assert decision.amount <= round_pesos(ceiling)
    if decision.quota is not None:
        assert decision.amount <= decision.quota.available
        assert decision.quota.available == max(decision.quota.annual - decision.quota.used, 0)
    if spec.evidence == "invoice" and decision.eligible:
        assert decision.amount <= round_pesos(case.amount_claimed)


@SETTINGS
@given(cases(with_history=False), st.integers(min_value=1, max_value=365 * 25))
def test_more_seniority_never_lowers_the_amount_of_a_benefit(case, extra_days):
    senior = replace(
        case,
        associate=replace(
            case.associate, joined_on=case.associate.joined_on - timedelta(days=extra_days)
        ),
    )
    assert evaluate(senior).amount >= evaluate(case).amount


@SETTINGS
@given(cases())
def test_every_reason_cites_an_article_and_says_something(case):
    decision = evaluate(case)
    assert decision.reasons[0].code == "rule_set"
    assert decision.reasons[-1].code == "approver"
    for reason in decision.reasons:
        assert reason.article.strip()
        assert reason.message.strip()
    assert decision.approver in {"staff", "committee", "council"}


@settings(max_examples=len(SPECS) * 3, deadline=None)
@given(st.sampled_from(SPECS).flatmap(lambda spec: cases(spec=spec)))
def test_every_benefit_answers_without_errors(case):
    payload = evaluate(case).to_json()
    assert Decimal(payload["amount"]) >= 0
