"""Committee and council sessions, their agendas, and the seats of bodies that work in groups."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import path, reverse

from benefits.admin.base import BackOfficeAdmin, SearchByRadicado
from benefits.backoffice import access
from benefits.backoffice import committee as views
from benefits.backoffice.forms import (
    AgendaAddForm,
    AttendanceForm,
    CloseMeetingForm,
    DecideForm,
    VoteForm,
)
from benefits.backoffice.selectors import meeting_page
from benefits.models import AgendaItem, BenefitRequest, CommitteeMeeting, CommitteeSeat
from benefits.services.committee import meeting_create
from benefits.services.requests import Actor
from members.models import StaffRole, User


class MeetingForm(forms.ModelForm):
    class Meta:
        model = CommitteeMeeting
        fields = ["cooperative", "body", "group", "held_on", "place"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("cooperative") and data.get("body"):
            # meeting_create raises the same in words; checking here keeps the add form on screen.
            group = (data.get("group") or "").strip()
            if (
                group
                and not CommitteeSeat.objects.filter(
                    cooperative=data["cooperative"], body=data["body"], group=group, active=True
                ).exists()
            ):
                raise forms.ValidationError(f"No hay integrantes vigentes en el «{group}».")
        return data


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(SearchByRadicado, BackOfficeAdmin):
    form = MeetingForm
    list_display = ["__str__", "held_on", "status", "cooperative", "items_count"]
    list_filter = ["cooperative", "body", "status"]
    list_select_related = ["cooperative"]
    search_fields = ["number", "items__request__filing_number"]

    def search_matches(self, term, requests):
        # An acta's number, or the sessions that had a radicado on their agenda.
        named = Q(pk__in=AgendaItem.objects.filter(request__in=requests).values("meeting_id"))
        return (
            named | Q(number=int(term))
            if term.isascii() and term.isdigit() and len(term) < 10
            else named
        )

    change_form_template = "admin/benefits/committeemeeting/meeting_page.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_items=Count("items"))

    @admin.display(description="puntos", ordering="_items")
    def items_count(self, obj):
        return obj._items

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = [
            "cooperative",
            "body",
            "group",
            "number",
            "status",
            "president",
            "secretary",
            "closed_at",
        ]
        if obj.status != CommitteeMeeting.Status.OPEN:
            readonly += ["held_on", "place"]
        return readonly

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["cooperative", "body", "group", "held_on", "place"]
        return [
            "cooperative",
            "body",
            "group",
            "number",
            "held_on",
            "place",
            "status",
            "president",
            "secretary",
            "closed_at",
        ]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.status == CommitteeMeeting.Status.OPEN)

    def save_model(self, request, obj, form, change):
        if change:
            obj._history_user = request.user
            obj.save(update_fields=["held_on", "place"])
            return
        created = meeting_create(
            cooperative=obj.cooperative,
            body=obj.body,
            group=obj.group,
            held_on=obj.held_on,
            place=obj.place,
            actor=Actor(request.user),
        )
        obj.pk, obj.number, obj.public_id = created.pk, created.number, created.public_id

    def response_add(self, request, obj, post_url_continue=None):
        # Attendance and agenda are set on the session's own page.
        return HttpResponseRedirect(
            reverse("admin:benefits_committeemeeting_change", args=[obj.pk])
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if obj is not None and self.has_view_permission(request, obj):
            page = meeting_page(obj, request.user)
            present = User.objects.filter(pk__in=page["present_ids"])
            eligible = User.objects.filter(pk__in=[m.pk for m in page["eligible"]])
            page["attendance_form"] = AttendanceForm(
                eligible=eligible,
                initial={
                    "members": list(page["present_ids"]),
                    "president": obj.president_id,
                    "secretary": obj.secretary_id,
                },
            )
            page["agenda_form"] = AgendaAddForm(
                candidates=BenefitRequest.objects.filter(pk__in=[r.pk for r in page["candidates"]])
            )
            page["vote_form"] = VoteForm(present=present)
            page["decide_form"] = DecideForm(cooperative=obj.cooperative)
            for form in (page["vote_form"], page["decide_form"]):
                # Rendered once per agenda item: read their choices once, not on every render.
                for field in form.fields.values():
                    if hasattr(field, "queryset"):
                        field.choices = list(field.choices)
            page["close_form"] = CloseMeetingForm(initial={"notes": obj.notes})
            page["show_save_and_add_another"] = False
            extra_context.update(page)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        kwargs = {"model_admin": self}

        def route(suffix, view, name):
            return path(suffix, wrap(view), kwargs, name=f"benefits_committeemeeting_{name}")

        return [
            route("<path:object_id>/asistencia/", views.attendance, "attendance"),
            route("<path:object_id>/orden-del-dia/", views.add_item, "add_item"),
            route("<path:object_id>/puntos/<int:item_id>/voto/", views.vote, "vote"),
            route("<path:object_id>/puntos/<int:item_id>/monto/", views.set_amount, "set_amount"),
            route("<path:object_id>/puntos/<int:item_id>/decidir/", views.decide, "decide"),
            route("<path:object_id>/puntos/<int:item_id>/aplazar/", views.postpone, "postpone"),
            route("<path:object_id>/cerrar/", views.close, "close"),
            route("<path:object_id>/acta/", views.minutes, "minutes"),
        ] + super().get_urls()


@admin.register(AgendaItem)
class AgendaItemAdmin(SearchByRadicado, BackOfficeAdmin):
    """Every agenda item, searchable by radicado: which session decided a request, and how."""

    list_display = [
        "__str__",
        "meeting",
        "referral",
        "outcome",
        "votes_for",
        "votes_against",
        "decided_at",
    ]
    list_filter = ["cooperative", "outcome", "referral"]
    list_select_related = ["meeting", "request", "cooperative"]
    autocomplete_fields = ["request"]
    readonly_fields = [
        "meeting",
        "cooperative",
        "request",
        "position",
        "referral",
        "amount",
        "summary",
        "outcome",
        "votes_for",
        "votes_against",
        "abstentions",
        "decision",
        "outcome_note",
        "decided_at",
        "decided_by",
    ]

    def has_add_permission(self, request):
        return (
            False  # items are added on the session's page (benefits.services.committee.agenda_add)
        )

    def has_change_permission(self, request, obj=None):
        return False


class SeatForm(forms.ModelForm):
    class Meta:
        model = CommitteeSeat
        fields = ["cooperative", "body", "user", "group", "active"]

    def clean(self):
        data = super().clean()
        cooperative, body, user = data.get("cooperative"), data.get("body"), data.get("user")
        if cooperative and body and user:
            role = StaffRole.COUNCIL if body == "council" else StaffRole.COMMITTEE
            if not user.staff_memberships.filter(cooperative=cooperative, role=role).exists():
                raise forms.ValidationError(
                    f"{user} no tiene el rol de {role.label.lower()} en {cooperative}."
                )
        return data


@admin.register(CommitteeSeat)
class CommitteeSeatAdmin(BackOfficeAdmin):
    form = SeatForm
    list_display = ["user", "group", "body", "cooperative", "active"]
    list_filter = ["cooperative", "body", "group", "active"]
    list_select_related = ["user", "cooperative"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            ids = access.cooperative_ids(request.user, "benefits.change_committeeseat")
            members = User.objects.filter(
                is_active=True, staff_memberships__role__in=[StaffRole.COMMITTEE, StaffRole.COUNCIL]
            )
            if ids is not None:
                members = members.filter(staff_memberships__cooperative__in=ids)
            kwargs["queryset"] = (
                members.filter(Q(is_staff=True)).distinct().order_by("last_name", "first_name")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
