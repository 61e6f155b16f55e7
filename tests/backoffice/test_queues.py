"""The queues staff work from, and the search by cédula, name, radicado or CUFE."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from benefits.backoffice.queues import QUEUE_BY_SLUG, queue_context, with_warning_group
from benefits.models import BenefitRequest
from benefits.services.requests import Actor, request_approve, request_refer
from benefits.states import Status
from invoices.models import Document, Invoice
from tests.backoffice.helpers import Staff, file_request
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db
BOGOTA = ZoneInfo("America/Bogota")


def in_queue(slug, cooperative, today):
    ctx = queue_context([cooperative.pk], today=today)
    return set(
        QUEUE_BY_SLUG[slug].apply(BenefitRequest.objects.filter(cooperative=cooperative), ctx)
    )


def test_the_review_deadline_is_counted_in_business_days_with_colombian_holidays(san_simon):
    san_simon.review_business_days = 10
    san_simon.save()
    associate = make_associate(san_simon, document_number="60100001")
    with time_machine.travel(datetime(2026, 7, 8, 9, tzinfo=BOGOTA), tick=False):
        request = file_request(associate, "vivienda", amount=100_000)
    # Ten business days from 8 July 2026 skip the weekends and the holidays of 13 and 20 July.
    assert request.due_on == date(2026, 7, 24)


def test_overdue_and_nearing_follow_the_business_calendar(cemcop, ana):
    overdue, nearing, later = (file_request(ana, "plan_exequial", amount=1_000) for _ in range(3))
    BenefitRequest.objects.filter(pk=overdue.pk).update(due_on=date(2026, 3, 19))
    BenefitRequest.objects.filter(pk=nearing.pk).update(due_on=date(2026, 3, 25))
    BenefitRequest.objects.filter(pk=later.pk).update(due_on=date(2026, 3, 26))
    friday = date(
        2026, 3, 20
    )  # Monday 23 March 2026 is San José: two business days reach Wednesday 25

    assert in_queue("vencidas", cemcop, friday) == {overdue}
    assert in_queue("por_vencer", cemcop, friday) == {nearing}


def test_requests_waiting_on_the_associate_are_not_overdue(cemcop, ana, staff):
    request = file_request(ana, "plan_exequial", amount=1_000)
    BenefitRequest.objects.filter(pk=request.pk).update(
        due_on=date(2026, 1, 2), status=Status.NEEDS_DOCUMENTS
    )
    assert request not in in_queue("vencidas", cemcop, date(2026, 3, 20))
    assert request in in_queue("documentos_solicitados", cemcop, date(2026, 3, 20))


def test_the_committee_queue_holds_referrals_and_what_the_rules_leave_to_a_body(cemcop, ana, staff):
    by_rule = file_request(ana, "plan_exequial", amount=1_000, approver="committee")
    exception = file_request(ana, "plan_exequial", amount=1_000, eligible=False)
    request_refer(request=exception, actor=Actor(staff.analyst), referral="exception", reason="x")
    staff_decides = file_request(ana, "plan_exequial", amount=1_000)
    queue = in_queue("para_comite", cemcop, date.today())
    assert by_rule in queue and exception in queue and staff_decides not in queue


def test_approved_requests_wait_to_be_paid_until_they_are_in_a_batch(cemcop, ana, staff):
    from benefits.services.payouts import batch_build

    request = file_request(ana, "plan_exequial", amount=1_000)
    request_approve(request=request, actor=Actor(staff.analyst))
    assert request in in_queue("aprobadas_por_pagar", cemcop, date.today())
    batch_build(cooperative=cemcop, actor=Actor(staff.treasury))
    assert request not in in_queue("aprobadas_por_pagar", cemcop, date.today())
    assert request in in_queue("en_lote", cemcop, date.today())


def test_fixable_rejections_have_their_own_queue(cemcop, ana, staff):
    from benefits.models import RejectionReason
    from benefits.services.requests import request_reject

    fixable, final = (file_request(ana, "plan_exequial", amount=1_000) for _ in range(2))
    request_reject(
        request=fixable,
        actor=Actor(staff.analyst),
        reason=RejectionReason.objects.get(cooperative=cemcop, code="documento_faltante"),
    )
    request_reject(
        request=final,
        actor=Actor(staff.analyst),
        reason=RejectionReason.objects.get(cooperative=cemcop, code="fuera_de_plazo"),
    )
    assert in_queue("rechazadas_subsanables", cemcop, date.today()) == {fixable}


@pytest.mark.parametrize(
    ("group", "code"),
    [
        ("duplicados", "cufe_used_by_another_associate"),
        ("proveedor", "supplier_mismatch"),
        ("titular", "buyer_mismatch"),
        ("firma_dian", "signature_invalid"),
    ],
)
def test_warnings_are_found_by_what_they_mean(cemcop, ana, group, code):
    flagged, clean = (
        file_request(ana, "plan_exequial", amount=1_000, has_warnings=True) for _ in range(2)
    )
    for request, warnings in (
        (flagged, [{"code": code, "staff_message": "x"}]),
        (clean, [{"code": "other"}]),
    ):
        Document.objects.create(
            cooperative=cemcop,
            request=request,
            kind="einvoice",
            original_name="f.zip",
            size=1,
            sha256=str(request.pk),
            uploaded_at=request.created_at,
            status="read",
            warnings=warnings,
        )
    found = with_warning_group(BenefitRequest.objects.filter(cooperative=cemcop), group)
    assert list(found) == [flagged]


class TestSearch:
    @pytest.fixture
    def found(self, client, cemcop, ana, staff):
        request = file_request(ana, "plan_exequial", amount=1_000)
        other = file_request(
            make_associate(cemcop, first_names="Otoniel", document_number="52000999"),
            "plan_exequial",
            amount=1_000,
        )
        document = Document.objects.create(
            cooperative=cemcop,
            request=request,
            kind="einvoice",
            original_name="f",
            size=1,
            sha256="s",
            uploaded_at=request.created_at,
            status="read",
        )
        Invoice.objects.create(
            cooperative=cemcop,
            document=document,
            request=request,
            uuid="ab" * 48,
            kind="invoice",
            number="F-1",
            issue_date=date(2026, 2, 1),
            environment="production",
            issuer_id="1",
            issuer_name="X",
            buyer_id="1",
            payable=1,
        )
        client.force_login(staff.analyst)

        def search(term):
            page = client.get(reverse("admin:benefits_benefitrequest_changelist"), {"q": term})
            listed = {row.pk for row in page.context["cl"].result_list}  # not the echoed search box
            return request.pk in listed, other.pk in listed

        return search, request

    def test_by_cedula(self, found, ana):
        search, _ = found
        assert search(ana.document_number) == (True, False)

    def test_by_name(self, found):
        search, _ = found
        assert search("Zúñiga Prieto") == (True, False)
        assert search("Otoniel") == (False, True)

    def test_every_word_of_a_name_must_name_the_same_person(self, found):
        search, _ = found
        assert search("Ana Prieto") == (True, False)
        assert search("Ana Otoniel") == (False, False)

    def test_by_radicado(self, found):
        search, request = found
        assert search(request.filing_number) == (True, False)

    def test_a_radicado_and_a_name_must_both_fit_the_request(self, found):
        search, request = found
        assert search(f"{request.filing_number} zúñiga") == (True, False)
        assert search(f"{request.filing_number} Otoniel") == (False, False)

    def test_by_cufe_whatever_its_case(self, found):
        search, _ = found
        assert search(("ab" * 48).upper()) == (True, False)


def test_the_queue_pages_show_bounded_counts_per_cooperative(client, cemcop, san_simon):
    people = Staff(cemcop, 72_000_000)
    client.force_login(people.analyst)
    page = client.get(reverse("admin:benefits_benefitrequest_queues"))
    assert page.status_code == 200 and "Vencidas" in page.text and "CEMCOP" in page.text
    assert "San Simón" not in page.text
