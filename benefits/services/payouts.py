"""Treasury: disbursement batches of approved requests, their CSV and their payment.

A batch is built from APPROVED requests not yet in another batch; each line
keeps the account and amount as they were (the CSV the core banking system
reads says exactly what was paid). Marking the batch paid moves every request
to PAID — which emails the associate — in one transaction; doing it again is a
no-op. Lock order: cooperative row (numbering) or batch row, then requests in
primary-key order, the same order the request services use after their own row.
Once its file was downloaded (batch_export), the core banking system may have
paid it: annulling it or taking a request out needs treasury's word that it did not.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from benefits.models import BenefitRequest, DisbursementBatch, DisbursementLine
from benefits.services.backoffice import policy_for
from benefits.services.requests import Actor, RequestError, _move
from benefits.states import Status
from cooperatives.models import Cooperative
from cooperatives.services import cooperative_lock
from core.dates import format_datetime
from members.models import Associate


class PayoutError(RequestError):
    pass


@dataclass
class BatchBuild:
    batch: DisbursementBatch | None
    held: list[tuple[BenefitRequest, str]] = field(default_factory=list)


def payout_problem(request: BenefitRequest, *, max_arrears_days: int, article: str = "") -> str:
    """Why an approved request cannot be paid today ('' when it can)."""
    associate, account = request.associate, request.savings_account
    if associate.status == Associate.Status.RETIRED:
        return "el asociado se retiró de la cooperativa"
    if associate.status == Associate.Status.SUSPENDED:
        return "el asociado tiene los derechos suspendidos"
    if associate.arrears_days > max_arrears_days:
        where = f" ({article})" if article else ""
        return f"el asociado tiene {associate.arrears_days} días de mora al desembolso{where}"
    if account is None:
        return "la solicitud no tiene cuenta para el abono"
    if not account.active or account.associate_id != associate.pk:
        return "la cuenta para el abono no está activa o no es del asociado"
    return ""


def payable_requests(cooperative: Cooperative):
    """APPROVED requests of the cooperative that are in no batch yet."""
    return (
        BenefitRequest.objects.for_cooperative(cooperative)
        .filter(status=Status.APPROVED)
        .exclude(disbursement_lines__active=True)
    )


def batch_build(*, cooperative: Cooperative, actor: Actor, request_ids=None) -> BatchBuild:
    """Builds a batch of the approved requests that can be paid; says why the others are held."""
    policy = policy_for(cooperative)
    with transaction.atomic():
        cooperative_lock(cooperative=cooperative)  # one numbering at a time
        candidates = payable_requests(cooperative)
        if request_ids is not None:
            candidates = candidates.filter(pk__in=list(request_ids))
        ids = list(candidates.order_by("pk").values_list("pk", flat=True))
        locked = list(
            BenefitRequest.objects.select_for_update(of=("self",))
            .select_related("associate", "savings_account")
            .filter(pk__in=ids, status=Status.APPROVED)
            .order_by("pk")
        )
        result = BatchBuild(batch=None)
        payable = []
        for request in locked:
            problem = payout_problem(
                request,
                max_arrears_days=policy.payout_max_arrears_days,
                article=policy.payout_article,
            )
            if problem:
                result.held.append((request, problem))
            else:
                payable.append(request)
        if not payable:
            return result
        number = (
            DisbursementBatch.objects.filter(cooperative=cooperative).aggregate(n=Max("number"))[
                "n"
            ]
            or 0
        ) + 1
        batch = DisbursementBatch(cooperative=cooperative, number=number, created_by=actor.user)
        batch._history_user = actor.user
        batch.save()
        for request in payable:
            account = request.savings_account
            line = DisbursementLine(
                batch=batch,
                cooperative=cooperative,
                request=request,
                document_number=request.associate.document_number,
                associate_name=request.associate.full_name[:250],
                account_number=account.number,
                account_kind=account.kind,
                amount=request.amount_approved,
                filing_number=request.filing_number or "",
            )
            line._history_user = actor.user
            line.save()
        _refresh_totals(batch, actor=actor)
        result.batch = batch
    return result


def _refresh_totals(batch: DisbursementBatch, *, actor: Actor) -> None:
    lines = list(batch.lines.filter(active=True).values_list("amount", flat=True))
    batch.total = sum(lines, Decimal(0))
    batch.line_count = len(lines)
    batch._history_user = actor.user
    batch.save(update_fields=["total", "line_count"])


def _locked_batch(batch: DisbursementBatch) -> DisbursementBatch:
    return (
        DisbursementBatch.objects.select_for_update(of=("self",))
        .select_related("cooperative")
        .get(pk=batch.pk)
    )


def _refuse_unless_unpaid(batch: DisbursementBatch, *, bank_did_not_pay: bool, what: str) -> None:
    """A batch whose file was downloaded may have been paid: treasury says it was not, or nothing changes."""
    if batch.exported_at and not bank_did_not_pay:
        raise PayoutError(
            f"El archivo del {batch} se descargó el {format_datetime(batch.exported_at)}: "
            f"el sistema central pudo haberlo pagado. {what} solo si no lo pagó, y confírmelo "
            "en la casilla; si lo pagó, márquelo pagado."
        )


def batch_export(*, batch: DisbursementBatch, actor: Actor, now=None) -> str:
    """The batch's file for the core banking system; its first download is recorded on the batch."""
    with transaction.atomic():
        batch = _locked_batch(batch)
        if batch.exported_at is None and batch.status == DisbursementBatch.Status.OPEN:
            batch.exported_at, batch.exported_by = now or timezone.now(), actor.user
            batch._history_user = actor.user
            batch._change_reason = "Archivo descargado para el sistema central"
            batch.save(update_fields=["exported_at", "exported_by"])
    return batch_csv(batch)


