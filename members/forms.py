from django import forms

from members.models import Beneficiary, DocumentType, document_number_validator
from members.roster.layouts import DOCUMENT, normalize_document


def _clean_document_number(value: str) -> str:
    """Cédulas arrive as '1.234.567' or ' 1234567 ': keep the digits."""
    return "".join(ch for ch in value if ch.isdigit())


class DocumentNumberField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Documento de identidad",
            max_length=20,
            validators=[document_number_validator],
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
            **kwargs,
        )

    def to_python(self, value):
        return _clean_document_number(super().to_python(value))


class LoginForm(forms.Form):
    document_number = DocumentNumberField(help_text="Cédula del asociado, solo números.")
    password = forms.CharField(
        label="Contraseña",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class RegistrationForm(forms.Form):
    document_number = DocumentNumberField(help_text="Ten en cuenta que, solo es para asociados.")
    email = forms.EmailField(
        label="Correo electrónico",
        help_text="A este correo enviaremos todas las notificaciones de tus auxilios.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=(
            "Autorizo a la cooperativa a tratar mis datos personales y los de mi grupo familiar, incluidos datos "
            "de salud, para estudiar y pagar mis auxilios, según su política de tratamiento de datos "
            "(Ley 1581 de 2012)."
        ),
        error_messages={
            "required": "Para usar el portal debes autorizar el tratamiento de tus datos personales."
        },
    )


class BeneficiaryRequestForm(forms.ModelForm):
    support_file = forms.FileField(
        label="Soporte del parentesco",
        help_text="Registro civil, partida de matrimonio o declaración de unión marital (PDF, JPG o PNG, hasta 5 MB).",
    )

    class Meta:
        model = Beneficiary
        fields = [
            "relationship",
            "first_names",
            "last_names",
            "document_type",
            "document_number",
            "birth_date",
            "gender",
            "disabled",
            "studying",
        ]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"})}

    document_number = forms.CharField(
        label="Número de documento",
        max_length=20,
        required=False,
        # Not a numeric keypad: a passport has letters.
        widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
    )

    def clean_document_number(self):
        # As the roster import stores it, so that the next import finds this
        # beneficiary instead of adding a second one.
        return normalize_document(self.cleaned_data.get("document_number") or "")

    def clean(self):
        data = super().clean()
        number = data.get("document_number")
        if number and data.get("document_type") == DocumentType.PASAPORTE:
            if not DOCUMENT.fullmatch(number):
                self.add_error(
                    "document_number", "El pasaporte debe tener entre 3 y 12 letras o dígitos."
                )
        elif number:
            try:
                document_number_validator(number)
            except forms.ValidationError as error:
                self.add_error("document_number", error)
        elif data.get("relationship") != "pet" and "document_number" not in self.errors:
            self.add_error("document_number", "Escribe el número de documento del beneficiario.")
        if data.get("relationship") != "pet" and not data.get("birth_date"):
            self.add_error("birth_date", "Escribe la fecha de nacimiento del beneficiario.")
        return data
