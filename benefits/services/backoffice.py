"""The back office's own writes: its per-cooperative policy, funds and budgets, and the staff digest.

Budgets and fund policies are parameters the council sets; each change is one
transaction with the actor (and the reason, when given) in the audit history.
A budget never drops below what approvals already committed (the CHECK
constraint says the same, as the last net).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from benefits.models import BackOfficePolicy, BenefitRequest, Fund, FundBudget
from benefits.services.requests import Actor, RequestError, describe_due
from benefits.states import ON_THE_COOPERATIVE, Status
from cooperatives.models import Cooperative
from core.dates import format_date
from core.models import HolidayOverride
from core.money import format_pesos, round_pesos
from members.models import StaffRole, User
from notifications.services import notification_queue

DIGEST_LIMIT = 50  # requests listed by name in one email; the rest are counted


class BackOfficeError(RequestError):
    pass


def policy_for(cooperative: Cooperative) -> BackOfficePolicy:
    """The cooperative's policy row (created with the portal's defaults the first time)."""
    policy = BackOfficePolicy.objects.filter(cooperative_id=cooperative.pk).first()
    if policy is None:
        policy, _ = BackOfficePolicy.objects.get_or_create(cooperative_id=cooperative.pk)
    return policy


def reconsideration_body_name(request: BenefitRequest) -> str:
    """Who hears a reconsideration of the request, as its cooperative's reglamento names the body."""
    from benefits.services.requests import reconsideration_body

    policy = policy_for(request.cooperative)
    return policy.body_name(reconsideration_body(request, exceptions_body=policy.exceptions_body))


def fund_budget_save(
    *,
    fund: Fund,
    year: int,
    amount,
    actor: Actor,
    reason: str = "",
    budget: FundBudget | None = None,
) -> FundBudget:
    """Sets a fund's budget for a year (creates it the first time). Never below what is committed."""
    amount = round_pesos(amount)
    if amount < 0:
        raise BackOfficeError("El presupuesto no puede ser negativo.")
    with transaction.atomic():
        if budget is None:
            budget, _ = FundBudget.objects.get_or_create(
                cooperative_id=fund.cooperative_id,
                fund=fund,
                year=year,
                defaults={"budget": Decimal(0)},
            )
        budget = (
            FundBudget.objects.select_for_update(of=("self",))
            .select_related("fund")
            .get(pk=budget.pk)
        )
        if budget.fund_id != fund.pk or budget.year != year:
            raise BackOfficeError(
                "El fondo y el año de un presupuesto no cambian: cree otro presupuesto."
            )
        if amount < budget.committed:
            raise BackOfficeError(
                f"Ya hay {format_pesos(budget.committed)} comprometidos en {budget}: el presupuesto no puede ser menor."
            )
        budget.budget = amount
        budget._history_user = actor.user
        budget._change_reason = (reason or "").strip()[:100] or None
        budget.save(update_fields=["budget"])
    return budget


def fund_save(*, fund: Fund, actor: Actor, reason: str = "") -> Fund:
    """Saves a fund's name and exhaustion policy after checking the chain of funds."""
    try:
        fund.full_clean()
    except ValidationError as error:
        raise BackOfficeError(" ".join(error.messages)) from None
    with transaction.atomic():
        fund._history_user = actor.user
        fund._change_reason = (reason or "").strip()[:100] or None
        fund.save()
    return fund


# --- the daily digest ---------------------------------------------------------------------


@dataclass(frozen=True)
class DigestLine:
    filing_number: str
    associate: str
    benefit: str
    status: str
    due: str
    overdue: bool


def digest_for(
    cooperative: Cooperative, *, statuses, today: date, calendar, policy
) -> tuple[list, int, int]:
    """(lines, overdue count, nearing count) of requests past or near their deadline, worst first."""
    horizon = calendar.add_business_days(today, policy.deadline_warning_days)
    queryset = (
        BenefitRequest.objects.for_cooperative(cooperative)
        .filter(status__in=statuses, due_on__isnull=False, due_on__lte=horizon)
        .select_related("associate", "benefit")
        .order_by("due_on", "pk")
    )
    overdue = queryset.filter(due_on__lt=today)[: DIGEST_LIMIT * 20].count()  # bounded count
    nearing = queryset.filter(due_on__gte=today)[: DIGEST_LIMIT * 20].count()
    lines = [
        DigestLine(
            filing_number=request.filing_number or "",
            associate=request.associate.full_name,
            benefit=request.benefit.name,
            status=request.get_status_display(),
            due=describe_due(request, today=today, calendar=calendar),
            overdue=request.due_on < today,
        )
        for request in queryset[:DIGEST_LIMIT]
    ]
    return lines, overdue, nearing


def deadline_digest_send(*, now=None) -> int:
    """Queues today's digest for each staff member with something nearing or past its deadline.

    Analysts get every request that waits on the cooperative; committee and
    council members those before their body. One email per person, cooperative
    and day (the outbox key), so a second run the same day sends nothing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    calendar = HolidayOverride.calendar()
    if not calendar.is_business_day(today):
        return 0  # nobody reads a digest on a holiday; Monday's covers the weekend
    audiences = {
        StaffRole.ANALYST: ON_THE_COOPERATIVE,
        StaffRole.COMMITTEE: (Status.COMMITTEE,),
        StaffRole.COUNCIL: (Status.COMMITTEE,),
    }
    queued = 0
    for cooperative in Cooperative.objects.filter(active=True).order_by("pk"):
        policy = policy_for(cooperative)
        digests = {}
        for role, statuses in audiences.items():
            digests[role] = digest_for(
                cooperative, statuses=statuses, today=today, calendar=calendar, policy=policy
            )
        recipients = (
            User.objects.filter(
                is_active=True,
                is_staff=True,
                staff_memberships__cooperative=cooperative,
                staff_memberships__role__in=audiences,
            )
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        for user in recipients:
            roles = {role for coop_id, role in user._memberships if coop_id == cooperative.pk}
            role = (
                StaffRole.ANALYST
                if StaffRole.ANALYST in roles
                else next(r for r in audiences if r in roles)
            )
            lines, overdue, nearing = digests[role]
            if not lines:
                continue
            with transaction.atomic():
                notification_queue(
                    key=f"staff-digest:{cooperative.pk}:{user.pk}:{today.isoformat()}",
                    template="staff_deadline_digest",
                    to=user.email,
                    cooperative=cooperative,
                    context={
                        "staff_name": user.get_short_name(),
                        "day": format_date(today),
                        "overdue": overdue,
                        "nearing": nearing,
                        "shown": len(lines),
                        "more": max(overdue + nearing - len(lines), 0),
                        "warning_days": policy.deadline_warning_days,
                        "lines": [line.__dict__ for line in lines],
                        "queue_path": reverse("admin:benefits_benefitrequest_changelist")
                        + "?bandeja=vencidas",
                    },
                )
            queued += 1
    return queued
