"""One associate, fifty requests at once, against a nearly spent CEMCOP annual quota (Art. 7)."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from benefits.models import (
    BenefitRequest,
    FilingSequence,
    FundBudget,
    LedgerEntry,
    QuotaAccount,
    RequestEvent,
)
from benefits.services import Actor, RequestError, request_approve, request_submit
from tests.load.conftest import all_at_once, associate_of, draft, proposal

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 50
ANNUAL = 1_500_000  # CEMCOP's monto único anual (benefits.demo)
AMOUNT = 50_000
ALREADY_USED = ANNUAL - 3 * AMOUNT  # room for exactly three more


@pytest.fixture
def ana(cemcop, analyst):
    """An associate who already used all but $150.000 of this year's quota."""
    ana = associate_of(cemcop)
    first = draft(ana, "salud")
    request_submit(request=first, actor=Actor(user=ana.user))
    proposal(first, ALREADY_USED, annual=ANNUAL)
    request_approve(request=first, actor=Actor(user=analyst))
    return ana


def filed_requests(ana, count):
    requests = [draft(ana, "salud") for _ in range(count)]
    for request in requests:
        request_submit(request=request, actor=Actor(user=ana.user))
        proposal(request, AMOUNT, annual=ANNUAL, used=ALREADY_USED)
    return requests


def test_fifty_simultaneous_filings_each_get_one_radicado_and_one_event(ana, today):
    drafts = [draft(ana, "salud") for _ in range(REQUESTS)]

    outcome = all_at_once(
        drafts, lambda d: request_submit(request=d, actor=Actor(user=ana.user)), threads=REQUESTS
    )

    assert outcome.errors == []
    filed = BenefitRequest.objects.filter(pk__in=[d.pk for d in drafts])
    assert set(filed.values_list("status", flat=True)) == {"submitted"}
    numbers = list(filed.values_list("filing_number", flat=True))
    assert len(set(numbers)) == REQUESTS
    assert (
        FilingSequence.objects.get(cooperative=ana.cooperative, year=today.year).last
        == REQUESTS + 1
    )
    events = RequestEvent.objects.filter(request__in=filed, to_status="submitted")
    assert events.count() == REQUESTS


def test_a_double_click_on_each_of_fifty_requests_files_each_once(ana):
    drafts = [draft(ana, "salud") for _ in range(REQUESTS // 2)]
    clicks = drafts + drafts  # every request filed by two threads at the same moment

    outcome = all_at_once(
        clicks, lambda d: request_submit(request=d, actor=Actor(user=ana.user)), threads=REQUESTS
    )

    assert outcome.errors == []
    assert RequestEvent.objects.filter(request__in=drafts, to_status="submitted").count() == len(
        drafts
    )
    numbers = BenefitRequest.objects.filter(pk__in=[d.pk for d in drafts]).values_list(
        "filing_number", flat=True
    )
    assert len(set(numbers)) == len(drafts)


def test_fifty_simultaneous_approvals_never_pass_the_annual_quota(ana, analyst, today):
    requests = filed_requests(ana, REQUESTS)

    outcome = all_at_once(
        requests,
        lambda r: request_approve(request=r, actor=Actor(user=analyst)),
        expected=(RequestError,),
        threads=REQUESTS,
    )

    assert outcome.errors == []
    assert len(outcome.done) == 3
    assert len(outcome.refused) == REQUESTS - 3
    assert all("cupo anual" in str(refusal) for _, refusal in outcome.refused)
    quota = QuotaAccount.objects.get(associate=ana, group="A", year=today.year)
    charged = LedgerEntry.objects.filter(quota_account=quota).aggregate(total=Sum("amount"))[
        "total"
    ]
    assert quota.used == charged == ANNUAL


def test_nothing_is_lost_when_fifty_approvals_race_for_the_quota(ana, analyst):
    requests = filed_requests(ana, REQUESTS)

    all_at_once(
        requests,
        lambda r: request_approve(request=r, actor=Actor(user=analyst)),
        expected=(RequestError,),
        threads=REQUESTS,
    )

    statuses = dict(
        BenefitRequest.objects.filter(pk__in=[r.pk for r in requests]).values_list("pk", "status")
    )
    approved = [pk for pk, status in statuses.items() if status == "approved"]
    waiting = [pk for pk, status in statuses.items() if status == "in_review"]
    assert len(approved) + len(waiting) == REQUESTS
    # Each approved request holds exactly its amount; each refused one holds nothing.
    for pk in approved:
        assert (
            LedgerEntry.objects.filter(request_id=pk).aggregate(t=Sum("amount"))["t"] == 2 * AMOUNT
        )
    assert not LedgerEntry.objects.filter(request_id__in=waiting).exists()
    for budget in FundBudget.objects.filter(cooperative=ana.cooperative):
        ledger = LedgerEntry.objects.filter(fund_budget=budget).aggregate(t=Sum("amount"))[
            "t"
        ] or Decimal(0)
        assert budget.committed == ledger
