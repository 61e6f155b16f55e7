"""Audit trail: who changed what, when, and from where.

django-simple-history keeps a historical row per change of an audited model
(shown on the object's admin page under "Historia"); HistoryRequestMiddleware
supplies the user of a web request, services pass `_history_user` explicitly,
and this module adds the client address. Counters that move with F() updates
(quotas, funds) are audited by their ledger entries instead.
"""

from django.db import models
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class AuditedHistory(models.Model):
    ip_address = models.GenericIPAddressField("dirección IP", null=True, blank=True)

    class Meta:
        abstract = True


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


@receiver(pre_create_historical_record)
def _record_ip(sender, history_instance, **kwargs):
    request = getattr(HistoricalRecords.context, "request", None)
    if hasattr(history_instance, "ip_address") and history_instance.ip_address is None:
        history_instance.ip_address = client_ip(request)
