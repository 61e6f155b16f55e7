"""Every write to a benefit request goes through these services.

Each one takes keyword arguments, runs in one transaction with the request row
locked (so a double click, a retry or two staff members acting at once cannot
move it twice), records a RequestEvent and the audit history with the actor,
and sends emails and tasks only after commit.

Who may decide what (CEMCOP Art. 9; COPROCENVA Art. 13 "estamento de
aprobación"): the administration approves, at the rule amount, only what the
rules find fully in order and leave to it; everything else — what the rules
give to the committee or the council, exceptions and reconsiderations — is
decided by that body in a meeting (benefits.services.committee), which calls
the `*_by_body` functions here with the same locks, ledger and audit.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from benefits.models import (
    Benefit,
    BenefitRequest,
    Body,
    Decision,
    FilingSequence,
    Fund,
    FundBudget,
    LedgerEntry,
    QuotaAccount,
    Referral,
    RejectionReason,
    RequestEvent,
    WhenExhausted,
)
from benefits.notify import SILENT, notify_status_change
from benefits.states import (
    Status,
    can_move,
    why_cannot_file,
    why_cannot_request,
    withdrawable_by_associate,
)
from core.dates import format_date
from core.models import HolidayOverride
from core.money import format_pesos
from members.models import Associate, User


class RequestError(Exception):
    """A request cannot do what was asked; the message is for the person who asked."""


class FundExhausted(RequestError):
    """The fund (and any fund that takes over) cannot pay; nothing was changed."""


@dataclass(frozen=True)
class Actor:
    """Who acts, for the audit trail: a user, or the system (worker, sweeper)."""

    user: User | None = None

    @property
    def label(self) -> str:
        return str(self.user) if self.user else "Sistema"


SYSTEM = Actor()

# The rejection reason an approval becomes when the fund's policy denies for
# lack of resources (CEMCOP Art. 8); created for the cooperative if missing.
NO_RESOURCES_CODE = "sin_recursos"
NO_RESOURCES_TEXT = "El fondo no tiene recursos disponibles (no hay lugar a nueva solicitud)."
BODY_DECISION_KIND = {Body.COMMITTEE: Decision.Kind.COMMITTEE, Body.COUNCIL: Decision.Kind.COUNCIL}
APPROVER_LABELS = {"committee": "el comité", "council": "el Consejo de Administración"}


def _locked(request: BenefitRequest) -> BenefitRequest:
    return (
        BenefitRequest.objects.select_for_update(of=("self",))
        .select_related("cooperative", "benefit")
        .get(pk=request.pk)
    )


def _move(
    request: BenefitRequest, to_status: str, *, actor: Actor, comment: str = "", now=None, **fields
) -> RequestEvent:
    """Moves a locked request to to_status, saving fields, with an event and audit history.

    The associate's email about the step (benefits.notify) is recorded in the
    same transaction, for this event (record, then send: only the sending
    waits for the commit). Recorded in an on-commit hook instead, an email was
    lost for good when the process died between the commit and the hook — a
    back-office worker timed out halfway through a payout batch's thousands of
    hooks, say — and nothing would ever write it.
    """
    if not can_move(request.status, to_status):
        raise RequestError(
            f"La solicitud está «{request.get_status_display()}» y no puede pasar a «{Status(to_status).label}»."
        )
    now = now or timezone.now()
    from_status = request.status
    request.status = to_status
    for name, value in fields.items():
        setattr(request, name, value)
    request._history_user = actor.user
    request.save()
    event = RequestEvent.objects.create(
        request=request,
        from_status=from_status,
        to_status=to_status,
        at=now,
        actor=actor.user,
        comment=comment,
    )
    if to_status not in SILENT:
        notify_status_change(event_id=event.pk)
    return event


def request_create(*, associate: Associate, benefit: Benefit, actor: Actor) -> BenefitRequest:
    # Starting and (first) filing stop for an associate who left the cooperative:
    # the rule engine is not told, and treasury's payout batch, which does hold
    # them, comes only after the «aprobado» email.
    refusal = why_cannot_request(associate)
    if refusal:
        raise RequestError(refusal)
    if benefit.cooperative_id != associate.cooperative_id or not benefit.active:
        raise RequestError("Ese auxilio no está disponible en tu cooperativa.")
    request = BenefitRequest(
        cooperative=associate.cooperative, associate=associate, benefit=benefit
    )
    request._history_user = actor.user
    request.save()
    return request


def request_update(
    *,
    request: BenefitRequest,
    actor: Actor,
    beneficiary=None,
    savings_account=None,
    event_date=None,
    amount_claimed=None,
    details: dict | None = None,
) -> BenefitRequest:
    """Saves what the associate filled in on a request they are still preparing."""
    from benefits.states import editable_by_associate

    with transaction.atomic():
        request = _locked(request)
        if not editable_by_associate(request):
            raise RequestError("Esta solicitud ya fue radicada: no se puede modificar.")
        if beneficiary is not None and (
            beneficiary.associate_id != request.associate_id or beneficiary.status != "approved"
        ):
            raise RequestError("Escoge un beneficiario registrado.")
        if savings_account is not None and (
            savings_account.associate_id != request.associate_id or not savings_account.active
        ):
            raise RequestError("Escoge una de tus cuentas activas.")
        request.beneficiary = beneficiary
        request.savings_account = savings_account
        request.event_date = event_date
        request.amount_claimed = amount_claimed
        request.details = details or {}
        request._history_user = actor.user
        request.save()
    return request


def _review_due_on(request: BenefitRequest, start: date) -> date:
    """The day the cooperative must answer a review that starts on `start` (its business-day term)."""
    return HolidayOverride.calendar().add_business_days(
        start, request.cooperative.review_business_days
    )


def _next_filing_number(request: BenefitRequest, *, today: date) -> str:
    sequence, _ = FilingSequence.objects.get_or_create(
        cooperative=request.cooperative, year=today.year
    )
    sequence = FilingSequence.objects.select_for_update().get(pk=sequence.pk)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{request.cooperative.filing_prefix}-{today.year}-{sequence.last:06d}"


def request_submit(*, request: BenefitRequest, actor: Actor, now=None) -> BenefitRequest:
    """Files a draft (or files again an amended one). Filing twice is a no-op.

    The request gets its radicado on first filing and a review deadline in the
    cooperative's business days; the worker then reads its documents and
    records the rule engine's proposal.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        request = _locked(request)
        if request.status == Status.SUBMITTED:
            return request  # a double click or a retry: already filed
        # The associate as the roster has them now (the locked row is read afresh),
        # not as when the draft was started.
        refusal = why_cannot_file(request)
        if refusal:
            raise RequestError(refusal)
        if request.status == Status.REJECTED and (
            request.no_resources or not request.rejection_fixable
        ):
            raise RequestError(
                "Esta solicitud fue rechazada por un motivo que no se puede subsanar."
            )
        first_filing = request.filing_number is None
        _move(
            request,
            Status.SUBMITTED,
            actor=actor,
            now=now,
            comment="Solicitud radicada."
            if first_filing
            else "Solicitud radicada de nuevo con correcciones.",
            filing_number=request.filing_number or _next_filing_number(request, today=today),
            submitted_at=now,
            due_on=_review_due_on(request, today),
            rejection_reason=None,
            rejection_fixable=False,
            referral="",
            is_exception=False,
        )
        transaction.on_commit(partial(_after_submit, request.pk), robust=True)
    return request


