"""Benefit requests in the back office: the queues, the search, the request's page and its actions."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.urls import path
from django.utils.html import format_html

from benefits.admin.base import BackOfficeAdmin
from benefits.backoffice import views
from benefits.backoffice.queues import (
    QUEUE_BY_SLUG,
    QUEUES,
    WARNING_GROUPS,
    queue_context,
    with_warning_group,
)
from benefits.backoffice.selectors import request_for_page, request_page
from benefits.models import BenefitRequest
from benefits.selectors import offers_request_letter
from benefits.services.requests import describe_due
from benefits.states import ON_THE_COOPERATIVE
from core.money import format_pesos
from invoices.models import Invoice
from members.models import Associate

# Queues read best by deadline; the others newest first.
BY_DEADLINE = {"por_revisar", "con_advertencias", "para_comite", "vencidas", "por_vencer"}


class QueueFilter(admin.SimpleListFilter):
    title = "bandeja"
    parameter_name = "bandeja"

    def lookups(self, request, model_admin):
        return [(queue.slug, queue.label) for queue in QUEUES]

    def queryset(self, request, queryset):
        queue = QUEUE_BY_SLUG.get(self.value() or "")
        if queue is None:
            return queryset
        return queue.apply(queryset, model_admin_context(request))


class WarningFilter(admin.SimpleListFilter):
    title = "advertencia"
    parameter_name = "advertencia"

    def lookups(self, request, model_admin):
        return [(slug, label) for slug, (label, _) in WARNING_GROUPS.items()] + [
            ("no_leidos", "Archivos que no se pudieron leer")
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in WARNING_GROUPS or value == "no_leidos":
            return with_warning_group(queryset, value)
        return queryset


def model_admin_context(request):
    """Today, the holiday calendar and each cooperative's warning horizon — once per page."""
    if not hasattr(request, "_queue_context"):
        request._queue_context = queue_context()
    return request._queue_context


