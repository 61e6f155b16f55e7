import re
from decimal import Decimal

from django import forms

from benefits import rules
from invoices.models import Document
from invoices.services import EMPTY_FILE

# How the portal asks for each `details` key a benefit declares (its rule-set
# spec lists them): a form field, in the associate's words.
YES_NO = [("", "—"), ("true", "Sí"), ("false", "No")]


def _yes_no(label, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO[1:],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
    )


THOUSANDS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")
STORED_DECIMAL = re.compile(r"^-?\d+\.\d+$")


class NumberField(forms.DecimalField):
    """A number as people write it here: «$1.750.905», «1750905», «4,5» or «4.5».

    A comma is the decimal separator (es-CO) and dots before it group
    thousands; without a comma, dots in groups of three are thousands
    («1.500» is mil quinientos) and a lone dot is decimal («4.5»). A text
    input, not type=number, which refuses «1.750.905» in the browser.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": "Escribe solo el número, por ejemplo 1.750.905 (o 4,5 con decimales)."
    }

    @staticmethod
    def as_written(value):
        """A stored number as the field shows it, so that reading it back gives it again.

        Stored numbers have a decimal point («4.500» is four and a half, from
        «4,500»); shown as written here («4,500»), never as thousands.
        """
        text = str(value)
        return text.replace(".", ",") if STORED_DECIMAL.match(text) else value

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("$").replace(" ", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif THOUSANDS.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


class PesosField(NumberField):
    """Whole pesos: «1.750.905,00» is 1750905; «1.750.905,50» asks for no centavos."""

    @staticmethod
    def as_written(value):
        number = Decimal(str(value))
        return str(int(number)) if number == number.to_integral_value() else value

    def __init__(self, **kwargs):
        # 12 digits: the request's column holds 14, two of them decimals.
        super().__init__(min_value=0, max_digits=12, decimal_places=0, **kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        if (
            number is not None
            and number.is_finite()
            and number.adjusted() < 15  # larger is refused by max_digits (and quantize would raise)
            and number == number.to_integral_value()
        ):
            return number.quantize(1)
        return number


def _as_shown(field, value):
    """A saved value as its form field shows it, so that saving the form as shown keeps it.

    A yes/no answer is stored as a bool and offered as "true"/"false"; a number
    as written here (NumberField.as_written).
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(field, NumberField) and value is not None:
        return field.as_written(value)
    return value


