"""Letters: the decision letter (PDF, attached to the decision email) and San Simón's
"Carta de solicitud de auxilio" pre-filled for the associate's signature.

A letter is rendered from the Decision row and the request as they were when
the decision was taken (the decision keeps its amount, reason and fixability),
so the letter attached to an email sent an hour later still says what was
decided. The email attachment is rendered at send time from the ids stored in
the notification's context (notifications.composer.ATTACHMENT_HOOKS).
"""

import logging

from django.utils import timezone

from benefits.backoffice.pdf import render_pdf
from benefits.models import AgendaItem, BenefitRequest, Decision
from benefits.selectors import is_request_letter, required_documents
from benefits.services.backoffice import policy_for, reconsideration_body_name
from benefits.services.committee import session_terms
from benefits.states import Status
from core.dates import format_date
from core.money import format_pesos

logger = logging.getLogger(__name__)


def _decider(decision: Decision, policy, body_name: str) -> str:
    """Who decided, as the letter says it: the administration or the body by its reglamento name.

    `body_name` is the session's (session_terms) when the body decided in one.
    """
    if decision.kind in (Decision.Kind.COMMITTEE, Decision.Kind.COUNCIL):
        return f"el {body_name or policy.body_name(decision.kind)}"
    if decision.kind == Decision.Kind.STAFF:
        return "la administración de la cooperativa"
    return "la cooperativa"


def decision_letter_context(decision: Decision) -> dict:
    request = decision.request
    cooperative = request.cooperative
    item = (
        AgendaItem.objects.filter(decision=decision).select_related("meeting").first()
        if decision.kind != Decision.Kind.STAFF
        else None
    )
    proposal = (
        request.decisions.filter(kind=Decision.Kind.PROPOSAL, created_at__lte=decision.created_at)
        .order_by("-created_at", "-pk")
        .first()
    )
    account = request.savings_account
    policy = policy_for(cooperative)
    body_name = session_terms(item.meeting, policy).body_name if item else ""
    reason = decision.rejection_reason
    article = ""
    if decision.no_resources:
        from benefits.models import Fund

        fund = Fund.objects.filter(cooperative=cooperative, kind=request.benefit.fund_kind).first()
        article = fund.exhaustion_article if fund else ""
    return {
        "cooperative": cooperative,
        "decision": decision,
        "request": request,
        "associate": request.associate,
        "approved": decision.eligible,
        "amount": format_pesos(decision.amount),
        "decider": _decider(decision, policy, body_name),
        "meeting": item.meeting if item else None,
        "body_name": body_name,
        "day": format_date(decision.created_at),
        "filed_on": format_date(request.submitted_at),
        "account": f"{account.kind} {account.masked_number}" if account else "",
        "reason": reason.text if reason else "",
        "comment": decision.comment if not reason or decision.comment != reason.text else "",
        "fixable": bool(decision.fixable),
        "no_resources": decision.no_resources,
        "no_resources_article": article,
        "reconsideration_body": reconsideration_body_name(request),
        "trace": (proposal.reasons if proposal else []),
        "rule_set": proposal.rule_set if proposal else "",
    }


def decision_letter_pdf(decision: Decision) -> bytes:
    return render_pdf("pdf/decision_letter.html", decision_letter_context(decision))


def decision_letter_filename(decision: Decision) -> str:
    return f"carta-{decision.request.filing_number or decision.request.pk}-{decision.pk}.pdf"


def request_letter_pdf(request: BenefitRequest, *, today=None) -> bytes:
    """San Simón's "Carta de solicitud de auxilio", pre-filled for the associate to sign."""
    today = today or timezone.localdate()
    associate = request.associate
    account = request.savings_account
    return render_pdf(
        "pdf/request_letter.html",
        {
            "cooperative": request.cooperative,
            "committee_name": policy_for(request.cooperative).committee_name,
            "request": request,
            "associate": associate,
            "beneficiary": request.beneficiary,
            "account": f"{account.kind} n.º {account.number}" if account else "",
            "day": format_date(today),
            "event_date": format_date(request.event_date),
            "amount_claimed": format_pesos(request.amount_claimed)
            if request.amount_claimed
            else "",
            "documents": [d for d in required_documents(request) if not is_request_letter(d)],
        },
    )


# --- the email attachments hook (notifications.composer.ATTACHMENT_HOOKS) ----------------


def decision_email_attachments(context: dict) -> list[tuple[str, bytes, str]]:
    """The decision letter of the status change an email announces (none if it has no decision)."""
    event_id = context.get("event_id")
    if not event_id:
        return []
    decision = (
        Decision.objects.filter(event_id=event_id)
        .exclude(kind=Decision.Kind.PROPOSAL)
        .select_related(
            "request__cooperative",
            "request__associate",
            "request__benefit",
            "request__savings_account",
            "rejection_reason",
        )
        .first()
    )
    if decision is None or decision.request.status == Status.DRAFT:
        return []
    return [(decision_letter_filename(decision), decision_letter_pdf(decision), "application/pdf")]
