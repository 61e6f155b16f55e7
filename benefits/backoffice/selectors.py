"""Reads for the back-office pages: a request's page, a meeting's page, an object's audit trail.

Each is a constant number of queries whatever the size of the tables.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse

from benefits.backoffice import access
from benefits.backoffice.queues import ON_THE_COOPERATIVE
from benefits.models import (
    AgendaItem,
    BenefitRequest,
    CommitteeMeeting,
    Decision,
    DisbursementLine,
    LedgerEntry,
    Referral,
    RejectionReason,
    RequestEvent,
    Vote,
)
from benefits.services.requests import APPROVER_LABELS, describe_due
from benefits.states import Status
from core.dates import describe_duration, format_date
from core.money import format_pesos
from invoices.models import Document, Invoice
from members.models import Associate

ROLE_LABELS = dict(Associate.ROLE_CHOICES)


# --- audit trail ------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditRow:
    at: object
    who: str
    ip: str
    what: str
    changes: list[tuple[str, str, str]]
    reason: str


def _display(field, value) -> str:
    if value is None or value == "":
        return "—"
    choices = dict(getattr(field, "choices", None) or ())
    if choices:
        return str(choices.get(value, value))
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, Decimal):
        return format_pesos(value)
    if isinstance(value, date):
        return format_date(value)
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def audit_trail(obj, *, limit: int = 25) -> list[AuditRow]:
    """The object's simple-history records, newest first, with who, from where and what changed."""
    history = getattr(obj, "history", None)
    if history is None:
        return []
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    model_fields = {field.attname: field for field in obj._meta.concrete_fields}
    rows = []
    kinds = {"+": "Creación", "~": "Cambio", "-": "Eliminación"}
    for position, record in enumerate(records[:limit]):
        changes = []
        previous = records[position + 1] if position + 1 < len(records) else None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            for change in delta.changes:
                field = model_fields.get(change.field) or obj._meta.get_field(change.field)
                label = str(getattr(field, "verbose_name", change.field))
                changes.append((label, _display(field, change.old), _display(field, change.new)))
        user = record.history_user
        rows.append(
            AuditRow(
                at=record.history_date,
                who=(user.get_full_name() or user.username) if user else "Sistema",
                ip=getattr(record, "ip_address", None) or "",
                what=kinds.get(record.history_type, record.history_type),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return rows


# --- a request's page -------------------------------------------------------------------


def request_for_page(queryset, pk) -> BenefitRequest:
    return (
        queryset.select_related(
            "cooperative",
            "associate",
            "benefit",
            "beneficiary",
            "savings_account",
            "rejection_reason",
        )
        .prefetch_related(
            "documents",  # in upload order (Document.Meta.ordering)
            Prefetch(
                "invoices",
                queryset=Invoice.objects.select_related("document").order_by("issue_date"),
            ),
            Prefetch(
                "events", queryset=RequestEvent.objects.select_related("actor").order_by("at", "pk")
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("decided_by", "event").order_by(
                    "created_at"
                ),
            ),
            Prefetch(
                "ledger_entries",
                queryset=LedgerEntry.objects.select_related(
                    "fund_budget__fund", "quota_account", "created_by"
                ),
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("meeting").order_by("meeting__held_on"),
            ),
            Prefetch(
                "disbursement_lines",
                queryset=DisbursementLine.objects.select_related("batch").order_by("pk"),
            ),
        )
        .get(pk=pk)
    )


def _warnings(document: Document) -> list[dict]:
    return [
        {
            "code": warning.get("code", ""),
            "text": warning.get("staff_message")
            or warning.get("message")
            or warning.get("code", ""),
            "blocking": bool(warning.get("blocking")),
        }
        for warning in (document.warnings or [])
    ]


def _yes_no(value) -> str:
    return "—" if value is None else ("Sí" if value else "No")


def request_page(request: BenefitRequest, user, *, today: date, calendar) -> dict:
    associate = request.associate
    coop_id = request.cooperative_id
    can_download = access.allows(user, "invoices.view_document", coop_id)
    documents = []
    for document in request.documents.all():
        documents.append(
            {
                "document": document,
                "warnings": _warnings(document),
                "url": reverse("admin:invoices_document_download", args=[document.pk])
                if can_download
                else "",
            }
        )
    invoices = []
    for invoice in request.invoices.all():
        invoices.append(
            {
                "invoice": invoice,
                "signature": _yes_no(invoice.signature_valid),
                "dian": _yes_no(invoice.dian_validated),
                "warnings": _warnings(invoice.document),
                "url": reverse("admin:invoices_document_download", args=[invoice.document_id])
                if can_download
                else "",
            }
        )
    decisions = list(request.decisions.all())
    proposals = [d for d in decisions if d.kind == Decision.Kind.PROPOSAL]
    proposal = proposals[-1] if proposals else None
    quota = None
    if proposal is not None and proposal.quota:
        quota = {key: format_pesos(value) for key, value in proposal.quota.items()}
    blocking = [w["text"] for d in documents for w in d["warnings"] if w["blocking"]]
    ledger = list(request.ledger_entries.all())
    line = next((line for line in request.disbursement_lines.all() if line.active), None)
    return {
        "req": request,
        "associate": associate,
        "associate_facts": [
            ("Cédula", associate.document_number),
            ("Estado", associate.get_status_display()),
            (
                "Afiliado desde",
                f"{format_date(associate.joined_on)} ({describe_duration(associate.joined_on, today)})",
            ),
            ("Días en mora", str(associate.arrears_days)),
            ("Última actualización de datos", format_date(associate.data_updated_on) or "—"),
            ("Inducción cooperativa", "Sí" if associate.inducted else "No"),
            ("Última sanción", format_date(associate.sanctioned_on) or "—"),
            ("Pensionado", "Sí" if associate.pensioner else "No"),
            ("Cargos", ", ".join(ROLE_LABELS.get(r, r) for r in associate.roles or []) or "—"),
            ("Agencia", associate.agency or "—"),
            ("Correo", associate.email or "—"),
            ("Teléfono", associate.phone or "—"),
        ],
        "documents": documents,
        "invoices": invoices,
        "proposal": proposal,
        "quota": quota,
        "decisions": [d for d in decisions if d.kind != Decision.Kind.PROPOSAL],
        "events": list(request.events.all()),
        "ledger": ledger,
        "ledger_total": sum((e.amount for e in ledger if e.fund_budget_id), Decimal(0)),
        "agenda_items": list(request.agenda_items.all()),
        "line": line,
        "blocking": blocking,
        "due": describe_due(request, today=today, calendar=calendar)
        if request.status in ON_THE_COOPERATIVE
        else "",
        "overdue": request.status in ON_THE_COOPERATIVE
        and request.due_on is not None
        and request.due_on < today,
        "approver_label": APPROVER_LABELS.get(request.approver, "la administración"),
        "actions": available_actions(
            request, user, proposal=proposal, blocking=blocking, line=line
        ),
        "reasons": list(
            RejectionReason.objects.filter(cooperative_id=coop_id, active=True).order_by("text")
        ),
        "audit": audit_trail(request),
    }


def available_actions(request: BenefitRequest, user, *, proposal, blocking, line) -> dict:
    """Which action forms the page shows, and why an action is not offered (so staff know what to do)."""
    coop_id = request.cooperative_id
    decide = access.allows(user, "benefits.decide_benefitrequest", coop_id)
    change = access.allows(user, "benefits.change_benefitrequest", coop_id)
    by_body = request.approver in APPROVER_LABELS
    actions = {"approve": False, "reject": False, "ask": False, "refer": [], "why_not_approve": ""}
    if request.status == Status.IN_REVIEW:
        if decide and not by_body:
            actions["reject"] = True
            if proposal is None or not proposal.eligible:
                actions["why_not_approve"] = (
                    "El reglamento no la encuentra procedente: recházela, pida documentos o envíela como excepción."
                )
            elif blocking:
                actions["why_not_approve"] = (
                    "Tiene advertencias que impiden aprobarla (ver documentos)."
                )
            else:
                actions["approve"] = True
        if change:
            actions["ask"] = True
            if by_body:
                actions["refer"].append(
                    (Referral.RULES, f"Por reglamento decide {APPROVER_LABELS[request.approver]}")
                )
            actions["refer"].append((Referral.EXCEPTION, Referral.EXCEPTION.label))
    elif request.status == Status.NEEDS_DOCUMENTS:
        actions["reject"] = decide and not by_body
    elif request.status == Status.APPROVED:
        staff_approval = next(
            (
                d
                for d in reversed(list(request.decisions.all()))
                if d.kind != Decision.Kind.PROPOSAL
            ),
            None,
        )
        actions["reject"] = (
            decide
            and line is None
            and staff_approval is not None
            and staff_approval.kind == Decision.Kind.STAFF
        )
        actions["annul"] = actions["reject"]
        if (
            change
            and line is None
            and staff_approval is not None
            and staff_approval.kind in (Decision.Kind.COMMITTEE, Decision.Kind.COUNCIL)
        ):
            # Only the body that approved revokes (benefits.services.requests.request_refer).
            actions["refer"].append((Referral.REVOCATION, Referral.REVOCATION.label))
    elif request.status == Status.REJECTED and change and not request.no_resources:
        actions["refer"].append((Referral.RECONSIDERATION, Referral.RECONSIDERATION.label))
    return actions


# --- a meeting's page -------------------------------------------------------------------


def meeting_page(meeting: CommitteeMeeting, user) -> dict:
    from benefits.services.backoffice import policy_for
    from benefits.services.committee import (
        conflicts_for,
        eligible_members,
        interested_people_of,
        present_members,
        session_terms,
        tally,
    )

    items = list(
        meeting.items.select_related(
            "request", "request__associate", "request__benefit", "request__beneficiary", "decision"
        )
        .prefetch_related(
            Prefetch("votes", queryset=Vote.objects.select_related("member", "recorded_by"))
        )
        .order_by("position")
    )
    present = present_members(meeting)
    policy = policy_for(meeting.cooperative)
    terms = session_terms(meeting, policy)
    quorum = terms.quorum
    people = interested_people_of([item.request for item in items])
    rows = []
    for item in items:
        votes = {vote.member_id: vote for vote in item.votes.all()}
        conflicts = conflicts_for(item.request, present, people[item.request_id])
        rows.append(
            {
                "item": item,
                "tally": tally(item, members=present, quorum=quorum),
                "members": [
                    {"member": m, "vote": votes.get(m.pk), "conflict": conflicts.get(m.pk, "")}
                    for m in present
                ],
            }
        )
    from benefits.services.requests import required_body

    waiting = (
        BenefitRequest.objects.filter(
            cooperative_id=meeting.cooperative_id, status=Status.COMMITTEE
        )
        .exclude(agenda_items__outcome=AgendaItem.Outcome.PENDING)
        .exclude(agenda_items__meeting=meeting)  # decided here: a later session hears it again
        .select_related("associate", "benefit")
        .order_by("due_on", "pk")[:200]
    )
    candidates = [
        r
        for r in waiting
        if required_body(r, exceptions_body=policy.exceptions_body) == meeting.body
    ]
    officer = user.pk in (meeting.president_id, meeting.secretary_id)
    open_ = meeting.status == CommitteeMeeting.Status.OPEN
    change = access.allows(user, "benefits.change_committeemeeting", meeting.cooperative_id)
    return {
        "meeting": meeting,
        "rows": rows,
        "present": present,
        "present_ids": {m.pk for m in present},
        # Recusals are found by cédula (conflicts_for): without one nobody is recused for them.
        "without_document": [str(m) for m in present if not m.document_number],
        "eligible": list(eligible_members(meeting.cooperative, meeting.body)),
        "quorum": quorum,
        "body_name": terms.body_name,
        "open": open_,
        "officer": officer and open_,
        "can_prepare": change
        and open_
        and access.allows(user, "benefits.add_agendaitem", meeting.cooperative_id),
        "can_attend": change and open_,
        "is_member": user.pk in {m.pk for m in present},
        "reasons": list(
            RejectionReason.objects.filter(cooperative_id=meeting.cooperative_id, active=True)
        ),
        "candidates": candidates,
        "audit": audit_trail(meeting),
    }
