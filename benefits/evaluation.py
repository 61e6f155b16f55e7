"""The worker's last step: a filed request, its documents read, gets the rules' proposal."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import timezone

from benefits import rules
from benefits.facts import case_for_request
from benefits.models import BenefitRequest
from benefits.services import request_record_proposal
from benefits.states import Status
from invoices.models import Document


def request_evaluate(*, request_id: int, now=None):
    """Evaluates a SUBMITTED request whose documents are all settled; otherwise does nothing.

    Safe to run twice: request_record_proposal moves SUBMITTED → IN_REVIEW under
    a lock and ignores a request already past that step.
    """
    now = now or timezone.now()
    request = BenefitRequest.objects.select_related(
        "cooperative", "associate", "benefit", "beneficiary"
    ).get(pk=request_id)
    if request.status != Status.SUBMITTED:
        return None
    documents = list(request.documents.all())
    if any(d.status in Document.UNREAD for d in documents):
        return None  # the last document to be read triggers the evaluation again
    requested_on = timezone.localdate(request.submitted_at or now)
    case = case_for_request(request, requested_on=requested_on, documents=documents)
    try:
        outcome = rules.evaluate(case)
    except rules.RuleError as error:
        # A parameter the council has not set, no reglamento in force…: the
        # request is not stuck — it goes to staff with the reason.
        outcome = unevaluable(request, str(error))
    has_warnings = any(d.warnings or d.status != Document.Status.READ for d in documents)
    # Invoice-based benefits: the event is the earliest usable invoice's date
    # (what the filing window and the quota year are counted from); it is
    # saved with the proposal.
    return request_record_proposal(
        request=request,
        outcome=outcome,
        has_warnings=has_warnings,
        event_date=case.event_date,
        now=now,
    )


def unevaluable(request: BenefitRequest, problem: str) -> rules.Decision:
    reason = rules.Reason(
        code="details",
        ok=False,
        article=request.benefit.article or "Reglamento",
        message=f"No se pudo calcular con el reglamento: {problem} La cooperativa revisará la solicitud.",
    )
    return rules.Decision(
        eligible=False,
        amount=Decimal(0),
        approver="committee",
        reasons=(reason,),
        quota=None,
        rule_set="",
        cooperative=request.cooperative.slug,
        benefit=request.benefit.code,
        benefit_name=request.benefit.name,
    )


def requests_awaiting_evaluation(*, now=None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    unsettled = Document.objects.filter(request=OuterRef("pk"), status__in=Document.UNREAD)
    return list(
        BenefitRequest.objects.filter(
            status=Status.SUBMITTED, submitted_at__lt=now - timedelta(minutes=2)
        )
        .exclude(Exists(unsettled))
        .order_by("submitted_at")
        .values_list("pk", flat=True)[:limit]
    )
