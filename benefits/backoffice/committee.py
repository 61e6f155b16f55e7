"""The committee's pages: a session's attendance, agenda, votes, decisions, closing and acta.

Mounted in CommitteeMeetingAdmin.get_urls. Preparing a session (attendance,
agenda) is for staff who may change sessions (analysts, members); votes are
recorded by each member or by the session's president or secretary; deciding
and closing by the president or the secretary (the services check who).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from benefits.backoffice import access
from benefits.backoffice.forms import (
    AgendaAddForm,
    AmountForm,
    AttendanceForm,
    CloseMeetingForm,
    DecideForm,
    NoteForm,
    VoteForm,
)
from benefits.backoffice.minutes import minutes_filename, minutes_pdf
from benefits.backoffice.pdf import pdf_response
from benefits.models import AgendaItem, BenefitRequest, CommitteeMeeting
from benefits.services.committee import (
    agenda_add,
    agenda_set_amount,
    eligible_members,
    item_decide,
    item_postpone,
    meeting_close,
    meeting_set_attendance,
    present_members,
    vote_cast,
)
from benefits.services.requests import Actor, RequestError
from members.models import User

VIEW = "benefits.view_committeemeeting"
CHANGE = "benefits.change_committeemeeting"
ADD_ITEM = "benefits.add_agendaitem"


def _meeting_for(request, object_id, perm: str) -> CommitteeMeeting:
    meeting = access.get_visible(
        CommitteeMeeting.objects.select_related("cooperative"),
        request.user,
        view_perm=VIEW,
        pk=object_id,
    )
    access.require(request.user, perm, meeting.cooperative_id)
    return meeting


def _item_for(meeting: CommitteeMeeting, item_id) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_id).first()
    if item is None:
        raise Http404("Ese punto no es de esta sesión.")
    return item


def _back(meeting: CommitteeMeeting, anchor: str = ""):
    url = reverse("admin:benefits_committeemeeting_change", args=[meeting.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _run(request, action, success: str) -> None:
    try:
        action()
    except RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)


def _errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@require_POST
def attendance(request, object_id, model_admin):
    meeting = _meeting_for(request, object_id, CHANGE)
    form = AttendanceForm(
        request.POST, eligible=eligible_members(meeting.cooperative, meeting.body)
    )
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting, "asistencia")
    data = form.cleaned_data
    _run(
        request,
        lambda: meeting_set_attendance(
            meeting=meeting,
            members=data["members"],
            president=data["president"],
            secretary=data["secretary"],
            actor=Actor(request.user),
        ),
        "Asistencia registrada.",
    )
    return _back(meeting, "asistencia")


@require_POST
def add_item(request, object_id, model_admin):
    meeting = _meeting_for(request, object_id, CHANGE)
    access.require(request.user, ADD_ITEM, meeting.cooperative_id)
    candidates = BenefitRequest.objects.filter(cooperative=meeting.cooperative)
    form = AgendaAddForm(request.POST, candidates=candidates)
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting, "orden-del-dia")
    data = form.cleaned_data
    _run(
        request,
        lambda: agenda_add(
            meeting=meeting,
            request=data["request"],
            actor=Actor(request.user),
            amount=data["amount"],
            summary=data["summary"],
        ),
        f"Solicitud {data['request']} agregada al orden del día.",
    )
    return _back(meeting, "orden-del-dia")


@require_POST
def vote(request, object_id, item_id, model_admin):
    meeting = _meeting_for(request, object_id, VIEW)
    item = _item_for(meeting, item_id)
    present = User.objects.filter(pk__in=[m.pk for m in present_members(meeting)])
    form = VoteForm(request.POST, present=present)
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting, f"punto-{item.pk}")
    data = form.cleaned_data
    _run(
        request,
        lambda: vote_cast(
            item=item,
            member=data["member"],
            choice=data["choice"],
            reason=data["reason"],
            actor=Actor(request.user),
        ),
        f"Voto de {data['member']} registrado.",
    )
    return _back(meeting, f"punto-{item.pk}")


@require_POST
def set_amount(request, object_id, item_id, model_admin):
    meeting = _meeting_for(request, object_id, VIEW)
    item = _item_for(meeting, item_id)
    form = AmountForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting, f"punto-{item.pk}")
    _run(
        request,
        lambda: agenda_set_amount(
            item=item, amount=form.cleaned_data["amount"], actor=Actor(request.user)
        ),
        "Monto a votar actualizado; los votos anteriores se retiraron.",
    )
    return _back(meeting, f"punto-{item.pk}")


@require_POST
def decide(request, object_id, item_id, model_admin):
    meeting = _meeting_for(request, object_id, VIEW)
    item = _item_for(meeting, item_id)
    form = DecideForm(request.POST, cooperative=meeting.cooperative)
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting, f"punto-{item.pk}")
    data = form.cleaned_data
    holder = {}

    def run():
        holder["item"] = item_decide(
            item=item,
            actor=Actor(request.user),
            reason=data["reason"],
            comment=data["comment"],
            fixable=form.fixable_value,
        )

    try:
        run()
    except RequestError as error:
        messages.error(request, str(error))
    else:
        decided = holder["item"]
        messages.success(
            request,
            f"Punto {decided.position}: {decided.get_outcome_display()}. {decided.outcome_note}",
        )
    return _back(meeting, f"punto-{item.pk}")


@require_POST
def postpone(request, object_id, item_id, model_admin):
    meeting = _meeting_for(request, object_id, VIEW)
    item = _item_for(meeting, item_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting, f"punto-{item.pk}")
    _run(
        request,
        lambda: item_postpone(item=item, actor=Actor(request.user), note=form.cleaned_data["note"]),
        "Punto aplazado para una próxima sesión.",
    )
    return _back(meeting, f"punto-{item.pk}")


@require_POST
def close(request, object_id, model_admin):
    meeting = _meeting_for(request, object_id, VIEW)
    form = CloseMeetingForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting)
    _run(
        request,
        lambda: meeting_close(
            meeting=meeting, actor=Actor(request.user), notes=form.cleaned_data["notes"] or None
        ),
        "Sesión cerrada: el acta ya no cambia.",
    )
    return _back(meeting)


def minutes(request, object_id, model_admin):
    meeting = _meeting_for(request, object_id, VIEW)
    return pdf_response(minutes_pdf(meeting), minutes_filename(meeting))
