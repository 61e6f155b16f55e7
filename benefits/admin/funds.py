"""The catalog, rejection reasons, funds, budgets, the ledger and the back-office policy.

Parameters the council sets; every change is in the object's history with the
actor and address, shown on its page. Budgets and fund policies are saved
through their services (benefits.services.backoffice); what approvals
committed only moves through the ledger, which these pages show.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpResponseRedirect

from benefits.admin.base import BackOfficeAdmin, SearchByRadicado
from benefits.models import (
    BackOfficePolicy,
    Benefit,
    Fund,
    FundBudget,
    LedgerEntry,
    RejectionReason,
)
from benefits.services.backoffice import BackOfficeError, fund_budget_save, fund_save
from benefits.services.requests import Actor
from core.money import format_pesos

LEDGER_SHOWN = 100


class RefusedByTheService:
    """A save the service refuses under its row lock (an approval landed after the form's check).

    The page says why and shows the form again: no success message and no
    «changed» entry in the admin log, for a change that did not happen.
    """

    def refuse(self, request, error: BackOfficeError) -> None:
        messages.error(request, str(error))
        request.refused_by_the_service = True

    def refused(self, request) -> bool:
        return getattr(request, "refused_by_the_service", False)

    def log_change(self, request, obj, message):
        if not self.refused(request):
            return super().log_change(request, obj, message)

    def log_addition(self, request, obj, message):
        if not self.refused(request):
            return super().log_addition(request, obj, message)

    def response_change(self, request, obj):
        if self.refused(request):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if self.refused(request):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_add(request, obj, post_url_continue)


@admin.register(Benefit)
class BenefitAdmin(BackOfficeAdmin):
    list_display = ["name", "code", "cooperative", "fund_kind", "quota_group", "evidence", "active"]
    list_filter = ["cooperative", "fund_kind", "evidence", "active"]
    list_select_related = ["cooperative"]
    search_fields = ["name", "code"]
    readonly_fields = [
        "cooperative",
        "code",
        "fund_kind",
        "quota_group",
        "evidence",
        "supplier_kind",
        "article",
    ]

    def has_add_permission(self, request):
        return False  # the catalog comes from the rule sets (benefits.catalog)


@admin.register(RejectionReason)
class RejectionReasonAdmin(BackOfficeAdmin):
    list_display = ["text", "code", "cooperative", "fixable", "active"]
    list_filter = ["cooperative", "fixable", "active"]
    search_fields = ["text", "code"]

    def get_readonly_fields(self, request, obj=None):
        return ["cooperative", "code"] if obj is not None else []


class FundBudgetInline(admin.TabularInline):
    model = FundBudget
    extra = 0
    fields = ["year", "budget", "committed", "available_display"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="disponible")
    def available_display(self, obj):
        return format_pesos(obj.available)


class FundForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Motivo del cambio (acta o acuerdo)", required=False, max_length=100
    )

    class Meta:
        model = Fund
        fields = ["cooperative", "kind", "name", "when_exhausted", "fallback", "exhaustion_article"]


@admin.register(Fund)
class FundAdmin(RefusedByTheService, BackOfficeAdmin):
    form = FundForm
    list_display = ["name", "kind", "cooperative", "when_exhausted", "fallback"]
    list_filter = ["cooperative", "kind", "when_exhausted"]
    list_select_related = ["cooperative", "fallback"]
    inlines = [FundBudgetInline]

    def has_add_permission(self, request):
        return request.user.is_superuser  # funds come with the cooperative's catalog

    def get_readonly_fields(self, request, obj=None):
        return ["cooperative", "kind"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        try:
            fund_save(
                fund=obj,
                actor=Actor(request.user),
                reason=form.cleaned_data.get("change_reason", ""),
            )
        except BackOfficeError as error:  # the form ran the same clean(); a race lands here
            self.refuse(request, error)


class FundBudgetForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Motivo del cambio (acta o acuerdo)", required=False, max_length=100
    )

    class Meta:
        model = FundBudget
        fields = ["cooperative", "fund", "year", "budget"]

    def clean(self):
        data = super().clean()
        fund, cooperative = (
            data.get("fund"),
            data.get("cooperative") or getattr(self.instance, "cooperative", None),
        )
        if fund is not None and cooperative is not None and fund.cooperative_id != cooperative.pk:
            raise ValidationError("El fondo debe ser de la misma cooperativa.")
        committed = self.instance.committed if self.instance.pk else 0
        if data.get("budget") is not None and data["budget"] < committed:
            raise ValidationError(
                f"Ya hay {format_pesos(committed)} comprometidos: el presupuesto no puede ser menor."
            )
        return data


@admin.register(FundBudget)
class FundBudgetAdmin(RefusedByTheService, BackOfficeAdmin):
    form = FundBudgetForm
    list_display = [
        "fund",
        "year",
        "budget_display",
        "committed_display",
        "available_display",
        "execution",
    ]
    list_filter = ["cooperative", "year", "fund__kind"]
    list_select_related = ["fund", "fund__cooperative", "cooperative"]
    change_form_template = "admin/benefits/fundbudget/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        return ["cooperative", "fund", "year", "committed"] if obj is not None else ["committed"]

    @admin.display(description="presupuesto", ordering="budget")
    def budget_display(self, obj):
        return format_pesos(obj.budget)

    @admin.display(description="comprometido", ordering="committed")
    def committed_display(self, obj):
        return format_pesos(obj.committed)

    @admin.display(description="disponible")
    def available_display(self, obj):
        return format_pesos(obj.available)

    @admin.display(description="ejecución")
    def execution(self, obj):
        if not obj.budget:  # a fund the council gave nothing this year
            return "—"
        share = f"{obj.committed * 100 / obj.budget:.1f}".replace(".", ",")
        return f"{share} %"

    def save_model(self, request, obj, form, change):
        # The form already refused a budget below what is committed; the service
        # checks again under the row lock (an approval may have landed meanwhile).
        try:
            saved = fund_budget_save(
                fund=obj.fund,
                year=obj.year,
                amount=obj.budget,
                actor=Actor(request.user),
                reason=form.cleaned_data.get("change_reason", ""),
                budget=obj if change else None,
            )
        except BackOfficeError as error:
            self.refuse(request, error)
            return
        obj.pk, obj.committed = saved.pk, saved.committed

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None and self.has_view_permission(request, obj):
            entries = LedgerEntry.objects.filter(fund_budget=obj).select_related(
                "request", "created_by"
            )
            extra_context["ledger"] = list(entries.order_by("-created_at", "-pk")[:LEDGER_SHOWN])
            extra_context["ledger_sum"] = entries.aggregate(total=Sum("amount"))["total"] or 0
            extra_context["ledger_shown"] = LEDGER_SHOWN
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(SearchByRadicado, BackOfficeAdmin):
    """The append-only movements: read-only, scoped, searchable by radicado."""

    list_display = [
        "created_at",
        "kind",
        "amount_display",
        "request",
        "fund_budget",
        "quota_account",
        "created_by",
    ]
    list_filter = ["cooperative", "kind", "fund_budget__fund__kind", "fund_budget__year"]
    list_select_related = [
        "request",
        "fund_budget__fund",
        "quota_account",
        "created_by",
        "cooperative",
    ]
    readonly_fields = [
        "cooperative",
        "request",
        "fund_budget",
        "quota_account",
        "kind",
        "amount",
        "created_at",
        "created_by",
    ]

    @admin.display(description="valor", ordering="amount")
    def amount_display(self, obj):
        return format_pesos(obj.amount)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BackOfficePolicy)
class BackOfficePolicyAdmin(BackOfficeAdmin):
    list_display = [
        "cooperative",
        "committee_quorum",
        "council_quorum",
        "exceptions_body",
        "payout_max_arrears_days",
        "deadline_warning_days",
    ]

    def get_readonly_fields(self, request, obj=None):
        return ["cooperative"] if obj is not None else []

    def has_add_permission(self, request):
        return request.user.is_superuser  # one per cooperative, created with defaults on first use