def batch_remove_line(
    *, line: DisbursementLine, actor: Actor, reason: str, bank_did_not_pay: bool = False
) -> DisbursementBatch:
    """Takes a request out of a batch not yet paid (it goes back to «aprobadas por pagar»)."""
    reason = (reason or "").strip()
    if not reason:
        raise PayoutError("Escriba por qué se retira del lote.")
    with transaction.atomic():
        batch = _locked_batch(line.batch)
        if batch.status != DisbursementBatch.Status.OPEN:
            raise PayoutError(f"El {batch} está «{batch.get_status_display()}»: ya no cambia.")
        _refuse_unless_unpaid(
            batch, bank_did_not_pay=bank_did_not_pay, what="Retire una solicitud del lote"
        )
        line = DisbursementLine.objects.select_for_update().get(pk=line.pk)
        if line.batch_id != batch.pk or not line.active:
            raise PayoutError("Esa solicitud ya no está en el lote.")
        line.active, line.removed_reason = False, reason[:300]
        line._history_user = actor.user
        line.save(update_fields=["active", "removed_reason"])
        _refresh_totals(batch, actor=actor)
    return batch


def batch_cancel(
    *, batch: DisbursementBatch, actor: Actor, reason: str, bank_did_not_pay: bool = False
) -> DisbursementBatch:
    """Annuls a batch not yet paid; its requests go back to «aprobadas por pagar»."""
    reason = (reason or "").strip()
    if not reason:
        raise PayoutError("Escriba por qué se anula el lote.")
    with transaction.atomic():
        batch = _locked_batch(batch)
        if batch.status == DisbursementBatch.Status.CANCELLED:
            return batch
        if batch.status != DisbursementBatch.Status.OPEN:
            raise PayoutError(f"El {batch} ya fue pagado: no se puede anular.")
        _refuse_unless_unpaid(batch, bank_did_not_pay=bank_did_not_pay, what="Anule el lote")
        for line in batch.lines.filter(active=True).select_for_update():
            line.active, line.removed_reason = False, f"Lote anulado: {reason}"[:300]
            line._history_user = actor.user
            line.save(update_fields=["active", "removed_reason"])
        batch.status = DisbursementBatch.Status.CANCELLED
        batch._history_user = actor.user
        batch._change_reason = reason[:100]
        batch.save(update_fields=["status"])
    return batch


def batch_mark_paid(
    *, batch: DisbursementBatch, actor: Actor, bank_reference: str = "", now=None
) -> DisbursementBatch:
    """The core banking system paid the batch: every request becomes PAID and its associate is emailed.

    Idempotent: a batch already paid is returned as it is (a double click, a retry).
    """
    now = now or timezone.now()
    with transaction.atomic():
        batch = _locked_batch(batch)
        if batch.status == DisbursementBatch.Status.PAID:
            return batch
        if batch.status != DisbursementBatch.Status.OPEN:
            raise PayoutError(f"El {batch} está anulado: no se puede pagar.")
        lines = list(batch.lines.filter(active=True).order_by("request_id"))
        if not lines:
            raise PayoutError("El lote no tiene solicitudes.")
        requests = {
            request.pk: request
            for request in BenefitRequest.objects.select_for_update(of=("self",))
            .select_related("cooperative", "benefit")
            .filter(pk__in=[line.request_id for line in lines])
            .order_by("pk")
        }
        for line in lines:
            request = requests[line.request_id]
            if request.status != Status.APPROVED or request.amount_approved != line.amount:
                raise PayoutError(
                    f"La solicitud {request} cambió después de armar el lote: retírela del lote antes de pagarlo."
                )
            _move(
                request,
                Status.PAID,
                actor=actor,
                now=now,
                comment=f"Abonado en la cuenta {line.account_kind} •••• {line.account_number[-4:]} "
                f"(lote {batch.number}{f', {bank_reference}' if bank_reference else ''}).",
                paid_at=now,
            )
        batch.status = DisbursementBatch.Status.PAID
        batch.paid_at, batch.paid_by, batch.bank_reference = (
            now,
            actor.user,
            (bank_reference or "")[:120],
        )
        batch._history_user = actor.user
        batch.save(update_fields=["status", "paid_at", "paid_by", "bank_reference"])
    return batch


CSV_HEADER = ["lote", "radicado", "cedula", "asociado", "cuenta", "tipo_cuenta", "valor"]


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    value = str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def batch_csv(batch: DisbursementBatch) -> str:
    """The file for the core banking system: one row per request, whole pesos without separators."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in batch.lines.filter(active=True).order_by("filing_number"):
        writer.writerow(
            [
                batch.number,
                _cell(line.filing_number),
                _cell(line.document_number),
                _cell(line.associate_name),
                _cell(line.account_number),
                _cell(line.account_kind),
                f"{line.amount:.0f}",
            ]
        )
    return buffer.getvalue()
