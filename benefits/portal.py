"""What the associate portal shows, computed from the rules (reads only).

The "Auxilios" page asks the rule engine, for every benefit of the catalog,
whether the associate could request it today and how much it would give; the
request pages show the documents as the worker reads them and the amount the
rules would give before the associate files.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from benefits import rules
from benefits.facts import associate_facts, beneficiary_facts, case_for_request, history_of
from benefits.forms import UploadForm
from benefits.models import Benefit, BenefitRequest
from benefits.parameters import parameters_for
from benefits.selectors import offers_request_letter, required_documents
from benefits.states import (
    Status,
    editable_by_associate,
    why_cannot_file,
    why_cannot_request,
    withdrawable_by_associate,
)
from core.models import HolidayOverride
from core.money import format_pesos
from core.reference_cache import remembered
from invoices.models import Document
from invoices.services import STALE_AFTER
from members.models import Associate

# Failures that depend on the request itself (its invoices, dates, details),
# not on the associate: they do not stop the associate from starting one.
DEPENDS_ON_THE_REQUEST = {"details", "deadline", "min_amount", "not_covered", "beneficiary"}
# A claimed amount so large that only the benefit's own cap can limit it: the
# amount the rules give for it is the most the benefit pays.
PROBE_AMOUNT = Decimal(10) ** 12


@dataclass
class BenefitPreview:
    benefit: Benefit
    available: bool
    amount_text: str
    why_not: str = ""
    for_whom: str = ""


@dataclass
class Overview:
    previews: list[BenefitPreview] = field(default_factory=list)
    quota_reason: str = ""
    quota: rules.Quota | None = None
    seniority_reason: str = ""
    # Why the associate can request nothing at all (a retired associate), shown
    # instead of «Solicitar auxilio»; the previews are then empty.
    cannot_request: str = ""

    @property
    def available(self):
        return [p for p in self.previews if p.available]

    @property
    def unavailable(self):
        return [p for p in self.previews if not p.available]


def catalog(cooperative) -> list[Benefit]:
    """The cooperative's active benefits, in their order (kept a minute: core.reference_cache)."""
    return remembered(
        ("catalog", cooperative.pk),
        lambda: list(Benefit.objects.for_cooperative(cooperative).active()),
    )


def overview(associate: Associate, *, today: date, history=None) -> Overview:
    """For each benefit: can the associate request it now, for whom, and up to how much.

    `history`: history_of(associate) when the caller has already read it.
    """
    refusal = why_cannot_request(associate)
    if refusal:
        return Overview(cannot_request=refusal)
    parameters = parameters_for(associate.cooperative.slug)
    calendar = HolidayOverride.calendar()
    benefits = catalog(associate.cooperative)
    facts = associate_facts(associate)
    if history is None:
        history = history_of(associate)
    people = [None, *associate.beneficiaries.filter(status="approved")]
    key = _overview_key(associate, today, facts, history, people, calendar)
    with _recent_lock:
        found = _recent_overviews.get(key)
    if found is not None and found[0] is benefits and found[1] is parameters:
        return found[2]
    result = Overview()
    for benefit in benefits:
        result.previews.append(
            _preview(
                benefit, associate, people, facts, history, parameters, calendar, today, result
            )
        )
    with _recent_lock:
        _recent_overviews[key] = (benefits, parameters, result)
        if len(_recent_overviews) > RECENT_OVERVIEWS:
            _recent_overviews.popitem(last=False)  # the oldest
    return result


# An associate going from page to page asks the rules the same question again
# (the rules were a quarter of the "Auxilios" page at scale: docs/benchmarks.md,
# load). The previews are a pure function of what overview() reads, so each
# process keeps its most recent ones under a key made of every one of those
# inputs; the catalog and parameters must be the very objects
# core.reference_cache handed out (a reload, or REFERENCE_CACHE_SECONDS = 0 in
# tests, is a miss). Nothing to invalidate: changed facts are a different key.
RECENT_OVERVIEWS = 4096
_recent_overviews: OrderedDict[tuple, tuple[list, object, Overview]] = OrderedDict()
_recent_lock = threading.Lock()  # runserver and threaded servers share the process


def _overview_key(associate, today, facts, history, people, calendar) -> tuple:
    beneficiaries = tuple(
        (p.pk, p.first_names, p.relationship, beneficiary_facts(p)) for p in people[1:]
    )
    # repr: a history entry's details are a dict (unhashable); equal reprs are equal entries.
    return (associate.pk, today, facts, repr(history), beneficiaries, calendar)


