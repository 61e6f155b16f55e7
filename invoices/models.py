import uuid

from django.db import models

from benefits.models import BenefitRequest
from cooperatives.models import Cooperative
from cooperatives.querysets import TenantQuerySet
from members.models import User


def upload_key(instance, filename):
    """Storage names are generated, never taken from the upload (ASVS 5.3.2)."""
    return f"{instance.cooperative.slug}/{instance.uploaded_at:%Y/%m}/{instance.public_id}"


class Document(models.Model):
    """A file an associate uploaded for a request, as it came.

    The row is written before anything else happens; the worker claims it by
    moving PENDING → PROCESSING and leaves it READ, REJECTED or FAILED.
    """

    class Kind(models.TextChoices):
        EINVOICE = "einvoice", "Factura electrónica"
        SUPPORT = "support", "Documento de soporte"

    class Status(models.TextChoices):
        PENDING = "pending", "En cola"
        PROCESSING = "processing", "Leyendo"
        READ = "read", "Leída"
        REJECTED = "rejected", "No se pudo leer"
        FAILED = "failed", "Error al procesar"

    # Still in the worker's hands: not yet read, refused or failed.
    UNREAD = (Status.PENDING, Status.PROCESSING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    request = models.ForeignKey(
        BenefitRequest, on_delete=models.CASCADE, related_name="documents", verbose_name="solicitud"
    )
    kind = models.CharField("tipo", max_length=10, choices=Kind.choices)
    category = models.CharField("categoría", max_length=60, blank=True)
    file = models.FileField("archivo", upload_to=upload_key, max_length=200)
    original_name = models.CharField("nombre original", max_length=255)
    size = models.PositiveIntegerField("tamaño (bytes)")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True)
    uploaded_at = models.DateTimeField("subido")
    status = models.CharField(
        "estado", max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField("intentos", default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField("procesado", null=True, blank=True)
    error_code = models.CharField("código de error", max_length=40, blank=True)
    error_message = models.CharField("mensaje", max_length=500, blank=True)
    facts = models.JSONField("datos leídos", null=True, blank=True)
    warnings = models.JSONField("advertencias", default=list, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "documento"
        verbose_name_plural = "documentos"
        ordering = ["uploaded_at"]
        indexes = [models.Index(fields=["status", "lease_until"], name="document_work_queue")]

    def __str__(self):
        return self.original_name


class Invoice(models.Model):
    """The facts of one DIAN e-document read from a Document.

    (cooperative, uuid) is unique: a CUFE supports one request at a cooperative,
    even under concurrent uploads.
    """

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT)
    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="invoice")
    request = models.ForeignKey(BenefitRequest, on_delete=models.CASCADE, related_name="invoices")
    uuid = models.CharField("CUFE/CUDE", max_length=96)
    uuid_scheme = models.CharField(max_length=20, blank=True)
    kind = models.CharField("clase", max_length=20)
    type_code = models.CharField(max_length=4, blank=True)
    number = models.CharField("número", max_length=40)
    issue_date = models.DateField("fecha de expedición")
    environment = models.CharField("ambiente", max_length=12)
    issuer_id = models.CharField("NIT del proveedor", max_length=20)
    issuer_name = models.CharField("proveedor", max_length=300)
    buyer_id = models.CharField("documento del adquiriente", max_length=20)
    buyer_id_type = models.CharField(max_length=4, blank=True)
    buyer_name = models.CharField("adquiriente", max_length=300, blank=True)
    currency = models.CharField(max_length=3, default="COP")
    payable = models.DecimalField("total a pagar", max_digits=16, decimal_places=2)
    signature_valid = models.BooleanField("firma válida", null=True)
    dian_validated = models.BooleanField("validada por la DIAN", default=False)
    billing_reference = models.CharField("documento referenciado", max_length=96, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "factura electrónica"
        verbose_name_plural = "facturas electrónicas"
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "uuid"], name="one_use_of_a_cufe_per_cooperative"
            ),
        ]
        indexes = [models.Index(fields=["uuid"], name="invoice_by_cufe")]

    def __str__(self):
        return f"{self.number} — {self.issuer_name}"
