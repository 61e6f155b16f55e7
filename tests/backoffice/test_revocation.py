"""An approval a body gave is revoked only by that body: staff send it back, its money held meanwhile."""

import pytest
from django.db.models import F, Sum
from django.urls import reverse

from benefits.models import Body, DisbursementBatch, FundBudget, LedgerEntry, Referral
from benefits.services.backoffice import policy_for
from benefits.services.payouts import batch_build
from benefits.services.requests import (
    Actor,
    RequestError,
    request_approve,
    request_refer,
    request_reject,
    required_body,
)
from benefits.states import Status
from faults import invariants
from tests.backoffice.helpers import committee_decides, file_request
from tests.backoffice.test_request_services import reason

pytestmark = pytest.mark.django_db

AMOUNT = 120_000


@pytest.fixture
def budget(cemcop):
    from django.utils import timezone

    return FundBudget.objects.get(
        cooperative=cemcop, fund__kind="welfare", year=timezone.localdate().year
    )


@pytest.fixture
def approved_by_the_committee(cemcop, staff, ana):
    return committee_decides(file_request(ana, "plan_exequial", amount=AMOUNT), amount=AMOUNT)


def held(budget) -> int:
    budget.refresh_from_db()
    ledger = LedgerEntry.objects.filter(fund_budget=budget).aggregate(s=Sum("amount"))["s"] or 0
    assert budget.committed == ledger
    return budget.committed


def send_back(request, staff):
    return request_refer(
        request=request,
        actor=Actor(staff.analyst),
        referral=Referral.REVOCATION,
        reason="El asociado se retiró antes del pago.",
    )


def test_staff_cannot_revoke_a_committee_approval_and_are_told_how(
    cemcop, staff, approved_by_the_committee
):
    with pytest.raises(RequestError, match="Revocación de una aprobación del órgano"):
        request_reject(
            request=approved_by_the_committee,
            actor=Actor(staff.analyst),
            reason=reason(cemcop, "factura_usada"),
        )


def ledger_holds() -> bool:
    return all(result.ok for result in invariants.ledger())


def test_sent_back_the_approval_keeps_its_money_until_the_body_decides(
    cemcop, staff, approved_by_the_committee, budget
):
    from django.utils import timezone

    charged = held(budget)

    request = send_back(approved_by_the_committee, staff)

    request.refresh_from_db()
    assert request.status == Status.COMMITTEE and request.referral == Referral.REVOCATION
    assert request.amount_approved == AMOUNT and held(budget) == charged
    assert request.due_on > timezone.localdate()  # a new term, not the first filing's
    policy = policy_for(cemcop)
    assert required_body(request, exceptions_body=policy.exceptions_body) == Body.COMMITTEE
    assert ledger_holds()


def test_the_committee_revokes_it_and_the_fund_gets_its_money_back(
    cemcop, staff, approved_by_the_committee, budget
):
    before = held(budget) - AMOUNT
    request = committee_decides(send_back(approved_by_the_committee, staff), approve=False)

    assert request.status == Status.REJECTED and request.amount_approved is None
    assert held(budget) == before
    assert ledger_holds()


def test_the_committee_keeps_it_as_it_was_even_with_the_fund_spent_meanwhile(
    cemcop, staff, approved_by_the_committee, budget
):
    charged = held(budget)
    request = send_back(approved_by_the_committee, staff)
    FundBudget.objects.filter(pk=budget.pk).update(budget=F("committed"))  # nothing left

    request = committee_decides(request)

    assert request.status == Status.APPROVED and request.amount_approved == AMOUNT
    assert not request.no_resources
    assert held(budget) == charged  # charged once, as before
    assert ledger_holds()


def test_a_staff_approval_is_not_sent_to_be_revoked(cemcop, staff, ana):
    request = file_request(ana, "plan_exequial", amount=AMOUNT)
    request_approve(request=request, actor=Actor(staff.analyst))
    with pytest.raises(RequestError, match="la de la administración se revoca rechazándola"):
        send_back(request, staff)


def test_an_approval_in_a_payout_batch_is_taken_out_of_it_first(
    cemcop, staff, approved_by_the_committee
):
    batch_build(cooperative=cemcop, actor=Actor(staff.treasury))
    assert DisbursementBatch.objects.filter(cooperative=cemcop).exists()
    with pytest.raises(RequestError, match="retirarla del lote"):
        send_back(approved_by_the_committee, staff)
    approved_by_the_committee.refresh_from_db()
    assert approved_by_the_committee.status == Status.APPROVED


def test_the_request_page_offers_it_for_a_body_approval(client, staff, approved_by_the_committee):
    client.force_login(staff.analyst)
    url = reverse("admin:benefits_benefitrequest_change", args=[approved_by_the_committee.pk])
    page = client.get(url)
    assert f'<option value="{Referral.REVOCATION}">' in page.text

    client.post(
        reverse("admin:benefits_benefitrequest_refer", args=[approved_by_the_committee.pk]),
        {"referral": Referral.REVOCATION, "reason": "Factura de otro asociado."},
    )
    approved_by_the_committee.refresh_from_db()
    assert approved_by_the_committee.status == Status.COMMITTEE
