"""The quarterly report to the council (CEMCOP Art. 10 lit. c) and the dashboard's figures.

Definitions (written on the report itself, so the council reads the same):
- Budget execution: the fund's yearly budget and what approvals committed,
  from the ledger (charges less reversals) — committed at the start of the
  quarter, charged and reversed during it, committed at its end.
- Granted: requests approved (decided) in the quarter that stand approved or
  paid when the report is produced; paid: abonos made in the quarter.
- Review time: business days (Colombian holidays excluded) from the last
  filing to the decision, for requests decided in the quarter, against the
  cooperative's review deadline.
All sums are over rows of one cooperative and one date range, by index.
"""

import csv
import io
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from benefits.models import (
    AgendaItem,
    Benefit,
    BenefitRequest,
    CommitteeMeeting,
    FundBudget,
    LedgerEntry,
)
from benefits.services.backoffice import policy_for
from benefits.services.committee import session_terms
from benefits.states import Status
from cooperatives.models import Cooperative
from core.dates import MONTHS, format_date
from core.models import HolidayOverride

GRANTED = (Status.APPROVED, Status.PAID)
QUARTER_NAMES = {1: "primer", 2: "segundo", 3: "tercer", 4: "cuarto"}
REVIEW_BANDS = ((0, 5, "0 a 5"), (6, 10, "6 a 10"), (11, 20, "11 a 20"), (21, None, "más de 20"))


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First day of the quarter and first day of the next one."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("El trimestre va de 1 a 4.")
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class BudgetRow:
    fund: str
    budget: Decimal
    committed_start: Decimal
    charged: Decimal
    reversed: Decimal
    committed_end: Decimal

    @property
    def net(self) -> Decimal:
        return self.charged + self.reversed

    @property
    def available_end(self) -> Decimal:
        return self.budget - self.committed_end

    @property
    def execution_percent(self) -> Decimal:
        if not self.budget:
            return Decimal(0)
        # Two decimals: a large fund barely touched still shows its execution (0,05 %).
        return (self.committed_end * 100 / self.budget).quantize(Decimal("0.01"))


@dataclass
class BenefitRow:
    benefit: str
    fund: str
    granted: int = 0
    granted_amount: Decimal = Decimal(0)
    paid: int = 0
    paid_amount: Decimal = Decimal(0)
    rejected: int = 0


@dataclass
class ReviewTimes:
    decided: int = 0
    average: Decimal = Decimal(0)
    median: Decimal = Decimal(0)
    longest: int = 0
    within: int = 0
    deadline: int = 0
    bands: list[tuple[str, int]] = field(default_factory=list)

    @property
    def within_percent(self) -> Decimal:
        if not self.decided:
            return Decimal(0)
        return (Decimal(self.within) * 100 / self.decided).quantize(Decimal("0.1"))


@dataclass
class QuarterReport:
    cooperative: Cooperative
    year: int
    quarter: int
    start: date
    end: date  # exclusive
    generated_at: datetime
    budgets: list[BudgetRow]
    benefits: list[BenefitRow]
    review: ReviewTimes
    rejections: list[tuple[str, int]]
    meetings: list[dict]
    granted: list[BenefitRequest]
    monthly: list[dict]

    @property
    def title(self) -> str:
        return f"Informe del {QUARTER_NAMES[self.quarter]} trimestre de {self.year}"

    @property
    def period(self) -> str:
        last = date.fromordinal(self.end.toordinal() - 1)
        return f"del {format_date(self.start)} al {format_date(last)}"

    @property
    def totals(self) -> dict:
        return {
            "budget": sum((b.budget for b in self.budgets), Decimal(0)),
            "committed_end": sum((b.committed_end for b in self.budgets), Decimal(0)),
            "net": sum((b.net for b in self.budgets), Decimal(0)),
            "granted": sum(b.granted for b in self.benefits),
            "granted_amount": sum((b.granted_amount for b in self.benefits), Decimal(0)),
            "paid": sum(b.paid for b in self.benefits),
            "paid_amount": sum((b.paid_amount for b in self.benefits), Decimal(0)),
            "rejected": sum(b.rejected for b in self.benefits),
        }