def _preview(
    benefit, associate, people, facts, history, parameters, calendar, today, result
) -> BenefitPreview:
    """The first person (the associate, then each registered beneficiary) the benefit covers now."""
    first_blocker = None
    for person in people:
        case = rules.Case(
            cooperative=associate.cooperative.slug,
            benefit=benefit.code,
            requested_on=today,
            event_date=today,
            associate=facts,
            beneficiary=beneficiary_facts(person),
            amount_claimed=PROBE_AMOUNT,
            history=history,
            parameters=parameters,
            calendar=calendar,
        )
        try:
            decision = rules.evaluate(case)
        except rules.RuleError as error:
            return BenefitPreview(benefit, False, "", why_not=str(error))
        if decision.quota is not None and result.quota is None:
            result.quota = decision.quota
            result.quota_reason = next(
                (r.message for r in decision.reasons if r.code == "quota"), ""
            )
        blocking = [r for r in decision.failures if r.code not in DEPENDS_ON_THE_REQUEST]
        if blocking:
            # About the associate (seniority, arrears…): the same for every beneficiary.
            return BenefitPreview(benefit, False, "", why_not=blocking[0].message)
        coverage = [r for r in decision.failures if r.code == "beneficiary"]
        if coverage:
            first_blocker = first_blocker or coverage[0].message
            continue
        if decision.eligible and decision.amount < PROBE_AMOUNT / 10:
            amount_text = f"Hasta {format_pesos(decision.amount)}"
        elif decision.eligible:
            amount_text = "Un porcentaje de lo que pagues"
        else:
            amount_text = "Según los datos de tu solicitud"
        for_whom = (
            "para ti"
            if person is None
            else f"para {person.first_names} ({person.get_relationship_display().lower()})"
        )
        return BenefitPreview(benefit, True, amount_text, for_whom=for_whom)
    return BenefitPreview(
        benefit,
        False,
        "",
        why_not=f"{first_blocker} Si es tu caso, registra primero al beneficiario.",
    )


def reusable_draft(associate: Associate, benefit: Benefit) -> BenefitRequest | None:
    """A double click on "Solicitar" opens the same empty draft, not two."""
    return (
        BenefitRequest.objects.of_associate(associate)
        .filter(benefit=benefit, status=Status.DRAFT, documents__isnull=True)
        .order_by("-created_at")
        .first()
    )


def preview_decision(
    request: BenefitRequest, *, today: date, documents=None
) -> rules.Decision | None:
    try:
        return rules.evaluate(case_for_request(request, requested_on=today, documents=documents))
    except rules.RuleError:
        return None


def edit_context(request: BenefitRequest, *, form=None, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    documents = list(request.documents.all())
    pending = any(d.status in Document.UNREAD for d in documents)
    documents_asked = required_documents(request)
    # Past the point where the sweeper hands it to another worker: say so, and
    # that nothing has to be done (a dead worker's upload comes back by itself).
    slow_since = timezone.now() - STALE_AFTER
    for document in documents:
        document.slow = document.status in Document.UNREAD and document.uploaded_at < slow_since
    return {
        "benefit_request": request,
        "form": form,
        "upload_form": UploadForm(benefit_request=request),
        "documents": documents,
        "reading": pending,
        "decision": None
        if pending
        else preview_decision(request, today=today, documents=documents),
        "problems": missing_before_submit(request, documents=documents),
        "editable": editable_by_associate(request),
        "cannot_request": why_cannot_file(request),
        "withdrawable": withdrawable_by_associate(request),
        "required_documents": documents_asked,
        "request_letter": offers_request_letter(request, documents_asked),
    }


def missing_before_submit(request: BenefitRequest, *, documents=None) -> list[str]:
    """What the associate still has to do before "Solicitar auxilio" (Spanish, one line each)."""
    documents = documents if documents is not None else list(request.documents.all())
    problems = []
    if request.savings_account_id is None:
        problems.append("Escoge en «Cuentas» la cuenta donde quieres recibir el auxilio.")
    if request.benefit.evidence == "invoice":
        usable = [
            d
            for d in documents
            if d.kind == Document.Kind.EINVOICE
            and d.status == Document.Status.READ
            and not any(w.get("blocking") for w in d.warnings)
        ]
        if any(d.status in Document.UNREAD for d in documents):
            problems.append("Espera a que terminemos de leer tus facturas.")
        elif not usable:
            problems.append("Sube al menos una factura electrónica válida con «Subir archivo».")
    elif request.benefit.evidence == "documents" and not documents:
        problems.append("Adjunta los documentos de soporte que pide el reglamento.")
    if request.benefit.evidence != "invoice" and request.event_date is None:
        problems.append("Escribe la fecha del evento.")
    return problems


def detail_context(request: BenefitRequest) -> dict:
    decisions = list(request.decisions.all())
    proposal = next((d for d in decisions if d.kind == "proposal"), None)
    final = next((d for d in decisions if d.kind != "proposal"), None)
    return {
        "benefit_request": request,
        "documents": list(request.documents.all()),
        "events": list(request.events.all()),
        "proposal": proposal,
        "final": final,
        "editable": editable_by_associate(request),
        "request_letter": offers_request_letter(request),
    }