def _after_submit(request_id: int) -> None:
    """The filed request goes to the rule engine once its documents are read.

    A document still being read queues the evaluation itself when it is done
    (invoices.services._after_document, which runs after that document's commit
    and so sees this filing): queuing here too would only be a task that finds
    the documents unread and stops.
    """
    from benefits.tasks import evaluate_request
    from invoices.models import Document

    if not Document.objects.filter(request_id=request_id, status__in=Document.UNREAD).exists():
        evaluate_request.delay(request_id)


def request_record_proposal(
    *, request: BenefitRequest, outcome, has_warnings: bool, event_date=None, now=None
) -> Decision:
    """The worker's result: the rule engine's Decision becomes the request's proposal.

    `outcome` is a benefits.rules Decision (eligible, amount, approver, reasons,
    quota, rule_set); `event_date`, when given, is the date the rules counted
    from (for invoice-based benefits, the earliest usable invoice's). The
    request moves from SUBMITTED to IN_REVIEW; a request already past that step
    (a duplicate task) is left as it is.
    """
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.SUBMITTED:
            return request.decisions.filter(kind=Decision.Kind.PROPOSAL).first()
        payload = outcome.to_json()
        event = _move(
            request,
            Status.IN_REVIEW,
            actor=SYSTEM,
            now=now,
            comment="Documentos leídos y reglas evaluadas: la solicitud pasa a revisión.",
            amount_proposed=outcome.amount,
            approver=outcome.approver,
            has_warnings=has_warnings,
            event_date=event_date or request.event_date,
        )
        decision = Decision.objects.create(
            request=request,
            kind=Decision.Kind.PROPOSAL,
            eligible=outcome.eligible,
            amount=outcome.amount,
            approver=outcome.approver,
            rule_set=outcome.rule_set,
            reasons=payload["reasons"],
            quota=payload.get("quota"),
            event=event,
            created_at=event.at,
        )
    return decision


