"""Many approvals at the same instant against a nearly exhausted fund (RELIABILITY §2.5).

Each thread has its own database connection; a barrier releases them together.
Whatever the interleaving, the fund never goes below zero (committed never
exceeds the budget) and what is committed equals the sum of the ledger.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum

from benefits.models import BenefitRequest, FundBudget, LedgerEntry
from benefits.services.requests import Actor, FundExhausted, request_approve
from benefits.states import Status
from tests.backoffice.helpers import Staff, file_request, set_budget
from tests.portal.conftest import make_associate

THREADS = 12
AMOUNT = Decimal(100_000)


def approve_all_at_once(requests, actor) -> dict[int, str]:
    barrier = threading.Barrier(len(requests))
    outcomes: dict[int, str] = {}

    def approve(request):
        try:
            barrier.wait(timeout=30)
            result = request_approve(request=request, actor=actor)
            outcomes[request.pk] = result.status
        except FundExhausted:
            outcomes[request.pk] = "held"
        except Exception as error:  # noqa: BLE001 — reported below, never swallowed
            outcomes[request.pk] = f"error: {type(error).__name__}: {error}"
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def assert_ledger_invariants(cooperative):
    for budget in FundBudget.objects.filter(cooperative=cooperative):
        total = LedgerEntry.objects.filter(fund_budget=budget).aggregate(s=Sum("amount"))["s"] or 0
        assert 0 <= budget.committed <= budget.budget, budget
        assert budget.committed == total, budget


def many_requests(cooperative, code, base):
    associates = [
        make_associate(cooperative, document_number=str(base + n)) for n in range(THREADS)
    ]
    return [file_request(associate, code, amount=AMOUNT) for associate in associates]


@pytest.mark.django_db(transaction=True)
def test_cemcop_approves_what_the_fund_can_pay_and_denies_the_rest(cemcop, no_tasks):
    people = Staff(cemcop, 71_000_000)
    requests = many_requests(cemcop, "plan_exequial", 52_500_000)
    budget = set_budget(cemcop, "welfare", AMOUNT * 5 + 50_000)  # room for five, and a remainder

    outcomes = approve_all_at_once(requests, Actor(people.analyst))

    assert not [o for o in outcomes.values() if o.startswith("error")], outcomes
    assert list(outcomes.values()).count(Status.APPROVED) == 5
    assert list(outcomes.values()).count(Status.REJECTED) == THREADS - 5
    budget.refresh_from_db()
    assert budget.committed == AMOUNT * 5
    assert_ledger_invariants(cemcop)
    denied = BenefitRequest.objects.filter(pk__in=[r.pk for r in requests], status=Status.REJECTED)
    assert all(r.no_resources and not r.rejection_fixable for r in denied)


@pytest.mark.django_db(transaction=True)
def test_a_holding_fund_approves_what_it_can_and_the_rest_waits(san_simon, no_tasks):
    people = Staff(san_simon, 81_000_000)
    requests = many_requests(san_simon, "vivienda", 62_500_000)
    budget = set_budget(san_simon, "welfare", AMOUNT * 3 + 99_999)

    outcomes = approve_all_at_once(requests, Actor(people.analyst))

    assert not [o for o in outcomes.values() if o.startswith("error")], outcomes
    assert list(outcomes.values()).count(Status.APPROVED) == 3
    assert list(outcomes.values()).count("held") == THREADS - 3
    budget.refresh_from_db()
    assert budget.committed == AMOUNT * 3 and budget.available == 99_999
    assert (
        BenefitRequest.objects.filter(
            pk__in=[r.pk for r in requests], status=Status.IN_REVIEW
        ).count()
        == 9
    )
    assert_ledger_invariants(san_simon)


@pytest.mark.django_db(transaction=True)
def test_coprocenva_spills_into_the_social_fund_and_neither_goes_below_zero(coprocenva, no_tasks):
    people = Staff(coprocenva, 91_000_000)
    requests = many_requests(coprocenva, "muerte_familiar", 63_500_000)
    mutual = set_budget(coprocenva, "mutual", AMOUNT * 4 + 30_000)
    social = set_budget(coprocenva, "social", AMOUNT * 3)

    outcomes = approve_all_at_once(requests, Actor(people.analyst))

    assert not [o for o in outcomes.values() if o.startswith("error")], outcomes
    # 430.000 + 300.000 pay seven requests of 100.000 (one split across both funds).
    assert list(outcomes.values()).count(Status.APPROVED) == 7
    assert list(outcomes.values()).count("held") == THREADS - 7
    mutual.refresh_from_db()
    social.refresh_from_db()
    assert mutual.committed + social.committed == AMOUNT * 7
    assert mutual.available >= 0 and social.available >= 0
    assert_ledger_invariants(coprocenva)
