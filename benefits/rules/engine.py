"""evaluate(case) -> Decision: run a benefit's rules in order and explain each one.

Pure: the case carries every fact and parameter; nothing here reads the clock
or the database. Every rule is checked even after one fails, so the trace
shows all that is missing at once; the amount is computed too (staff and the
committee see what the rules would pay) but is 0 unless every rule passes.
"""

from decimal import Decimal

from benefits.rules.context import Context
from benefits.rules.decision import Decision, Reason
from benefits.rules.facts import Case
from benefits.rules.registry import rule_set_for
from benefits.rules.wording import format_date, format_pesos
from core.money import round_pesos

NOT_PAID = " No se paga porque no se cumplen todos los requisitos."


def _version_reason(rule_set, case: Case) -> Reason:
    basis = (
        "la fecha del evento" if rule_set.chosen_by == "event_date" else "la fecha de radicación"
    )
    day = case.event_date if rule_set.chosen_by == "event_date" else case.requested_on
    return Reason(
        "rule_set",
        True,
        rule_set.version_article,
        f"Se aplica {rule_set.title}, vigente desde el {format_date(rule_set.effective_from)}, "
        f"por {basis} ({format_date(day)}).",
    )


def budget_reason(rule_set, *, available: Decimal, amount: Decimal) -> Reason:
    """The fund-availability rule (code "budget"), for callers that know the fund's balance.

    The engine applies it when a case carries fund_available; the approval
    service (benefits.services.request_approve) enforces the same rule on the
    locked FundBudget row and raises FundExhausted.
    """
    if amount > available:
        return Reason(
            "budget",
            False,
            rule_set.budget_article,
            f"El fondo no tiene disponibilidad suficiente: quedan {format_pesos(available)} y el auxilio es de "
            f"{format_pesos(amount)}.",
        )
    return Reason(
        "budget",
        True,
        rule_set.budget_article,
        f"El fondo tiene disponibilidad ({format_pesos(available)}).",
    )


def _without_repeats(reasons: list[Reason]) -> list[Reason]:
    """A missing detail several rules need is told once (the first rule that needs it)."""
    seen, kept = set(), []
    for reason in reasons:
        key = (reason.code, reason.message)
        if not reason.ok and reason.code == "details" and key in seen:
            continue
        seen.add(key)
        kept.append(reason)
    return kept


def evaluate(case: Case) -> Decision:
    rule_set = rule_set_for(
        case.cooperative, requested_on=case.requested_on, event_date=case.event_date
    )
    spec = rule_set.benefit(case.benefit)
    ctx = Context(case, rule_set, spec)

    reasons = [_version_reason(rule_set, case)]
    reasons.extend(check.evaluate(ctx) for check in spec.checks)
    quota = None
    if spec.quota_group:
        quota, quota_reason = rule_set.quota.evaluate(ctx)
        ctx.quota = quota
        reasons.append(quota_reason)
    outcome = spec.amount.evaluate(ctx)
    amount = round_pesos(outcome.value)
    reasons.extend(outcome.reasons)
    if case.fund_available is not None:
        reasons.append(budget_reason(rule_set, available=case.fund_available, amount=amount))
    eligible = all(r.ok for r in reasons)
    if not eligible:
        reasons = [
            Reason(r.code, r.ok, r.article, r.message + NOT_PAID, r.interpretation)
            if r.code == "amount"
            else r
            for r in reasons
        ]
    reasons = _without_repeats(reasons)
    approver, approver_reason = spec.approver.decide(ctx)
    reasons.append(approver_reason)
    return Decision(
        eligible=eligible,
        amount=amount if eligible else Decimal(0),
        approver=approver,
        reasons=tuple(reasons),
        quota=quota,
        rule_set=rule_set.id,
        cooperative=rule_set.cooperative,
        benefit=spec.code,
        benefit_name=spec.name,
    )