@admin.register(BenefitRequest)
class BenefitRequestAdmin(BackOfficeAdmin):
    list_display = [
        "radicado",
        "asociado",
        "benefit",
        "status",
        "monto",
        "plazo",
        "advertencias",
        "cooperative",
    ]
    list_filter = [
        QueueFilter,
        WarningFilter,
        "cooperative",
        "status",
        "benefit__fund_kind",
        "approver",
        "referral",
    ]
    list_select_related = ["associate", "benefit", "cooperative"]
    search_fields = [
        "=filing_number",
        "=associate__document_number",
        "associate__first_names",
        "associate__last_names",
        "=invoices__uuid",
    ]
    search_help_text = "Cédula, nombre, radicado o CUFE."
    change_form_template = "admin/benefits/benefitrequest/request_page.html"
    readonly_fields = ["filing_number"]
    fields = ["filing_number"]

    def has_add_permission(self, request):
        return False  # requests are filed by associates through the portal

    def has_change_permission(self, request, obj=None):
        return False  # the page is read-only; its actions go through the services (views.py)

    def get_search_results(self, request, queryset, search_term):
        """The matches of search_fields, each kind of term looked up through its own index.

        Django's own search ORs the five fields over request ⋈ associate ⟕
        invoice with SELECT DISTINCT, which PostgreSQL answers by joining every
        request of the cooperative: 0.8–2 s at a million requests
        (docs/benchmarks.md, load). Here the radicado is looked up in the
        requests, the CUFE in the invoices, the cédula and names in the
        associates (members migration 0003), and the requests are then filtered
        by those ids. Every word must match, as in Django's search.
        """
        cooperatives = self._readable_cooperative_ids(request)  # None: every cooperative
        invoices, associates = Invoice.objects.all(), Associate.objects.all()
        if cooperatives is not None:
            invoices = invoices.filter(cooperative__in=cooperatives)
            associates = associates.filter(cooperative__in=cooperatives)
        terms = search_term.split()
        direct, people = [], []  # per word: the requests it names, and who it names
        for term in terms:
            found = set(queryset.filter(filing_number=term.upper()).values_list("pk", flat=True))
            found |= set(
                invoices.filter(uuid=term.lower(), request__isnull=False).values_list(
                    "request_id", flat=True
                )
            )
            direct.append(found)
            people.append(
                Q(document_number__iexact=term)
                | Q(first_names__icontains=term)
                | Q(last_names__icontains=term)
            )
        if terms and not any(direct):
            # The usual search, a name or a cédula: the people every word names, found
            # first. A common surname alone names thousands of associates; with the
            # second word they are a handful, and so are their requests.
            named = associates.filter(*people).values_list("pk", flat=True)
            return queryset.filter(associate__in=list(named)), False
        for found, who in zip(direct, people, strict=True):
            named = associates.filter(who).values_list("pk", flat=True)
            queryset = queryset.filter(Q(pk__in=found) | Q(associate__in=list(named)))
        return queryset, False

    def get_ordering(self, request):
        if request.GET.get("bandeja") in BY_DEADLINE:
            return ["due_on", "pk"]
        return ["-created_at", "-pk"]

    @admin.display(description="radicado", ordering="filing_number")
    def radicado(self, obj):
        return str(obj)

    @admin.display(description="asociado (cédula)", ordering="associate__last_names")
    def asociado(self, obj):
        return f"{obj.associate.full_name} ({obj.associate.document_number})"

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        ids = self._readable_cooperative_ids(request)
        if ids is not None and len(ids) <= 1:  # one cooperative: the column says nothing
            columns = [c for c in columns if c != "cooperative"]
        return columns

    @admin.display(description="monto según reglamento", ordering="amount_proposed")
    def monto(self, obj):
        return format_pesos(obj.amount_proposed) if obj.amount_proposed is not None else "—"

    @admin.display(description="plazo", ordering="due_on")
    def plazo(self, obj):
        ctx = getattr(self, "_ctx", None)
        if ctx is None or obj.due_on is None or obj.status not in ON_THE_COOPERATIVE:
            return "—"  # decided or back with the associate: no deadline runs
        text = describe_due(obj, today=ctx.today, calendar=ctx.calendar)
        if obj.due_on < ctx.today:
            return format_html('<strong class="bo-overdue">{}</strong>', text)
        return text

    @admin.display(description="advertencias", boolean=True, ordering="has_warnings")
    def advertencias(self, obj):
        return obj.has_warnings

    def changelist_view(self, request, extra_context=None):
        self._ctx = model_admin_context(request)
        extra_context = {
            **(extra_context or {}),
            "queues": QUEUES,
            "current_queue": request.GET.get("bandeja", ""),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        obj = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if obj is not None and self.has_view_permission(request, obj):
            ctx = model_admin_context(request)
            page = request_page(
                request_for_page(self.get_queryset(request), obj.pk),
                request.user,
                today=ctx.today,
                calendar=ctx.calendar,
            )
            page["request_letter"] = offers_request_letter(obj)
            extra_context.update(page)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        custom = [
            path(
                "bandejas/",
                wrap(views.queues),
                {"model_admin": self},
                name="benefits_benefitrequest_queues",
            ),
            path(
                "tablero/",
                wrap(views.dashboard),
                {"model_admin": self},
                name="benefits_benefitrequest_dashboard",
            ),
            path(
                "informe/",
                wrap(views.report),
                {"model_admin": self},
                name="benefits_benefitrequest_report",
            ),
            path(
                "informe/pdf/",
                wrap(views.report_pdf),
                {"model_admin": self},
                name="benefits_benefitrequest_report_pdf",
            ),
            path(
                "informe/pdf/<uuid:public_id>/",
                wrap(views.report_pdf_download),
                {"model_admin": self},
                name="benefits_benefitrequest_report_pdf_download",
            ),
            path(
                "informe/csv/",
                wrap(views.report_csv),
                {"model_admin": self},
                name="benefits_benefitrequest_report_csv",
            ),
            path(
                "<path:object_id>/aprobar/",
                wrap(views.approve),
                {"model_admin": self},
                name="benefits_benefitrequest_approve",
            ),
            path(
                "<path:object_id>/rechazar/",
                wrap(views.reject),
                {"model_admin": self},
                name="benefits_benefitrequest_reject",
            ),
            path(
                "<path:object_id>/pedir-documentos/",
                wrap(views.ask_documents),
                {"model_admin": self},
                name="benefits_benefitrequest_ask_documents",
            ),
            path(
                "<path:object_id>/enviar-al-organo/",
                wrap(views.refer),
                {"model_admin": self},
                name="benefits_benefitrequest_refer",
            ),
            path(
                "<path:object_id>/carta/<int:decision_id>/",
                wrap(views.decision_letter),
                {"model_admin": self},
                name="benefits_benefitrequest_decision_letter",
            ),
            path(
                "<path:object_id>/carta-de-solicitud/",
                wrap(views.request_letter),
                {"model_admin": self},
                name="benefits_benefitrequest_request_letter",
            ),
        ]
        return custom + super().get_urls()
