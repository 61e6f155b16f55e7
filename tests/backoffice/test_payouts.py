"""Treasury: a batch of approved requests, its CSV for the core banking system, and its payment."""

import csv
import io

import pytest
from django.urls import reverse

from benefits.models import DisbursementBatch, RejectionReason
from benefits.services.backoffice import policy_for
from benefits.services.payouts import (
    PayoutError,
    batch_build,
    batch_cancel,
    batch_csv,
    batch_export,
    batch_mark_paid,
    batch_remove_line,
)
from benefits.services.requests import Actor, request_approve, request_reject
from benefits.states import Status
from members.models import Associate
from notifications.models import Notification
from tests.backoffice.helpers import file_request
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(cemcop, staff, ana):
    requests = []
    for n, amount in enumerate([100_000, 250_000, 75_500]):
        associate = ana if n == 0 else make_associate(cemcop, document_number=str(52_700_000 + n))
        request = file_request(associate, "plan_exequial", amount=amount)
        request_approve(request=request, actor=Actor(staff.analyst))
        request.refresh_from_db()
        requests.append(request)
    return requests


def test_a_batch_holds_every_payable_approved_request_with_its_account_and_total(
    cemcop, staff, approved
):
    result = batch_build(cooperative=cemcop, actor=Actor(staff.treasury))

    batch = result.batch
    assert result.held == [] and batch.number == 1
    assert batch.line_count == 3 and batch.total == sum(r.amount_approved for r in approved)
    assert set(batch.lines.values_list("request_id", flat=True)) == {r.pk for r in approved}


def test_the_csv_has_associate_account_amount_and_radicado_for_the_core_system(
    cemcop, staff, approved
):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch

    rows = list(csv.DictReader(io.StringIO(batch_csv(batch))))

    assert [row["radicado"] for row in rows] == sorted(r.filing_number for r in approved)
    by_filing = {row["radicado"]: row for row in rows}
    for request in approved:
        row = by_filing[request.filing_number]
        assert row["cedula"] == request.associate.document_number
        assert row["asociado"] == request.associate.full_name
        assert row["cuenta"] == request.savings_account.number
        assert row["valor"] == str(int(request.amount_approved))


def test_associates_who_cannot_be_paid_today_are_held_back_with_the_reason(cemcop, staff, approved):
    Associate.objects.filter(pk=approved[1].associate_id).update(arrears_days=12)
    Associate.objects.filter(pk=approved[2].associate_id).update(status=Associate.Status.RETIRED)
    policy = policy_for(cemcop)
    assert policy.payout_max_arrears_days == 0 and policy.payout_article == "Art. 6 lit. b"

    result = batch_build(cooperative=cemcop, actor=Actor(staff.treasury))

    assert result.batch.line_count == 1
    held = {r.pk: why for r, why in result.held}
    assert held[approved[1].pk] == "el asociado tiene 12 días de mora al desembolso (Art. 6 lit. b)"
    assert held[approved[2].pk] == "el asociado se retiró de la cooperativa"


def test_marking_paid_pays_every_request_emails_each_associate_and_is_idempotent(
    cemcop, staff, approved
):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch

    batch_mark_paid(batch=batch, actor=Actor(staff.treasury), bank_reference="PROC-778")
    batch_mark_paid(batch=batch, actor=Actor(staff.treasury), bank_reference="PROC-778")

    batch.refresh_from_db()
    assert batch.status == DisbursementBatch.Status.PAID and batch.paid_by == staff.treasury
    for request in approved:
        request.refresh_from_db()
        assert request.status == Status.PAID and request.paid_at == batch.paid_at
        assert request.events.filter(to_status=Status.PAID).count() == 1
        assert "lote 1" in request.events.last().comment


def test_the_paid_email_is_queued_once_per_request(
    cemcop, staff, approved, django_capture_on_commit_callbacks
):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    with django_capture_on_commit_callbacks(execute=True):
        batch_mark_paid(batch=batch, actor=Actor(staff.treasury))
    with django_capture_on_commit_callbacks(execute=True):
        batch_mark_paid(batch=batch, actor=Actor(staff.treasury))
    assert Notification.objects.filter(template="request_paid").count() == 3


def test_a_request_taken_out_of_the_batch_goes_back_to_be_paid_later(cemcop, staff, approved):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    line = batch.lines.get(request=approved[0])

    batch_remove_line(line=line, actor=Actor(staff.treasury), reason="Cuenta embargada.")

    batch.refresh_from_db()
    assert (
        batch.line_count == 2
        and batch.total == approved[1].amount_approved + approved[2].amount_approved
    )
    assert approved[0].filing_number not in batch_csv(batch)
    second = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    assert list(second.lines.values_list("request_id", flat=True)) == [approved[0].pk]


