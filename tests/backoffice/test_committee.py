"""Committee sessions: numbering, attendance, agenda, recusals, votes, quorum, decisions, closing, the acta."""

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from benefits.backoffice.minutes import minutes_pdf
from benefits.models import (
    AgendaItem,
    Body,
    CommitteeSeat,
    Decision,
    Referral,
    RejectionReason,
    Vote,
)
from benefits.services.backoffice import policy_for
from benefits.services.committee import (
    CommitteeError,
    agenda_add,
    agenda_set_amount,
    conflicts_for,
    item_decide,
    item_postpone,
    meeting_close,
    meeting_create,
    meeting_set_attendance,
    vote_cast,
)
from benefits.services.requests import Actor, request_refer
from benefits.states import Status
from core.money import format_pesos
from members.models import StaffRole
from tests.backoffice.helpers import Staff, file_request, staff_member
from tests.factories import BeneficiaryFactory
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )


def exception_for(associate, staff, *, amount=120_000, eligible=False, code="plan_exequial"):
    request = file_request(associate, code, amount=amount, eligible=eligible)
    request_refer(
        request=request,
        actor=Actor(staff.analyst),
        referral=Referral.EXCEPTION,
        reason="Caso especial.",
    )
    request.refresh_from_db()
    return request


@pytest.fixture
def meeting(cemcop, staff):
    meeting = meeting_create(
        cooperative=cemcop,
        body=Body.COMMITTEE,
        held_on=date(2026, 3, 10),
        place="Sede principal",
        actor=Actor(staff.analyst),
    )
    president, secretary, third = staff.committee
    meeting_set_attendance(
        meeting=meeting,
        members=staff.committee,
        president=president,
        secretary=secretary,
        actor=Actor(staff.analyst),
    )
    return meeting


def vote_all(item, staff, choices):
    president = staff.committee[0]
    for member, choice in zip(staff.committee, choices, strict=True):
        vote_cast(item=item, member=member, choice=choice, actor=Actor(president))


def test_acta_numbers_follow_each_other_per_body(cemcop, staff):
    first = meeting_create(
        cooperative=cemcop,
        body=Body.COMMITTEE,
        held_on=date(2026, 1, 5),
        actor=Actor(staff.analyst),
    )
    second = meeting_create(
        cooperative=cemcop,
        body=Body.COMMITTEE,
        held_on=date(2026, 3, 5),
        actor=Actor(staff.analyst),
    )
    council = meeting_create(
        cooperative=cemcop, body=Body.COUNCIL, held_on=date(2026, 3, 5), actor=Actor(staff.analyst)
    )
    assert (first.number, second.number, council.number) == (1, 2, 1)


def test_only_members_of_the_body_can_be_present(meeting, staff):
    with pytest.raises(CommitteeError, match="No integran"):
        meeting_set_attendance(
            meeting=meeting,
            members=[staff.analyst, *staff.committee],
            president=staff.committee[0],
            secretary=staff.committee[1],
            actor=Actor(staff.analyst),
        )


def test_putting_a_request_on_the_agenda_twice_is_one_item(meeting, staff, ana):
    request = exception_for(ana, staff)
    first = agenda_add(meeting=meeting, request=request, actor=Actor(staff.analyst))
    again = agenda_add(meeting=meeting, request=request, actor=Actor(staff.analyst))
    assert again.pk == first.pk and meeting.items.count() == 1