# --- the fund and its policy ------------------------------------------------------


class _Denied(Exception):
    """The fund's policy denies for lack of resources (raised and caught inside one transaction)."""

    def __init__(self, *, fund: Fund, available: Decimal, amount: Decimal):
        super().__init__(fund.name)
        self.fund, self.available, self.amount = fund, available, amount


def _fund_chain(request: BenefitRequest) -> list[Fund]:
    """The request's fund, then each fund that takes over when the one before runs out."""
    fund = Fund.objects.filter(
        cooperative_id=request.cooperative_id, kind=request.benefit.fund_kind
    ).first()
    if fund is None:
        raise FundExhausted(
            "Esta cooperativa no tiene el fondo de este auxilio: el consejo debe crearlo."
        )
    chain = [fund]
    while chain[-1].when_exhausted == WhenExhausted.FALLBACK and chain[-1].fallback_id:
        following = Fund.objects.get(pk=chain[-1].fallback_id)
        if following in chain or following.cooperative_id != request.cooperative_id:
            break  # a misconfigured chain ends here rather than looping (Fund.clean refuses it)
        chain.append(following)
    return chain


def _charge_plan(
    request: BenefitRequest, *, amount: Decimal, year: int
) -> list[tuple[FundBudget, Decimal]]:
    """Which budgets pay how much, with every budget of the chain locked.

    Budgets are locked in primary-key order (a fixed order for every approval,
    whatever its chain) after the request row, so concurrent approvals neither
    deadlock nor overspend. A fund whose policy is FALLBACK pays what it has and
    passes the rest on (COPROCENVA Art. 6); any other fund must pay all that is
    left or apply its policy: HOLD raises FundExhausted, DENY raises _Denied.
    """
    chain = _fund_chain(request)
    locked = {
        budget.fund_id: budget
        for budget in FundBudget.objects.select_for_update(of=("self",))
        .select_related("fund")
        .filter(fund__in=chain, year=year)
        .order_by("pk")
    }
    if chain[0].pk not in locked:
        raise FundExhausted(
            f"No hay presupuesto {year} para el {chain[0].name.lower()}: el consejo debe asignarlo."
        )
    plan, remaining = [], amount
    for position, fund in enumerate(chain):
        budget = locked.get(fund.pk)
        available = budget.available if budget is not None else Decimal(0)
        passes_on = fund.when_exhausted == WhenExhausted.FALLBACK and position + 1 < len(chain)
        if passes_on:
            take = min(available, remaining)
        elif available >= remaining:
            take = remaining
        elif fund.when_exhausted == WhenExhausted.DENY:
            raise _Denied(fund=fund, available=available, amount=remaining)
        else:
            already = (
                f" (después de {format_pesos(amount - remaining)} de otros fondos)" if plan else ""
            )
            raise FundExhausted(
                f"El {fund.name.lower()} no tiene recursos suficientes: disponible {format_pesos(available)} "
                f"para {format_pesos(remaining)}{already}. La aprobación queda pendiente hasta que el consejo "
                "asigne recursos."
            )
        if take > 0:
            plan.append((budget, take))
            remaining -= take
        if remaining == 0:
            return plan
    raise FundExhausted(
        "Los fondos no alcanzan a cubrir este auxilio."
    )  # pragma: no cover — loop returns


