"""Reads for the associate portal, each a constant number of queries."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benefits import rules
from benefits.facts import GRANTED, HISTORY_FIELDS, history_from
from benefits.models import Benefit, BenefitRequest, Decision, RequestEvent
from benefits.rules.facts import HistoryEntry
from invoices.models import Document
from members.models import Associate

# What the dashboard's list shows, besides what the rules' history reads.
LIST_FIELDS = ("public_id", "filing_number", "amount_proposed", "created_at", "benefit__name")


def requests_and_history(
    associate: Associate, *, limit: int = 50
) -> tuple[list[BenefitRequest], tuple[HistoryEntry, ...]]:
    """The associate's newest `limit` requests, and what they were granted (the rules' history).

    One query for both: the newest requests and, however old, every granted one.
    """
    mine = BenefitRequest.objects.of_associate(associate)
    newest = mine.order_by("-created_at").values("pk")[:limit]
    rows = list(
        mine.filter(Q(pk__in=newest) | Q(status__in=GRANTED))
        .select_related("benefit", "beneficiary")
        .only(*LIST_FIELDS, *HISTORY_FIELDS)
        .order_by("-created_at")
    )
    return rows[:limit], history_from(rows)


def request_of(associate: Associate, public_id, *, timeline: bool = False) -> BenefitRequest:
    """The associate's own request, or a 404 (another associate's, another cooperative's).

    `timeline` adds its events and decisions (the request's page). Its documents
    are read where a page uses them (`request.documents.all()`, once), so an
    upload, a withdrawal or the letter does not read them for nothing.
    """
    lookups = []
    if timeline:
        lookups = [
            Prefetch("events", queryset=RequestEvent.objects.order_by("at", "pk")),
            Prefetch("decisions", queryset=Decision.objects.order_by("-created_at")),
        ]
    queryset = (
        BenefitRequest.objects.for_cooperative(associate.cooperative_id)
        .of_associate(associate)
        .select_related("benefit", "beneficiary", "savings_account", "rejection_reason")
        .prefetch_related(*lookups)
    )
    request = get_object_or_404(queryset, public_id=public_id)
    # The same rows the caller already holds (members.decorators), not read again.
    request.associate, request.cooperative = associate, associate.cooperative
    return request


def document_of(associate: Associate, public_id) -> Document:
    queryset = Document.objects.for_cooperative(associate.cooperative_id).filter(
        request__associate=associate
    )
    return get_object_or_404(queryset.select_related("request"), public_id=public_id)


def catalog_of(associate: Associate):
    return list(Benefit.objects.for_cooperative(associate.cooperative_id).active())


def required_documents(request: BenefitRequest) -> tuple[str, ...]:
    """The documents the request's rule set lists for its benefit (filing date, event date)."""
    day = timezone.localdate(request.submitted_at or request.created_at)
    try:
        rule_set = rules.rule_set_for(
            request.cooperative.slug, requested_on=day, event_date=request.event_date or day
        )
        return rule_set.benefit(request.benefit.code).required_documents
    except rules.RuleError:
        return ()


def is_request_letter(document: str) -> bool:
    """Whether a required document is the signed "carta de solicitud" (San Simón)."""
    return "carta de solicitud" in document.lower()


def offers_request_letter(
    request: BenefitRequest, documents: tuple[str, ...] | None = None
) -> bool:
    """Whether the reglamento asks for the carta; `documents`: required_documents(request) when read."""
    if documents is None:
        documents = required_documents(request)
    return any(is_request_letter(document) for document in documents)