def test_a_reconsideration_goes_to_another_session_than_the_one_that_denied_it(
    meeting, staff, ana, cemcop
):
    request = exception_for(ana, staff)
    item = agenda_add(
        meeting=meeting, request=request, actor=Actor(staff.analyst), amount=Decimal(50_000)
    )
    vote_all(item, staff, [Vote.Choice.AGAINST, Vote.Choice.AGAINST, Vote.Choice.AGAINST])
    item_decide(
        item=item,
        actor=Actor(staff.committee[0]),
        reason=RejectionReason.objects.get(cooperative=cemcop, code="mora"),
    )
    request_refer(
        request=request,
        actor=Actor(staff.analyst),
        referral=Referral.RECONSIDERATION,
        reason="El asociado pide reconsiderar.",
    )

    with pytest.raises(CommitteeError, match="ya se decidió en esta sesión"):
        agenda_add(meeting=meeting, request=request, actor=Actor(staff.analyst))
    later = meeting_create(
        cooperative=cemcop,
        body=Body.COMMITTEE,
        held_on=date(2026, 3, 20),
        actor=Actor(staff.analyst),
    )
    assert agenda_add(meeting=later, request=request, actor=Actor(staff.analyst)).meeting == later


def test_a_majority_for_approves_the_amount_put_to_the_vote(meeting, staff, ana):
    request = exception_for(ana, staff)
    item = agenda_add(
        meeting=meeting,
        request=request,
        actor=Actor(staff.analyst),
        amount=Decimal(90_000),
        summary="Gastos de calamidad.",
    )
    vote_all(item, staff, [Vote.Choice.FOR, Vote.Choice.FOR, Vote.Choice.AGAINST])

    item = item_decide(item=item, actor=Actor(staff.committee[1]))

    request.refresh_from_db()
    assert item.outcome == AgendaItem.Outcome.APPROVED and (item.votes_for, item.votes_against) == (
        2,
        1,
    )
    assert request.status == Status.APPROVED and request.amount_approved == 90_000
    decision = item.decision
    assert decision.kind == Decision.Kind.COMMITTEE and decision.decided_by == staff.committee[1]
    assert f"acta {meeting.number}" in decision.comment


def test_a_majority_against_denies_with_the_officers_reason(meeting, staff, ana, cemcop):
    request = exception_for(ana, staff)
    item = agenda_add(meeting=meeting, request=request, actor=Actor(staff.analyst))
    vote_all(item, staff, [Vote.Choice.AGAINST, Vote.Choice.AGAINST, Vote.Choice.ABSTAIN])
    with pytest.raises(CommitteeError, match="indique el motivo"):
        item_decide(item=item, actor=Actor(staff.committee[0]))

    reason = RejectionReason.objects.get(cooperative=cemcop, code="no_cumple_antiguedad")
    item = item_decide(item=item, actor=Actor(staff.committee[0]), reason=reason)

    request.refresh_from_db()
    assert item.outcome == AgendaItem.Outcome.REJECTED and request.status == Status.REJECTED
    assert request.rejection_reason == reason and not request.rejection_fixable


def test_a_tie_postpones_and_the_request_waits_for_another_session(meeting, staff, ana):
    request = exception_for(ana, staff)
    item = agenda_add(
        meeting=meeting, request=request, actor=Actor(staff.analyst), amount=Decimal(50_000)
    )
    vote_all(item, staff, [Vote.Choice.FOR, Vote.Choice.AGAINST, Vote.Choice.ABSTAIN])

    item = item_decide(item=item, actor=Actor(staff.committee[0]))

    request.refresh_from_db()
    assert item.outcome == AgendaItem.Outcome.POSTPONED and "Empate" in item.outcome_note
    assert request.status == Status.COMMITTEE


def test_every_member_present_must_have_voted(meeting, staff, ana):
    item = agenda_add(
        meeting=meeting,
        request=exception_for(ana, staff),
        actor=Actor(staff.analyst),
        amount=Decimal(50_000),
    )
    vote_cast(
        item=item,
        member=staff.committee[0],
        choice=Vote.Choice.FOR,
        actor=Actor(staff.committee[0]),
    )
    with pytest.raises(CommitteeError, match="Falta registrar el voto"):
        item_decide(item=item, actor=Actor(staff.committee[0]))


def test_a_member_votes_for_themselves_or_the_officers_record_it(meeting, staff, ana):
    item = agenda_add(
        meeting=meeting,
        request=exception_for(ana, staff),
        actor=Actor(staff.analyst),
        amount=Decimal(50_000),
    )
    with pytest.raises(CommitteeError, match="vota por sí mismo"):
        vote_cast(
            item=item,
            member=staff.committee[0],
            choice=Vote.Choice.FOR,
            actor=Actor(staff.committee[2]),
        )


