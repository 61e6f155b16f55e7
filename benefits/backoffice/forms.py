"""The back office's action forms; each is validated, then one service does the work."""

from django import forms
from django.utils import timezone

from benefits.models import Referral, RejectionReason, Vote

FIXABLE_CHOICES = [
    ("", "Según el motivo"),
    ("yes", "Sí, el asociado puede subsanarla"),
    ("no", "No es subsanable"),
]


def _fixable(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label="Comentario para el asociado",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(forms.Form):
    reason = forms.ModelChoiceField(
        label="Motivo", queryset=RejectionReason.objects.none(), empty_label="Escoja el motivo"
    )
    fixable = forms.ChoiceField(label="¿Subsanable?", choices=FIXABLE_CHOICES, required=False)
    comment = forms.CharField(
        label="Explicación para el asociado",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = RejectionReason.objects.filter(
            cooperative=cooperative, active=True
        )

    @property
    def fixable_value(self) -> bool | None:
        return _fixable(self.cleaned_data.get("fixable", ""))


class AskDocumentsForm(forms.Form):
    needed = forms.CharField(
        label="Qué necesita el asociado", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReferForm(forms.Form):
    referral = forms.ChoiceField(label="Asunto", choices=Referral.choices)
    reason = forms.CharField(
        label="Por qué (queda en el acta)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    cooperative = forms.ModelChoiceField(label="Cooperativa", queryset=None, empty_label=None)
    year = forms.IntegerField(label="Año", min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label="Trimestre",
        coerce=int,
        choices=[(1, "Primero"), (2, "Segundo"), (3, "Tercero"), (4, "Cuarto")],
    )

    def __init__(self, *args, cooperatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperative"].queryset = cooperatives
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["quarter"].initial = (today.month - 1) // 3 + 1


class DashboardForm(forms.Form):
    cooperative = forms.ModelChoiceField(
        label="Cooperativa", queryset=None, empty_label=None, required=False
    )
    year = forms.IntegerField(label="Año", min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, cooperatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperative"].queryset = cooperatives


# --- committee -----------------------------------------------------------------------------


class AttendanceForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label="Asistentes", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    president = forms.ModelChoiceField(label="Preside", queryset=None, empty_label="Escoja")
    secretary = forms.ModelChoiceField(label="Secretario(a)", queryset=None, empty_label="Escoja")

    def __init__(self, *args, eligible, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "president", "secretary"):
            self.fields[name].queryset = eligible


class AgendaAddForm(forms.Form):
    request = forms.ModelChoiceField(
        label="Solicitud", queryset=None, empty_label="Escoja la solicitud"
    )
    amount = forms.DecimalField(
        label="Monto a votar", required=False, min_value=0, decimal_places=0, max_digits=14
    )
    summary = forms.CharField(
        label="Presentación del caso",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = candidates


class VoteForm(forms.Form):
    member = forms.ModelChoiceField(label="Integrante", queryset=None, empty_label="Escoja")
    choice = forms.ChoiceField(label="Voto", choices=Vote.Choice.choices)
    reason = forms.CharField(label="Motivo", required=False, max_length=300)

    def __init__(self, *args, present, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = present


class AmountForm(forms.Form):
    amount = forms.DecimalField(label="Monto a votar", min_value=1, decimal_places=0, max_digits=14)


class DecideForm(forms.Form):
    reason = forms.ModelChoiceField(
        label="Motivo si se niega",
        queryset=None,
        required=False,
        empty_label="(solo si la mayoría vota en contra)",
    )
    fixable = forms.ChoiceField(label="¿Subsanable?", choices=FIXABLE_CHOICES, required=False)
    comment = forms.CharField(
        label="Constancia",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = RejectionReason.objects.filter(
            cooperative=cooperative, active=True
        )

    @property
    def fixable_value(self) -> bool | None:
        return _fixable(self.cleaned_data.get("fixable", ""))


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Motivo", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseMeetingForm(forms.Form):
    notes = forms.CharField(
        label="Otras constancias del acta",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- treasury --------------------------------------------------------------------------------


class MarkPaidForm(forms.Form):
    bank_reference = forms.CharField(
        label="Soporte del pago en el sistema central", required=False, max_length=120
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Motivo", max_length=300)
    # Asked once the batch's file was downloaded (benefits.services.payouts).
    bank_did_not_pay = forms.BooleanField(
        label="Confirmo que el sistema central no pagó el archivo descargado", required=False
    )
