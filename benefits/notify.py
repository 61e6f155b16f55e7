"""The emails an associate gets when their request changes status.

One notification per status change (keyed by the RequestEvent), so a retried
task or a repeated click never emails twice. The service that moves the
request records the email for the event it created, in its own transaction
(benefits.services.requests._move); only the sending waits for the commit.
"""

from django.urls import reverse

from benefits.models import BenefitRequest, RequestEvent
from benefits.states import Status
from core.dates import format_date
from core.money import format_pesos
from notifications.services import notification_queue

# The email for each status; any status not listed uses the generic one.
TEMPLATES = {
    Status.SUBMITTED: "request_submitted",
    Status.APPROVED: "request_approved",
    Status.REJECTED: "request_rejected",
    Status.NEEDS_DOCUMENTS: "request_needs_documents",
    Status.PAID: "request_paid",
}
# Steps the associate sees on the page, not by email: internal ones, and a
# withdrawal, which the associate did on that page (the email is for decisions).
SILENT = frozenset({Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN})


def notify_status_change(*, event_id: int) -> None:
    """Queues the associate's email about one status change (a RequestEvent)."""
    event = RequestEvent.objects.get(pk=event_id)
    if event.to_status in SILENT:
        return
    # Two queries rather than one seven-table join: PostgreSQL spent 3–6 ms
    # planning that join, more than the rest of the email's work.
    request = BenefitRequest.objects.select_related(
        "cooperative", "associate", "benefit", "savings_account", "rejection_reason"
    ).get(pk=event.request_id)
    if not request.associate.email:
        return
    notification_queue(
        key=f"request-event:{event.pk}",
        template=TEMPLATES.get(event.to_status, "request_status"),
        to=request.associate.email,
        cooperative=request.cooperative,
        context=status_email_context(request, event),
    )


def status_email_context(request: BenefitRequest, event: RequestEvent) -> dict:
    """Plain JSON: it is stored on the notification and rendered when sent."""
    # benefits.services imports this module: its helpers are read when the email is built.
    from benefits.services.backoffice import reconsideration_body_name

    account = request.savings_account
    return {
        # Ids for what is rendered at send time (the decision letter attached to the email).
        "request_id": request.pk,
        "event_id": event.pk,
        "associate_name": request.associate.first_names,
        "filing_number": request.filing_number or "",
        "benefit": request.benefit.name,
        "status": event.get_to_status_display(),  # this step's, even if the request moved on
        "amount_proposed": format_pesos(request.amount_proposed)
        if request.amount_proposed is not None
        else "",
        "amount_approved": format_pesos(request.amount_approved)
        if request.amount_approved is not None
        else "",
        "account": f"{account.kind} {account.masked_number}" if account else "",
        "comment": event.comment,
        "reason": request.rejection_reason.text if request.rejection_reason else "",
        "fixable": request.rejection_fixable,
        "no_resources": request.no_resources,
        "reconsideration_body": reconsideration_body_name(request)
        if event.to_status == Status.REJECTED
        else "",
        "due_on": format_date(request.due_on),
        "review_days": request.cooperative.review_business_days,
        "at": format_date(event.at),
        "path": reverse(
            "request_detail",
            kwargs={"coop": request.cooperative.slug, "public_id": request.public_id},
        ),
    }