def test_changing_the_amount_withdraws_the_votes_cast_for_the_old_one(meeting, staff, ana):
    item = agenda_add(
        meeting=meeting,
        request=exception_for(ana, staff),
        actor=Actor(staff.analyst),
        amount=Decimal(50_000),
    )
    vote_all(item, staff, [Vote.Choice.FOR, Vote.Choice.FOR, Vote.Choice.FOR])
    agenda_set_amount(item=item, amount=Decimal(40_000), actor=Actor(staff.committee[0]))
    assert not item.votes.exists()


class TestRecusal:
    def test_a_member_who_is_the_applicant_must_declare_themselves_recused(
        self, meeting, staff, cemcop
    ):
        member = staff.committee[2]
        applicant = make_associate(cemcop, document_number=member.document_number)
        item = agenda_add(
            meeting=meeting,
            request=exception_for(applicant, staff),
            actor=Actor(staff.analyst),
            amount=Decimal(50_000),
        )

        with pytest.raises(CommitteeError, match="Impedimento: .* es el solicitante"):
            vote_cast(item=item, member=member, choice=Vote.Choice.FOR, actor=Actor(member))
        vote = vote_cast(item=item, member=member, choice=Vote.Choice.RECUSED, actor=Actor(member))
        assert "es el solicitante" in vote.reason

    def test_a_registered_relative_of_the_applicant_is_recused(self, meeting, staff, ana):
        member = staff.committee[1]
        BeneficiaryFactory(
            associate=ana, document_number=member.document_number, relationship="sibling"
        )
        request = exception_for(ana, staff)
        assert "familiar registrado" in conflicts_for(request, staff.committee)[member.pk]

    def test_recusals_can_leave_the_body_without_quorum_and_the_item_is_postponed(
        self, meeting, staff, cemcop
    ):
        member = staff.committee[2]
        applicant = make_associate(cemcop, document_number=member.document_number)
        item = agenda_add(
            meeting=meeting,
            request=exception_for(applicant, staff),
            actor=Actor(staff.analyst),
            amount=Decimal(50_000),
        )
        assert policy_for(cemcop).committee_quorum == 3
        vote_cast(
            item=item,
            member=staff.committee[0],
            choice=Vote.Choice.FOR,
            actor=Actor(staff.committee[0]),
        )
        vote_cast(
            item=item,
            member=staff.committee[1],
            choice=Vote.Choice.FOR,
            actor=Actor(staff.committee[1]),
        )
        vote_cast(item=item, member=member, choice=Vote.Choice.RECUSED, actor=Actor(member))

        item = item_decide(item=item, actor=Actor(staff.committee[0]))

        assert item.outcome == AgendaItem.Outcome.POSTPONED and "Sin quórum" in item.outcome_note

    def test_a_president_who_is_the_applicant_leaves_the_item_to_the_secretary(
        self, meeting, staff, cemcop
    ):
        president, secretary, third = staff.committee
        applicant = make_associate(cemcop, document_number=president.document_number)
        item = agenda_add(
            meeting=meeting,
            request=exception_for(applicant, staff),
            actor=Actor(staff.analyst),
            amount=Decimal(50_000),
        )
        vote_cast(item=item, member=president, choice=Vote.Choice.RECUSED, actor=Actor(president))

        with pytest.raises(CommitteeError, match="Usted está impedido"):
            agenda_set_amount(item=item, amount=Decimal(90_000), actor=Actor(president))
        with pytest.raises(CommitteeError, match="Usted está impedido"):
            vote_cast(item=item, member=third, choice=Vote.Choice.FOR, actor=Actor(president))
        for member in (secretary, third):
            vote_cast(item=item, member=member, choice=Vote.Choice.FOR, actor=Actor(secretary))
        with pytest.raises(CommitteeError, match="Usted está impedido"):
            item_decide(item=item, actor=Actor(president))
        with pytest.raises(CommitteeError, match="Usted está impedido"):
            item_postpone(item=item, actor=Actor(president), note="Falta información.")

        item = item_decide(item=item, actor=Actor(secretary))
        assert item.amount == Decimal(50_000)
        assert item.outcome == AgendaItem.Outcome.POSTPONED  # two who may vote, three needed

    def test_an_officer_who_declared_a_recusal_does_not_close_the_item(self, meeting, staff, ana):
        president, secretary, third = staff.committee
        item = agenda_add(
            meeting=meeting,
            request=exception_for(ana, staff),
            actor=Actor(staff.analyst),
            amount=Decimal(50_000),
        )
        vote_cast(
            item=item,
            member=secretary,
            choice=Vote.Choice.RECUSED,
            reason="Es primo del asociado.",
            actor=Actor(secretary),
        )
        for member in (president, third):
            vote_cast(item=item, member=member, choice=Vote.Choice.FOR, actor=Actor(member))

        with pytest.raises(CommitteeError, match="Usted está impedido"):
            item_decide(item=item, actor=Actor(secretary))
        assert item_decide(item=item, actor=Actor(president)).outcome != AgendaItem.Outcome.PENDING

    def test_anyone_may_declare_a_recusal_the_roster_cannot_show_with_a_reason(
        self, meeting, staff, ana
    ):
        item = agenda_add(
            meeting=meeting,
            request=exception_for(ana, staff),
            actor=Actor(staff.analyst),
            amount=Decimal(50_000),
        )
        with pytest.raises(CommitteeError, match="motivo del impedimento"):
            vote_cast(
                item=item,
                member=staff.committee[0],
                choice=Vote.Choice.RECUSED,
                actor=Actor(staff.committee[0]),
            )
        vote = vote_cast(
            item=item,
            member=staff.committee[0],
            choice=Vote.Choice.RECUSED,
            reason="Es primo del asociado.",
            actor=Actor(staff.committee[0]),
        )
        assert vote.reason == "Es primo del asociado."


