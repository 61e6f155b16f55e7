"""Invoices the reader can parse but the portal cannot use: refused with a reason, never a crash.

The reader reports missing parts as empty (../shared/contracts/parse_invoice.md);
an e-invoice without its CUFE, its issue date or a total the portal can store
cannot be checked against the rules or the duplicates, so the upload is
refused with what to ask the supplier for — at once, not after a worker's
retries end in «Error al procesar».
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from invoices.models import Document, Invoice
from invoices.services import document_ingest, document_upload
from tests.pipeline.conftest import SAMPLES

pytestmark = pytest.mark.django_db

SAMPLE = (SAMPLES / "inv_siigo_FE254_prod.xml").read_text()
CUFE = re.search(r"<cbc:UUID[^>]*>([0-9a-f]{96})</cbc:UUID>", SAMPLE).group(1)


def read(draft, xml: str, name="FE254.xml") -> Document:
    document = document_upload(
        request=draft,
        uploaded_file=SimpleUploadedFile(name, xml.encode()),
        kind=Document.Kind.EINVOICE,
        category="health",
    )
    document_ingest(document_id=document.pk)
    document.refresh_from_db()
    return document


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("<cbc:IssueDate>2025-10-03</cbc:IssueDate>", ""), "fecha de expedición"),
        (
            (
                "<cbc:IssueDate>2025-10-03</cbc:IssueDate>",
                "<cbc:IssueDate>2025-13-45</cbc:IssueDate>",
            ),
            "fecha de expedición",
        ),
        ((CUFE, ""), "CUFE"),
        ((CUFE, CUFE * 3), "CUFE"),
    ],
    ids=["no issue date", "impossible issue date", "no CUFE", "overlong CUFE"],
)
def test_an_invoice_missing_what_the_portal_checks_is_refused_with_what_to_ask_for(
    salud_draft, change, says
):
    document = read(salud_draft, SAMPLE.replace(*change))
    assert document.status == Document.Status.REJECTED
    assert document.error_code == "incomplete_invoice"
    assert says in document.error_message and "proveedor" in document.error_message
    assert not Invoice.objects.exists()


def test_two_invoices_without_a_cufe_are_not_taken_for_the_same_invoice(salud_draft):
    first = read(salud_draft, SAMPLE.replace(CUFE, ""))
    second = read(salud_draft, SAMPLE.replace(CUFE, "").replace("FE254", "FE255"), "FE255.xml")
    assert {first.error_code, second.error_code} == {"incomplete_invoice"}
    assert not any(w["code"] == "cufe_reused" for w in first.warnings + second.warnings)


@pytest.mark.parametrize("payable", ["9" * 30, "", "mil pesos"])
def test_an_invoice_whose_total_is_no_amount_is_refused(salud_draft, payable):
    xml = re.sub(r"(<cbc:PayableAmount[^>]*>)[^<]*", rf"\g<1>{payable}", SAMPLE)
    document = read(salud_draft, xml)
    assert document.status == Document.Status.REJECTED
    assert "total a pagar" in document.error_message


def test_overlong_identifiers_are_kept_cut_to_their_columns(salud_draft):
    xml = SAMPLE.replace("<cbc:ID>FE254</cbc:ID>", f"<cbc:ID>FE{'9' * 80}</cbc:ID>", 1)
    document = read(salud_draft, xml)
    assert document.status == Document.Status.READ
    assert Invoice.objects.get().number == f"FE{'9' * 38}"