DETAIL_FIELDS = {
    "participants": lambda: forms.IntegerField(
        label="Número de participantes (contándote a ti)", min_value=1
    ),
    "cost_per_person": lambda: PesosField(label="Costo por persona (pesos)"),
    "excellence_share": lambda: NumberField(
        label="Proporción de notas en nivel Alto o Superior (0 a 1)", min_value=0, max_value=1
    ),
    "gpa": lambda: NumberField(label="Promedio de notas (0 a 5)", min_value=0, max_value=5),
    "all_passed": lambda: _yes_no("¿Aprobó todas las materias?"),
    "qualitative_grades": lambda: _yes_no("¿Las notas son cualitativas (sin número)?"),
    "qualitative_high": lambda: _yes_no("¿El desempeño fue Alto, Superior o Excelente en todo?"),
    "period": lambda: forms.ChoiceField(
        label="Periodo académico",
        choices=[
            ("semester", "Semestre"),
            ("cuatrimestre", "Cuatrimestre"),
            ("trimester", "Trimestre"),
            ("year", "Año"),
        ],
    ),
    "days": lambda: forms.IntegerField(label="Días de incapacidad certificados", min_value=0),
    "premature": lambda: _yes_no("¿Fue un parto prematuro?"),
    "level": lambda: forms.ChoiceField(
        label="Nivel de la competencia",
        choices=[
            ("departmental", "Departamental"),
            ("national", "Nacional"),
            ("international", "Internacional"),
        ],
    ),
    "team": lambda: _yes_no("¿Fue una competencia por equipos?"),
    "position": lambda: forms.IntegerField(label="Puesto obtenido", min_value=1),
    "destination_country": lambda: forms.CharField(
        label="País de destino (código de dos letras, CO para Colombia)", max_length=2, min_length=2
    ),
    "saber11_score": lambda: forms.IntegerField(
        label="Puntaje Saber 11", min_value=0, max_value=500
    ),
    "saberpro_percent": lambda: NumberField(
        label="Percentil Saber Pro (0 a 100)", min_value=0, max_value=100
    ),
    "laureate_thesis": lambda: _yes_no("¿La tesis fue laureada?"),
    "organ": lambda: forms.CharField(label="Órgano trasplantado o miembro afectado", max_length=60),
    "used_funeral_service": lambda: _yes_no("¿Usaron el servicio funerario de la cooperativa?"),
    "qualifying_children": lambda: forms.IntegerField(
        label="Número de hijos que cumplen los requisitos", min_value=1
    ),
    "loan_term_months": lambda: forms.IntegerField(label="Plazo del crédito (meses)", min_value=1),
    "received_first_pension_payment": lambda: _yes_no("¿Ya recibiste tu primera mesada pensional?"),
    "disease": lambda: forms.CharField(label="Enfermedad diagnosticada", max_length=80),
    "incapacity_start": lambda: forms.DateField(
        label="Fecha de inicio de la incapacidad", widget=forms.DateInput(attrs={"type": "date"})
    ),
    "incapacity_end": lambda: forms.DateField(
        label="Fecha de finalización de la (última) incapacidad",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Si tuviste incapacidades seguidas, la fecha en que terminó la última.",
    ),
    "modality": lambda: forms.CharField(
        label="Tipo de catástrofe (incendio, inundación…)", max_length=60
    ),
    "affected_in_agency": lambda: forms.IntegerField(
        label="Asociados afectados en tu agencia", min_value=1
    ),
    "emergency_type": lambda: forms.CharField(label="Tipo de emergencia", max_length=60),
    "education_level": lambda: forms.ChoiceField(
        label="Nivel educativo",
        choices=[("basic", "Primaria o bachillerato"), ("higher", "Educación superior")],
    ),
    "icetex": lambda: _yes_no("¿El estudio está financiado por el ICETEX?"),
    "organized_by_cooperative": lambda: _yes_no("¿El evento lo organizó la cooperativa?"),
    "lost_capacity_percent": lambda: NumberField(
        label="Porcentaje de pérdida de capacidad laboral", min_value=0, max_value=100
    ),
}

# "Categoría" of an e-invoice: the kind of expense, which is also the kind of
# supplier expected for it (invoices.suppliers). A benefit offers the
# categories of its supplier kind.
INVOICE_CATEGORIES = {
    "health": [
        ("health", "Consultas, exámenes y procedimientos"),
        ("pharmacy", "Medicamentos"),
        ("optics", "Óptica: lentes y monturas"),
    ],
    "pharmacy": [("pharmacy", "Medicamentos")],
    "optics": [("optics", "Óptica: lentes y monturas")],
    "veterinary": [("veterinary", "Servicios veterinarios")],
    "sports": [("sports", "Deportes: inscripciones, implementos, clases")],
    "education": [("education", "Educación: matrícula, pensión")],
    "tourism": [("tourism", "Turismo: planes, hospedaje, transporte")],
}
DEFAULT_CATEGORIES = [("other", "Factura del servicio")]


def categories_for(benefit) -> list[tuple[str, str]]:
    return INVOICE_CATEGORIES.get(benefit.supplier_kind, DEFAULT_CATEGORIES)


