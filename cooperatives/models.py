from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from cooperatives.querysets import TenantQuerySet
from core.history import AuditedHistory

hex_color = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use un color como #1a5fb4.")

# Top-level paths that a cooperative's URL prefix must not shadow.
RESERVED_SLUGS = frozenset({"admin", "static", "healthz", "media"})


def validate_slug_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f"«{value}» está reservado para el portal.")


class Cooperative(models.Model):
    """The tenant. Its slug is its URL prefix and the name of its rule set."""

    slug = models.SlugField(
        "identificador en la URL", unique=True, validators=[validate_slug_not_reserved]
    )
    name = models.CharField("nombre", max_length=120)
    legal_name = models.CharField("razón social", max_length=200)
    nit = models.CharField("NIT", max_length=15)
    check_digit = models.CharField("dígito de verificación", max_length=1)
    city = models.CharField("ciudad", max_length=80, blank=True)
    address = models.CharField("dirección", max_length=200, blank=True)
    phone = models.CharField("teléfono", max_length=40, blank=True)
    contact_email = models.EmailField("correo de contacto", blank=True)
    website = models.URLField("sitio web", blank=True)
    logo = models.CharField(
        "logo",
        max_length=200,
        help_text="Ruta del archivo estático, p. ej. cooperatives/cemcop.svg",
    )
    primary_color = models.CharField("color principal", max_length=7, validators=[hex_color])
    accent_color = models.CharField("color de acento", max_length=7, validators=[hex_color])
    review_business_days = models.PositiveSmallIntegerField(
        "plazo de revisión (días hábiles)",
        default=5,
        help_text="Días hábiles para decidir una solicitud radicada (guía de CEMCOP: 5).",
    )
    filing_prefix = models.CharField("prefijo del radicado", max_length=6)
    privacy_policy_version = models.CharField(
        "versión de la política de datos", max_length=20, default="2026-01"
    )
    active = models.BooleanField("activa", default=True)
    # The day of the last associates' roster import: the day its arrears figures
    # were true (benefits.facts.arrears_days_at counts back from it).
    roster_read_on = models.DateField(
        "padrón de asociados leído el", null=True, blank=True, editable=False
    )

    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "cooperativa"
        verbose_name_plural = "cooperativas"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def cooperative(self):
        # Lets a Cooperative pass through the same scoping helpers as its rows.
        return self

    @property
    def nit_display(self) -> str:
        return f"{self.nit}-{self.check_digit}"


class MinimumWage(models.Model):
    """SMMLV by year: national, decreed each December (and sometimes re-decreed)."""

    year = models.PositiveSmallIntegerField("año", unique=True)
    monthly_value = models.DecimalField("SMMLV", max_digits=12, decimal_places=0)
    decree = models.CharField("decreto", max_length=200, blank=True)

    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "salario mínimo (SMMLV)"
        verbose_name_plural = "salarios mínimos (SMMLV)"
        ordering = ["-year"]

    def __str__(self):
        return f"SMMLV {self.year}"


class CooperativeParameter(models.Model):
    """A yearly value a cooperative's council sets (CEMCOP's monto único anual, fixed amounts).

    `key` is a parameter name declared by the cooperative's rule set; a row
    overrides the rule set's default for that year.
    """

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    key = models.SlugField("parámetro", max_length=60)
    year = models.PositiveSmallIntegerField("año")
    value = models.DecimalField("valor", max_digits=14, decimal_places=2)
    note = models.CharField("acto que lo fija", max_length=200, blank=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "parámetro anual"
        verbose_name_plural = "parámetros anuales"
        ordering = ["cooperative", "key", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "key", "year"], name="one_parameter_value_a_year"
            ),
        ]

    def __str__(self):
        return f"{self.key} {self.year}"
