"""Auxilios, + Solicitar auxilio, and following a request — through the portal's URLs."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benefits.models import Benefit, BenefitRequest
from benefits.services import Actor, request_create, request_submit
from benefits.states import Status
from invoices.models import Document
from tests.pipeline.conftest import SAMPLES
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db

FE254 = (SAMPLES / "inv_siigo_FE254_prod.xml").read_bytes()


def url(name, **kwargs):
    return reverse(name, kwargs={"coop": "cemcop", **kwargs})


def start(client, code="salud"):
    response = client.post(url("request_new"), {"benefit": code})
    assert response.status_code == 302
    return BenefitRequest.objects.latest("created_at")


def upload_fe254(client, draft, **kwargs):
    """Uploads a real DIAN e-invoice (../shared/dian-samples) from the draft's page."""
    return client.post(
        url("document_add", public_id=draft.public_id),
        {"category": "health", "file": SimpleUploadedFile("FE254.xml", FE254)},
        **kwargs,
    )


def a_read_invoice_on(draft) -> Document:
    """An e-invoice the worker has read, as filing needs one."""
    return Document.objects.create(
        cooperative=draft.cooperative,
        request=draft,
        kind="einvoice",
        original_name="f.zip",
        size=1,
        sha256="x",
        uploaded_at=draft.created_at,
        status="read",
        facts={"document": {"issue_date": "2026-01-02", "totals": {"payable": "100"}}},
    )


def test_the_auxilios_page_shows_the_cemcop_quota(logged_in, ana):
    page = logged_in.get(url("dashboard"))
    assert page.status_code == 200
    assert "Valor total del cupo" in page.text and "$1.500.000" in page.text
    assert "Monto disponible para solicitar" in page.text
    assert "te corresponde el 100 % del monto único" in page.text


def test_the_auxilios_page_says_why_a_benefit_cannot_be_requested_yet(client, cemcop):
    newcomer = make_associate(cemcop, joined_on=__import__("datetime").date.today())
    client.force_login(newcomer.user, backend="members.backends.AssociateBackend")
    page = client.get(url("dashboard"))
    assert "Aún no puedes solicitar" in page.text
    assert "antigüedad" in page.text


def test_asking_for_a_benefit_opens_a_draft_and_a_double_click_opens_the_same_one(logged_in, ana):
    first, second = start(logged_in), start(logged_in)
    assert first.pk == second.pk
    assert first.status == Status.DRAFT


def test_an_unknown_benefit_is_refused_with_a_message(logged_in, ana):
    response = logged_in.post(url("request_new"), {"benefit": "no-existe"}, follow=True)
    assert "Escoge uno de los auxilios" in response.text


