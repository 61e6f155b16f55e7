"""Treasury's pages: build a disbursement batch, download its CSV, mark it paid (CEMCOP Arts. 11, 40).

Mounted in DisbursementBatchAdmin.get_urls.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from benefits.backoffice import access
from benefits.backoffice.forms import MarkPaidForm, ReasonForm
from benefits.backoffice.views import admin_context, csv_response
from benefits.models import DisbursementBatch, DisbursementLine
from benefits.services.backoffice import policy_for
from benefits.services.payouts import (
    batch_build,
    batch_cancel,
    batch_export,
    batch_mark_paid,
    batch_remove_line,
    payable_requests,
    payout_problem,
)
from benefits.services.requests import Actor, RequestError

VIEW = "benefits.view_disbursementbatch"
ADD = "benefits.add_disbursementbatch"
CHANGE = "benefits.change_disbursementbatch"
PAY = "benefits.pay_disbursementbatch"
PREVIEW_LIMIT = 500


def _batch_for(request, object_id, perm: str) -> DisbursementBatch:
    batch = access.get_visible(
        DisbursementBatch.objects.select_related("cooperative"),
        request.user,
        view_perm=VIEW,
        pk=object_id,
    )
    access.require(request.user, perm, batch.cooperative_id)
    return batch


def _back(batch: DisbursementBatch):
    return redirect(reverse("admin:benefits_disbursementbatch_change", args=[batch.pk]))


class BuildForm(forms.Form):
    cooperative = forms.ModelChoiceField(label="Cooperativa", queryset=None, empty_label=None)

    def __init__(self, *args, cooperatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperative"].queryset = cooperatives


def build(request, model_admin):
    """GET: what the next batch would hold (and what is held back, and why). POST: build it."""
    cooperatives = access.cooperatives_for(request.user, ADD)
    if not cooperatives.exists():
        raise Http404
    form = BuildForm(request.POST or request.GET or None, cooperatives=cooperatives)
    cooperative = cooperatives.first()
    if form.is_bound and form.is_valid():
        cooperative = form.cleaned_data["cooperative"]
    if request.method == "POST" and form.is_valid():
        try:
            result = batch_build(cooperative=cooperative, actor=Actor(request.user))
        except RequestError as error:
            messages.error(request, str(error))
        else:
            for held, why in result.held:
                messages.warning(request, f"{held} queda por fuera: {why}.")
            if result.batch is None:
                messages.error(request, "No hay solicitudes aprobadas que se puedan pagar.")
            else:
                messages.success(
                    request,
                    f"{result.batch} armado con {result.batch.line_count} solicitudes. Descargue el archivo para el "
                    "sistema central y, cuando se haya pagado, márquelo como pagado.",
                )
                return _back(result.batch)
        return redirect(
            f"{reverse('admin:benefits_disbursementbatch_build')}?cooperative={cooperative.pk}"
        )
    policy = policy_for(cooperative)
    rows = []
    candidates = (
        payable_requests(cooperative)
        .select_related("associate", "benefit", "savings_account")
        .order_by("decided_at", "pk")[:PREVIEW_LIMIT]
    )
    for candidate in candidates:
        rows.append(
            {
                "request": candidate,
                "problem": payout_problem(
                    candidate,
                    max_arrears_days=policy.payout_max_arrears_days,
                    article=policy.payout_article,
                ),
            }
        )
    return TemplateResponse(
        request,
        "backoffice/batch_build.html",
        admin_context(
            request,
            model_admin,
            title="Armar lote de desembolso",
            form=form,
            cooperative=cooperative,
            rows=rows,
            payable_total=sum((r["request"].amount_approved for r in rows if not r["problem"]), 0),
            payable_count=sum(1 for r in rows if not r["problem"]),
            limit=PREVIEW_LIMIT,
        ),
    )


def download_csv(request, object_id, model_admin):
    batch = _batch_for(request, object_id, VIEW)
    return csv_response(
        batch_export(batch=batch, actor=Actor(request.user)),
        f"lote-{batch.cooperative.slug}-{batch.number}.csv",
    )


@require_POST
def mark_paid(request, object_id, model_admin):
    batch = _batch_for(request, object_id, PAY)
    form = MarkPaidForm(request.POST)
    if form.is_valid():
        try:
            batch = batch_mark_paid(
                batch=batch,
                actor=Actor(request.user),
                bank_reference=form.cleaned_data["bank_reference"],
            )
        except RequestError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{batch} pagado: se avisó a los asociados.")
    return _back(batch)


@require_POST
def cancel(request, object_id, model_admin):
    batch = _batch_for(request, object_id, CHANGE)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Escriba por qué se anula el lote.")
        return _back(batch)
    try:
        batch_cancel(batch=batch, actor=Actor(request.user), **form.cleaned_data)
    except RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"{batch} anulado: sus solicitudes vuelven a «aprobadas por pagar»."
        )
    return _back(batch)


@require_POST
def remove_line(request, object_id, line_id, model_admin):
    batch = _batch_for(request, object_id, CHANGE)
    line = DisbursementLine.objects.filter(batch=batch, pk=line_id).first()
    if line is None:
        raise Http404("Esa línea no es de este lote.")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Escriba por qué se retira del lote.")
        return _back(batch)
    try:
        batch_remove_line(line=line, actor=Actor(request.user), **form.cleaned_data)
    except RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{line.filing_number} retirada del lote.")
    return _back(batch)