class RequestDetailsForm(forms.Form):
    """Beneficiary, payout account and the facts the benefit's rules need."""

    def __init__(self, *args, benefit_request, **kwargs):
        self.benefit_request = benefit_request
        associate = benefit_request.associate
        initial = {
            "beneficiary": benefit_request.beneficiary_id or "",
            "savings_account": benefit_request.savings_account_id,
            "event_date": benefit_request.event_date,
            "amount_claimed": benefit_request.amount_claimed,
            **{f"detail_{k}": v for k, v in (benefit_request.details or {}).items()},
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["beneficiary"] = forms.ModelChoiceField(
            label="Beneficiario",
            queryset=associate.beneficiaries.filter(status="approved"),
            required=False,
            empty_label=f"Yo, {associate.first_names} (asociado titular)",
            help_text="Quién recibió el servicio. Las facturas deben estar a su nombre o al tuyo.",
        )
        self.fields["savings_account"] = forms.ModelChoiceField(
            label="Cuentas",
            queryset=associate.accounts.filter(active=True),
            widget=forms.RadioSelect,
            empty_label=None,
            help_text="Escoge la cuenta en la que deseas recibir el desembolso del auxilio.",
            error_messages={"required": "Escoge la cuenta donde quieres recibir el auxilio."},
        )
        benefit = benefit_request.benefit
        if benefit.evidence != "invoice":
            self.fields["event_date"] = forms.DateField(
                label="Fecha del evento",
                widget=forms.DateInput(attrs={"type": "date"}),
                help_text="El día del hecho: nacimiento, fallecimiento, calamidad, grado…",
            )
            self.fields["amount_claimed"] = PesosField(
                label="Valor soportado (pesos)",
                required=False,
                help_text="Si el auxilio depende de un valor (costo, daño), escríbelo tal como aparece en los soportes.",
            )
        for key in self.spec_details():
            field = DETAIL_FIELDS[key]()
            field.required = False
            self.fields[f"detail_{key}"] = field
        for name, field in self.fields.items():
            if name in self.initial:
                self.initial[name] = _as_shown(field, self.initial[name])

    def spec_details(self) -> tuple[str, ...]:
        request = self.benefit_request
        try:
            rule_set = rules.rule_set_for(
                request.cooperative.slug,
                requested_on=request.created_at.date(),
                event_date=request.created_at.date(),
            )
            return rule_set.benefit(request.benefit.code).details
        except rules.RuleError:
            return ()

    def clean(self):
        data = super().clean()
        details = {}
        for key in self.spec_details():
            value = data.pop(f"detail_{key}", None)
            if value in (None, ""):
                continue
            details[key] = (
                value.isoformat()
                if hasattr(value, "isoformat")
                else (str(value) if not isinstance(value, bool | int) else value)
            )
        data["details"] = details
        return data


class UploadForm(forms.Form):
    """One file for the request: its e-invoice or, for any benefit, a supporting document.

    Invoice benefits also take supporting documents: the reglamentos ask for a
    medical order, a prescription, a copy of the cédula or San Simón's signed
    letter beside the invoice, and staff ask for more (NEEDS_DOCUMENTS). The
    associate says which it is: the e-invoice's PDF alone is no invoice (the
    reader says so), so a PDF is never taken for one by guessing.
    """

    file = forms.FileField(
        label="Archivo de la factura",
        error_messages={
            "required": "Escoge el archivo que te envió tu proveedor.",
            "empty": EMPTY_FILE,
        },
    )

    def __init__(self, *args, benefit_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.benefit_request = benefit_request
        benefit = benefit_request.benefit
        self.kind = Document.Kind.SUPPORT
        if benefit.evidence == "invoice":
            self.kind = Document.Kind.EINVOICE
            self.fields["kind"] = forms.ChoiceField(
                label="¿Qué vas a subir?",
                choices=[
                    (Document.Kind.EINVOICE, "La factura electrónica"),
                    (Document.Kind.SUPPORT, "Un documento de soporte"),
                ],
                initial=Document.Kind.EINVOICE,
                required=False,  # a client that does not say is uploading the invoice
                widget=forms.RadioSelect,
                help_text="Soporte: orden o fórmula médica, copia de la cédula, la carta firmada… (PDF, JPG o PNG).",
            )
            self.fields["category"] = forms.ChoiceField(
                label="Categoría de la factura",
                choices=[("", "Seleccione una categoría"), *categories_for(benefit)],
                required=False,
            )
            self.fields["file"].label = "Archivo"
            self.fields[
                "file"
            ].help_text = (
                "La factura: el .zip (o .xml) tal como te llegó al correo de tu proveedor."
            )
            self.order_fields(["kind", "category", "file"])
        else:
            self.fields["file"].label = "Archivo del documento"
            self.fields["file"].help_text = "PDF, JPG o PNG de hasta 10 MB."

    def clean(self):
        data = super().clean()
        if "kind" in self.fields:
            self.kind = data.get("kind") or Document.Kind.EINVOICE
            if self.kind == Document.Kind.EINVOICE and not data.get("category"):
                self.add_error("category", "Escoge la categoría de la factura.")
            if self.kind == Document.Kind.SUPPORT:
                data["category"] = ""
        return data
