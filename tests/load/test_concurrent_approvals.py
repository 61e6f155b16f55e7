"""Two hundred approvals at once against a fund with room for ten: never over, nothing lost.

CEMCOP's welfare fund denies for lack of resources (Art. 8); COACREMAT's waits
for the council (HOLD). Either way the budget is never passed and the counter
equals its ledger.
"""

from decimal import Decimal

import pytest
from django.db.models import Sum

from benefits.models import BenefitRequest, Decision, FundBudget, LedgerEntry
from benefits.services import Actor, FundExhausted, RequestError, request_approve, request_submit
from cooperatives.demo import COOPERATIVES
from cooperatives.services import cooperative_upsert
from tests.load.conftest import all_at_once, associate_of, draft, proposal

pytestmark = pytest.mark.django_db(transaction=True)

APPROVALS = 200
AMOUNT = 80_000
ROOM = 10  # the fund can pay ten more (and half of an eleventh)


def nearly_spent(coop, analyst, today, *, code):
    """Spends the year's budget (through an approval, so the ledger has it) down to ROOM and a half."""
    budget = FundBudget.objects.get(cooperative=coop, fund__kind="welfare", year=today.year)
    big = draft(associate_of(coop), code)
    request_submit(request=big, actor=Actor())
    proposal(big, int(budget.budget) - ROOM * AMOUNT - AMOUNT // 2)
    request_approve(request=big, actor=Actor(user=analyst))
    return budget


def two_hundred_in_review(coop, code):
    requests = []
    for n in range(APPROVALS):
        request = draft(associate_of(coop, document_number=str(81_000_000 + n)), code)
        request_submit(request=request, actor=Actor())
        proposal(request, AMOUNT)
        requests.append(request)
    return requests


def approve_all(requests, analyst):
    return all_at_once(
        requests,
        lambda r: request_approve(request=r, actor=Actor(user=analyst)),
        expected=(RequestError,),
    )


def assert_budget_matches_its_ledger(budget):
    budget.refresh_from_db()
    ledger = LedgerEntry.objects.filter(fund_budget=budget).aggregate(t=Sum("amount"))[
        "t"
    ] or Decimal(0)
    assert budget.committed == ledger
    assert budget.committed <= budget.budget


def test_two_hundred_approvals_at_once_pay_exactly_what_the_fund_has(cemcop, analyst, today):
    budget = nearly_spent(cemcop, analyst, today, code="obsequio_navideno")
    requests = two_hundred_in_review(cemcop, "obsequio_navideno")

    outcome = approve_all(requests, analyst)

    assert outcome.errors == []
    statuses = list(
        BenefitRequest.objects.filter(pk__in=[r.pk for r in requests]).values_list(
            "status", flat=True
        )
    )
    assert statuses.count("approved") == ROOM
    assert_budget_matches_its_ledger(budget)
    assert budget.budget - budget.committed == AMOUNT // 2


def test_cemcop_denies_the_rest_for_lack_of_resources_and_loses_none(cemcop, analyst, today):
    nearly_spent(cemcop, analyst, today, code="obsequio_navideno")
    requests = two_hundred_in_review(cemcop, "obsequio_navideno")

    approve_all(requests, analyst)

    rows = BenefitRequest.objects.filter(pk__in=[r.pk for r in requests])
    assert rows.filter(status="approved").count() == ROOM
    assert rows.filter(status="rejected", no_resources=True).count() == APPROVALS - ROOM
    assert not rows.exclude(status__in=["approved", "rejected"]).exists()
    # One decision each, besides the proposal; denied ones hold no money.
    decided = Decision.objects.filter(request__in=rows).exclude(kind="proposal")
    assert decided.count() == APPROVALS
    assert not LedgerEntry.objects.filter(request__in=rows.filter(status="rejected")).exists()


def test_a_fund_that_waits_for_the_council_keeps_the_rest_in_review(db, analyst, today):
    coacremat, _ = cooperative_upsert(**next(c for c in COOPERATIVES if c["slug"] == "coacremat"))
    from benefits.demo import benefits_demo_seed
    from members.models import StaffMembership, StaffRole

    benefits_demo_seed(today=today)
    StaffMembership.objects.create(user=analyst, cooperative=coacremat, role=StaffRole.ANALYST)
    budget = nearly_spent(coacremat, analyst, today, code="navidad")
    requests = two_hundred_in_review(coacremat, "navidad")

    outcome = approve_all(requests, analyst)

    assert outcome.errors == []
    assert all(isinstance(refusal, FundExhausted) for _, refusal in outcome.refused)
    rows = BenefitRequest.objects.filter(pk__in=[r.pk for r in requests])
    assert rows.filter(status="approved").count() == ROOM
    assert rows.filter(status="in_review").count() == APPROVALS - ROOM
    assert not LedgerEntry.objects.filter(request__in=rows.filter(status="in_review")).exists()
    assert_budget_matches_its_ledger(budget)
