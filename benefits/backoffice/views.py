"""The back office's pages and actions, mounted in the admin (BenefitRequestAdmin.get_urls).

Thin views: fetch through access.get_visible (another cooperative's object is
a 404), check the role's permission for that cooperative (403), validate a
form, call one service, redirect with a message (POST/redirect/GET).
"""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from benefits.backoffice import access
from benefits.backoffice.charts import horizontal_bars, vertical_bars
from benefits.backoffice.forms import (
    ApproveForm,
    AskDocumentsForm,
    DashboardForm,
    ReferForm,
    RejectForm,
    ReportForm,
)
from benefits.backoffice.letters import (
    decision_letter_filename,
    decision_letter_pdf,
    request_letter_pdf,
)
from benefits.backoffice.pdf import pdf_response
from benefits.backoffice.queues import QUEUES, queue_context, queue_counts
from benefits.backoffice.reports import (
    dashboard_figures,
    format_percent,
    quarter_report,
    quarter_report_csv,
    quarter_report_filename,
)
from benefits.models import BenefitRequest, Decision, ReportExport
from benefits.selectors import offers_request_letter
from benefits.services.reports import report_export_request
from benefits.services.requests import (
    Actor,
    RequestError,
    request_approve,
    request_ask_documents,
    request_refer,
    request_reject,
)
from benefits.states import Status
from core.money import format_pesos

VIEW = access.VIEW_REQUEST
DECIDE = "benefits.decide_benefitrequest"
CHANGE = "benefits.change_benefitrequest"
REPORTS = "benefits.view_reports"


def admin_context(request, model_admin, **extra) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        **extra,
    }


def _request_for(request, object_id, perm: str) -> BenefitRequest:
    benefit_request = access.get_visible(
        BenefitRequest.objects.select_related("cooperative"),
        request.user,
        view_perm=VIEW,
        pk=object_id,
    )
    access.require(request.user, perm, benefit_request.cooperative_id)
    return benefit_request


def _back(benefit_request: BenefitRequest):
    return redirect(reverse("admin:benefits_benefitrequest_change", args=[benefit_request.pk]))


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


# --- a request's actions ----------------------------------------------------------------


@require_POST
def approve(request, object_id, model_admin):
    benefit_request = _request_for(request, object_id, DECIDE)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(benefit_request)
    try:
        result = request_approve(
            request=benefit_request, actor=Actor(request.user), comment=form.cleaned_data["comment"]
        )
    except RequestError as error:
        messages.error(request, str(error))
    else:
        if result.status == Status.APPROVED:
            messages.success(
                request, f"Solicitud {result} aprobada por {format_pesos(result.amount_approved)}."
            )
        else:
            messages.warning(request, f"No se aprobó: {result.decision_comment}")
    return _back(benefit_request)


@require_POST
def reject(request, object_id, model_admin):
    benefit_request = _request_for(request, object_id, DECIDE)
    form = RejectForm(request.POST, cooperative=benefit_request.cooperative)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(benefit_request)
    revoked = benefit_request.status == Status.APPROVED
    try:
        request_reject(
            request=benefit_request,
            actor=Actor(request.user),
            reason=form.cleaned_data["reason"],
            comment=form.cleaned_data["comment"],
            fixable=form.fixable_value,
        )
    except RequestError as error:
        messages.error(request, str(error))
    else:
        done = "se revocó su aprobación" if revoked else "quedó rechazada"
        told = (
            "se le avisó al asociado por correo"
            if benefit_request.associate.email
            else "el asociado no tiene correo registrado: avísele por otro medio"
        )
        messages.success(request, f"Solicitud {benefit_request}: {done}; {told}.")
    return _back(benefit_request)


@require_POST
def ask_documents(request, object_id, model_admin):
    benefit_request = _request_for(request, object_id, CHANGE)
    form = AskDocumentsForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(benefit_request)
    try:
        request_ask_documents(
            request=benefit_request, actor=Actor(request.user), needed=form.cleaned_data["needed"]
        )
    except RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Se le pidió al asociado lo que falta.")
    return _back(benefit_request)


