"""Builders for back-office tests (importable by any test, e.g. the browser journeys).

Requests are filed through the real services and get their proposal as the
worker would record it (request_record_proposal with a rules Decision), so the
tests start from the states staff actually see. `committee_decides` takes a
request the rules leave to the committee through a whole session, as the
reglamentos require (staff cannot approve those).
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from benefits import rules
from benefits.models import Benefit, FundBudget
from benefits.services.requests import (
    Actor,
    request_create,
    request_record_proposal,
    request_submit,
    request_update,
)
from members.models import StaffRole
from tests.factories import StaffMembershipFactory, StaffUserFactory


def trace(
    *,
    eligible=True,
    article="Art. 14",
    interpretation="«Hasta N años» incluye el día del aniversario.",
):
    return (
        rules.Reason(
            "rule_set",
            True,
            "Art. 46",
            "Se aplica el reglamento vigente desde el 26 de abril de 2023.",
        ),
        rules.Reason(
            "seniority",
            eligible,
            article,
            "Antigüedad mínima de 12 meses: tiene 10 años.",
            interpretation,
        ),
        rules.Reason(
            "amount", True, "Art. 7", "El monto es el valor soportado, sin exceder el cupo."
        ),
    )


def file_request(
    associate,
    code: str,
    *,
    amount,
    eligible: bool = True,
    approver: str = "staff",
    quota=None,
    now=None,
    has_warnings: bool = False,
    beneficiary=None,
):
    """A request filed by the associate and evaluated (IN_REVIEW), with the rules' proposal."""
    benefit = Benefit.objects.get(cooperative=associate.cooperative, code=code)
    request = request_create(associate=associate, benefit=benefit, actor=Actor(associate.user))
    request_update(
        request=request,
        actor=Actor(associate.user),
        savings_account=associate.accounts.filter(active=True).first(),
        event_date=timezone.localdate() - timedelta(days=5),
        amount_claimed=Decimal(amount),
        beneficiary=beneficiary,
    )
    request_submit(request=request, actor=Actor(associate.user), now=now)
    outcome = rules.Decision(
        eligible=eligible,
        amount=Decimal(amount) if eligible else Decimal(0),
        approver=approver,
        reasons=trace(eligible=eligible),
        quota=quota,
        rule_set=f"{associate.cooperative.slug}@prueba",
        cooperative=associate.cooperative.slug,
        benefit=code,
        benefit_name=benefit.name,
    )
    request_record_proposal(request=request, outcome=outcome, has_warnings=has_warnings, now=now)
    request.refresh_from_db()
    return request


def set_budget(cooperative, kind: str, amount, *, year=None) -> FundBudget:
    year = year or timezone.localdate().year
    budget = FundBudget.objects.get(cooperative=cooperative, fund__kind=kind, year=year)
    FundBudget.objects.filter(pk=budget.pk).update(budget=Decimal(amount))
    budget.refresh_from_db()
    return budget


def staff_member(cooperative, role, *, document_number=None, first_name="", **fields):
    user = StaffUserFactory(
        document_number=document_number, first_name=first_name or role.label, **fields
    )
    StaffMembershipFactory(user=user, cooperative=cooperative, role=role)
    return user


class Staff:
    """Everyone who works at one cooperative's back office."""

    def __init__(self, cooperative, base: int):
        self.cooperative = cooperative
        self.analyst = staff_member(cooperative, StaffRole.ANALYST, document_number=str(base + 1))
        self.committee = [
            staff_member(
                cooperative,
                StaffRole.COMMITTEE,
                document_number=str(base + 10 + n),
                first_name=name,
            )
            for n, name in enumerate(["Beatriz", "Camilo", "Dora"])
        ]
        self.council = staff_member(cooperative, StaffRole.COUNCIL, document_number=str(base + 20))
        self.treasury = staff_member(
            cooperative, StaffRole.TREASURY, document_number=str(base + 30)
        )

    @property
    def everyone(self):
        return [self.analyst, *self.committee, self.council, self.treasury]


def committee_decides(
    request, *, approve: bool = True, amount=None, reason_code: str = "documento_faltante"
):
    """Refers the request to the committee and decides it in a session of three members (all in favour, or
    all against with the reason given). Creates the members if the cooperative has none. Returns the request."""
    from benefits.models import Body, RejectionReason, Vote
    from benefits.services.committee import (
        agenda_add,
        eligible_members,
        item_decide,
        meeting_create,
        meeting_set_attendance,
        vote_cast,
    )
    from benefits.services.requests import request_refer
    from benefits.states import Status

    cooperative = request.cooperative
    analyst = staff_member(cooperative, StaffRole.ANALYST)
    members = list(eligible_members(cooperative, Body.COMMITTEE)[:3])
    while len(members) < 3:
        members.append(staff_member(cooperative, StaffRole.COMMITTEE))
    request.refresh_from_db()
    if request.status != Status.COMMITTEE:
        referral = "rules" if request.approver == "committee" else "exception"
        request_refer(
            request=request,
            actor=Actor(analyst),
            referral=referral,
            reason="Para decisión del comité.",
        )
    meeting = meeting_create(
        cooperative=cooperative,
        body=Body.COMMITTEE,
        held_on=timezone.localdate(),
        actor=Actor(analyst),
    )
    meeting_set_attendance(
        meeting=meeting,
        members=members,
        president=members[0],
        secretary=members[1],
        actor=Actor(analyst),
    )
    item = agenda_add(meeting=meeting, request=request, actor=Actor(analyst), amount=amount)
    for member in members:
        choice = Vote.Choice.FOR if approve else Vote.Choice.AGAINST
        vote_cast(item=item, member=member, choice=choice, actor=Actor(member))
    reason = (
        None if approve else RejectionReason.objects.get(cooperative=cooperative, code=reason_code)
    )
    item_decide(item=item, actor=Actor(members[0]), reason=reason)
    request.refresh_from_db()
    return request
