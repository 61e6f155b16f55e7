"""The associate portal: "Auxilios", "+ Solicitar auxilio", and following a request.

Thin views: fetch through a scoped selector (another associate's or another
cooperative's object is a 404), validate a form, call one service, redirect.
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from benefits import portal
from benefits.backoffice.letters import request_letter_pdf
from benefits.backoffice.pdf import pdf_response
from benefits.forms import RequestDetailsForm, UploadForm
from benefits.models import Benefit
from benefits.selectors import (
    document_of,
    offers_request_letter,
    request_of,
    requests_and_history,
)
from benefits.services import (
    Actor,
    RequestError,
    request_create,
    request_submit,
    request_update,
    request_withdraw,
)
from benefits.states import editable_by_associate, why_cannot_request
from invoices.services import UploadError, document_remove, document_upload
from members.decorators import associate_required


def _actor(request) -> Actor:
    return Actor(user=request.user)


@never_cache
@associate_required
def dashboard(request):
    associate = request.associate
    requests, history = requests_and_history(associate)
    return render(
        request,
        "benefits/dashboard.html",
        {
            "overview": portal.overview(associate, today=timezone.localdate(), history=history),
            "requests": requests,
        },
    )


@never_cache
@associate_required
def request_new(request):
    associate = request.associate
    # A retired associate gets the page that says why, not a draft (nor an old one reopened).
    if request.method == "POST" and not why_cannot_request(associate):
        benefit = (
            Benefit.objects.for_cooperative(associate.cooperative)
            .active()
            .filter(code=request.POST.get("benefit", ""))
            .first()
        )
        if benefit is None:
            messages.error(request, "Escoge uno de los auxilios de la lista.")
            return redirect("request_new", coop=request.cooperative.slug)
        draft = portal.reusable_draft(associate, benefit) or request_create(
            associate=associate, benefit=benefit, actor=_actor(request)
        )
        return redirect("request_edit", coop=request.cooperative.slug, public_id=draft.public_id)
    return render(
        request,
        "benefits/request_new.html",
        {"overview": portal.overview(associate, today=timezone.localdate())},
    )


@never_cache
@associate_required
def request_edit(request, public_id):
    benefit_request = request_of(request.associate, public_id)
    if not editable_by_associate(benefit_request):
        return redirect("request_detail", coop=request.cooperative.slug, public_id=public_id)
    form = RequestDetailsForm(request.POST or None, benefit_request=benefit_request)
    if request.method == "POST" and form.is_valid():
        try:
            request_update(request=benefit_request, actor=_actor(request), **form.cleaned_data)
        except RequestError as error:  # filed in another tab meanwhile
            messages.error(request, str(error))
            return redirect("request_detail", coop=request.cooperative.slug, public_id=public_id)
        messages.success(request, "Guardamos los datos de tu solicitud.")
        return redirect("request_edit", coop=request.cooperative.slug, public_id=public_id)
    return render(
        request, "benefits/request_edit.html", portal.edit_context(benefit_request, form=form)
    )


def _keep_details(request, benefit_request):
    """The request with the «Beneficiario y cuenta» fields the page sent along with another form saved.

    static/js/portal.js sends them with an upload or «Solicitar auxilio» when
    they were changed without «Guardar datos».
    """
    if not request.POST.get("details") or not editable_by_associate(benefit_request):
        return benefit_request
    form = RequestDetailsForm(request.POST, benefit_request=benefit_request)
    if form.is_valid():
        try:
            return request_update(
                request=benefit_request, actor=_actor(request), **form.cleaned_data
            )
        except RequestError:
            pass
    messages.error(
        request, "Revisa «Beneficiario y cuenta»: lo que cambiaste allí no quedó guardado."
    )
    return benefit_request


@require_POST
@associate_required
def document_add(request, public_id):
    benefit_request = _keep_details(request, request_of(request.associate, public_id))
    form = UploadForm(request.POST, request.FILES, benefit_request=benefit_request)
    if form.is_valid():
        try:
            document_upload(
                request=benefit_request,
                uploaded_file=form.cleaned_data["file"],
                kind=form.kind,
                category=form.cleaned_data.get("category", ""),
                actor=_actor(request),
            )
        except UploadError as error:
            form.add_error("file", str(error))
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    if request.headers.get("X-Requested-With") == "fetch":
        # The request is the one read above; its documents, this one included, are read now.
        return render(
            request, "benefits/request_edit.html#documents", portal.edit_context(benefit_request)
        )
    return redirect("request_edit", coop=request.cooperative.slug, public_id=public_id)


@require_POST
@associate_required
def document_delete(request, public_id, document_id):
    document = document_of(request.associate, document_id)
    if str(document.request.public_id) != str(public_id):
        raise Http404
    try:
        document_remove(document=document)
    except UploadError as error:
        messages.error(request, str(error))
    return redirect("request_edit", coop=request.cooperative.slug, public_id=public_id)


@never_cache
@associate_required
def documents_fragment(request, public_id):
    """The documents with what the worker has read so far (polled by static/js/portal.js)."""
    benefit_request = request_of(request.associate, public_id)
    return render(
        request, "benefits/request_edit.html#documents", portal.edit_context(benefit_request)
    )


@require_POST
@associate_required
def request_file(request, public_id):
    benefit_request = request_of(request.associate, public_id)
    if not editable_by_associate(benefit_request):
        # A second click on «Solicitar auxilio» (or a request filed or withdrawn
        # in another tab): its page says where it stands, no error to show.
        return redirect("request_detail", coop=request.cooperative.slug, public_id=public_id)
    benefit_request = _keep_details(request, benefit_request)
    problems = portal.missing_before_submit(benefit_request)
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("request_edit", coop=request.cooperative.slug, public_id=public_id)
    try:
        request_submit(request=benefit_request, actor=_actor(request))
    except RequestError as error:
        messages.error(request, str(error))
        return redirect("request_edit", coop=request.cooperative.slug, public_id=public_id)
    messages.success(
        request, "¡Listo! Radicamos tu solicitud y te enviamos un correo con el número de radicado."
    )
    return redirect("request_detail", coop=request.cooperative.slug, public_id=public_id)


@require_POST
@associate_required
def request_withdraw_view(request, public_id):
    benefit_request = request_of(request.associate, public_id)
    try:
        request_withdraw(request=benefit_request, actor=_actor(request))
    except RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, "Desististe de la solicitud; sus facturas quedan libres para otra."
        )
    return redirect("request_detail", coop=request.cooperative.slug, public_id=public_id)


@never_cache
@associate_required
def request_detail(request, public_id):
    benefit_request = request_of(request.associate, public_id, timeline=True)
    return render(request, "benefits/request_detail.html", portal.detail_context(benefit_request))


@associate_required
def request_letter(request, public_id):
    """San Simón's "Carta de solicitud de auxilio", pre-filled, for the associate to sign and upload."""
    benefit_request = request_of(request.associate, public_id)
    if not offers_request_letter(benefit_request):
        raise Http404(
            "El reglamento de tu cooperativa no pide carta de solicitud para este auxilio."
        )
    return pdf_response(
        request_letter_pdf(benefit_request),
        f"carta-solicitud-{benefit_request.filing_number or 'borrador'}",
    )


@associate_required
def document_download(request, document_id):
    """The associate's own file, through the portal (never a public storage URL)."""
    document = document_of(request.associate, document_id)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("El archivo ya no está disponible.") from None
    response = FileResponse(handle, as_attachment=True, filename=document.original_name)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