@require_POST
def refer(request, object_id, model_admin):
    benefit_request = _request_for(request, object_id, CHANGE)
    form = ReferForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(benefit_request)
    try:
        request_refer(
            request=benefit_request,
            actor=Actor(request.user),
            referral=form.cleaned_data["referral"],
            reason=form.cleaned_data["reason"],
        )
    except RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, "Solicitud enviada al órgano: aparece en la bandeja «Para comité o consejo»."
        )
    return _back(benefit_request)


# --- letters ------------------------------------------------------------------------------


def decision_letter(request, object_id, decision_id, model_admin):
    benefit_request = _request_for(request, object_id, VIEW)
    decision = (
        Decision.objects.filter(request=benefit_request, pk=decision_id)
        .exclude(kind=Decision.Kind.PROPOSAL)
        .select_related(
            "request__cooperative", "request__associate", "request__benefit", "rejection_reason"
        )
        .first()
    )
    if decision is None:
        raise Http404("Esa decisión no es de esta solicitud.")
    return pdf_response(decision_letter_pdf(decision), decision_letter_filename(decision))


def request_letter(request, object_id, model_admin):
    benefit_request = _request_for(request, object_id, VIEW)
    if not offers_request_letter(benefit_request):
        raise Http404(
            "El reglamento de esta cooperativa no pide carta de solicitud para este auxilio."
        )
    return pdf_response(
        request_letter_pdf(benefit_request),
        f"carta-solicitud-{benefit_request.filing_number or benefit_request.pk}",
    )


# --- queues, dashboard, reports -----------------------------------------------------------------


def queues(request, model_admin):
    cooperatives = list(access.cooperatives_for(request.user, VIEW))
    if not cooperatives:
        raise Http404
    ctx = queue_context([c.pk for c in cooperatives])
    changelist = reverse("admin:benefits_benefitrequest_changelist")
    columns = []
    for cooperative in cooperatives:
        queryset = BenefitRequest.objects.filter(cooperative=cooperative)
        columns.append({"cooperative": cooperative, "counts": queue_counts(queryset, ctx)})
    rows = []
    for index, queue in enumerate(QUEUES):
        cells = []
        for column in columns:
            cell = column["counts"][index]
            cells.append(
                {
                    "label": cell["label"],
                    "count": cell["count"],
                    "url": f"{changelist}?bandeja={queue.slug}&cooperative__id__exact={column['cooperative'].pk}",
                }
            )
        rows.append({"queue": queue, "cells": cells, "url": f"{changelist}?bandeja={queue.slug}"})
    return TemplateResponse(
        request,
        "backoffice/queues.html",
        admin_context(
            request, model_admin, title="Bandejas", columns=columns, rows=rows, today=ctx.today
        ),
    )


