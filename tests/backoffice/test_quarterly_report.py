"""The quarterly report to the council (CEMCOP Art. 10 lit. c): figures, PDF and CSV against the database."""

import csv
import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Sum
from django.urls import reverse

from benefits.backoffice.reports import quarter_report, quarter_report_csv, quarter_report_pdf
from benefits.models import BenefitRequest, FundBudget, LedgerEntry, RejectionReason
from benefits.services.payouts import batch_build, batch_mark_paid
from benefits.services.requests import Actor, request_approve, request_reject
from benefits.states import Status
from core.models import HolidayOverride
from core.money import format_pesos
from tests.backoffice.helpers import file_request, set_budget
from tests.backoffice.test_committee import pdf_text
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db
BOGOTA = ZoneInfo("America/Bogota")


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T12:00").replace(tzinfo=BOGOTA)


@pytest.fixture
def quarter(cemcop, staff):
    """Q1 2026 at CEMCOP: two approvals (one paid), one rejection, one approval revoked in April,
    and an approval of December 2025 that belongs to another quarter and another budget year."""
    set_budget(cemcop, "welfare", 10_000_000, year=2026)
    people = [make_associate(cemcop, document_number=str(52_800_000 + n)) for n in range(5)]
    analyst = Actor(staff.analyst)
    a = file_request(people[0], "plan_exequial", amount=300_000, now=at("2026-02-02"))
    request_approve(request=a, actor=analyst, now=at("2026-02-10"))
    b = file_request(people[1], "fidelizacion", amount=200_000, now=at("2026-03-16"))
    request_approve(request=b, actor=analyst, now=at("2026-03-20"))
    c = file_request(people[2], "plan_exequial", amount=90_000, now=at("2026-01-05"))
    request_reject(
        request=c,
        actor=analyst,
        reason=RejectionReason.objects.get(cooperative=cemcop, code="mora"),
        now=at("2026-01-15"),
    )
    d = file_request(people[3], "plan_exequial", amount=70_000, now=at("2025-12-01"))
    request_approve(request=d, actor=analyst, now=at("2025-12-15"))
    e = file_request(people[4], "plan_exequial", amount=55_000, now=at("2026-01-26"))
    request_approve(request=e, actor=analyst, now=at("2026-02-01"))
    request_reject(
        request=e,
        actor=analyst,
        reason=RejectionReason.objects.get(cooperative=cemcop, code="factura_usada"),
        now=at("2026-04-06"),
    )
    batch = batch_build(cooperative=cemcop, actor=Actor(staff.treasury), request_ids=[b.pk]).batch
    batch_mark_paid(batch=batch, actor=Actor(staff.treasury), now=at("2026-03-25"))
    return {
        name: BenefitRequest.objects.get(pk=r.pk)
        for name, r in zip("abcde", [a, b, c, d, e], strict=True)
    }


def test_the_review_time_counts_business_days_without_colombian_holidays():
    calendar = HolidayOverride.calendar()
    # 6 January 2026 is a Tuesday, but Reyes Magos moves to Monday 12 January.
    assert calendar.business_days_between(at("2026-01-05").date(), at("2026-01-15").date()) == 7