def _quota_account_for(request: BenefitRequest, *, year: int) -> QuotaAccount:
    account, _ = QuotaAccount.objects.get_or_create(
        cooperative=request.cooperative,
        associate=request.associate,
        group=request.benefit.quota_group,
        year=year,
    )
    return QuotaAccount.objects.select_for_update().get(pk=account.pk)


def _proposal(request: BenefitRequest) -> Decision | None:
    return (
        request.decisions.filter(kind=Decision.Kind.PROPOSAL).order_by("-created_at", "-pk").first()
    )


def _blocking_warnings(request: BenefitRequest) -> list[str]:
    found = []
    for document in request.documents.all():
        for warning in document.warnings or []:
            if warning.get("blocking"):
                found.append(
                    warning.get("staff_message")
                    or warning.get("message")
                    or warning.get("code", "")
                )
    return found


def _active_batch_line(request: BenefitRequest):
    return request.disbursement_lines.filter(active=True).select_related("batch").first()


# --- approving --------------------------------------------------------------------


def request_approve(
    *,
    request: BenefitRequest,
    actor: Actor,
    amount: Decimal | None = None,
    comment: str = "",
    now=None,
) -> BenefitRequest:
    """The administration approves, at the rule amount, a request the rules leave to it.

    Charges the fund (and the associate's quota) atomically. When the fund
    cannot pay, its policy applies: HOLD raises FundExhausted and changes
    nothing; DENY records the denial for lack of resources (CEMCOP Art. 8) and
    returns the request REJECTED; FALLBACK charges the fund that takes over.
    Check the returned request's status.
    """
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.IN_REVIEW:
            raise RequestError(
                f"La solicitud está «{request.get_status_display()}»: no se puede aprobar."
            )
        if request.approver in APPROVER_LABELS:
            raise RequestError(
                f"Por reglamento esta solicitud la decide {APPROVER_LABELS[request.approver]}: envíela al órgano."
            )
        proposal = _proposal(request)
        if proposal is None or not proposal.eligible:
            raise RequestError(
                "El reglamento no la encuentra procedente: recházela, pida documentos o envíela al comité "
                "como excepción."
            )
        blocking = _blocking_warnings(request)
        if blocking:
            raise RequestError(f"Tiene advertencias que impiden aprobarla: {' '.join(blocking)}")
        proposed = Decimal(request.amount_proposed or 0)
        if amount is not None and Decimal(amount) != proposed:
            raise RequestError(
                f"La administración aprueba el monto del reglamento ({format_pesos(proposed)}); "
                "para otro monto, envíela al comité como excepción."
            )
        _approve_locked(
            request,
            actor=actor,
            amount=proposed,
            comment=comment,
            now=now,
            kind=Decision.Kind.STAFF,
            proposal=proposal,
        )
    return request


def request_approve_by_body(
    *,
    request: BenefitRequest,
    actor: Actor,
    body: str,
    amount: Decimal,
    comment: str = "",
    now=None,
) -> tuple[BenefitRequest, Decision]:
    """The committee's or the council's approval (called by benefits.services.committee).

    Same fund policy as request_approve; returns the request (APPROVED, or
    REJECTED when the fund's policy denies) and the decision recorded.
    """
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.COMMITTEE:
            raise RequestError(
                f"La solicitud está «{request.get_status_display()}»: no está ante el órgano."
            )
        if request.referral == Referral.REVOCATION:
            decision = _keep_approval_locked(
                request, actor=actor, amount=Decimal(amount), comment=comment, now=now, body=body
            )
        else:
            decision = _approve_locked(
                request,
                actor=actor,
                amount=Decimal(amount),
                comment=comment,
                now=now,
                kind=BODY_DECISION_KIND[body],
                proposal=_proposal(request),
            )
    return request, decision