class TestCoprocenvaGroups:
    """Art. 12 num. 15: a committee member's request is decided by the group they are not in."""

    @pytest.fixture
    def committee(self, coprocenva):
        people = Staff(coprocenva, 92_000_000)
        extra = [
            staff_member(coprocenva, StaffRole.COMMITTEE, document_number=str(92_000_050 + n))
            for n in range(3)
        ]
        for member in people.committee:
            CommitteeSeat.objects.create(
                cooperative=coprocenva, body=Body.COMMITTEE, user=member, group="Grupo 1"
            )
        for member in extra:
            CommitteeSeat.objects.create(
                cooperative=coprocenva, body=Body.COMMITTEE, user=member, group="Grupo 2"
            )
        return people, extra

    def test_the_request_of_a_member_of_group_1_cannot_go_to_a_group_1_session(
        self, coprocenva, committee
    ):
        people, extra = committee
        member = people.committee[0]
        applicant = make_associate(coprocenva, document_number=member.document_number)
        request = file_request(applicant, "servicios_medicos", amount=300_000, approver="committee")
        request_refer(
            request=request,
            actor=Actor(people.analyst),
            referral=Referral.RULES,
            reason="Por reglamento.",
        )
        group_1 = meeting_create(
            cooperative=coprocenva,
            body=Body.COMMITTEE,
            group="Grupo 1",
            held_on=date(2026, 3, 2),
            actor=Actor(people.analyst),
        )
        group_2 = meeting_create(
            cooperative=coprocenva,
            body=Body.COMMITTEE,
            group="Grupo 2",
            held_on=date(2026, 3, 3),
            actor=Actor(people.analyst),
        )

        with pytest.raises(
            CommitteeError, match=r"grupo del que no hace parte \(Art. 12 num. 15\)"
        ):
            agenda_add(meeting=group_1, request=request, actor=Actor(people.analyst))
        item = agenda_add(meeting=group_2, request=request, actor=Actor(people.analyst))
        assert item.meeting == group_2

    def test_exceptions_are_decided_by_the_council_at_coprocenva(self, coprocenva, committee):
        people, _ = committee
        applicant = make_associate(coprocenva, document_number="61000009")
        request = file_request(applicant, "muerte_familiar", amount=300_000, eligible=False)
        request_refer(
            request=request,
            actor=Actor(people.analyst),
            referral=Referral.EXCEPTION,
            reason="Desviación.",
        )
        committee_session = meeting_create(
            cooperative=coprocenva,
            body=Body.COMMITTEE,
            group="Grupo 2",
            held_on=date(2026, 3, 3),
            actor=Actor(people.analyst),
        )
        council_session = meeting_create(
            cooperative=coprocenva,
            body=Body.COUNCIL,
            held_on=date(2026, 3, 4),
            actor=Actor(people.analyst),
        )
        with pytest.raises(CommitteeError, match="Consejo de Administración"):
            agenda_add(meeting=committee_session, request=request, actor=Actor(people.analyst))
        assert agenda_add(meeting=council_session, request=request, actor=Actor(people.analyst)).pk


