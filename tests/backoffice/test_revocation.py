"""An approval a body gave is revoked only by that body: staff send it back, and it is suspended meanwhile."""

import pytest
from django.db.models import Sum
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


def test_sent_back_the_approval_is_suspended_and_its_money_returns_to_the_fund(
    cemcop, staff, approved_by_the_committee, budget
):
    charged = held(budget)

    request = send_back(approved_by_the_committee, staff)

    request.refresh_from_db()
    assert request.status == Status.COMMITTEE and request.referral == Referral.REVOCATION
    assert request.amount_approved is None
    assert held(budget) == charged - AMOUNT
    policy = policy_for(cemcop)
    assert required_body(request, exceptions_body=policy.exceptions_body) == Body.COMMITTEE


def test_the_committee_revokes_it_and_nothing_is_charged_twice(
    cemcop, staff, approved_by_the_committee, budget
):
    before = held(budget) - AMOUNT
    request = committee_decides(send_back(approved_by_the_committee, staff), approve=False)

    assert request.status == Status.REJECTED
    assert held(budget) == before


def test_the_committee_confirms_it_and_it_is_charged_once(
    cemcop, staff, approved_by_the_committee, budget
):
    charged = held(budget)
    request = committee_decides(send_back(approved_by_the_committee, staff), amount=AMOUNT)

    assert request.status == Status.APPROVED and request.amount_approved == AMOUNT
    assert held(budget) == charged


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