def _keep_approval_locked(
    request: BenefitRequest, *, actor: Actor, amount: Decimal, comment: str, now, body: str
) -> Decision:
    """The body does not revoke its approval: it stands as it was, on the charges it still holds.

    Nothing is charged again (the fund kept the money while the body decided),
    so neither an exhausted fund nor a new year's budget can turn it into a denial.
    """
    if amount != request.amount_approved:
        raise RequestError(
            f"Se vota si se mantiene la aprobación por {format_pesos(request.amount_approved)}: "
            "el monto a votar debe ser ese."
        )
    event = _move(
        request,
        Status.APPROVED,
        actor=actor,
        now=now,
        comment=comment or "El órgano mantiene su aprobación.",
        decided_at=now,
        decision_comment=comment,
    )
    return Decision.objects.create(
        request=request,
        kind=BODY_DECISION_KIND[body],
        eligible=True,
        amount=amount,
        approver=request.approver or "staff",
        decided_by=actor.user,
        comment=comment,
        event=event,
        created_at=now,
    )


def _approve_locked(
    request: BenefitRequest,
    *,
    actor: Actor,
    amount: Decimal,
    comment: str,
    now,
    kind: str,
    proposal,
) -> Decision:
    if amount <= 0:
        raise RequestError("El monto aprobado debe ser mayor que cero.")
    year = timezone.localdate(now).year
    try:
        plan = _charge_plan(request, amount=amount, year=year)
    except _Denied as denial:
        return _deny_for_lack_of_resources(request, actor=actor, now=now, kind=kind, denial=denial)
    quota = None
    if request.benefit.quota_group:
        quota = _quota_account_for(
            request, year=(request.event_date or timezone.localdate(now)).year
        )
        annual = Decimal((proposal.quota or {}).get("annual", "0")) if proposal else Decimal(0)
        if quota.used + amount > annual:
            raise RequestError(
                f"El monto supera el cupo anual disponible del asociado ({format_pesos(max(annual - quota.used, 0))})."
            )
    for budget, take in plan:
        LedgerEntry.objects.create(
            cooperative=request.cooperative,
            request=request,
            fund_budget=budget,
            quota_account=None,
            kind=LedgerEntry.Kind.CHARGE,
            amount=take,
            created_by=actor.user,
            created_at=now,
        )
        FundBudget.objects.filter(pk=budget.pk).update(committed=F("committed") + take)
    if quota is not None:
        LedgerEntry.objects.create(
            cooperative=request.cooperative,
            request=request,
            fund_budget=None,
            quota_account=quota,
            kind=LedgerEntry.Kind.CHARGE,
            amount=amount,
            created_by=actor.user,
            created_at=now,
        )
        QuotaAccount.objects.filter(pk=quota.pk).update(used=F("used") + amount)
    funds_note = ""
    if len(plan) > 1 or (plan and plan[0][0].fund.kind != request.benefit.fund_kind):
        parts = ", ".join(
            f"{format_pesos(take)} del {budget.fund.name.lower()}" for budget, take in plan
        )
        article = plan[0][0].fund.exhaustion_article
        funds_note = f" Se paga así: {parts}{f' ({article})' if article else ''}."
    event = _move(
        request,
        Status.APPROVED,
        actor=actor,
        now=now,
        comment=(comment or "Solicitud aprobada.") + funds_note,
        amount_approved=amount,
        decided_at=now,
        decision_comment=comment,
    )
    decision = Decision.objects.create(
        request=request,
        kind=kind,
        eligible=True,
        amount=amount,
        approver=request.approver or "staff",
        decided_by=actor.user,
        comment=(comment + funds_note).strip(),
        event=event,
        created_at=now,
    )
    return decision


