"""Treasury's disbursement batches."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import path, reverse

from benefits.admin.base import BackOfficeAdmin, SearchByRadicado
from benefits.backoffice import access
from benefits.backoffice import payouts as views
from benefits.backoffice.forms import MarkPaidForm, ReasonForm
from benefits.models import DisbursementBatch, DisbursementLine
from core.money import format_pesos


@admin.register(DisbursementBatch)
class DisbursementBatchAdmin(SearchByRadicado, BackOfficeAdmin):
    list_display = [
        "__str__",
        "status",
        "line_count",
        "total_display",
        "created_at",
        "paid_at",
        "cooperative",
    ]
    list_filter = ["cooperative", "status"]
    list_select_related = ["cooperative", "created_by", "paid_by"]
    search_fields = ["number", "lines__filing_number", "lines__document_number"]
    change_form_template = "admin/benefits/disbursementbatch/batch_page.html"
    fields = [
        "cooperative",
        "number",
        "status",
        "line_count",
        "total",
        "created_at",
        "created_by",
        "paid_at",
        "paid_by",
        "bank_reference",
    ]
    readonly_fields = fields

    def search_matches(self, term, requests):
        # A batch's number, or the batches that paid a radicado or a cédula
        # (through the requests' and the associates' indexes, as a subquery: no duplicates).
        lines = DisbursementLine.objects.filter(
            Q(request__in=requests) | Q(request__associate__document_number__iexact=term)
        )
        named = Q(pk__in=lines.values("batch_id"))
        return (
            named | Q(number=int(term))
            if term.isascii() and term.isdigit() and len(term) < 10
            else named
        )

    @admin.display(description="total", ordering="total")
    def total_display(self, obj):
        return format_pesos(obj.total)

    def has_change_permission(self, request, obj=None):
        return False  # batches change only through their actions (build, remove, cancel, pay)

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:benefits_disbursementbatch_build"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if obj is not None and self.has_view_permission(request, obj):
            open_ = obj.status == DisbursementBatch.Status.OPEN
            extra_context.update(
                {
                    "batch": obj,
                    "lines": list(
                        obj.lines.select_related("request").order_by("-active", "filing_number")
                    ),
                    "can_pay": open_ and access.allows(request.user, views.PAY, obj.cooperative_id),
                    "can_change": open_
                    and access.allows(request.user, views.CHANGE, obj.cooperative_id),
                    "pay_form": MarkPaidForm(),
                    "reason_form": ReasonForm(),
                }
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        kwargs = {"model_admin": self}

        def route(suffix, view, name):
            return path(suffix, wrap(view), kwargs, name=f"benefits_disbursementbatch_{name}")

        return [
            route("armar/", views.build, "build"),
            route("<path:object_id>/csv/", views.download_csv, "csv"),
            route("<path:object_id>/pagar/", views.mark_paid, "pay"),
            route("<path:object_id>/anular/", views.cancel, "cancel"),
            route(
                "<path:object_id>/lineas/<int:line_id>/retirar/", views.remove_line, "remove_line"
            ),
        ] + super().get_urls()
