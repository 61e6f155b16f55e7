"""The pipeline end to end through a real Celery worker on Redis (no eager mode)."""

import threading
import time
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from benefits.models import Benefit, Decision
from benefits.services import Actor, request_create, request_submit
from benefits.states import Status
from invoices.models import Document, Invoice
from invoices.services import document_upload
from tests.factories import AssociateFactory
from tests.pipeline.conftest import sample_upload

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def wait_for(condition, *, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("the worker did not finish in time")


def settled(document):
    document.refresh_from_db()
    return document.status not in Document.UNREAD


def test_the_worker_reads_an_uploaded_zip(celery_worker, salud_draft):
    document = document_upload(
        request=salud_draft,
        uploaded_file=sample_upload("zip_cufe_named_siigo_FE239_prod.zip"),
        kind=Document.Kind.EINVOICE,
        category="health",
    )
    wait_for(lambda: settled(document))
    assert document.status == Document.Status.READ
    assert document.facts["document"]["number"] == "FE239"


def test_a_filed_request_gets_the_rules_proposal_with_its_trace(celery_worker, salud_draft, jhon):
    document = document_upload(
        request=salud_draft,
        uploaded_file=sample_upload("inv_siigo_FE254_prod.xml"),
        kind=Document.Kind.EINVOICE,
        category="health",
    )
    wait_for(lambda: settled(document))
    request_submit(request=salud_draft, actor=Actor(user=jhon.user))
    wait_for(
        lambda: salud_draft.__class__.objects.get(pk=salud_draft.pk).status == Status.IN_REVIEW
    )
    salud_draft.refresh_from_db()
    proposal = salud_draft.decisions.get(kind=Decision.Kind.PROPOSAL)
    # Ten years of seniority: the whole annual amount, $1.500.000, caps the $2.557.500 invoice.
    assert proposal.eligible
    assert proposal.amount == 1_500_000
    assert salud_draft.amount_proposed == 1_500_000
    assert all(reason["article"] for reason in proposal.reasons)
    assert proposal.quota == {"annual": "1500000", "used": "0", "available": "1500000"}
    assert salud_draft.filing_number.startswith("CEM-2025-")
    # The event the filing window and the quota year count from: the invoice's date.
    assert salud_draft.event_date == date(2025, 10, 3)
    wait_for(lambda: any("Recibimos tu solicitud" in m.subject for m in mail.outbox))


def test_a_filed_request_without_documents_still_reaches_staff(celery_worker, jhon):
    benefit = Benefit.objects.get(cooperative=jhon.cooperative, code="salud")
    draft = request_create(associate=jhon, benefit=benefit, actor=Actor())
    request_submit(request=draft, actor=Actor())
    wait_for(lambda: draft.__class__.objects.get(pk=draft.pk).status == Status.IN_REVIEW)
    proposal = draft.decisions.get(kind=Decision.Kind.PROPOSAL)
    assert not proposal.eligible and proposal.amount == 0


def test_two_associates_uploading_the_same_cufe_at_once_leave_one_use(
    celery_worker, salud_draft, cemcop
):
    other = AssociateFactory(cooperative=cemcop)
    other_draft = request_create(associate=other, benefit=salud_draft.benefit, actor=Actor())
    barrier = threading.Barrier(2)
    documents = []

    def upload(draft):
        barrier.wait()
        try:
            documents.append(
                document_upload(
                    request=draft,
                    uploaded_file=sample_upload("inv_facture_EMH15818_prod.xml"),
                    kind=Document.Kind.EINVOICE,
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(d,)) for d in (salud_draft, other_draft)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for document in documents:
        wait_for(lambda document=document: settled(document))
    assert Invoice.objects.count() == 1
    flagged = [d for d in documents if any(w["blocking"] for w in d.warnings)]
    assert len(flagged) == 1
