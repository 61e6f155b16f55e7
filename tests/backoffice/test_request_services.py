"""Approve, reject, ask for documents and refer: who may, at what amount, and what the fund does."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from benefits.models import (
    BenefitRequest,
    Decision,
    Fund,
    FundBudget,
    LedgerEntry,
    Referral,
    RejectionReason,
    WhenExhausted,
)
from benefits.services.requests import (
    Actor,
    FundExhausted,
    RequestError,
    request_approve,
    request_ask_documents,
    request_refer,
    request_reject,
    request_submit,
)
from benefits.states import Status
from invoices.models import Document
from tests.backoffice.helpers import file_request, set_budget
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db


def reason(coop, code):
    return RejectionReason.objects.get(cooperative=coop, code=code)


def ledger_sum(budget):
    return (
        LedgerEntry.objects.filter(fund_budget=budget).aggregate(total=Sum("amount"))["total"] or 0
    )


def test_staff_approve_the_rule_amount_and_the_fund_is_charged_through_the_ledger(
    cemcop, staff, ana
):
    request = file_request(ana, "plan_exequial", amount=120_000)
    budget = FundBudget.objects.get(
        cooperative=cemcop, fund__kind="welfare", year=request.submitted_at.year
    )
    before = budget.committed

    request_approve(request=request, actor=Actor(staff.analyst), comment="Cumple todo.")

    request.refresh_from_db()
    budget.refresh_from_db()
    assert request.status == Status.APPROVED and request.amount_approved == Decimal(120_000)
    assert budget.committed == before + 120_000 == ledger_sum(budget)
    decision = request.decisions.get(kind=Decision.Kind.STAFF)
    assert decision.decided_by == staff.analyst and decision.event.to_status == Status.APPROVED
    assert request.history.first().history_user == staff.analyst


def test_staff_cannot_approve_another_amount_than_the_rules(ana, staff):
    request = file_request(ana, "plan_exequial", amount=120_000)
    with pytest.raises(RequestError, match="monto del reglamento"):
        request_approve(request=request, actor=Actor(staff.analyst), amount=Decimal(150_000))


def test_staff_cannot_approve_what_the_rules_find_ineligible(ana, staff):
    request = file_request(ana, "plan_exequial", amount=120_000, eligible=False)
    with pytest.raises(RequestError, match="no la encuentra procedente"):
        request_approve(request=request, actor=Actor(staff.analyst))


def test_staff_cannot_decide_what_the_rules_leave_to_the_committee(ana, staff, cemcop):
    request = file_request(ana, "plan_exequial", amount=120_000, approver="committee")
    with pytest.raises(RequestError, match="el comité"):
        request_approve(request=request, actor=Actor(staff.analyst))
    with pytest.raises(RequestError, match="el comité"):
        request_reject(request=request, actor=Actor(staff.analyst), reason=reason(cemcop, "mora"))


def test_a_blocking_invoice_warning_stops_the_staff_approval(ana, staff, cemcop):
    request = file_request(ana, "plan_exequial", amount=120_000)
    Document.objects.create(
        cooperative=cemcop,
        request=request,
        kind="einvoice",
        original_name="f.zip",
        size=1,
        sha256="a",
        uploaded_at=request.created_at,
        status="read",
        warnings=[
            {
                "code": "cufe_used_by_another_associate",
                "message": "usada",
                "blocking": True,
                "staff_message": "Posible fraude: otro asociado ya presentó esta factura.",
            }
        ],
    )
    with pytest.raises(RequestError, match="Posible fraude"):
        request_approve(request=request, actor=Actor(staff.analyst))


def test_a_fixable_rejection_lets_the_associate_file_again(ana, staff, cemcop):
    request = file_request(ana, "plan_exequial", amount=120_000)
    request_reject(
        request=request,
        actor=Actor(staff.analyst),
        reason=reason(cemcop, "documento_faltante"),
        comment="Falta el registro civil.",
    )
    request.refresh_from_db()
    assert request.status == Status.REJECTED and request.rejection_fixable
    decision = request.decisions.get(kind=Decision.Kind.STAFF)
    assert decision.fixable is True and decision.rejection_reason.code == "documento_faltante"
    request_submit(request=request, actor=Actor(ana.user))
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_a_rejection_marked_not_fixable_cannot_be_filed_again(ana, staff, cemcop):
    request = file_request(ana, "plan_exequial", amount=120_000)
    request_reject(
        request=request, actor=Actor(staff.analyst), reason=reason(cemcop, "mora"), fixable=False
    )
    with pytest.raises(RequestError, match="no se puede subsanar"):
        request_submit(request=request, actor=Actor(ana.user))


def test_asking_for_a_document_records_the_text_the_associate_receives(ana, staff):
    request = file_request(ana, "plan_exequial", amount=120_000)
    request_ask_documents(
        request=request, actor=Actor(staff.analyst), needed="El registro civil del beneficiario."
    )
    request.refresh_from_db()
    event = request.events.last()
    assert request.status == Status.NEEDS_DOCUMENTS
    assert event.comment == "El registro civil del beneficiario." and event.actor == staff.analyst


def test_asking_for_nothing_is_refused(ana, staff):
    request = file_request(ana, "plan_exequial", amount=120_000)
    with pytest.raises(RequestError, match="Escriba"):
        request_ask_documents(request=request, actor=Actor(staff.analyst), needed="  ")


def test_an_exception_goes_to_the_committee_with_its_reason(ana, staff):
    request = file_request(ana, "plan_exequial", amount=120_000, eligible=False)
    request_refer(
        request=request,
        actor=Actor(staff.analyst),
        referral=Referral.EXCEPTION,
        reason="Calamidad documentada.",
    )
    request.refresh_from_db()
    assert (
        request.status == Status.COMMITTEE
        and request.referral == Referral.EXCEPTION
        and request.is_exception
    )
    assert "Calamidad documentada." in request.events.last().comment


def test_a_rejected_request_can_be_taken_to_the_committee_for_reconsideration(ana, staff, cemcop):
    request = file_request(ana, "plan_exequial", amount=120_000)
    request_reject(request=request, actor=Actor(staff.analyst), reason=reason(cemcop, "mora"))
    request_refer(
        request=request,
        actor=Actor(staff.analyst),
        referral=Referral.RECONSIDERATION,
        reason="El asociado se puso al día.",
    )
    request.refresh_from_db()
    assert request.status == Status.COMMITTEE and request.referral == Referral.RECONSIDERATION


def test_a_reconsideration_gets_a_new_review_term_from_the_day_it_is_asked_for(ana, staff, cemcop):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from core.models import HolidayOverride

    filed = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("America/Bogota"))
    request = file_request(ana, "plan_exequial", amount=120_000, now=filed)
    request_reject(request=request, actor=Actor(staff.analyst), reason=reason(cemcop, "mora"))
    asked = filed + timedelta(days=60)

    request_refer(
        request=request,
        actor=Actor(staff.analyst),
        referral=Referral.RECONSIDERATION,
        reason="El asociado se puso al día.",
        now=asked,
    )

    request.refresh_from_db()
    expected = HolidayOverride.calendar().add_business_days(
        asked.date(), cemcop.review_business_days
    )
    assert request.due_on == expected > asked.date()


def test_a_rule_referral_needs_the_rules_to_name_a_body(ana, staff):
    request = file_request(ana, "plan_exequial", amount=120_000)
    with pytest.raises(RequestError, match="como excepción"):
        request_refer(
            request=request, actor=Actor(staff.analyst), referral=Referral.RULES, reason="x"
        )


class TestCemcopArticle8:
    """A request the welfare fund cannot pay is denied, with no second chance."""

    def test_the_approval_becomes_a_denial_for_lack_of_resources(self, cemcop, staff, ana):
        budget = set_budget(cemcop, "welfare", 100_000)
        request = file_request(ana, "plan_exequial", amount=120_000)

        result = request_approve(request=request, actor=Actor(staff.analyst))

        assert result.status == Status.REJECTED
        assert result.no_resources and not result.rejection_fixable
        assert result.rejection_reason.code == "sin_recursos"
        assert "Art. 8" in result.decision_comment
        budget.refresh_from_db()
        assert budget.committed == 0 == ledger_sum(budget)
        assert request.decisions.get(kind=Decision.Kind.STAFF).no_resources

    def test_it_cannot_be_filed_again_nor_reconsidered(self, cemcop, staff, ana):
        set_budget(cemcop, "welfare", 100_000)
        request = file_request(ana, "plan_exequial", amount=120_000)
        request_approve(request=request, actor=Actor(staff.analyst))

        with pytest.raises(RequestError, match="no se puede subsanar"):
            request_submit(request=request, actor=Actor(ana.user))
        with pytest.raises(RequestError, match="falta de recursos"):
            request_refer(
                request=request,
                actor=Actor(staff.analyst),
                referral=Referral.RECONSIDERATION,
                reason="Llegaron recursos nuevos.",
            )


def test_a_fund_that_holds_refuses_the_approval_and_changes_nothing(san_simon):
    from tests.backoffice.helpers import Staff

    people = Staff(san_simon, 80_000_000)
    associate = make_associate(san_simon, document_number="60000001")
    set_budget(san_simon, "welfare", 50_000)
    request = file_request(associate, "vivienda", amount=60_000)
    assert (
        Fund.objects.get(cooperative=san_simon, kind="welfare").when_exhausted == WhenExhausted.HOLD
    )

    with pytest.raises(FundExhausted, match="pendiente hasta que el consejo asigne recursos"):
        request_approve(request=request, actor=Actor(people.analyst))

    request.refresh_from_db()
    assert request.status == Status.IN_REVIEW
    assert not LedgerEntry.objects.filter(request=request).exists()


class TestCoprocenvaArticle6:
    """The Fondo Social takes over what the mutual fund cannot cover."""

    @pytest.fixture
    def setup(self, coprocenva):
        from tests.backoffice.helpers import Staff

        return Staff(coprocenva, 90_000_000), make_associate(coprocenva, document_number="61000001")

    def test_the_mutual_fund_pays_what_it_has_and_the_social_fund_the_rest(self, coprocenva, setup):
        people, associate = setup
        mutual = set_budget(coprocenva, "mutual", 30_000)
        social = set_budget(coprocenva, "social", 1_000_000)
        request = file_request(associate, "muerte_familiar", amount=100_000)

        request_approve(request=request, actor=Actor(people.analyst))

        mutual.refresh_from_db()
        social.refresh_from_db()
        assert mutual.committed == 30_000 == ledger_sum(mutual)
        assert social.committed == 70_000 == ledger_sum(social)
        request.refresh_from_db()
        assert request.status == Status.APPROVED and request.amount_approved == 100_000
        assert "Art. 6" in request.events.last().comment

    def test_when_both_funds_are_exhausted_the_approval_waits(self, coprocenva, setup):
        people, associate = setup
        set_budget(coprocenva, "mutual", 30_000)
        set_budget(coprocenva, "social", 20_000)
        request = file_request(associate, "muerte_familiar", amount=100_000)

        with pytest.raises(FundExhausted):
            request_approve(request=request, actor=Actor(people.analyst))
        assert (
            FundBudget.objects.filter(cooperative=coprocenva).aggregate(s=Sum("committed"))["s"]
            == 0
        )

    def test_revoking_the_approval_gives_each_fund_back_its_share(self, coprocenva, setup):
        people, associate = setup
        mutual = set_budget(coprocenva, "mutual", 30_000)
        social = set_budget(coprocenva, "social", 1_000_000)
        request = file_request(associate, "muerte_familiar", amount=100_000)
        request_approve(request=request, actor=Actor(people.analyst))

        request_reject(
            request=request,
            actor=Actor(people.analyst),
            reason=RejectionReason.objects.get(cooperative=coprocenva, code="factura_usada"),
        )

        mutual.refresh_from_db()
        social.refresh_from_db()
        assert mutual.committed == 0 == ledger_sum(mutual)
        assert social.committed == 0 == ledger_sum(social)
        assert LedgerEntry.objects.filter(request=request, kind="reversal").count() == 2


def test_the_quota_limits_what_staff_approve_and_moves_by_the_ledger(cemcop, staff, ana):
    quota = {"annual": Decimal(200_000), "used": Decimal(0), "available": Decimal(200_000)}
    from benefits import rules

    first = file_request(ana, "salud", amount=150_000, quota=rules.Quota(**quota))
    request_approve(request=first, actor=Actor(staff.analyst))
    second = file_request(ana, "salud", amount=80_000, quota=rules.Quota(**quota))
    with pytest.raises(RequestError, match="cupo anual"):
        request_approve(request=second, actor=Actor(staff.analyst))
    account = ana.quota_accounts.get()
    assert account.used == 150_000
    assert (
        LedgerEntry.objects.filter(quota_account=account).aggregate(s=Sum("amount"))["s"] == 150_000
    )


def test_revoking_takes_the_budget_before_the_quota_as_an_approval_does(cemcop, staff, ana):
    """The same order of locks in both, or an approval and a revocation of one associate deadlock."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benefits import rules

    quota = rules.Quota(annual=Decimal(200_000), used=Decimal(0), available=Decimal(200_000))
    request = file_request(ana, "salud", amount=150_000, quota=quota)
    request_approve(request=request, actor=Actor(staff.analyst))

    with CaptureQueriesContext(connection) as queries:
        request_reject(
            request=request, actor=Actor(staff.analyst), reason=reason(cemcop, "factura_usada")
        )
    tables = [
        table
        for query in queries.captured_queries
        for table in ("benefits_fundbudget", "benefits_quotaaccount")
        if query["sql"].startswith(f'UPDATE "{table}"')
    ]
    assert tables == ["benefits_fundbudget", "benefits_quotaaccount"]
    assert ana.quota_accounts.get().used == 0


def test_an_approval_in_a_disbursement_batch_cannot_be_revoked(cemcop, staff, ana):
    from benefits.services.payouts import batch_build

    request = file_request(ana, "plan_exequial", amount=120_000)
    request_approve(request=request, actor=Actor(staff.analyst))
    batch_build(cooperative=cemcop, actor=Actor(staff.treasury))

    with pytest.raises(RequestError, match="lote"):
        request_reject(
            request=request, actor=Actor(staff.analyst), reason=reason(cemcop, "factura_usada")
        )
    assert BenefitRequest.objects.get(pk=request.pk).status == Status.APPROVED
