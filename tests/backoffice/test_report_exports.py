"""The quarterly report's PDF is laid out by a worker (benefits.services.reports), never in the web request."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from benefits.models import ReportExport
from benefits.services.reports import (
    FAILED_MESSAGE,
    LEASE,
    MAX_ATTEMPTS,
    STALE_AFTER,
    report_export_build,
    report_export_request,
    stale_report_export_ids,
)
from benefits.services.requests import Actor, request_approve
from tests.backoffice.helpers import Staff, file_request, set_budget
from tests.backoffice.test_committee import pdf_text
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db
BOGOTA = ZoneInfo("America/Bogota")
REPORT = reverse("admin:benefits_benefitrequest_report")
ASK = reverse("admin:benefits_benefitrequest_report_pdf")
Q1_2026 = {"year": 2026, "quarter": 1}


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


@pytest.fixture
def granted(cemcop, staff):
    """One approval in February 2026 at CEMCOP."""
    set_budget(cemcop, "welfare", 10_000_000, year=2026)
    person = make_associate(cemcop, document_number="52800100")
    filed = datetime(2026, 2, 2, 12, tzinfo=BOGOTA)
    request = file_request(person, "plan_exequial", amount=300_000, now=filed)
    return request_approve(
        request=request, actor=Actor(staff.analyst), now=filed + timedelta(days=3)
    )


def ask(client, cooperative, **fields):
    return client.post(ASK, {"cooperative": cooperative.pk, **Q1_2026, **fields})


def download_url(export):
    return reverse("admin:benefits_benefitrequest_report_pdf_download", args=[export.public_id])


def test_the_council_asks_for_the_pdf_and_downloads_it_once_a_worker_made_it(
    client, cemcop, staff, granted
):
    client.force_login(staff.council)

    asked = ask(client, cemcop)

    assert asked.status_code == 302
    assert asked["Location"] == f"{REPORT}?cooperative={cemcop.pk}&year=2026&quarter=1"
    export = ReportExport.objects.get()
    assert (export.cooperative, export.year, export.quarter) == (cemcop, 2026, 1)
    assert export.status == ReportExport.Status.PENDING and export.requested_by == staff.council
    waiting = client.get(asked["Location"])
    assert "Estamos preparando el PDF del informe" in waiting.text
    assert "En cola" in waiting.text and 'http-equiv="refresh"' in waiting.text
    assert client.get(download_url(export)).status_code == 404  # not made yet

    assert report_export_build(export_id=export.pk) == ReportExport.Status.READY

    page = client.get(asked["Location"])
    assert download_url(export) in page.text and 'http-equiv="refresh"' not in page.text
    pdf = client.get(download_url(export))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="informe-cemcop-2026-t1.pdf"'
    text = pdf_text(pdf.content)
    assert "Informe del primer trimestre de 2026" in text
    assert granted.filing_number in text and granted.associate.full_name in text


def test_a_double_click_makes_one_pdf(client, cemcop, staff, granted):
    client.force_login(staff.council)

    ask(client, cemcop)
    again = ask(client, cemcop)

    assert ReportExport.objects.count() == 1
    page = client.get(again["Location"])
    assert "El PDF de este informe ya se está preparando" in page.text


def test_two_staff_asking_at_once_share_the_pdf_in_the_making(cemcop, staff):
    first, created = report_export_request(cooperative=cemcop, user=staff.council, **Q1_2026)
    second, again = report_export_request(cooperative=cemcop, user=staff.analyst, **Q1_2026)

    assert created and not again and first == second


def test_once_a_pdf_is_ready_a_fresh_one_can_be_asked_for(cemcop, staff, granted):
    first, _ = report_export_request(cooperative=cemcop, user=staff.council, **Q1_2026)
    report_export_build(export_id=first.pk)

    second, created = report_export_request(cooperative=cemcop, user=staff.council, **Q1_2026)

    assert created and second != first
    assert ReportExport.objects.filter(status=ReportExport.Status.READY).get() == first


def test_the_newest_pdf_of_a_quarter_replaces_the_earlier_ones(
    cemcop, staff, granted, private_storage
):
    first, _ = report_export_request(cooperative=cemcop, user=staff.council, **Q1_2026)
    report_export_build(export_id=first.pk)
    first.refresh_from_db()
    assert (private_storage / first.file.name).exists()
    second, _ = report_export_request(cooperative=cemcop, user=staff.council, **Q1_2026)

    report_export_build(export_id=second.pk)

    assert list(ReportExport.objects.all()) == [second]
    assert not (private_storage / first.file.name).exists()


def test_another_cooperatives_report_can_be_neither_asked_for_nor_downloaded(
    client, cemcop, staff, san_simon, granted
):
    theirs, _ = report_export_request(cooperative=san_simon, user=None, **Q1_2026)
    report_export_build(export_id=theirs.pk)
    client.force_login(staff.council)

    asked = ask(client, san_simon)

    assert asked.status_code == 302 and asked["Location"] == REPORT
    assert not ReportExport.objects.filter(cooperative=san_simon).exclude(pk=theirs.pk).exists()
    assert "Escoja una opción válida" in client.get(REPORT).text
    assert client.get(download_url(theirs)).status_code == 404


def test_staff_of_another_cooperative_cannot_ask_for_it(client, cemcop, san_simon, granted):
    client.force_login(Staff(san_simon, 71_000_000).council)

    ask(client, cemcop)

    assert not ReportExport.objects.exists()


def test_a_pdf_whose_message_was_lost_or_whose_worker_died_goes_back_to_a_worker(cemcop, staff):
    now = timezone.now()
    fresh, _ = report_export_request(cooperative=cemcop, user=None, year=2026, quarter=1, now=now)
    lost, _ = report_export_request(
        cooperative=cemcop, user=None, year=2026, quarter=2, now=now - STALE_AFTER * 2
    )
    dead, _ = report_export_request(cooperative=cemcop, user=None, year=2026, quarter=3, now=now)
    ReportExport.objects.filter(pk=dead.pk).update(
        status=ReportExport.Status.PROCESSING, attempts=1, lease_until=now - timedelta(seconds=1)
    )
    alive, _ = report_export_request(cooperative=cemcop, user=None, year=2026, quarter=4, now=now)
    ReportExport.objects.filter(pk=alive.pk).update(
        status=ReportExport.Status.PROCESSING, attempts=1, lease_until=now + LEASE
    )

    assert stale_report_export_ids(now=now) == [lost.pk, dead.pk]
    assert report_export_build(export_id=alive.pk, now=now) is None  # a live worker keeps it
    assert report_export_build(export_id=dead.pk, now=now) == ReportExport.Status.READY
    dead.refresh_from_db()
    assert dead.attempts == 2 and dead.file.name.startswith("cemcop/informes/2026-T3-")


def test_a_pdf_that_killed_its_workers_ends_failed_with_a_message(client, cemcop, staff):
    export, _ = report_export_request(cooperative=cemcop, user=staff.council, **Q1_2026)
    ReportExport.objects.filter(pk=export.pk).update(
        status=ReportExport.Status.PROCESSING,
        attempts=MAX_ATTEMPTS,
        lease_until=timezone.now() - timedelta(seconds=1),
    )

    assert report_export_build(export_id=export.pk) == ReportExport.Status.FAILED

    export.refresh_from_db()
    assert export.error_message == FAILED_MESSAGE and not export.file
    client.force_login(staff.council)
    page = client.get(f"{REPORT}?cooperative={cemcop.pk}&year=2026&quarter=1")
    assert FAILED_MESSAGE in page.text and 'http-equiv="refresh"' not in page.text
    assert client.get(download_url(export)).status_code == 404
    _, created = report_export_request(cooperative=cemcop, user=staff.council, **Q1_2026)
    assert created  # asking again starts afresh


def test_a_layout_error_fails_at_once_instead_of_retrying(cemcop, staff, monkeypatch):
    def broken_layout(report):
        raise ValueError("WeasyPrint could not lay this out")

    monkeypatch.setattr("benefits.services.reports.quarter_report_pdf", broken_layout)
    export, _ = report_export_request(cooperative=cemcop, user=staff.council, **Q1_2026)

    assert report_export_build(export_id=export.pk) == ReportExport.Status.FAILED
    assert stale_report_export_ids(now=timezone.now() + LEASE * 2) == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_pdf(celery_worker, cemcop, staff, granted):
    export, created = report_export_request(cooperative=cemcop, user=staff.council, **Q1_2026)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.status not in ReportExport.IN_PROGRESS:
            break
        time.sleep(0.2)
    assert created and export.status == ReportExport.Status.READY
    with export.file.open("rb") as handle:
        assert granted.filing_number in pdf_text(handle.read())
