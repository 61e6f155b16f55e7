"""document_upload and document_ingest, called as the portal and the worker call them."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benefits.models import Benefit
from benefits.services import Actor, request_create, request_submit, request_update
from invoices.models import Document, Invoice
from invoices.services import (
    LEASE,
    MAX_ATTEMPTS,
    MAX_DOCUMENTS_PER_REQUEST,
    UploadError,
    document_ingest,
    document_remove,
    document_upload,
    stale_document_ids,
)
from tests.factories import (
    AssociateFactory,
    BeneficiaryFactory,
    CooperativeFactory,
    SavingsAccountFactory,
)
from tests.pipeline.conftest import BUYER, SAMPLES, sample_upload

pytestmark = pytest.mark.django_db

SAMPLES_DIR = SAMPLES
NC3_REFERENCE = "e988c01fe2901d1bbf37911758961f7083b6e5c58400552b309549d6fbaa6402c8ff67b51d3c6f4ed478dc94b0c8b0fc"


def upload(draft, name="zip_cufe_named_siigo_FE239_prod.zip", category="health", **kwargs):
    return document_upload(
        request=draft,
        uploaded_file=sample_upload(name, **kwargs),
        kind=Document.Kind.EINVOICE,
        category=category,
    )


def ingest(document):
    document_ingest(document_id=document.pk)
    document.refresh_from_db()
    return document


def codes(document):
    return {w["code"] for w in document.warnings}


def test_an_upload_is_stored_and_recorded_before_anything_reads_it(
    salud_draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        document = upload(salud_draft)
    assert document.status == Document.Status.PENDING
    assert document.file.name.startswith(
        f"cemcop/2025/10/{document.public_id}"
    )  # never the uploaded name
    assert document.file.storage.exists(document.file.name)
    assert len(callbacks) == 1  # the worker is called after commit, not before


def test_the_same_file_uploaded_twice_is_one_document(salud_draft):
    first, second = upload(salud_draft), upload(salud_draft)
    assert first.pk == second.pk
    assert salud_draft.documents.count() == 1


def test_a_real_supplier_zip_is_read_into_its_facts(salud_draft):
    document = ingest(upload(salud_draft))
    assert document.status == Document.Status.READ
    sheet = document.facts["document"]
    assert sheet["number"] == "FE239"
    assert sheet["issue_date"] == "2025-09-12"
    assert sheet["totals"]["payable"] == "2604300.00"
    invoice = Invoice.objects.get(document=document)
    assert invoice.uuid.startswith("0ac7da638f037abb")
    assert invoice.buyer_id == BUYER


def test_an_invoice_bought_by_the_associate_has_no_buyer_warning(salud_draft):
    assert "buyer_mismatch" not in codes(ingest(upload(salud_draft)))


def test_an_invoice_in_someone_elses_name_is_flagged_but_kept(cemcop, october_2025):
    stranger = AssociateFactory(
        cooperative=cemcop, document_number="11223344", data_updated_on=timezone.localdate()
    )
    account = SavingsAccountFactory(associate=stranger)
    draft = request_create(
        associate=stranger,
        benefit=Benefit.objects.get(cooperative=cemcop, code="salud"),
        actor=Actor(),
    )
    request_update(request=draft, actor=Actor(), savings_account=account)
    document = ingest(upload(draft))
    assert document.status == Document.Status.READ
    (warning,) = [w for w in document.warnings if w["code"] == "buyer_mismatch"]
    assert warning["associate"] and "a nombre de otra persona" in warning["message"]


def test_an_invoice_of_a_registered_beneficiary_is_accepted(cemcop, october_2025):
    parent = AssociateFactory(cooperative=cemcop, document_number="99887766")
    BeneficiaryFactory(associate=parent, document_number=BUYER, relationship="child")
    draft = request_create(
        associate=parent,
        benefit=Benefit.objects.get(cooperative=cemcop, code="salud"),
        actor=Actor(),
    )
    assert "buyer_mismatch" not in codes(ingest(upload(draft)))


def test_a_supplier_of_another_trade_is_a_warning_for_staff_not_a_rejection(salud_draft):
    # FE239's supplier declares CIIU 0145 (poultry farming), not health.
    document = ingest(upload(salud_draft))
    assert document.status == Document.Status.READ
    (warning,) = [w for w in document.warnings if w["code"] == "supplier_mismatch"]
    assert "0145" in warning["staff_message"]
    assert not warning["blocking"]


def test_a_cufe_used_again_by_the_same_associate_is_blocked_and_says_where(salud_draft, jhon):
    ingest(upload(salud_draft))
    second = request_create(associate=jhon, benefit=salud_draft.benefit, actor=Actor())
    document = ingest(upload(second))
    (warning,) = [w for w in document.warnings if w["code"] == "cufe_reused"]
    assert warning["blocking"]
    assert Invoice.objects.filter(uuid__startswith="0ac7da638f037abb").count() == 1


def test_a_cufe_used_by_another_associate_is_the_fraud_case_for_staff(salud_draft, cemcop):
    ingest(upload(salud_draft))
    other = AssociateFactory(cooperative=cemcop)
    draft = request_create(associate=other, benefit=salud_draft.benefit, actor=Actor())
    document = ingest(upload(draft))
    (warning,) = [w for w in document.warnings if w["code"] == "cufe_used_by_another_associate"]
    assert "Posible fraude" in warning["staff_message"]
    assert salud_draft.filing_number is None or salud_draft.filing_number not in warning["message"]
    assert "otro asociado" not in warning["message"]  # the associate is not told whose it was


def test_a_cufe_seen_at_another_cooperative_is_flagged_without_saying_which(
    salud_draft, october_2025
):
    other_coop = CooperativeFactory(slug="zeta-coop", name="Cooperativa Zeta")
    other_coop_associate = AssociateFactory(cooperative=other_coop)
    benefit = Benefit.objects.create(
        cooperative=other_coop, code="salud", name="Salud", fund_kind="welfare", evidence="invoice"
    )
    elsewhere = request_create(associate=other_coop_associate, benefit=benefit, actor=Actor())
    ingest(upload(elsewhere))
    document = ingest(upload(salud_draft))
    (warning,) = [w for w in document.warnings if w["code"] == "cufe_seen_elsewhere"]
    assert not warning["associate"] and not warning["blocking"]
    assert "Zeta" not in warning["staff_message"] and "zeta" not in warning["staff_message"]


def test_a_dian_test_environment_document_is_refused(salud_draft):
    document = ingest(upload(salud_draft, name="hab_apidiango_SETP990000002_signed_test.xml"))
    assert document.status == Document.Status.REJECTED
    assert document.error_code == "test_environment"
    assert not Invoice.objects.exists()


def test_a_tampered_invoice_is_read_but_flagged(salud_draft):
    document = ingest(upload(salud_draft, name="ad_p900390126_NC424_anonymized_tampered_prod.xml"))
    assert document.status == Document.Status.READ
    assert "signature_invalid" in codes(document)


def test_a_credit_note_that_annuls_an_uploaded_invoice_is_caught(salud_draft, jhon):
    invoice_document = ingest(upload(salud_draft))
    cufe = invoice_document.facts["document"]["uuid"]
    note = (
        (SAMPLES_DIR / "dian_sample_nc_NC3_signed_test.xml")
        .read_text()
        .replace(
            "<cbc:ProfileExecutionID>2</cbc:ProfileExecutionID>",
            "<cbc:ProfileExecutionID>1</cbc:ProfileExecutionID>",
        )
        .replace(NC3_REFERENCE, cufe)
    )
    draft = request_create(associate=jhon, benefit=salud_draft.benefit, actor=Actor())
    note_document = ingest(
        document_upload(
            request=draft,
            uploaded_file=SimpleUploadedFile("nota.xml", note.encode()),
            kind=Document.Kind.EINVOICE,
        )
    )
    assert "credit_note" in codes(note_document)
    invoice_document.refresh_from_db()
    assert "annulled_by_credit_note" in codes(invoice_document)
    salud_draft.refresh_from_db()
    assert salud_draft.has_warnings


def test_a_zip_bomb_is_refused_with_a_clear_message_and_no_file_content(salud_draft):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("factura.xml", b"<SECRETO-DEL-ARCHIVO/>" + b" " * (60 * 1024 * 1024))
    document = ingest(
        document_upload(
            request=salud_draft,
            uploaded_file=SimpleUploadedFile("bomba.zip", buffer.getvalue()),
            kind=Document.Kind.EINVOICE,
        )
    )
    assert document.status == Document.Status.REJECTED
    assert document.error_code == "zip_bomb"
    assert "SECRETO" not in document.error_message
    assert document.lease_until is None


def test_a_second_worker_finds_the_document_taken_and_does_nothing(salud_draft):
    document = upload(salud_draft)
    assert document_ingest(document_id=document.pk) == Document.Status.READ
    assert document_ingest(document_id=document.pk) is None  # a duplicate delivery
    assert Invoice.objects.count() == 1


def test_a_document_held_past_its_lease_goes_back_to_a_worker(salud_draft):
    document = upload(salud_draft)
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.PROCESSING,
        lease_until=timezone.now() - timedelta(seconds=1),
        attempts=1,
    )
    assert document.pk in stale_document_ids()
    assert ingest(document).status == Document.Status.READ


def test_a_reading_task_is_stopped_before_its_documents_lease_runs_out():
    from invoices.tasks import ingest_document

    assert ingest_document.soft_time_limit < ingest_document.time_limit < LEASE.total_seconds()


def test_a_lost_message_is_found_by_the_sweeper(salud_draft):
    document = upload(salud_draft)
    assert document.pk not in stale_document_ids()  # just uploaded: its own task is coming
    assert document.pk in stale_document_ids(now=timezone.now() + timedelta(minutes=3))


def test_a_document_that_keeps_failing_ends_failed_with_a_reason(salud_draft):
    document = upload(salud_draft)
    Document.objects.filter(pk=document.pk).update(attempts=MAX_ATTEMPTS)
    document = ingest(document)
    assert document.status == Document.Status.FAILED
    assert "Súbelo de nuevo" in document.error_message


def test_unreadable_storage_releases_the_document_for_a_retry(salud_draft):
    document = upload(salud_draft)
    document.file.storage.delete(document.file.name)
    with pytest.raises(OSError):
        document_ingest(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == Document.Status.PENDING
    assert document.attempts == 1


def test_an_oversized_upload_is_refused_before_it_is_stored(salud_draft, settings):
    settings.INVOICE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UploadError, match="pesa más de"):
        upload(salud_draft)
    assert not Document.objects.exists()


def test_an_empty_file_is_refused(salud_draft):
    with pytest.raises(UploadError, match="vacío"):
        document_upload(
            request=salud_draft,
            uploaded_file=SimpleUploadedFile("x.zip", b""),
            kind=Document.Kind.EINVOICE,
        )


def test_a_supporting_document_must_be_a_pdf_or_an_image(salud_draft):
    with pytest.raises(UploadError, match="PDF, JPG o PNG"):
        document_upload(
            request=salud_draft,
            uploaded_file=SimpleUploadedFile("x.pdf", b"MZ\x90\x00"),
            kind=Document.Kind.SUPPORT,
        )
    document = document_upload(
        request=salud_draft,
        uploaded_file=SimpleUploadedFile("x.pdf", b"%PDF-1.7 ..."),
        kind=Document.Kind.SUPPORT,
    )
    assert document.status == Document.Status.READ


def test_removing_a_document_frees_its_cufe_for_another_request(salud_draft, jhon):
    document = ingest(upload(salud_draft))
    document_remove(document=document)
    second = request_create(associate=jhon, benefit=salud_draft.benefit, actor=Actor())
    assert "cufe_reused" not in codes(ingest(upload(second)))


def test_a_file_the_worker_failed_on_is_read_again_when_uploaded_again(salud_draft):
    document = upload(salud_draft)
    Document.objects.filter(pk=document.pk).update(attempts=MAX_ATTEMPTS)
    assert ingest(document).status == Document.Status.FAILED
    again = upload(salud_draft)
    assert again.pk == document.pk
    assert (again.status, again.attempts, again.error_message) == (Document.Status.PENDING, 0, "")
    assert ingest(again).status == Document.Status.READ


def test_an_invoice_blocked_by_another_request_counts_once_freed_and_uploaded_again(
    salud_draft, jhon
):
    there = ingest(upload(salud_draft))
    second = request_create(associate=jhon, benefit=salud_draft.benefit, actor=Actor())
    second = request_update(request=second, actor=Actor(), savings_account=jhon.accounts.first())
    here = ingest(upload(second))
    assert "cufe_reused" in codes(here)
    document_remove(document=there)
    here = ingest(upload(second))
    assert "cufe_reused" not in codes(here)
    assert Invoice.objects.get().document == here


def test_uploading_a_file_again_while_it_is_read_or_once_recorded_changes_nothing(salud_draft):
    pending = upload(salud_draft)
    assert upload(salud_draft).status == Document.Status.PENDING
    read = ingest(pending)
    again = upload(salud_draft)
    assert (again.status, again.processed_at) == (Document.Status.READ, read.processed_at)


def test_reading_a_document_takes_a_bounded_number_of_queries(salud_draft):
    document = upload(salud_draft)
    with CaptureQueriesContext(connection) as queries:
        document_ingest(document_id=document.pk)
    assert len(queries) < 25


def test_an_invoice_outside_the_filing_window_is_flagged_with_the_rules_words(salud_draft):
    # CEMCOP Art. 41: the service must be of the fiscal year in which it is filed.
    import time_machine

    with time_machine.travel("2026-01-15 10:00 -05:00", tick=True):
        document = ingest(upload(salud_draft))
    (warning,) = [w for w in document.warnings if w["code"] == "out_of_window"]
    assert warning["associate"] and "2026" in warning["message"]
    assert "Art. 41" in warning["staff_message"]


def test_an_invoice_inside_the_filing_window_is_not_flagged(salud_draft):
    assert "out_of_window" not in codes(ingest(upload(salud_draft)))


@pytest.fixture
def evaluations_queued(monkeypatch):
    """The request ids handed to the evaluation task (readings and emails are not queued at all)."""
    queued = []
    monkeypatch.setattr("benefits.tasks.evaluate_request.delay", queued.append)
    monkeypatch.setattr("invoices.tasks.ingest_document.delay", lambda *args: None)
    monkeypatch.setattr("notifications.tasks.send_notification.delay", lambda *args: None)
    return queued


def test_a_request_filed_while_its_invoice_is_read_is_evaluated_when_the_reading_ends(
    salud_draft, evaluations_queued, django_capture_on_commit_callbacks
):
    document = upload(salud_draft)
    with django_capture_on_commit_callbacks(execute=True):
        request_submit(request=salud_draft, actor=Actor())
    assert evaluations_queued == []  # the reader queues it: no task that would find it unread
    with django_capture_on_commit_callbacks(execute=True):
        document_ingest(document_id=document.pk)
    assert evaluations_queued == [salud_draft.pk]


def test_a_request_filed_after_its_invoice_was_read_is_evaluated_at_once(
    salud_draft, evaluations_queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ingest(upload(salud_draft))
    assert evaluations_queued == []  # a draft: nothing to evaluate yet
    with django_capture_on_commit_callbacks(execute=True):
        request_submit(request=salud_draft, actor=Actor())
    assert evaluations_queued == [salud_draft.pk]


def test_a_filed_request_whose_last_invoice_is_refused_still_goes_to_the_rules(
    salud_draft, evaluations_queued, django_capture_on_commit_callbacks
):
    document = upload(salud_draft, name="inv_siigo_FE254_prod.xml", as_name="roto.xml")
    Document.objects.filter(pk=document.pk).update(status=Document.Status.PROCESSING)
    with django_capture_on_commit_callbacks(execute=True):
        request_submit(request=salud_draft, actor=Actor())
    assert evaluations_queued == []
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.PENDING, attempts=MAX_ATTEMPTS + 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert document_ingest(document_id=document.pk) == Document.Status.FAILED
    assert evaluations_queued == [salud_draft.pk]  # staff see it with the failed file


def test_the_same_file_again_on_a_full_request_is_the_file_it_already_has(salud_draft):
    first = upload(salud_draft)
    for n in range(MAX_DOCUMENTS_PER_REQUEST - 1):
        document_upload(
            request=salud_draft,
            uploaded_file=SimpleUploadedFile(f"soporte{n}.pdf", b"%PDF-1.4 " + bytes([n])),
            kind=Document.Kind.SUPPORT,
        )
    assert upload(salud_draft).pk == first.pk  # a retry, not a twenty-first file
    with pytest.raises(UploadError, match="hasta 20 archivos"):
        upload(salud_draft, name="inv_siigo_FE254_prod.xml")
