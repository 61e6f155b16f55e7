"""The acta of a committee or council session, as a PDF (CEMCOP Art. 44: signed by president and secretary)."""

from decimal import Decimal

from django.db.models import Prefetch

from benefits.backoffice.pdf import render_pdf
from benefits.models import AgendaItem, CommitteeMeeting, Vote
from benefits.services.committee import present_members, session_terms


def minutes_context(meeting: CommitteeMeeting) -> dict:
    items = (
        meeting.items.select_related("request__associate", "request__benefit", "decision")
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.select_related("member")))
        .order_by("position")
    )
    rows = []
    for item in items:
        votes = sorted(
            item.votes.all(),
            key=lambda v: (v.member.last_name, v.member.first_name, v.member.username),
        )
        approved = item.outcome == AgendaItem.Outcome.APPROVED and item.decision is not None
        rows.append(
            {
                "item": item,
                "votes": votes,
                "recused": sum(1 for v in votes if v.choice == Vote.Choice.RECUSED),
                "approved_amount": item.decision.amount if approved else None,
            }
        )
    outcomes = [row["item"].outcome for row in rows]
    terms = session_terms(meeting)
    return {
        "cooperative": meeting.cooperative,
        "meeting": meeting,
        "closed": meeting.status == CommitteeMeeting.Status.CLOSED,
        "present": present_members(meeting),
        "quorum": terms.quorum,
        "body_name": terms.body_name,
        "rows": rows,
        "approved_count": outcomes.count(AgendaItem.Outcome.APPROVED),
        "rejected_count": outcomes.count(AgendaItem.Outcome.REJECTED),
        "postponed_count": outcomes.count(AgendaItem.Outcome.POSTPONED),
        "approved_total": sum((row["approved_amount"] or Decimal(0) for row in rows), Decimal(0)),
    }


def minutes_pdf(meeting: CommitteeMeeting) -> bytes:
    return render_pdf("pdf/minutes.html", minutes_context(meeting))


def minutes_filename(meeting: CommitteeMeeting) -> str:
    body = "consejo" if meeting.body == "council" else "comite"
    return f"acta-{body}-{meeting.number}-{meeting.held_on:%Y-%m-%d}.pdf"
