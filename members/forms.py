from django import forms

from members.models import Beneficiary, document_number_validator


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
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def clean_document_number(self):
        number = _clean_document_number(self.cleaned_data.get("document_number") or "")
        if number:
            document_number_validator(number)
        return number

    def clean(self):
        data = super().clean()
        if data.get("relationship") != "pet" and not data.get("document_number"):
            self.add_error("document_number", "Escribe el número de documento del beneficiario.")
        if data.get("relationship") != "pet" and not data.get("birth_date"):
            self.add_error("birth_date", "Escribe la fecha de nacimiento del beneficiario.")
        return data