def dashboard(request, model_admin):
    cooperatives = access.cooperatives_for(request.user, REPORTS)
    if not cooperatives.exists():
        raise Http404
    form = DashboardForm(request.GET or None, cooperatives=cooperatives)
    today = timezone.localdate()
    cooperative, year = cooperatives.first(), today.year
    if form.is_valid():
        cooperative = form.cleaned_data["cooperative"] or cooperative
        year = form.cleaned_data["year"] or year
    figures = dashboard_figures(cooperative=cooperative, year=year)
    budgets = figures["budgets"]
    charts = {
        "budgets": horizontal_bars(
            "Ejecución del presupuesto",
            [
                (
                    b.fund,
                    b.committed_end,
                    f"{format_pesos(b.committed_end)} de {format_pesos(b.budget)} "
                    f"({format_percent(b.execution_percent)})",
                )
                for b in budgets
            ],
            secondary=[b.budget for b in budgets],
        ),
        "benefits": horizontal_bars(
            "Otorgado por tipo de auxilio",
            [
                (r.benefit, r.granted_amount, f"{format_pesos(r.granted_amount)} ({r.granted})")
                for r in figures["benefits"]
            ],
        ),
        "monthly": vertical_bars(
            "Otorgado por mes",
            [(m["month"][:3], m["amount"], format_pesos(m["amount"])) for m in figures["monthly"]],
            values_on_top=False,
        ),
        "review": vertical_bars(
            "Tiempos de revisión (días hábiles)",
            [(label, count, str(count)) for label, count in figures["review"].bands],
        ),
    }
    ctx = queue_context([cooperative.pk], today=today)
    return TemplateResponse(
        request,
        "backoffice/dashboard.html",
        admin_context(
            request,
            model_admin,
            title=f"Tablero de {cooperative.name} — {year}",
            form=form,
            cooperative=cooperative,
            year=year,
            figures=figures,
            charts=charts,
            counts=queue_counts(BenefitRequest.objects.filter(cooperative=cooperative), ctx),
            changelist=reverse("admin:benefits_benefitrequest_changelist"),
        ),
    )


def _report_from(request, *, detail: bool):
    cooperatives = access.cooperatives_for(request.user, REPORTS)
    if not cooperatives.exists():
        raise Http404
    form = ReportForm(request.GET or None, cooperatives=cooperatives)
    report = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        report = quarter_report(
            cooperative=data["cooperative"],
            year=data["year"],
            quarter=data["quarter"],
            detail=detail,
        )
    return form, report


def report(request, model_admin):
    form, report = _report_from(request, detail=False)
    exports = []
    if report is not None:
        exports = list(
            ReportExport.objects.filter(
                cooperative=report.cooperative, year=report.year, quarter=report.quarter
            )
            .select_related("requested_by")
            .order_by("-requested_at")[:5]
        )
    return TemplateResponse(
        request,
        "backoffice/report.html",
        admin_context(
            request,
            model_admin,
            title="Informe trimestral al Consejo",
            form=form,
            report=report,
            exports=exports,
            in_progress=any(e.status in ReportExport.IN_PROGRESS for e in exports),
            query=request.GET.urlencode(),
        ),
    )


@require_POST
def report_pdf(request, model_admin):
    """Queues the PDF (a worker lays it out: services.reports) and comes back to the report."""
    cooperatives = access.cooperatives_for(request.user, REPORTS)
    form = ReportForm(request.POST, cooperatives=cooperatives)
    back = reverse("admin:benefits_benefitrequest_report")
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(back)
    data = form.cleaned_data
    export, created = report_export_request(
        cooperative=data["cooperative"],
        year=data["year"],
        quarter=data["quarter"],
        user=request.user,
    )
    if created:
        messages.success(
            request,
            "Estamos preparando el PDF del informe; en unos momentos aparece abajo para descargar.",
        )
    else:
        messages.info(
            request,
            "El PDF de este informe ya se está preparando; aparece abajo cuando esté listo.",
        )
    query = urlencode(
        {"cooperative": export.cooperative_id, "year": export.year, "quarter": export.quarter}
    )
    return redirect(f"{back}?{query}")


def report_pdf_download(request, public_id, model_admin):
    export = access.get_visible(
        ReportExport.objects.select_related("cooperative"),
        request.user,
        view_perm=REPORTS,
        public_id=public_id,
        status=ReportExport.Status.READY,
    )
    with export.file.open("rb") as handle:
        content = handle.read()
    return pdf_response(content, quarter_report_filename(export, "pdf"))


def report_csv(request, model_admin):
    form, report = _report_from(request, detail=True)
    if report is None:
        raise Http404("Escoja cooperativa, año y trimestre.")
    return csv_response(quarter_report_csv(report), quarter_report_filename(report, "csv"))


def csv_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def today_in_bogota() -> date:
    return timezone.localdate()