def test_the_figures_are_the_databases(cemcop, quarter):
    report = quarter_report(cooperative=cemcop, year=2026, quarter=1)

    granted = BenefitRequest.objects.filter(
        cooperative=cemcop,
        status__in=[Status.APPROVED, Status.PAID],
        decided_at__gte=at("2026-01-01").replace(hour=0),
        decided_at__lt=at("2026-04-01").replace(hour=0),
    )
    assert (
        {r.pk for r in report.granted}
        == {quarter["a"].pk, quarter["b"].pk}
        == set(granted.values_list("pk", flat=True))
    )
    totals = report.totals
    assert (
        totals["granted"] == 2
        and totals["granted_amount"] == granted.aggregate(s=Sum("amount_approved"))["s"]
    )
    assert (totals["paid"], totals["paid_amount"]) == (1, Decimal(200_000))
    assert totals["rejected"] == 1
    [welfare] = report.budgets
    budget = FundBudget.objects.get(cooperative=cemcop, fund__kind="welfare", year=2026)
    assert welfare.budget == budget.budget == 10_000_000
    assert welfare.committed_start == 0
    assert (
        welfare.charged == 300_000 + 200_000 + 55_000
    )  # E was charged in February, revoked in April
    assert welfare.reversed == 0
    assert welfare.committed_end == 555_000
    assert (
        budget.committed
        == LedgerEntry.objects.filter(fund_budget=budget).aggregate(s=Sum("amount"))["s"]
        == 500_000
    )
    review = report.review
    assert (review.decided, review.longest, review.within) == (3, 7, 1)  # 6, 4 and 7 business days
    assert review.average == Decimal("5.7") and review.median == Decimal("6.0")
    assert report.rejections == [
        (RejectionReason.objects.get(cooperative=cemcop, code="mora").text, 1)
    ]


def test_the_pdf_states_the_same_figures(cemcop, quarter):
    report = quarter_report(cooperative=cemcop, year=2026, quarter=1)

    text = pdf_text(quarter_report_pdf(report))

    assert "Informe del primer trimestre de 2026" in text
    assert "del 1 de enero de 2026 al 31 de marzo de 2026" in text
    assert f"Auxilios otorgados en el trimestre 2 {format_pesos(500_000)}" in text
    assert f"Auxilios pagados en el trimestre 1 {format_pesos(200_000)}" in text
    assert "Decididas dentro del plazo de 5 días hábiles 1 de 3 33,3 %" in text
    assert (
        "$10.000.000" in text and "$555.000" in text and "$9.445.000" in text and "5,55 %" in text
    )
    assert "Promedio 5,7 días" in text and "Máximo 7 días" in text
    for request in (quarter["a"], quarter["b"]):
        assert request.filing_number in text and request.associate.full_name in text
    assert quarter["d"].filing_number not in text and quarter["e"].filing_number not in text


def test_the_csv_has_the_same_tables(cemcop, quarter):
    report = quarter_report(cooperative=cemcop, year=2026, quarter=1)
    rows = list(csv.reader(io.StringIO(quarter_report_csv(report))))

    budget_row = rows[rows.index(["Ejecución del presupuesto"]) + 2]
    assert budget_row[:7] == [
        "Fondo de bienestar social",
        "10000000",
        "0",
        "555000",
        "0",
        "555000",
        "9445000",
    ]
    total = next(row for row in rows if row[:1] == ["Total"])
    assert total[2:] == ["2", "500000", "1", "200000", "1"]
    detail = rows[rows.index(["Detalle de auxilios otorgados"]) + 2 :]
    assert sorted(row[0] for row in detail) == sorted(
        [quarter["a"].filing_number, quarter["b"].filing_number]
    )


def test_the_council_sees_and_downloads_the_report_for_its_own_cooperative_only(
    client, cemcop, staff, quarter, san_simon
):
    client.force_login(staff.council)
    query = f"?cooperative={cemcop.pk}&year=2026&quarter=1"
    page = client.get(reverse("admin:benefits_benefitrequest_report") + query)
    assert (
        page.status_code == 200 and "Generar PDF" in page.text
    )  # tests/backoffice/test_report_exports.py
    assert f"{format_pesos(500_000)}" in page.text
    csv_file = client.get(reverse("admin:benefits_benefitrequest_report_csv") + query)
    assert csv_file["Content-Type"] == "text/csv; charset=utf-8"
    assert quarter["a"].filing_number in csv_file.content.decode()
    other = client.get(
        reverse("admin:benefits_benefitrequest_report_csv")
        + f"?cooperative={san_simon.pk}&year=2026&quarter=1"
    )
    assert other.status_code == 404