def test_the_draft_keeps_the_chosen_account_and_beneficiary(logged_in, ana):
    draft = start(logged_in)
    child = ana.beneficiaries.get()
    response = logged_in.post(
        url("request_edit", public_id=draft.public_id),
        {"beneficiary": child.pk, "savings_account": ana.accounts.get().pk},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.beneficiary == child and draft.savings_account == ana.accounts.get()


def test_another_associates_beneficiary_cannot_be_chosen(logged_in, ana, cemcop):
    stranger = make_associate(cemcop)
    from tests.factories import BeneficiaryFactory

    theirs = BeneficiaryFactory(associate=stranger)
    draft = start(logged_in)
    response = logged_in.post(
        url("request_edit", public_id=draft.public_id),
        {"beneficiary": theirs.pk, "savings_account": ana.accounts.get().pk},
    )
    assert response.status_code == 200
    assert "beneficiary" in response.context["form"].errors


def test_uploading_shows_the_invoice_and_filing_sends_it_to_review(
    logged_in, ana, settings, django_capture_on_commit_callbacks
):
    draft = start(logged_in)
    logged_in.post(
        url("request_edit", public_id=draft.public_id), {"savings_account": ana.accounts.get().pk}
    )
    upload_fe254(logged_in, draft)
    document = draft.documents.get()
    from invoices.services import document_ingest

    document_ingest(document_id=document.pk)
    fragment = logged_in.get(url("request_documents", public_id=draft.public_id))
    assert "FE254" in fragment.text and "Proveedor" in fragment.text
    assert "a nombre de otra persona" in fragment.text  # Ana's cédula is not the buyer's
    response = logged_in.post(url("request_file", public_id=draft.public_id))
    assert response["Location"] == url("request_detail", public_id=draft.public_id)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.filing_number.startswith("CEM-")


def test_filing_twice_files_once(logged_in, ana):
    draft = start(logged_in, code="salud")
    BenefitRequest.objects.filter(pk=draft.pk).update(savings_account=ana.accounts.get())
    a_read_invoice_on(draft)
    logged_in.post(url("request_file", public_id=draft.public_id))
    second = logged_in.post(url("request_file", public_id=draft.public_id), follow=True)
    draft.refresh_from_db()
    assert draft.events.filter(to_status=Status.SUBMITTED).count() == 1
    assert second.redirect_chain == [(url("request_detail", public_id=draft.public_id), 302)]
    assert not [m for m in second.context["messages"] if m.level_tag == "error"]


def test_filing_a_withdrawn_request_shows_its_page_and_files_nothing(logged_in, ana):
    draft = start(logged_in)
    logged_in.post(url("request_withdraw", public_id=draft.public_id))
    response = logged_in.post(url("request_file", public_id=draft.public_id))
    assert response["Location"] == url("request_detail", public_id=draft.public_id)
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN and draft.filing_number is None


def test_filing_without_an_account_or_invoice_says_what_is_missing(logged_in, ana):
    draft = start(logged_in)
    response = logged_in.post(url("request_file", public_id=draft.public_id), follow=True)
    assert "Escoge en «Cuentas»" in response.text
    assert "Sube al menos una factura" in response.text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_hostile_upload_gets_a_clear_spanish_message_and_loses_nothing(logged_in, ana):
    draft = start(logged_in)
    logged_in.post(
        url("request_edit", public_id=draft.public_id), {"savings_account": ana.accounts.get().pk}
    )
    response = logged_in.post(
        url("document_add", public_id=draft.public_id),
        {"category": "health", "file": SimpleUploadedFile("x.zip", b"")},
        follow=True,
    )
    assert "Vuelve a descargarlo del correo de tu proveedor" in response.text
    assert "fichero" not in response.text  # not Django's own (Spain's) wording
    draft.refresh_from_db()
    assert draft.savings_account == ana.accounts.get()  # what she already gave is kept


def test_the_request_page_shows_the_radicado_timeline_and_deadline(logged_in, ana):
    benefit = Benefit.objects.get(cooperative=ana.cooperative, code="salud")
    draft = request_submit(
        request=request_create(associate=ana, benefit=benefit, actor=Actor()), actor=Actor()
    )
    page = logged_in.get(url("request_detail", public_id=draft.public_id))
    assert draft.filing_number in page.text
    assert "Radicada" in page.text
    assert "Respuesta a más tardar" in page.text and "5 días hábiles" in page.text


def test_another_associates_request_is_a_404(logged_in, cemcop):
    stranger = make_associate(cemcop)
    theirs = request_create(
        associate=stranger,
        benefit=Benefit.objects.get(cooperative=cemcop, code="salud"),
        actor=Actor(),
    )
    for name in ("request_detail", "request_edit", "request_documents"):
        assert logged_in.get(url(name, public_id=theirs.public_id)).status_code == 404
    for name in ("request_file", "document_add"):
        assert logged_in.post(url(name, public_id=theirs.public_id)).status_code == 404


def test_another_associates_document_is_a_404(logged_in, cemcop):
    stranger = make_associate(cemcop)
    theirs = request_create(
        associate=stranger,
        benefit=Benefit.objects.get(cooperative=cemcop, code="salud"),
        actor=Actor(),
    )
    document = Document.objects.create(
        cooperative=cemcop,
        request=theirs,
        kind="support",
        original_name="a.pdf",
        size=1,
        sha256="y",
        uploaded_at=theirs.created_at,
        status="read",
    )
    assert (
        logged_in.get(url("document_download", document_id=document.public_id)).status_code == 404
    )


def test_the_associate_downloads_her_own_document_as_an_attachment(logged_in, ana):
    draft = start(logged_in)
    logged_in.post(
        url("document_add", public_id=draft.public_id),
        {"file": SimpleUploadedFile("soporte.pdf", b"%PDF-1.7 hola"), "category": "health"},
    )
    document = draft.documents.get()
    response = logged_in.get(url("document_download", document_id=document.public_id))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store"


def test_a_document_whose_file_is_gone_is_a_404_not_an_error_page(logged_in, ana):
    draft = start(logged_in)
    logged_in.post(
        url("document_add", public_id=draft.public_id),
        {"file": SimpleUploadedFile("soporte.pdf", b"%PDF-1.7 hola"), "category": "health"},
    )
    document = draft.documents.get()
    document.file.storage.delete(document.file.name)
    response = logged_in.get(url("document_download", document_id=document.public_id))
    assert response.status_code == 404


def test_an_upload_no_worker_has_read_for_minutes_says_it_is_late_and_nothing_is_lost(
    logged_in, ana
):
    draft = start(logged_in)
    upload_fe254(logged_in, draft)
    fragment = url("request_documents", public_id=draft.public_id)
    assert "Estamos leyendo la factura" in logged_in.get(fragment).text
    Document.objects.update(uploaded_at=timezone.now() - timedelta(minutes=3))
    late = logged_in.get(fragment).text
    assert "tardando más de lo normal" in late and "No tienes que volver a subirla" in late


def page_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_portal_pages_run_a_constant_number_of_queries_whatever_the_history(logged_in, ana):
    benefit = Benefit.objects.get(cooperative=ana.cooperative, code="salud")
    first = request_create(associate=ana, benefit=benefit, actor=Actor())
    request_submit(request=first, actor=Actor())
    draft = request_create(associate=ana, benefit=benefit, actor=Actor())
    pages = [
        url("dashboard"),
        url("request_new"),
        url("request_detail", public_id=first.public_id),
        url("request_edit", public_id=draft.public_id),
        url("request_documents", public_id=draft.public_id),
        url("beneficiaries"),
    ]
    logged_in.get(pages[0])  # the first page after logging in stamps the session (core.middleware)
    before = [page_queries(logged_in, path) for path in pages]
    for _ in range(8):
        request_submit(
            request=request_create(associate=ana, benefit=benefit, actor=Actor()), actor=Actor()
        )
    # Some granted, for a beneficiary: the rules' history reads them on the Auxilios pages.
    granted = BenefitRequest.objects.filter(associate=ana, status="submitted")[:4]
    BenefitRequest.objects.filter(pk__in=[r.pk for r in granted]).update(
        status="approved",
        beneficiary=ana.beneficiaries.get(),
        event_date=timezone.localdate(),
        decided_at=timezone.now(),
        amount_approved=50_000,
    )
    after = [page_queries(logged_in, path) for path in pages]
    assert before == after


def test_the_associate_can_give_up_a_draft_and_its_invoices_are_freed(logged_in, ana):
    draft = start(logged_in)
    response = logged_in.post(url("request_withdraw", public_id=draft.public_id), follow=True)
    assert "Desististe de la solicitud" in response.text
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN
    logged_in.post(
        url("request_withdraw", public_id=draft.public_id)
    )  # twice: nothing more happens
    assert draft.events.filter(to_status=Status.WITHDRAWN).count() == 1


def test_a_request_under_review_cannot_be_withdrawn(logged_in, ana):
    benefit = Benefit.objects.get(cooperative=ana.cooperative, code="salud")
    filed = request_submit(
        request=request_create(associate=ana, benefit=benefit, actor=Actor()), actor=Actor()
    )
    response = logged_in.post(url("request_withdraw", public_id=filed.public_id), follow=True)
    assert "ya no se puede desistir" in response.text


def test_an_upload_from_the_page_script_answers_with_the_documents_it_now_has(logged_in, ana):
    draft = start(logged_in)
    fragment = upload_fe254(logged_in, draft, headers={"X-Requested-With": "fetch"})
    assert fragment.status_code == 200
    assert "FE254.xml" in fragment.text and "Estamos leyendo la factura" in fragment.text
    assert 'id="documents"' in fragment.text and "<html" not in fragment.text
    assert draft.documents.get().original_name == "FE254.xml"


def test_a_request_takes_at_most_twenty_files(logged_in, ana):
    draft = start(logged_in)
    for n in range(20):
        logged_in.post(
            url("document_add", public_id=draft.public_id),
            {"category": "health", "file": SimpleUploadedFile(f"f{n}.zip", b"PK%d" % n)},
        )
    response = logged_in.post(
        url("document_add", public_id=draft.public_id),
        {"category": "health", "file": SimpleUploadedFile("f20.zip", b"PK20")},
        follow=True,
    )
    assert "Una solicitud admite hasta 20 archivos." in response.text
    assert draft.documents.count() == 20


def test_an_invoice_benefit_also_takes_the_supporting_documents_its_reglamento_asks_for(
    logged_in, ana
):
    draft = start(logged_in)  # CEMCOP salud: the invoice and, where needed, the medical order
    page = logged_in.get(url("request_edit", public_id=draft.public_id))
    assert "Orden médica" in page.text
    response = logged_in.post(
        url("document_add", public_id=draft.public_id),
        {"kind": "support", "file": SimpleUploadedFile("orden.pdf", b"%PDF-1.7 orden medica")},
        follow=True,
    )
    assert "el PDF solo no sirve" not in response.text
    (document,) = draft.documents.all()
    assert (document.kind, document.status, document.category) == ("support", "read", "")


def test_an_e_invoice_still_needs_its_category(logged_in, ana):
    draft = start(logged_in)
    response = logged_in.post(
        url("document_add", public_id=draft.public_id),
        {"kind": "einvoice", "file": SimpleUploadedFile("f.zip", b"PK\x03\x04")},
        follow=True,
    )
    assert "Escoge la categoría de la factura." in response.text
    assert not draft.documents.exists()


def test_details_sent_along_with_an_upload_are_saved(logged_in, ana):
    draft = start(logged_in)
    account = ana.accounts.get()
    logged_in.post(
        url("document_add", public_id=draft.public_id),
        {
            "kind": "support",
            "file": SimpleUploadedFile("orden.pdf", b"%PDF-1.7 orden"),
            "details": "1",
            "savings_account": account.pk,
        },
    )
    draft.refresh_from_db()
    assert draft.savings_account == account and draft.documents.count() == 1


def test_details_sent_along_with_solicitar_are_saved_before_it_checks_what_is_missing(
    logged_in, ana
):
    draft = start(logged_in)
    a_read_invoice_on(draft)
    response = logged_in.post(
        url("request_file", public_id=draft.public_id),
        {"details": "1", "savings_account": ana.accounts.get().pk},
    )
    assert response["Location"] == url("request_detail", public_id=draft.public_id)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.savings_account == ana.accounts.get()


def test_details_sent_along_that_do_not_validate_are_named_and_the_upload_still_counts(
    logged_in, ana
):
    draft = start(logged_in)
    response = logged_in.post(
        url("document_add", public_id=draft.public_id),
        {
            "kind": "support",
            "file": SimpleUploadedFile("orden.pdf", b"%PDF-1.7 orden"),
            "details": "1",
            "savings_account": "999999",
        },
        follow=True,
    )
    assert "Revisa «Beneficiario y cuenta»" in response.text
    assert draft.documents.count() == 1


def test_desistir_is_offered_only_where_it_can_be_done(logged_in, ana):
    draft = start(logged_in)
    edit = url("request_edit", public_id=draft.public_id)
    assert "Desistir de esta solicitud" in logged_in.get(edit).text
    BenefitRequest.objects.filter(pk=draft.pk).update(
        status=Status.REJECTED, rejection_fixable=True, filing_number="CEM-2026-000001"
    )
    page = logged_in.get(edit)
    assert "Puedes corregirla y volver a radicarla" in page.text
    assert "Desistir de esta solicitud" not in page.text


def test_a_file_sent_as_the_request_is_filed_in_another_tab_is_refused(logged_in, ana):
    from invoices.services import UploadError, document_upload

    draft = start(logged_in)
    BenefitRequest.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    with pytest.raises(UploadError, match="ya no admite documentos"):
        document_upload(  # the page's copy of the request still says «borrador»
            request=draft,
            uploaded_file=SimpleUploadedFile("orden.pdf", b"%PDF-1.7"),
            kind=Document.Kind.SUPPORT,
        )
    assert not draft.documents.exists()