def _budget_rows(cooperative, year: int, start: date, end: date) -> list[BudgetRow]:
    start_at, end_at = _aware(start), _aware(end)
    rows = []
    budgets = (
        FundBudget.objects.filter(cooperative=cooperative, year=year)
        .select_related("fund")
        .order_by("fund__name")
    )
    for budget in budgets:
        entries = LedgerEntry.objects.filter(fund_budget=budget)
        sums = entries.aggregate(
            before=Sum("amount", filter=Q(created_at__lt=start_at)),
            charged=Sum(
                "amount", filter=Q(created_at__gte=start_at, created_at__lt=end_at, amount__gt=0)
            ),
            reversed=Sum(
                "amount", filter=Q(created_at__gte=start_at, created_at__lt=end_at, amount__lt=0)
            ),
            until_end=Sum("amount", filter=Q(created_at__lt=end_at)),
        )
        rows.append(
            BudgetRow(
                fund=budget.fund.name,
                budget=budget.budget,
                committed_start=sums["before"] or Decimal(0),
                charged=sums["charged"] or Decimal(0),
                reversed=sums["reversed"] or Decimal(0),
                committed_end=sums["until_end"] or Decimal(0),
            )
        )
    return rows


def _review_times(decided, cooperative, calendar) -> ReviewTimes:
    days = []
    for submitted_at, decided_at in decided:
        if submitted_at is None or decided_at is None:
            continue
        days.append(
            calendar.business_days_between(
                timezone.localdate(submitted_at), timezone.localdate(decided_at)
            )
        )
    review = ReviewTimes(deadline=cooperative.review_business_days)
    if not days:
        review.bands = [(label, 0) for _, _, label in REVIEW_BANDS]
        return review
    review.decided = len(days)
    review.average = (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"))
    review.median = Decimal(str(statistics.median(days))).quantize(Decimal("0.1"))
    review.longest = max(days)
    review.within = sum(1 for d in days if d <= cooperative.review_business_days)
    review.bands = [
        (label, sum(1 for d in days if d >= low and (high is None or d <= high)))
        for low, high, label in REVIEW_BANDS
    ]
    return review


def quarter_report(
    *, cooperative: Cooperative, year: int, quarter: int, now=None, detail: bool = True
) -> QuarterReport:
    """The quarter's figures; `detail` lists every granted request (the report does, the dashboard need not)."""
    start, end = quarter_bounds(year, quarter)
    start_at, end_at = _aware(start), _aware(end)
    requests = BenefitRequest.objects.filter(cooperative=cooperative)
    decided_in = requests.filter(decided_at__gte=start_at, decided_at__lt=end_at)
    granted_in = decided_in.filter(status__in=GRANTED)
    paid_in = requests.filter(status=Status.PAID, paid_at__gte=start_at, paid_at__lt=end_at)
    rejected_in = decided_in.filter(status=Status.REJECTED)

    rows = {
        benefit.pk: BenefitRow(benefit=benefit.name, fund=benefit.get_fund_kind_display())
        for benefit in Benefit.objects.filter(cooperative=cooperative).order_by(
            "sort_order", "name"
        )
    }
    for benefit_id, count, amount in (
        granted_in.values("benefit")
        .annotate(n=Count("pk"), a=Sum("amount_approved"))
        .values_list("benefit", "n", "a")
    ):
        rows[benefit_id].granted, rows[benefit_id].granted_amount = count, amount or Decimal(0)
    for benefit_id, count, amount in (
        paid_in.values("benefit")
        .annotate(n=Count("pk"), a=Sum("amount_approved"))
        .values_list("benefit", "n", "a")
    ):
        rows[benefit_id].paid, rows[benefit_id].paid_amount = count, amount or Decimal(0)
    for benefit_id, count in (
        rejected_in.values("benefit").annotate(n=Count("pk")).values_list("benefit", "n")
    ):
        rows[benefit_id].rejected = count
    benefits = [row for row in rows.values() if row.granted or row.paid or row.rejected]

    calendar = HolidayOverride.calendar()
    review = _review_times(
        decided_in.filter(status__in=(*GRANTED, Status.REJECTED)).values_list(
            "submitted_at", "decided_at"
        ),
        cooperative,
        calendar,
    )
    rejections = list(
        rejected_in.values("rejection_reason__text")
        .annotate(n=Count("pk"))
        .order_by("-n", "rejection_reason__text")
        .values_list("rejection_reason__text", "n")
    )
    meetings = []
    policy = policy_for(cooperative)
    for meeting in CommitteeMeeting.objects.filter(
        cooperative=cooperative, held_on__gte=start, held_on__lt=end
    ).order_by("held_on", "number"):
        outcomes = dict(
            meeting.items.values("outcome").annotate(n=Count("pk")).values_list("outcome", "n")
        )
        meetings.append(
            {
                "meeting": meeting,
                "body": session_terms(meeting, policy).body_name,
                "approved": outcomes.get(AgendaItem.Outcome.APPROVED, 0),
                "rejected": outcomes.get(AgendaItem.Outcome.REJECTED, 0),
                "postponed": outcomes.get(AgendaItem.Outcome.POSTPONED, 0),
            }
        )
    monthly = []
    for month in range(start.month, start.month + 3):
        first = date(year, month, 1)
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        sums = granted_in.filter(
            decided_at__gte=_aware(first), decided_at__lt=_aware(following)
        ).aggregate(n=Count("pk"), a=Sum("amount_approved"))
        monthly.append(
            {"month": MONTHS[month - 1], "count": sums["n"] or 0, "amount": sums["a"] or Decimal(0)}
        )
    return QuarterReport(
        cooperative=cooperative,
        year=year,
        quarter=quarter,
        start=start,
        end=end,
        generated_at=now or timezone.now(),
        budgets=_budget_rows(cooperative, year, start, end),
        benefits=benefits,
        review=review,
        rejections=rejections,
        meetings=meetings,
        granted=list(granted_in.select_related("associate", "benefit").order_by("decided_at", "pk"))
        if detail
        else [],
        monthly=monthly,
    )


def quarter_report_pdf(report: QuarterReport) -> bytes:
    from benefits.backoffice.pdf import render_pdf

    return render_pdf(
        "pdf/quarterly_report.html", {"cooperative": report.cooperative, "report": report}
    )


def quarter_report_filename(report, extension: str) -> str:
    """For a QuarterReport or a ReportExport: anything with cooperative, year and quarter."""
    return f"informe-{report.cooperative.slug}-{report.year}-T{report.quarter}.{extension}"


def _pesos_plain(value) -> str:
    """Whole pesos without separators, for spreadsheets."""
    return f"{Decimal(value):.0f}"


def quarter_report_csv(report: QuarterReport) -> str:
    """The same figures as the PDF, as tables separated by a blank line (UTF-8, comma-separated)."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow([f"{report.cooperative.name} — {report.title}", report.period])
    out.writerow([])
    out.writerow(["Ejecución del presupuesto"])
    out.writerow(
        [
            "fondo",
            "presupuesto",
            "comprometido_inicio",
            "cargos",
            "reversos",
            "comprometido_fin",
            "disponible_fin",
            "ejecucion_pct",
        ]
    )
    for row in report.budgets:
        out.writerow(
            [
                row.fund,
                _pesos_plain(row.budget),
                _pesos_plain(row.committed_start),
                _pesos_plain(row.charged),
                _pesos_plain(row.reversed),
                _pesos_plain(row.committed_end),
                _pesos_plain(row.available_end),
                f"{row.execution_percent}",
            ]
        )
    out.writerow([])
    out.writerow(["Auxilios por tipo"])
    out.writerow(
        ["auxilio", "fondo", "otorgados", "valor_otorgado", "pagados", "valor_pagado", "negados"]
    )
    for row in report.benefits:
        out.writerow(
            [
                row.benefit,
                row.fund,
                row.granted,
                _pesos_plain(row.granted_amount),
                row.paid,
                _pesos_plain(row.paid_amount),
                row.rejected,
            ]
        )
    totals = report.totals
    out.writerow(
        [
            "Total",
            "",
            totals["granted"],
            _pesos_plain(totals["granted_amount"]),
            totals["paid"],
            _pesos_plain(totals["paid_amount"]),
            totals["rejected"],
        ]
    )
    out.writerow([])
    out.writerow(["Tiempos de revisión (días hábiles)"])
    out.writerow(
        ["decididas", "promedio", "mediana", "maximo", "dentro_del_plazo", "plazo", "dentro_pct"]
    )
    review = report.review
    out.writerow(
        [
            review.decided,
            f"{review.average}",
            f"{review.median}",
            review.longest,
            review.within,
            review.deadline,
            f"{review.within_percent}",
        ]
    )
    out.writerow([])
    out.writerow(["Motivos de rechazo"])
    out.writerow(["motivo", "solicitudes"])
    for text, count in report.rejections:
        out.writerow([text or "Sin motivo", count])
    out.writerow([])
    out.writerow(["Detalle de auxilios otorgados"])
    out.writerow(["radicado", "cedula", "asociado", "auxilio", "valor", "fecha_decision", "estado"])
    for request in report.granted:
        out.writerow(
            [
                request.filing_number,
                request.associate.document_number,
                request.associate.full_name,
                request.benefit.name,
                _pesos_plain(request.amount_approved or 0),
                timezone.localdate(request.decided_at).isoformat(),
                request.get_status_display(),
            ]
        )
    return buffer.getvalue()


def format_percent(value) -> str:
    """'25,00 %' — a decimal comma, as the templates (es-CO) print numbers; the value's own decimals."""
    return f"{Decimal(value)}".replace(".", ",") + " %"


def dashboard_figures(*, cooperative: Cooperative, year: int, now=None) -> dict:
    """The year so far: budget execution per fund, granted by benefit and by month, review times."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    quarters = [
        quarter_report(cooperative=cooperative, year=year, quarter=q, now=now, detail=False)
        for q in range(1, 5)
        if quarter_bounds(year, q)[0] <= today
    ]
    if not quarters:
        quarters = [
            quarter_report(cooperative=cooperative, year=year, quarter=1, now=now, detail=False)
        ]
    last = quarters[-1]
    by_benefit: dict[str, BenefitRow] = {}
    for report in quarters:
        for row in report.benefits:
            merged = by_benefit.setdefault(
                row.benefit, BenefitRow(benefit=row.benefit, fund=row.fund)
            )
            merged.granted += row.granted
            merged.granted_amount += row.granted_amount
            merged.paid += row.paid
            merged.paid_amount += row.paid_amount
            merged.rejected += row.rejected
    monthly = [month for report in quarters for month in report.monthly]
    calendar = HolidayOverride.calendar()
    start_at, end_at = _aware(date(year, 1, 1)), _aware(date(year + 1, 1, 1))
    year_review = _review_times(
        BenefitRequest.objects.filter(
            cooperative=cooperative,
            decided_at__gte=start_at,
            decided_at__lt=end_at,
            status__in=(*GRANTED, Status.REJECTED),
        ).values_list("submitted_at", "decided_at"),
        cooperative,
        calendar,
    )
    budgets = [
        BudgetRow(
            fund=row.fund,
            budget=row.budget,
            committed_start=Decimal(0),
            charged=row.committed_end,
            reversed=Decimal(0),
            committed_end=row.committed_end,
        )
        for row in last.budgets
    ]
    return {
        "budgets": budgets,
        "benefits": sorted(by_benefit.values(), key=lambda r: -r.granted_amount),
        "monthly": monthly,
        "review": year_review,
    }
