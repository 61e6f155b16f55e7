import uuid

from django.db import models

from cooperatives.models import Cooperative
from cooperatives.querysets import TenantQuerySet


class Notification(models.Model):
    """One email, recorded before it is sent (the outbox).

    `key` makes queuing idempotent: the same event never produces two rows; the
    sender marks SENT right after the server accepts, and skips rows already SENT.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Por enviar"
        SENT = "sent", "Enviado"
        FAILED = "failed", "Falló"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, null=True, blank=True)
    key = models.CharField("clave de idempotencia", max_length=200, unique=True)
    template = models.CharField("plantilla", max_length=80)
    to = models.EmailField("destinatario")
    context = models.JSONField("datos", default=dict)
    subject = models.CharField("asunto", max_length=200, blank=True)
    status = models.CharField(
        "estado", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField("intentos", default=0)
    last_error = models.CharField("último error", max_length=500, blank=True)
    created_at = models.DateTimeField("creado", auto_now_add=True)
    next_attempt_at = models.DateTimeField("próximo intento", null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField("enviado", null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "notificación"
        verbose_name_plural = "notificaciones"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notification_due")]

    def __str__(self):
        return f"{self.template} → {self.to}"
