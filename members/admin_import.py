"""The roster import page of the admin: admin/members/associate/import/.

The same service as `manage.py import_roster`, for staff who prefer a form. A
staff member imports only into the cooperatives they belong to. Wired into
AssociateAdmin.get_urls with `roster_import_urls(self)`.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from cooperatives.models import Cooperative
from members.roster import KIND_LABELS, LAYOUTS, RosterFileError, roster_import

SHOWN_REJECTIONS = 1000  # the page stays light; the command prints them all


def importable_cooperatives(user):
    """Cooperatives where the user's role may change the roster (members.roles)."""
    ids = user.cooperative_ids_with_perm("members.change_associate")
    if ids is None:
        return Cooperative.objects.all()
    return Cooperative.objects.filter(pk__in=ids)


class RosterImportForm(forms.Form):
    cooperative = forms.ModelChoiceField(
        label="Cooperativa", queryset=Cooperative.objects.none(), empty_label="Elija la cooperativa"
    )
    kind = forms.ChoiceField(
        label="Tipo de archivo",
        required=False,
        choices=[
            ("", "Detectar por el encabezado"),
            *((kind, label.capitalize()) for kind, label in KIND_LABELS.items()),
        ],
    )
    file = forms.FileField(
        label="Archivo CSV", help_text="UTF-8, separado por comas o por punto y coma."
    )
    dry_run = forms.BooleanField(
        label="Solo simular",
        required=False,
        initial=True,
        help_text="Procesa el archivo y muestra el resultado sin guardar ningún cambio.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cooperatives = importable_cooperatives(user)
        self.fields["cooperative"].queryset = cooperatives
        if len(cooperatives) == 1:  # nothing to choose
            self.fields["cooperative"].initial = cooperatives[0]


def roster_import_view(request, model_admin):
    cooperatives = importable_cooperatives(request.user)
    if not cooperatives.exists():
        raise PermissionDenied
    posted = request.method == "POST"
    form = RosterImportForm(
        request.POST if posted else None, request.FILES if posted else None, user=request.user
    )
    report = None
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            report = roster_import(
                cooperative=data["cooperative"],
                file=data["file"],
                kind=data["kind"] or None,
                actor=request.user,
                dry_run=data["dry_run"],
            )
        except RosterFileError as exc:
            form.add_error("file", str(exc))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Importar padrón",
        "form": form,
        "report": report,
        "rejections": report.rejections[:SHOWN_REJECTIONS] if report else [],
        "layouts": [(layout.label, layout.columns) for layout in LAYOUTS.values()],
    }
    return TemplateResponse(request, "admin/members/associate/import_roster.html", context)


def roster_import_urls(model_admin) -> list:
    """The import page's URL; put it before the admin's own (they end in a catch-all)."""
    view = model_admin.admin_site.admin_view(roster_import_view)
    return [path("import/", view, {"model_admin": model_admin}, name="members_associate_import")]
