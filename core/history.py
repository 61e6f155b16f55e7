"""Audit trail: who changed what, when, and from where.

django-simple-history keeps a historical row per change of an audited model
(shown on the object's admin page under "Historia"); HistoryRequestMiddleware
supplies the user of a web request, services pass `_history_user` explicitly,
and this module adds the client address. Counters that move with F() updates
(quotas, funds) are audited by their ledger entries instead.
"""

import ipaddress

from django.conf import settings
from django.db import models
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class AuditedHistory(models.Model):
    ip_address = models.GenericIPAddressField("dirección IP", null=True, blank=True)

    class Meta:
        abstract = True


def client_ip(request) -> str | None:
    """The address of the person behind a request, the one fact every counter and record uses.

    With TRUSTED_PROXY_COUNT = N > 0 the app sits behind N proxies that each
    append the address they received from to X-Forwarded-For, so the client is
    the N-th entry from the right; anything further left was written by the
    client and may be forged. Without the header, with too few entries or a
    malformed one, REMOTE_ADDR is used. django-axes calls this too
    (AXES_CLIENT_IP_CALLABLE), so its lockout counts the same address.
    """
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if len(forwarded) >= proxies:
            address = _valid_address(forwarded[-proxies])
            if address:
                return address
    return _valid_address(request.META.get("REMOTE_ADDR", ""))


def _valid_address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


@receiver(pre_create_historical_record)
def _record_ip(sender, history_instance, **kwargs):
    request = getattr(HistoricalRecords.context, "request", None)
    if hasattr(history_instance, "ip_address") and history_instance.ip_address is None:
        history_instance.ip_address = client_ip(request)
