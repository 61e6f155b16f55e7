"""Lists over the biggest tables (emails, invoices) never ask for DISTINCT values or a full count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:notifications_notification_changelist",
        "admin:invoices_invoice_changelist",
        "admin:invoices_document_changelist",
    ],
)
def test_a_big_tables_list_reads_no_distinct_values_and_counts_a_bounded_number(client, changelist):
    client.force_login(SuperuserFactory())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(changelist)).status_code == 200
    sql = [q["sql"] for q in queries]
    assert not [s for s in sql if "DISTINCT" in s]
    assert all("LIMIT" in s for s in sql if "COUNT(" in s)


def test_the_outbox_filters_by_template(client):
    from notifications.models import Notification

    for n, template in enumerate(["request_approved", "request_paid"]):
        Notification.objects.create(
            key=f"k{n}", template=template, to=f"{template}@example.co", context={}
        )
    client.force_login(SuperuserFactory())
    url = reverse("admin:notifications_notification_changelist")
    page = client.get(url, {"template": "request_approved"})
    assert "request_approved@example.co" in page.text
    assert "request_paid@example.co" not in page.text


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:invoices_document_changelist",
        "admin:benefits_ledgerentry_changelist",
        "admin:benefits_agendaitem_changelist",
        "admin:benefits_committeemeeting_changelist",
        "admin:benefits_disbursementbatch_changelist",
    ],
)
def test_a_radicado_search_goes_through_the_requests_index(client, cemcop, changelist):
    client.force_login(SuperuserFactory())
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse(changelist), {"q": "cem-2026-000123"})
    assert page.status_code == 200
    sql = " ".join(q["sql"] for q in queries)
    assert 'UPPER("benefits_benefitrequest"."filing_number"' not in sql
    assert "'CEM-2026-000123'" in sql  # the radicado as stored, compared as is


@pytest.fixture
def filed_with_a_document(ana):
    from invoices.models import Document
    from tests.backoffice.helpers import file_request

    request = file_request(ana, "plan_exequial", amount=10_000)
    document = Document.objects.create(
        cooperative=request.cooperative,
        request=request,
        kind="support",
        original_name="registro-civil.pdf",
        size=1,
        sha256="z",
        uploaded_at=request.created_at,
        status="read",
    )
    return document, request


def test_a_document_is_found_by_its_radicado_in_any_case_and_by_cedula(
    client, filed_with_a_document
):
    document, request = filed_with_a_document
    client.force_login(SuperuserFactory())
    url = reverse("admin:invoices_document_changelist")
    for term in (request.filing_number.lower(), request.associate.document_number):
        page = client.get(url, {"q": term})
        assert document.original_name in page.text, term
    assert document.original_name not in client.get(url, {"q": "CEM-1999-000001"}).text


def test_an_invoice_is_found_by_its_cufe_in_any_case_through_its_index(
    client, filed_with_a_document
):
    from invoices.models import Invoice

    document, request = filed_with_a_document
    cufe = "ab" * 48
    Invoice.objects.create(
        cooperative=request.cooperative,
        document=document,
        request=request,
        uuid=cufe,
        kind="invoice",
        number="FE77",
        issue_date=request.created_at.date(),
        environment="production",
        issuer_id="900123456",
        issuer_name="Óptica Central",
        buyer_id="1",
        payable=1000,
    )
    client.force_login(SuperuserFactory())
    url = reverse("admin:invoices_invoice_changelist")
    for term in (cufe.upper(), "fe77", "900123456", request.filing_number.lower()):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url, {"q": term})
        assert "Óptica Central" in page.text, term
        assert not [q for q in queries if 'UPPER("invoices_invoice"."uuid"' in q["sql"]]
    assert "Óptica Central" not in client.get(url, {"q": "FE78"}).text


def test_a_batch_is_found_by_its_number_and_by_a_radicado_or_cedula_it_paid(client, cemcop, staff):
    from benefits.services.payouts import batch_build
    from benefits.services.requests import Actor, request_approve
    from tests.backoffice.helpers import file_request, set_budget
    from tests.portal.conftest import make_associate

    set_budget(cemcop, "welfare", 10_000_000)
    paid = [
        file_request(
            make_associate(cemcop, document_number=str(52_700_000 + n)),
            "plan_exequial",
            amount=10_000,
        )
        for n in range(2)
    ]
    for request in paid:
        request_approve(request=request, actor=Actor(staff.analyst))
    batch = batch_build(
        cooperative=cemcop, actor=Actor(staff.treasury), request_ids=[r.pk for r in paid]
    ).batch
    client.force_login(SuperuserFactory())
    url = reverse("admin:benefits_disbursementbatch_changelist")
    row = f'href="/admin/benefits/disbursementbatch/{batch.pk}/change/'
    for term in (str(batch.number), paid[0].filing_number.lower(), "52700001"):
        page = client.get(url, {"q": term})
        assert page.text.count(row) == 1, term  # once, though it paid two requests
    assert row not in client.get(url, {"q": "52799999"}).text
    assert row not in client.get(url, {"q": "CEM-1999-000001"}).text


def test_a_session_is_found_by_its_acta_number_and_by_a_radicado_on_its_agenda(
    client, cemcop, staff, ana
):
    from tests.backoffice.helpers import committee_decides, file_request

    request = committee_decides(
        file_request(ana, "plan_exequial", amount=10_000, approver="committee")
    )
    meeting = request.agenda_items.get().meeting
    client.force_login(SuperuserFactory())
    url = reverse("admin:benefits_committeemeeting_changelist")
    row = f'href="/admin/benefits/committeemeeting/{meeting.pk}/change/'
    for term in (str(meeting.number), request.filing_number.lower()):
        assert row in client.get(url, {"q": term}).text, term
    assert row not in client.get(url, {"q": "CEM-1999-000001"}).text


@pytest.mark.parametrize(
    "changelist",
    ["admin:benefits_committeemeeting_changelist", "admin:benefits_disbursementbatch_changelist"],
)
def test_a_search_for_a_superscript_digit_finds_nothing_rather_than_failing(client, changelist):
    client.force_login(SuperuserFactory())
    assert client.get(reverse(changelist), {"q": "²"}).status_code == 200
