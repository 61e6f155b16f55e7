"""From the database to the plain facts the rule engine evaluates.

The engine never reads the database or the clock; this module is where a
request (or a what-if for the "Auxilios" page) becomes a rules Case, with the
parameters and the holiday calendar in force.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from benefits.models import BenefitRequest, FundBudget
from benefits.parameters import parameters_for
from benefits.rules.facts import SELF, AssociateFacts, BeneficiaryFacts, Case, HistoryEntry
from benefits.states import Status
from core.models import HolidayOverride
from members.models import Associate, Beneficiary

GRANTED = (Status.APPROVED, Status.PAID)


def associate_facts(associate: Associate) -> AssociateFacts:
    return AssociateFacts(
        joined_on=associate.joined_on,
        gender=associate.gender,
        rights_suspended=associate.status == Associate.Status.SUSPENDED,
        arrears_days=associate.arrears_days,
        data_updated_on=associate.data_updated_on,
        inducted=associate.inducted,
        sanctioned_on=associate.sanctioned_on,
        pensioner=associate.pensioner,
        married=associate.married,
        roles=tuple(associate.roles or ()),
    )


def beneficiary_facts(beneficiary: Beneficiary | None) -> BeneficiaryFacts:
    if beneficiary is None:
        return SELF
    return BeneficiaryFacts(
        relationship=beneficiary.relationship,
        birth_date=beneficiary.birth_date,
        disabled=beneficiary.disabled,
        studying=beneficiary.studying,
        registered_on=beneficiary.registered_on,
        # The document when there is one (a person registered twice has one number), else the row.
        identity=f"doc:{beneficiary.document_number}"
        if beneficiary.document_number
        else f"row:{beneficiary.pk}",
    )


def history_of(associate: Associate, *, excluding: int | None = None) -> tuple[HistoryEntry, ...]:
    """What the associate was granted (approved or paid), oldest first."""
    granted = (
        BenefitRequest.objects.filter(associate=associate, status__in=GRANTED)
        .exclude(pk=excluding)
        .select_related("benefit", "beneficiary")
        .only(*HISTORY_FIELDS)
    )
    return history_from(granted)


# What history_from() reads of a request (for QuerySet.only()).
HISTORY_FIELDS = (
    "status",
    "event_date",
    "decided_at",
    "submitted_at",
    "amount_approved",
    "details",
    "benefit__code",
    "beneficiary__relationship",
    "beneficiary__birth_date",
    "beneficiary__disabled",
    "beneficiary__studying",
    "beneficiary__registered_on",
    "beneficiary__document_number",
)


def history_from(requests) -> tuple[HistoryEntry, ...]:
    """The granted ones among `requests` (with benefit and beneficiary loaded), oldest first."""
    granted = sorted(
        (r for r in requests if r.status in GRANTED and r.event_date is not None),
        key=lambda r: (r.submitted_at is None, r.submitted_at),
    )
    return tuple(
        HistoryEntry(
            benefit=request.benefit.code,
            event_date=request.event_date,
            granted_on=request.decided_at.date() if request.decided_at else None,
            amount=request.amount_approved or Decimal(0),
            details=request.details or {},
            beneficiary=beneficiary_facts(request.beneficiary),
            requested_on=request.submitted_at.date() if request.submitted_at else None,
        )
        for request in granted
    )


def fund_available(request: BenefitRequest, *, year: int) -> Decimal | None:
    budget = FundBudget.objects.filter(
        cooperative_id=request.cooperative_id, fund__kind=request.benefit.fund_kind, year=year
    ).first()
    return None if budget is None else budget.available


def invoice_basis(request: BenefitRequest, documents=None) -> tuple[date | None, Decimal | None]:
    """For invoice-based benefits: the earliest usable invoice date and the total paid.

    Usable: read, not refused, and without a blocking warning (a CUFE already
    used, a credit note). Every invoice must fit the filing window, so the
    earliest date is the one the window is checked against.
    """
    dates, total = [], Decimal(0)
    for document in request.documents.all() if documents is None else documents:
        if document.kind != "einvoice" or document.status != "read" or not document.facts:
            continue
        if any(w.get("blocking") for w in document.warnings):
            continue
        sheet = document.facts["document"]
        dates.append(date.fromisoformat(sheet["issue_date"]))
        total += Decimal(sheet["totals"]["payable"] or 0)
    return (min(dates) if dates else None), (total if dates else None)


def arrears_days_at(arrears_days: int, *, read_on: date | None, event_date: date) -> int:
    """The most the associate can have been in arrears on `event_date`, from the roster's figure.

    The roster gives the days of arrears on the day it was read (`read_on`):
    the age of the oldest unpaid installment. An installment N days overdue
    then was N - D days overdue D days earlier, and not yet due if N <= D; so
    arrears run up after a death (nobody pays a dead associate's loans) do not
    count against it. Without the day the figure was read, or with a figure
    older than the event, nothing is deduced. Arrears paid off since the event
    cannot be seen: staff check those in the core system (reading next to the
    rule: COPROCENVA Art. 11 num. 1, COACREMAT Art. 13).
    """
    if read_on is None:
        return arrears_days
    return max(0, arrears_days - max(0, (read_on - event_date).days))


def window_case(request: BenefitRequest, *, event_date: date, requested_on: date) -> Case:
    """Just enough of a request to ask the rules whether `event_date` fits its filing window.

    No history: the window blocks (rules/blocks/windows.py) never read it, and
    reading it was a sixth of the worker's time per invoice at scale.
    """
    return Case(
        cooperative=request.cooperative.slug,
        benefit=request.benefit.code,
        requested_on=requested_on,
        event_date=event_date,
        associate=associate_facts(request.associate),
        beneficiary=beneficiary_facts(request.beneficiary),
        amount_claimed=request.amount_claimed,
        details=request.details or {},
        history=(),
        parameters=parameters_for(request.cooperative.slug),
        calendar=HolidayOverride.calendar(),
    )


def case_for_request(request: BenefitRequest, *, requested_on: date, documents=None) -> Case:
    """The rules' facts about a request; `documents` when the caller already read them."""
    event_date, amount = request.event_date, request.amount_claimed
    if request.benefit.evidence == "invoice":
        invoice_date, invoice_total = invoice_basis(request, documents)
        event_date = invoice_date or event_date
        amount = invoice_total if invoice_total is not None else amount
    return Case(
        cooperative=request.cooperative.slug,
        benefit=request.benefit.code,
        requested_on=requested_on,
        event_date=event_date or requested_on,
        associate=replace(
            associate_facts(request.associate),
            arrears_days_at_event=arrears_days_at(
                request.associate.arrears_days,
                read_on=request.cooperative.roster_read_on,
                event_date=event_date or requested_on,
            ),
        ),
        beneficiary=beneficiary_facts(request.beneficiary),
        amount_claimed=amount,
        details=request.details or {},
        history=history_of(request.associate, excluding=request.pk),
        parameters=parameters_for(request.cooperative.slug),
        calendar=HolidayOverride.calendar(),
        fund_available=fund_available(request, year=requested_on.year),
    )