def test_a_session_closes_only_when_every_item_is_decided_and_then_no_longer_changes(
    meeting, staff, ana
):
    item = agenda_add(
        meeting=meeting,
        request=exception_for(ana, staff),
        actor=Actor(staff.analyst),
        amount=Decimal(50_000),
    )
    with pytest.raises(CommitteeError, match="por decidir"):
        meeting_close(meeting=meeting, actor=Actor(staff.committee[0]))
    vote_all(item, staff, [Vote.Choice.FOR] * 3)
    item_decide(item=item, actor=Actor(staff.committee[0]))
    meeting_close(meeting=meeting, actor=Actor(staff.committee[1]), notes="Sin más asuntos.")
    with pytest.raises(CommitteeError, match="cerrada"):
        meeting_set_attendance(
            meeting=meeting,
            members=staff.committee,
            president=staff.committee[0],
            secretary=staff.committee[1],
            actor=Actor(staff.analyst),
        )


def test_the_acta_lists_members_votes_and_each_decision_with_the_figures_in_the_database(
    meeting, staff, ana, cemcop
):
    approved = exception_for(ana, staff)
    other = make_associate(
        cemcop, first_names="Bernardo", last_names="Ortiz Lemus", document_number="52999888"
    )
    denied = exception_for(other, staff)
    first = agenda_add(
        meeting=meeting, request=approved, actor=Actor(staff.analyst), amount=Decimal(87_654)
    )
    second = agenda_add(
        meeting=meeting, request=denied, actor=Actor(staff.analyst), amount=Decimal(30_000)
    )
    vote_all(first, staff, [Vote.Choice.FOR, Vote.Choice.FOR, Vote.Choice.ABSTAIN])
    vote_all(second, staff, [Vote.Choice.AGAINST, Vote.Choice.AGAINST, Vote.Choice.FOR])
    item_decide(item=first, actor=Actor(staff.committee[0]))
    reason = RejectionReason.objects.get(cooperative=cemcop, code="mora")
    item_decide(item=second, actor=Actor(staff.committee[0]), reason=reason)
    meeting_close(meeting=meeting, actor=Actor(staff.committee[1]))
    meeting.refresh_from_db()

    text = pdf_text(minutes_pdf(meeting))

    assert f"Acta n.º {meeting.number}" in text and "10 de marzo de 2026" in text
    for member in staff.committee:
        assert member.get_full_name() in text
    approved.refresh_from_db()
    denied.refresh_from_db()
    assert approved.filing_number in text and denied.filing_number in text
    assert format_pesos(approved.amount_approved) == "$87.654" and "$87.654" in text
    assert "Aprobadas: 1 · Negadas: 1 · Aplazadas: 0" in text
    assert f"Total aprobado {format_pesos(approved.amount_approved)}" in text
    assert reason.text in text
    assert "Votos a favor: 2 · En contra: 0 · Abstenciones: 1" in text
    assert "BORRADOR" not in text