def _deny_for_lack_of_resources(
    request: BenefitRequest, *, actor: Actor, now, kind: str, denial: _Denied
) -> Decision:
    fund = denial.fund
    reason, _ = RejectionReason.objects.get_or_create(
        cooperative=request.cooperative,
        code=NO_RESOURCES_CODE,
        defaults={"text": NO_RESOURCES_TEXT, "fixable": False},
    )
    article = fund.exhaustion_article or "Reglamento"
    comment = (
        f"El {fund.name.lower()} no tiene recursos: disponible {format_pesos(denial.available)} y el auxilio es de "
        f"{format_pesos(denial.amount)}. {article}: si un auxilio es denegado por carencia de recursos, no hay lugar "
        "a formular nuevamente la solicitud."
    )
    return _reject_locked(
        request,
        actor=actor,
        reason=reason,
        comment=comment,
        fixable=False,
        now=now,
        kind=kind,
        no_resources=True,
    )


# --- rejecting ----------------------------------------------------------------------


def request_reject(
    *,
    request: BenefitRequest,
    actor: Actor,
    reason: RejectionReason,
    comment: str = "",
    fixable: bool | None = None,
    now=None,
) -> BenefitRequest:
    """The administration rejects (or annuls an approval it gave, before payment).

    `fixable` defaults to the reason's; a fixable rejection lets the associate
    amend and file again (CEMCOP Art. 39). An approval in a disbursement batch
    must be taken out of the batch first.
    """
    now = now or timezone.now()
    if reason.cooperative_id != request.cooperative_id:
        raise RequestError("Ese motivo de rechazo no es de esta cooperativa.")
    with transaction.atomic():
        request = _locked(request)
        if request.status not in (Status.IN_REVIEW, Status.NEEDS_DOCUMENTS, Status.APPROVED):
            raise RequestError(
                f"La solicitud está «{request.get_status_display()}»: no se puede rechazar."
            )
        if request.approver in APPROVER_LABELS:
            raise RequestError(
                f"Por reglamento esta solicitud la decide {APPROVER_LABELS[request.approver]}: envíela al órgano."
            )
        if request.status == Status.APPROVED and approving_body(request):
            raise RequestError(
                "La aprobó un órgano: solo ese órgano puede revocarla. Envíesela como "
                f"«{Referral.REVOCATION.label}»."
            )
        _reject_locked(
            request,
            actor=actor,
            reason=reason,
            comment=comment,
            fixable=reason.fixable if fixable is None else fixable,
            now=now,
            kind=Decision.Kind.STAFF,
        )
    return request


def request_reject_by_body(
    *,
    request: BenefitRequest,
    actor: Actor,
    body: str,
    reason: RejectionReason,
    comment: str = "",
    fixable: bool | None = None,
    now=None,
) -> tuple[BenefitRequest, Decision]:
    """The committee's or the council's denial (called by benefits.services.committee)."""
    now = now or timezone.now()
    if reason.cooperative_id != request.cooperative_id:
        raise RequestError("Ese motivo de rechazo no es de esta cooperativa.")
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.COMMITTEE:
            raise RequestError(
                f"La solicitud está «{request.get_status_display()}»: no está ante el órgano."
            )
        decision = _reject_locked(
            request,
            actor=actor,
            reason=reason,
            comment=comment,
            fixable=reason.fixable if fixable is None else fixable,
            now=now,
            kind=BODY_DECISION_KIND[body],
        )
    return request, decision


def _reject_locked(
    request: BenefitRequest,
    *,
    actor: Actor,
    reason: RejectionReason,
    comment: str,
    fixable: bool,
    now,
    kind: str,
    no_resources: bool = False,
) -> Decision:
    # An approval, or one its body was asked to revoke: its charges are still held.
    was_approved = request.status == Status.APPROVED or (
        request.status == Status.COMMITTEE and request.referral == Referral.REVOCATION
    )
    if was_approved:
        line = _active_batch_line(request)
        if line is not None:
            raise RequestError(
                f"Está en el {line.batch}: tesorería debe retirarla del lote antes de revocarla."
            )
    event = _move(
        request,
        Status.REJECTED,
        actor=actor,
        now=now,
        comment=comment or reason.text,
        rejection_reason=reason,
        rejection_fixable=fixable and not no_resources,
        no_resources=no_resources,
        decided_at=now,
        decision_comment=comment,
        amount_approved=None,
    )
    if was_approved:
        _reverse_charges(request, actor=actor, now=now)
    decision = Decision.objects.create(
        request=request,
        kind=kind,
        eligible=False,
        amount=0,
        approver=request.approver or "staff",
        decided_by=actor.user,
        comment=comment or reason.text,
        rejection_reason=reason,
        fixable=request.rejection_fixable,
        no_resources=no_resources,
        event=event,
        created_at=now,
    )
    return decision