def test_a_cancelled_batch_cannot_be_paid_and_frees_its_requests(cemcop, staff, approved):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    batch_cancel(batch=batch, actor=Actor(staff.treasury), reason="Archivo con error.")
    with pytest.raises(PayoutError, match="anulado"):
        batch_mark_paid(batch=batch, actor=Actor(staff.treasury))
    assert batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch.line_count == 3


def test_a_request_revoked_after_the_batch_was_built_stops_the_payment(cemcop, staff, approved):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    batch_remove_line(
        line=batch.lines.get(request=approved[0]), actor=Actor(staff.treasury), reason="Revisión"
    )
    request_reject(
        request=approved[0],
        actor=Actor(staff.analyst),
        reason=RejectionReason.objects.get(cooperative=cemcop, code="factura_usada"),
    )
    batch_mark_paid(batch=batch, actor=Actor(staff.treasury))
    approved[0].refresh_from_db()
    assert approved[0].status == Status.REJECTED


def test_treasury_downloads_the_csv_without_caching(client, cemcop, staff, approved):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    client.force_login(staff.treasury)

    response = client.get(reverse("admin:benefits_disbursementbatch_csv", args=[batch.pk]))

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert approved[0].filing_number in response.content.decode()


def test_the_first_download_of_the_file_is_recorded_on_the_batch(client, cemcop, staff, approved):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    url = reverse("admin:benefits_disbursementbatch_csv", args=[batch.pk])
    client.force_login(staff.treasury)
    client.get(url)
    batch.refresh_from_db()
    first = batch.exported_at

    client.force_login(staff.council)
    client.get(url)

    batch.refresh_from_db()
    assert first is not None and batch.exported_at == first
    assert batch.exported_by == staff.treasury
    page = client.get(reverse("admin:benefits_disbursementbatch_change", args=[batch.pk]))
    assert "Archivo descargado para el sistema central el" in page.text


def test_a_downloaded_batch_is_annulled_only_on_word_that_it_was_not_paid(cemcop, staff, approved):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    batch_export(batch=batch, actor=Actor(staff.treasury))

    with pytest.raises(PayoutError, match="se descargó el .*confírmelo en la casilla"):
        batch_cancel(batch=batch, actor=Actor(staff.treasury), reason="Archivo con error.")
    batch.refresh_from_db()
    assert batch.status == DisbursementBatch.Status.OPEN
    assert batch.lines.filter(active=True).count() == 3
    assert batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch is None

    batch_cancel(
        batch=batch, actor=Actor(staff.treasury), reason="Archivo con error.", bank_did_not_pay=True
    )
    batch.refresh_from_db()
    assert batch.status == DisbursementBatch.Status.CANCELLED


def test_a_request_leaves_a_downloaded_batch_only_on_word_that_it_was_not_paid(
    cemcop, staff, approved
):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    batch_export(batch=batch, actor=Actor(staff.treasury))
    line = batch.lines.get(request=approved[0])

    with pytest.raises(PayoutError, match="se descargó el"):
        batch_remove_line(line=line, actor=Actor(staff.treasury), reason="Cuenta embargada.")
    line.refresh_from_db()
    assert line.active

    batch_remove_line(
        line=line, actor=Actor(staff.treasury), reason="Cuenta embargada.", bank_did_not_pay=True
    )
    line.refresh_from_db()
    assert not line.active


def test_annulling_a_downloaded_batch_through_the_page_asks_for_the_word(
    client, cemcop, staff, approved
):
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury)).batch
    client.force_login(staff.treasury)
    client.get(reverse("admin:benefits_disbursementbatch_csv", args=[batch.pk]))
    cancel = reverse("admin:benefits_disbursementbatch_cancel", args=[batch.pk])

    refused = client.post(cancel, {"reason": "Archivo con error."}, follow=True)
    assert "confírmelo en la casilla" in refused.text
    assert 'name="bank_did_not_pay"' in refused.text
    batch.refresh_from_db()
    assert batch.status == DisbursementBatch.Status.OPEN

    client.post(cancel, {"reason": "Archivo con error.", "bank_did_not_pay": "on"})
    batch.refresh_from_db()
    assert batch.status == DisbursementBatch.Status.CANCELLED


def test_treasury_builds_and_pays_through_the_pages(client, cemcop, staff, approved):
    client.force_login(staff.treasury)
    page = client.get(reverse("admin:benefits_disbursementbatch_build"))
    assert page.status_code == 200 and approved[0].filing_number in page.text

    response = client.post(
        reverse("admin:benefits_disbursementbatch_build"), {"cooperative": cemcop.pk}
    )
    batch = DisbursementBatch.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{batch.pk}/change/")
    client.post(
        reverse("admin:benefits_disbursementbatch_pay", args=[batch.pk]), {"bank_reference": "X-1"}
    )
    batch.refresh_from_db()
    assert batch.status == DisbursementBatch.Status.PAID and batch.bank_reference == "X-1"
