"""Committee and council meetings: attendance, agenda, votes, recusals, decisions and closing.

A meeting decides the requests the administration cannot: those the rules
give to a body, exceptions and reconsiderations (CEMCOP Arts. 9–10, 44;
COPROCENVA Arts. 7, 12 num. 15–17). Each decision goes through the request
services (same locks, fund policy, ledger and emails) and is listed in the
acta (benefits.backoffice.pdf).

Readings where the texts are silent (told to staff on the pages and in the
acta): a decision needs a quorum of present members who are not recused
(BackOfficePolicy); it is the simple majority of votes for and against;
abstentions count for neither; a tie, or a body without quorum, postpones the
item to a later meeting. A member who is the applicant, the beneficiary, or a
registered relative of the applicant must declare themselves recused; where
the body works in groups, such a request goes to a session of the other group.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from benefits.models import (
    AgendaItem,
    BenefitRequest,
    Body,
    CommitteeMeeting,
    CommitteeSeat,
    MeetingMember,
    Referral,
    RejectionReason,
    Vote,
)
from benefits.services.backoffice import policy_for
from benefits.services.requests import (
    Actor,
    FundExhausted,
    RequestError,
    request_approve_by_body,
    request_reject_by_body,
    required_body,
)
from benefits.states import Status
from cooperatives.models import Cooperative
from cooperatives.services import cooperative_lock
from core.money import format_pesos
from members.models import Beneficiary, StaffRole, User

BODY_ROLE = {Body.COMMITTEE: StaffRole.COMMITTEE, Body.COUNCIL: StaffRole.COUNCIL}


class CommitteeError(RequestError):
    """A meeting cannot do what was asked; the message is for the person who asked."""


# --- who sits, who is interested ------------------------------------------------------


def eligible_members(cooperative: Cooperative, body: str):
    """Staff whose role at this cooperative seats them in the body."""
    return (
        User.objects.filter(
            is_active=True,
            staff_memberships__cooperative=cooperative,
            staff_memberships__role=BODY_ROLE[body],
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def interested_people(request: BenefitRequest) -> dict[str, str]:
    """Document numbers of the people with an interest in the request, and how.

    The applicant, the beneficiary, the applicant's registered family, and
    associates who registered the applicant as their relative. Relatives the
    roster does not show (the parágrafo of COPROCENVA Art. 12 reaches the
    fourth degree) are declared by the member, who votes «se declara impedido».
    """
    return interested_people_of([request])[request.pk]


def interested_people_of(requests: list[BenefitRequest]) -> dict[int, dict[str, str]]:
    """interested_people() for many requests of one cooperative, in two queries (a session's agenda)."""
    if not requests:
        return {}
    applicants = {r.associate.document_number for r in requests}
    family: dict[int, list[Beneficiary]] = {}
    for relative in Beneficiary.objects.filter(
        associate_id__in={r.associate_id for r in requests}
    ).exclude(document_number=""):
        family.setdefault(relative.associate_id, []).append(relative)
    registered_by: dict[str, list[Beneficiary]] = {}
    for relative in Beneficiary.objects.filter(
        cooperative_id=requests[0].cooperative_id, document_number__in=applicants
    ).select_related("associate"):
        registered_by.setdefault(relative.document_number, []).append(relative)
    found = {}
    for request in requests:
        associate = request.associate
        people = {associate.document_number: "es el solicitante"}
        if request.beneficiary is not None and request.beneficiary.document_number:
            people.setdefault(request.beneficiary.document_number, "es el beneficiario del auxilio")
        for relative in family.get(associate.pk, []):
            people.setdefault(
                relative.document_number,
                f"es familiar registrado del solicitante ({relative.get_relationship_display().lower()})",
            )
        for relative in registered_by.get(associate.document_number, []):
            people.setdefault(
                relative.associate.document_number,
                f"tiene registrado al solicitante como familiar ({relative.get_relationship_display().lower()})",
            )
        found[request.pk] = people
    return found


def conflicts_for(
    request: BenefitRequest, users, people: dict[str, str] | None = None
) -> dict[int, str]:
    """{user id: why they are recused} for the users with an interest in the request."""
    people = interested_people(request) if people is None else people
    return {
        user.pk: f"{user.get_full_name() or user.username} {people[user.document_number]}"
        for user in users
        if user.document_number and user.document_number in people
    }


def _group_conflict(meeting: CommitteeMeeting, request: BenefitRequest) -> str:
    """Why the request cannot be decided in this meeting's group ('' when it can)."""
    people = interested_people(request)
    seats = CommitteeSeat.objects.filter(
        cooperative_id=meeting.cooperative_id,
        body=meeting.body,
        active=True,
        user__document_number__in=list(people),
    ).select_related("user")
    for seat in seats:
        if not meeting.group or meeting.group == seat.group:
            article = policy_for(meeting.cooperative).committee_groups_article
            where = f" ({article})" if article else ""
            name = seat.user.get_full_name() or seat.user.username
            return (
                f"{name} integra el {seat.group} y {people[seat.user.document_number]}: la solicitud debe "
                f"decidirse en una sesión del grupo del que no hace parte{where}."
            )
    return ""


# --- meetings -------------------------------------------------------------------------


def meeting_create(
    *,
    cooperative: Cooperative,
    body: str,
    held_on,
    actor: Actor,
    group: str = "",
    place: str = "",
    number: int | None = None,
) -> CommitteeMeeting:
    """Convenes a meeting; its acta number is the next of that body unless given."""
    if body not in Body.values:
        raise CommitteeError("Escoja el órgano.")
    group = (group or "").strip()
    if (
        group
        and not CommitteeSeat.objects.filter(
            cooperative=cooperative, body=body, group=group, active=True
        ).exists()
    ):
        raise CommitteeError(f"No hay integrantes vigentes en el «{group}».")
    with transaction.atomic():
        cooperative_lock(cooperative=cooperative)  # one numbering at a time
        if number is None:
            last = CommitteeMeeting.objects.filter(cooperative=cooperative, body=body).aggregate(
                n=Max("number")
            )["n"]
            number = (last or 0) + 1
        elif CommitteeMeeting.objects.filter(
            cooperative=cooperative, body=body, number=number
        ).exists():
            raise CommitteeError(f"Ya existe el acta {number} de ese órgano.")
        meeting = CommitteeMeeting(
            cooperative=cooperative,
            body=body,
            group=group,
            number=number,
            held_on=held_on,
            place=place,
            created_by=actor.user,
        )
        meeting._history_user = actor.user
        meeting.save()
    return meeting


def _locked_meeting(meeting: CommitteeMeeting) -> CommitteeMeeting:
    meeting = (
        CommitteeMeeting.objects.select_for_update(of=("self",))
        .select_related("cooperative")
        .get(pk=meeting.pk)
    )
    if meeting.status != CommitteeMeeting.Status.OPEN:
        raise CommitteeError("El acta de esta sesión ya fue cerrada: no admite cambios.")
    return meeting


def meeting_set_attendance(
    *, meeting: CommitteeMeeting, members, president: User, secretary: User, actor: Actor
) -> CommitteeMeeting:
    """Records who is present, and who presides and takes the minutes (CEMCOP Art. 44)."""
    members = list(members)
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.items.exclude(outcome=AgendaItem.Outcome.PENDING).exists():
            raise CommitteeError(
                "Ya hay decisiones tomadas en esta sesión: la asistencia no puede cambiar."
            )
        allowed = set(
            eligible_members(meeting.cooperative, meeting.body).values_list("pk", flat=True)
        )
        strangers = [m for m in members if m.pk not in allowed]
        if strangers:
            names = ", ".join(str(m) for m in strangers)
            body = policy_for(meeting.cooperative).body_name(meeting.body)
            raise CommitteeError(f"No integran el {body}: {names}.")
        if meeting.group:
            seated = set(
                CommitteeSeat.objects.filter(
                    cooperative=meeting.cooperative,
                    body=meeting.body,
                    group=meeting.group,
                    active=True,
                ).values_list("user_id", flat=True)
            )
            outside = [m for m in members if m.pk not in seated]
            if outside:
                raise CommitteeError(
                    f"No integran el {meeting.group}: {', '.join(str(m) for m in outside)}."
                )
        ids = {m.pk for m in members}
        if not members:
            raise CommitteeError("Marque quiénes asisten.")
        if (
            president is None
            or president.pk not in ids
            or secretary is None
            or secretary.pk not in ids
        ):
            raise CommitteeError(
                "El presidente y el secretario de la sesión deben estar entre los asistentes."
            )
        leaving = MeetingMember.objects.filter(meeting=meeting).exclude(user_id__in=ids)
        if Vote.objects.filter(
            item__meeting=meeting, member_id__in=leaving.values("user_id")
        ).exists():
            raise CommitteeError("Quien ya votó no puede quitarse de la asistencia.")
        for row in leaving:
            row._history_user = actor.user
            row.delete()
        present = set(
            MeetingMember.objects.filter(meeting=meeting).values_list("user_id", flat=True)
        )
        for member in members:
            if member.pk not in present:
                row = MeetingMember(meeting=meeting, user=member)
                row._history_user = actor.user
                row.save()
        meeting.president, meeting.secretary = president, secretary
        meeting._history_user = actor.user
        meeting.save(update_fields=["president", "secretary"])
    return meeting


def present_members(meeting: CommitteeMeeting) -> list[User]:
    return list(
        User.objects.filter(
            pk__in=MeetingMember.objects.filter(meeting=meeting).values("user_id")
        ).order_by("last_name", "first_name", "username")
    )


def _require_officer(meeting: CommitteeMeeting, actor: Actor) -> None:
    if actor.user is None or actor.user.pk not in (meeting.president_id, meeting.secretary_id):
        raise CommitteeError("Solo el presidente o el secretario de la sesión pueden hacer esto.")


def _refuse_if_interested(item: AgendaItem, actor: Actor) -> None:
    """An officer with an interest in the item (or declared recused on it) does not run it.

    Recusal keeps a member's vote out of the count; an officer who is the
    applicant (or their relative) could otherwise still set the amount, enter
    the others' votes and close the item: the other officer runs it.
    """
    conflict = conflicts_for(item.request, [actor.user]).get(actor.user.pk, "")
    recused = item.votes.filter(member=actor.user, choice=Vote.Choice.RECUSED).exists()
    if conflict or recused:
        raise CommitteeError(
            "Usted está impedido en este punto: el monto, los votos de los demás y la decisión "
            "los registra el otro dignatario de la sesión (presidente o secretario)."
        )


# --- the agenda -------------------------------------------------------------------------


def agenda_add(
    *,
    meeting: CommitteeMeeting,
    request: BenefitRequest,
    actor: Actor,
    amount=None,
    summary: str = "",
) -> AgendaItem:
    """Puts a request before the meeting, if this body (and group) may decide it."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        request = (
            BenefitRequest.objects.select_for_update(of=("self",))
            .select_related("cooperative", "associate", "beneficiary", "benefit")
            .get(pk=request.pk)
        )
        if request.cooperative_id != meeting.cooperative_id:
            raise CommitteeError("Esa solicitud no es de esta cooperativa.")
        already = meeting.items.filter(request=request).first()
        if already is not None and already.outcome == AgendaItem.Outcome.PENDING:
            return already  # a double click: it is on this agenda already
        if already is not None:  # decided here, and back before the body (a reconsideration)
            raise CommitteeError(
                f"La solicitud {request} ya se decidió en esta sesión: póngala en el orden "
                "del día de una próxima sesión."
            )
        if request.status != Status.COMMITTEE:
            raise CommitteeError(
                f"La solicitud {request} está «{request.get_status_display()}», no ante el órgano."
            )
        policy = policy_for(meeting.cooperative)
        needed = required_body(request, exceptions_body=policy.exceptions_body)
        if needed != meeting.body:
            raise CommitteeError(
                f"La solicitud {request} la decide el {policy.body_name(needed)}, no este órgano."
            )
        conflict = _group_conflict(meeting, request)
        if conflict:
            raise CommitteeError(conflict)
        if amount is None and request.referral == Referral.REVOCATION:
            amount = request.amount_approved  # whether the approval stands as it was
        elif amount is None and request.amount_proposed:
            amount = request.amount_proposed
        if amount is not None and Decimal(amount) < 0:
            raise CommitteeError("El monto no puede ser negativo.")
        position = (meeting.items.aggregate(n=Max("position"))["n"] or 0) + 1
        item = AgendaItem(
            meeting=meeting,
            cooperative=meeting.cooperative,
            request=request,
            position=position,
            referral=request.referral or "rules",
            amount=amount,
            summary=summary,
        )
        item._history_user = actor.user
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError:
            raise CommitteeError(
                f"La solicitud {request} ya está en el orden del día de otra sesión."
            ) from None
    return item


def _locked_item(item: AgendaItem) -> AgendaItem:
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related(
            "meeting",
            "meeting__cooperative",
            "request",
            "request__associate",
            "request__beneficiary",
        )
        .get(pk=item.pk)
    )
    if item.meeting.status != CommitteeMeeting.Status.OPEN:
        raise CommitteeError("El acta de esta sesión ya fue cerrada: no admite cambios.")
    if item.outcome != AgendaItem.Outcome.PENDING:
        raise CommitteeError("Este punto ya fue decidido.")
    return item


def agenda_set_amount(*, item: AgendaItem, amount, actor: Actor) -> AgendaItem:
    """Changes the amount put to the vote; the votes already cast are withdrawn (they were for another amount)."""
    amount = Decimal(amount)
    if amount <= 0:
        raise CommitteeError("El monto debe ser mayor que cero.")
    with transaction.atomic():
        item = _locked_item(item)
        _require_officer(item.meeting, actor)
        _refuse_if_interested(item, actor)
        for vote in item.votes.exclude(choice=Vote.Choice.RECUSED):
            vote._history_user = actor.user
            vote.delete()
        item.amount = amount
        item._history_user = actor.user
        item.save(update_fields=["amount"])
    return item


def vote_cast(
    *, item: AgendaItem, member: User, choice: str, actor: Actor, reason: str = "", now=None
) -> Vote:
    """Records a member's vote (by the member, or by the session's president or secretary).

    A member with an interest in the request can only declare themselves
    recused; anyone may declare a recusal the roster cannot show, with a reason.
    """
    now = now or timezone.now()
    if choice not in Vote.Choice.values:
        raise CommitteeError("Escoja el voto.")
    with transaction.atomic():
        item = _locked_item(item)
        meeting = item.meeting
        if not MeetingMember.objects.filter(meeting=meeting, user=member).exists():
            raise CommitteeError(f"{member} no está en la asistencia de esta sesión.")
        if actor.user is None or actor.user.pk not in (
            member.pk,
            meeting.president_id,
            meeting.secretary_id,
        ):
            raise CommitteeError(
                "Cada integrante vota por sí mismo, o lo registra el presidente o el secretario."
            )
        if actor.user.pk != member.pk:
            _refuse_if_interested(item, actor)
        conflict = conflicts_for(item.request, [member]).get(member.pk, "")
        if conflict and choice != Vote.Choice.RECUSED:
            raise CommitteeError(
                f"Impedimento: {conflict}. Debe declararse impedido en este punto."
            )
        reason = (reason or "").strip() or conflict
        if choice == Vote.Choice.RECUSED and not reason:
            raise CommitteeError("Escriba el motivo del impedimento.")
        if choice == Vote.Choice.FOR and not (item.amount or 0) > 0:
            raise CommitteeError("Antes de votar a favor, fije el monto que se somete a votación.")
        vote = Vote.objects.filter(item=item, member=member).first() or Vote(
            item=item, member=member
        )
        vote.choice, vote.reason, vote.recorded_by, vote.recorded_at = (
            choice,
            reason[:300],
            actor.user,
            now,
        )
        vote._history_user = actor.user
        vote.save()
    return vote


@dataclass(frozen=True)
class Tally:
    present: int
    recused: int
    votes_for: int
    votes_against: int
    abstentions: int
    missing: tuple[str, ...]
    quorum: int

    @property
    def voting(self) -> int:
        return self.present - self.recused

    @property
    def has_quorum(self) -> bool:
        return self.voting >= self.quorum


@dataclass(frozen=True)
class SessionTerms:
    quorum: int
    body_name: str


def session_terms(meeting: CommitteeMeeting, policy=None) -> SessionTerms:
    """The quorum and the body's name a session decides with.

    The cooperative's policy until the session's first decision, which fixes
    them on the session (item_decide): every later decision of the session and
    its acta, whenever it is printed, say what applied then.
    """
    if meeting.quorum is not None:
        return SessionTerms(quorum=meeting.quorum, body_name=meeting.body_name)
    policy = policy or policy_for(meeting.cooperative)
    return SessionTerms(
        quorum=policy.quorum_for(meeting.body), body_name=policy.body_name(meeting.body)
    )


def tally(
    item: AgendaItem, *, members: list[User] | None = None, quorum: int | None = None
) -> Tally:
    """The count of the item's votes; `members` and `quorum` when the caller has them (a whole agenda)."""
    if members is None:
        members = present_members(item.meeting)
    if quorum is None:
        quorum = session_terms(item.meeting).quorum
    votes = {vote.member_id: vote.choice for vote in item.votes.all()}
    counts = dict.fromkeys(Vote.Choice.values, 0)
    for choice in votes.values():
        counts[choice] += 1
    return Tally(
        present=len(members),
        recused=counts[Vote.Choice.RECUSED],
        votes_for=counts[Vote.Choice.FOR],
        votes_against=counts[Vote.Choice.AGAINST],
        abstentions=counts[Vote.Choice.ABSTAIN],
        missing=tuple(str(m) for m in members if m.pk not in votes),
        quorum=quorum,
    )