def _reverse_charges(request: BenefitRequest, *, actor: Actor, now) -> None:
    """A compensating entry for what the request still holds — never an edit."""
    held = {}
    for entry in request.ledger_entries.all():
        key = (entry.fund_budget_id, entry.quota_account_id)
        held[key] = held.get(key, Decimal(0)) + entry.amount
    # Budgets before the quota, each in primary-key order: the order an approval
    # locks them in (_approve_locked), so a revocation and an approval of the
    # same associate's requests never wait on each other in a cycle (a deadlock).
    for (fund_budget_id, quota_account_id), amount in sorted(
        held.items(), key=lambda item: (item[0][0] is None, item[0][0] or 0, item[0][1] or 0)
    ):
        if amount <= 0:
            continue
        LedgerEntry.objects.create(
            cooperative=request.cooperative,
            request=request,
            fund_budget_id=fund_budget_id,
            quota_account_id=quota_account_id,
            kind=LedgerEntry.Kind.REVERSAL,
            amount=-amount,
            created_by=actor.user,
            created_at=now,
        )
        if fund_budget_id:
            FundBudget.objects.filter(pk=fund_budget_id).update(committed=F("committed") - amount)
        if quota_account_id:
            QuotaAccount.objects.filter(pk=quota_account_id).update(used=F("used") - amount)


# --- asking and referring -------------------------------------------------------------


def request_ask_documents(
    *, request: BenefitRequest, actor: Actor, needed: str, now=None
) -> BenefitRequest:
    """Asks the associate for what is missing; the text is what their email and page say."""
    needed = (needed or "").strip()
    if not needed:
        raise RequestError("Escriba qué documento o dato necesita el asociado.")
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.IN_REVIEW:
            raise RequestError(
                f"La solicitud está «{request.get_status_display()}»: solo se piden documentos durante la revisión."
            )
        _move(request, Status.NEEDS_DOCUMENTS, actor=actor, now=now, comment=needed)
    return request


def approving_body(request: BenefitRequest) -> str | None:
    """The body (committee or council) whose decision approved the request; None when staff approved it."""
    last = (
        request.decisions.exclude(kind=Decision.Kind.PROPOSAL)
        .order_by("-created_at", "-pk")
        .first()
    )
    if last is None or last.kind not in (Decision.Kind.COMMITTEE, Decision.Kind.COUNCIL):
        return None
    return Body.COUNCIL if last.kind == Decision.Kind.COUNCIL else Body.COMMITTEE


