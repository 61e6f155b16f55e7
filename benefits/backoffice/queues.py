"""The queues ("bandejas") staff work from, and the facts on a request's page.

Each queue is a filter over the request table that the (cooperative, status,
due_on) index, or a partial index of benefits.models, serves; counts are
bounded (COUNT over at most CAP rows), so no page ever counts a whole table.
"Vencidas" compares `due_on` — the review deadline request_submit computed in
the cooperative's business days with Colombian holidays — with today in Bogotá.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from benefits.models import BenefitRequest, DisbursementLine
from benefits.states import BODIES, ON_THE_COOPERATIVE, Status
from core.models import HolidayOverride
from invoices.models import Document

CAP = 1000  # counts stop here: "más de 1.000"


@dataclass(frozen=True)
class QueueContext:
    today: date
    calendar: object
    horizons: dict[int, date]  # cooperative id → last day counted as "por vencer"


def queue_context(cooperative_ids=None, *, today: date | None = None) -> QueueContext:
    from benefits.models import BackOfficePolicy
    from cooperatives.models import Cooperative

    today = today or timezone.localdate()
    calendar = HolidayOverride.calendar()
    days = dict(BackOfficePolicy.objects.values_list("cooperative_id", "deadline_warning_days"))
    cooperatives = (
        Cooperative.objects.all()
        if cooperative_ids is None
        else Cooperative.objects.filter(pk__in=cooperative_ids)
    )
    horizons = {
        coop_id: calendar.add_business_days(today, days.get(coop_id, 2))
        for coop_id in cooperatives.values_list("pk", flat=True)
    }
    return QueueContext(today=today, calendar=calendar, horizons=horizons)


def _in_active_line():
    return Exists(DisbursementLine.objects.filter(request=OuterRef("pk"), active=True))


def _nearing(queryset, ctx: QueueContext):
    condition = Q(pk__in=[])
    for coop_id, horizon in ctx.horizons.items():
        condition |= Q(cooperative_id=coop_id, due_on__lte=horizon)
    return queryset.filter(status__in=ON_THE_COOPERATIVE, due_on__gte=ctx.today).filter(condition)


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str
    question: str
    apply: Callable


QUEUES = (
    Queue(
        "por_revisar",
        "Por revisar",
        "Leídas y evaluadas con el reglamento: esperan a la administración.",
        lambda qs, ctx: qs.filter(status=Status.IN_REVIEW),
    ),
    Queue(
        "con_advertencias",
        "Con advertencias",
        "Facturas repetidas o de otra persona, proveedor distinto, firma o DIAN, archivos no leídos.",
        lambda qs, ctx: qs.filter(status__in=ON_THE_COOPERATIVE, has_warnings=True),
    ),
    Queue(
        "para_comite",
        "Para comité o consejo",
        "Las que el reglamento deja a un órgano, las excepciones y las reconsideraciones.",
        lambda qs, ctx: qs.filter(
            Q(status=Status.COMMITTEE) | Q(status=Status.IN_REVIEW, approver__in=BODIES)
        ),
    ),
    Queue(
        "vencidas",
        "Vencidas",
        "Pasaron el plazo de revisión de la cooperativa (días hábiles, sin festivos).",
        lambda qs, ctx: qs.filter(status__in=ON_THE_COOPERATIVE, due_on__lt=ctx.today),
    ),
    Queue(
        "por_vencer",
        "Por vencer",
        "Vencen hoy o en los próximos días hábiles.",
        _nearing,
    ),
    Queue(
        "documentos_solicitados",
        "Documentos solicitados",
        "Esperan que el asociado adjunte lo que se le pidió.",
        lambda qs, ctx: qs.filter(status=Status.NEEDS_DOCUMENTS),
    ),
    Queue(
        "aprobadas_por_pagar",
        "Aprobadas por pagar",
        "Aprobadas y todavía en ningún lote de desembolso.",
        lambda qs, ctx: qs.filter(status=Status.APPROVED).exclude(_in_active_line()),
    ),
    Queue(
        "en_lote",
        "En lote de pago",
        "Aprobadas, en un lote que tesorería aún no marca como pagado.",
        lambda qs, ctx: qs.filter(status=Status.APPROVED).filter(_in_active_line()),
    ),
    Queue(
        "rechazadas_subsanables",
        "Rechazadas subsanables",
        "El asociado puede corregirlas y radicarlas de nuevo.",
        lambda qs, ctx: qs.filter(status=Status.REJECTED, rejection_fixable=True),
    ),
)
QUEUE_BY_SLUG = {queue.slug: queue for queue in QUEUES}


# Which warning codes (invoices.checks, invoices.services) answer which question.
WARNING_GROUPS = {
    "duplicados": (
        "Factura repetida o posible fraude",
        (
            "cufe_reused",
            "cufe_used_by_another_associate",
            "cufe_seen_elsewhere",
            "annulled_by_credit_note",
            "credit_note",
        ),
    ),
    "proveedor": ("Proveedor distinto al esperado", ("supplier_mismatch",)),
    "titular": ("Factura a nombre de otra persona", ("buyer_mismatch", "buyer_other_beneficiary")),
    "firma_dian": (
        "Firma o validación DIAN",
        ("signature_invalid", "no_dian_validation", "dian_validation_mismatch"),
    ),
}


def with_warning_group(queryset, group: str):
    """Requests with a document carrying a warning of the group (or, "no_leidos", a file not read)."""
    if group == "no_leidos":
        unread = Document.objects.filter(
            request=OuterRef("pk"), status__in=(Document.Status.REJECTED, Document.Status.FAILED)
        )
        return queryset.filter(Exists(unread))
    _, codes = WARNING_GROUPS[group]
    condition = Q()
    for code in codes:
        # The JSON text holds each code quoted: "supplier_mismatch" (works on PostgreSQL and SQLite).
        condition |= Q(warnings__icontains=f'"{code}"')
    return queryset.filter(Exists(Document.objects.filter(condition, request=OuterRef("pk"))))


def bounded_count(queryset, cap: int = CAP) -> int:
    """COUNT over at most cap + 1 rows: enough to say "más de cap"."""
    return queryset.order_by()[: cap + 1].count()


def count_label(count: int, cap: int = CAP) -> str:
    if count > cap:
        return f"más de {cap:,}".replace(",", ".")
    return f"{count:,}".replace(",", ".")


def queue_counts(queryset, ctx: QueueContext, cap: int = 99) -> list[dict]:
    """Each queue with a bounded count ("99+" past cap) for the bandejas page."""
    rows = []
    for queue in QUEUES:
        count = bounded_count(queue.apply(queryset, ctx), cap)
        rows.append(
            {
                "queue": queue,
                "count": count,
                "label": f"{cap}+" if count > cap else str(count),
            }
        )
    return rows


def request_queryset_for_staff(queryset):
    return queryset.select_related("associate", "benefit", "cooperative")


def is_overdue(request: BenefitRequest, today: date) -> bool:
    return (
        request.status in ON_THE_COOPERATIVE
        and request.due_on is not None
        and request.due_on < today
    )