def item_decide(
    *,
    item: AgendaItem,
    actor: Actor,
    reason: RejectionReason | None = None,
    comment: str = "",
    fixable: bool | None = None,
    now=None,
) -> AgendaItem:
    """Closes the vote on an item and applies its result to the request.

    More votes for than against approves the amount put to the vote; more
    against denies, with the reason the officer gives from the cooperative's
    list; a tie or a lack of quorum postpones. An approval the fund cannot pay
    follows the fund's policy: denied for lack of resources (CEMCOP Art. 8) or
    postponed until there are resources.
    """
    now = now or timezone.now()
    with transaction.atomic():
        item = _locked_item(item)
        meeting = item.meeting
        _require_officer(meeting, actor)
        _refuse_if_interested(item, actor)
        policy = policy_for(meeting.cooperative)
        terms = session_terms(meeting, policy)
        result = tally(item, quorum=terms.quorum)
        if result.missing:
            raise CommitteeError(f"Falta registrar el voto de: {', '.join(result.missing)}.")
        if meeting.quorum is None:  # the session's first decision fixes its terms
            CommitteeMeeting.objects.filter(pk=meeting.pk, quorum__isnull=True).update(
                quorum=terms.quorum, body_name=terms.body_name
            )
        item.votes_for, item.votes_against, item.abstentions = (
            result.votes_for,
            result.votes_against,
            result.abstentions,
        )
        body_label = terms.body_name
        decision = None
        if not result.has_quorum:
            outcome = AgendaItem.Outcome.POSTPONED
            note = (
                f"Sin quórum decisorio: {result.voting} integrantes no impedidos de {result.quorum} necesarios. "
                "Pasa a una próxima sesión."
            )
        elif result.votes_for == result.votes_against:
            outcome = AgendaItem.Outcome.POSTPONED
            note = f"Empate ({result.votes_for} a favor, {result.votes_against} en contra): pasa a una próxima sesión."
        elif result.votes_for > result.votes_against:
            amount = Decimal(item.amount or 0)
            text = (
                f"{body_label}, acta {meeting.number}: aprobada por {format_pesos(amount)} "
                f"({result.votes_for} a favor, {result.votes_against} en contra, {result.abstentions} abstenciones)."
            )
            try:
                request, decision = request_approve_by_body(
                    request=item.request,
                    actor=actor,
                    body=meeting.body,
                    amount=amount,
                    comment=f"{text} {comment}".strip(),
                    now=now,
                )
            except FundExhausted as error:
                outcome, note = (
                    AgendaItem.Outcome.POSTPONED,
                    f"Aprobada por el órgano, pero {error}",
                )
            else:
                if request.status == Status.APPROVED:
                    outcome, note = AgendaItem.Outcome.APPROVED, text
                else:  # the fund's policy denied it for lack of resources
                    outcome = AgendaItem.Outcome.REJECTED
                    note = f"Aprobada por el órgano; negada por falta de recursos. {request.decision_comment}"
        else:
            if reason is None:
                raise CommitteeError("La mayoría votó en contra: indique el motivo de la negación.")
            text = (
                f"{body_label}, acta {meeting.number}: negada "
                f"({result.votes_for} a favor, {result.votes_against} en contra, {result.abstentions} abstenciones)."
            )
            request, decision = request_reject_by_body(
                request=item.request,
                actor=actor,
                body=meeting.body,
                reason=reason,
                comment=f"{text} {comment}".strip(),
                fixable=fixable,
                now=now,
            )
            outcome, note = AgendaItem.Outcome.REJECTED, f"{text} Motivo: {reason.text}"
        if comment and comment not in note:
            note = f"{note} {comment}"
        item.outcome, item.outcome_note, item.decision = outcome, note, decision
        item.decided_at, item.decided_by = now, actor.user
        item._history_user = actor.user
        item.save()
    return item