def request_refer(
    *, request: BenefitRequest, actor: Actor, referral: str, reason: str, now=None
) -> BenefitRequest:
    """Sends a request to the committee (or the council): by rule, as an exception, for reconsideration or to revoke.

    By rule: the rules name the body (approver). Exception: a request outside
    the rules (CEMCOP Art. 10 lit. a). Reconsideration: a rejected request the
    associate asks to review — except a denial for lack of resources, which has
    no second chance (CEMCOP Art. 8). Revocation: an approval a body gave and
    staff find should not be paid (the associate retired, the invoice was
    someone else's…): only that body may revoke it. Until it decides, the
    approval's charges stay held (the fund keeps the money for it): the body
    keeps the approval as it was, or revokes it and the charges are reversed.
    """
    reason = (reason or "").strip()
    if referral not in Referral.values:
        raise RequestError("Escoja por qué se envía al órgano.")
    if not reason:
        raise RequestError("Escriba por qué se envía al órgano: quedará en el acta.")
    with transaction.atomic():
        request = _locked(request)
        if referral == Referral.REVOCATION:
            if request.status != Status.APPROVED or approving_body(request) is None:
                raise RequestError(
                    "Solo se envía a revocar una aprobación que dio un órgano; "
                    "la de la administración se revoca rechazándola."
                )
            line = _active_batch_line(request)
            if line is not None:
                raise RequestError(
                    f"Está en el {line.batch}: tesorería debe retirarla del lote antes de revocarla."
                )
        elif referral == Referral.RECONSIDERATION:
            if request.status != Status.REJECTED:
                raise RequestError("Solo se reconsidera una solicitud rechazada.")
            if request.no_resources:
                raise RequestError(
                    "Fue negada por falta de recursos: no hay lugar a formular nuevamente la solicitud "
                    "ni a reconsiderarla."
                )
        elif request.status != Status.IN_REVIEW:
            raise RequestError(
                f"La solicitud está «{request.get_status_display()}»: no se puede enviar al órgano."
            )
        elif referral == Referral.RULES and request.approver not in APPROVER_LABELS:
            raise RequestError(
                "El reglamento deja esta solicitud a la administración: envíela como excepción."
            )
        label = Referral(referral).label.lower()
        fields = {}
        if referral in (Referral.RECONSIDERATION, Referral.REVOCATION):
            # No reglamento sets a term for either: it is a new review, with the
            # cooperative's review term from the day it is asked for (the first
            # filing's deadline has passed long since, and would show the associate
            # a date in the past and put it at once among the «vencidas»).
            fields["due_on"] = _review_due_on(request, timezone.localdate(now or timezone.now()))
        _move(
            request,
            Status.COMMITTEE,
            actor=actor,
            now=now,
            comment=f"Enviada al órgano ({label}): {reason}",
            referral=referral,
            is_exception=referral != Referral.RULES,
            **fields,
        )
    return request


def required_body(request: BenefitRequest, *, exceptions_body: str) -> str:
    """The body that must decide a request before a committee or council (never above or below it).

    By rule: the body the rules named. Exceptions and reconsiderations: the
    cooperative's exceptions body, or the council when the rules already name it.
    """
    if request.referral == Referral.RULES or not request.referral:
        return request.approver if request.approver in APPROVER_LABELS else exceptions_body
    if request.referral == Referral.REVOCATION:
        return approving_body(request) or reconsideration_body(
            request, exceptions_body=exceptions_body
        )
    return reconsideration_body(request, exceptions_body=exceptions_body)


def reconsideration_body(request: BenefitRequest, *, exceptions_body: str) -> str:
    """The body that decides an exception or a reconsideration of this request (what a rejection letter names)."""
    return Body.COUNCIL if request.approver == Body.COUNCIL else exceptions_body


def describe_due(request: BenefitRequest, *, today: date, calendar) -> str:
    """'vencida hace 3 días hábiles' / 'vence hoy' / 'vence en 2 días hábiles (24 de julio de 2026)'."""
    if request.due_on is None:
        return ""
    if request.due_on < today:
        days = calendar.business_days_between(request.due_on, today)
        return f"vencida hace {days} día{'s' if days != 1 else ''} hábil{'es' if days != 1 else ''}"
    if request.due_on == today:
        return "vence hoy"
    days = calendar.business_days_between(today, request.due_on)
    plural = "s" if days != 1 else ""
    return f"vence en {days} día{plural} hábil{'es' if days != 1 else ''} ({format_date(request.due_on)})"


def request_withdraw(*, request: BenefitRequest, actor: Actor, now=None) -> BenefitRequest:
    """The associate gives up a request not yet under review (desistimiento); twice is a no-op."""
    with transaction.atomic():
        request = _locked(request)
        if request.status == Status.WITHDRAWN:
            return request
        if not withdrawable_by_associate(request):
            raise RequestError(
                f"La solicitud está «{request.get_status_display()}»: ya no se puede desistir de ella."
            )
        _move(
            request,
            Status.WITHDRAWN,
            actor=actor,
            now=now,
            comment="El asociado desistió de la solicitud.",
        )
        request.invoices.all().delete()  # its CUFEs are free for another request
    return request