def test_a_session_keeps_the_quorum_and_name_it_decided_with_whatever_the_policy_says_later(
    meeting, staff, ana, cemcop
):
    first = agenda_add(
        meeting=meeting,
        request=exception_for(ana, staff),
        actor=Actor(staff.analyst),
        amount=Decimal(50_000),
    )
    vote_all(first, staff, [Vote.Choice.FOR, Vote.Choice.FOR, Vote.Choice.FOR])
    item_decide(item=first, actor=Actor(staff.committee[0]))
    policy = policy_for(cemcop)
    policy.committee_quorum, policy.committee_name = 4, "Comité renombrado"
    policy.save()
    second = agenda_add(
        meeting=meeting,
        request=exception_for(make_associate(cemcop, document_number="52999777"), staff),
        actor=Actor(staff.analyst),
        amount=Decimal(40_000),
    )
    vote_all(second, staff, [Vote.Choice.FOR, Vote.Choice.FOR, Vote.Choice.FOR])
    second = item_decide(item=second, actor=Actor(staff.committee[0]))
    meeting_close(meeting=meeting, actor=Actor(staff.committee[1]))
    meeting.refresh_from_db()

    assert second.outcome == AgendaItem.Outcome.APPROVED  # three of the session's quorum of three
    text = pdf_text(minutes_pdf(meeting))
    assert "el quórum para decidir es de 3" in text
    assert "Comité de solidaridad y bienestar social" in text and "renombrado" not in text
    from benefits.backoffice.letters import decision_letter_pdf

    letter = pdf_text(decision_letter_pdf(second.decision))
    assert "Comité de solidaridad y bienestar social" in letter and "renombrado" not in letter


def test_what_the_rules_leave_to_the_committee_is_decided_in_a_session_not_by_staff(coprocenva):
    from benefits.services.requests import RequestError, request_approve
    from tests.backoffice.helpers import committee_decides

    associate = make_associate(coprocenva, document_number="61000077")
    request = file_request(associate, "medicamentos", amount=200_000, approver="committee")
    analyst = staff_member(coprocenva, StaffRole.ANALYST)
    with pytest.raises(RequestError, match="el comité"):
        request_approve(request=request, actor=Actor(analyst))

    request = committee_decides(request)

    assert request.status == Status.APPROVED and request.amount_approved == 200_000
    decision = request.decisions.exclude(kind=Decision.Kind.PROPOSAL).get()
    assert decision.kind == Decision.Kind.COMMITTEE
    assert AgendaItem.objects.get(request=request).outcome == AgendaItem.Outcome.APPROVED


def test_the_session_page_warns_of_members_whose_recusals_the_portal_cannot_see(
    client, meeting, staff
):
    from django.urls import reverse

    url = reverse("admin:benefits_committeemeeting_change", args=[meeting.pk])
    client.force_login(staff.committee[0])
    assert "Sin cédula en su usuario" not in client.get(url).text

    third = staff.committee[2]
    third.document_number = None
    third.save(update_fields=["document_number"])
    page = client.get(url).text
    assert "Sin cédula en su usuario" in page and str(third) in page


def test_the_session_page_reads_a_constant_number_of_queries_whatever_its_agenda(
    client, meeting, staff, ana, cemcop
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.portal.conftest import make_associate

    client.force_login(staff.committee[0])
    url = reverse("admin:benefits_committeemeeting_change", args=[meeting.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    agenda_add(meeting=meeting, request=exception_for(ana, staff), actor=Actor(staff.analyst))
    queries()  # the first visit also writes the session and warms caches
    one = queries()
    for n in range(3):
        other = make_associate(cemcop, document_number=f"5200000{n}", email=f"p{n}@example.co")
        agenda_add(meeting=meeting, request=exception_for(other, staff), actor=Actor(staff.analyst))
    assert queries() == one