def item_postpone(*, item: AgendaItem, actor: Actor, note: str, now=None) -> AgendaItem:
    """Leaves an item for a later meeting without a vote (more information is needed)."""
    note = (note or "").strip()
    if not note:
        raise CommitteeError("Escriba por qué se aplaza.")
    with transaction.atomic():
        item = _locked_item(item)
        _require_officer(item.meeting, actor)
        _refuse_if_interested(item, actor)
        item.outcome, item.outcome_note = AgendaItem.Outcome.POSTPONED, f"Aplazada: {note}"
        item.decided_at, item.decided_by = now or timezone.now(), actor.user
        item._history_user = actor.user
        item.save()
    return item


def meeting_close(
    *, meeting: CommitteeMeeting, actor: Actor, notes: str | None = None, now=None
) -> CommitteeMeeting:
    """Closes the session: its acta (PDF) no longer changes."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        _require_officer(meeting, actor)
        pending = meeting.items.filter(outcome=AgendaItem.Outcome.PENDING).count()
        if pending:
            raise CommitteeError(f"Quedan {pending} puntos por decidir o aplazar.")
        meeting.status = CommitteeMeeting.Status.CLOSED
        meeting.closed_at, meeting.closed_by = now or timezone.now(), actor.user
        if notes is not None:
            meeting.notes = notes
        meeting._history_user = actor.user
        meeting.save()
    return meeting
