"""Associates' accounts (registration against the roster, consent) and their beneficiaries."""

import uuid
from datetime import datetime
from functools import partial

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from cooperatives.models import Cooperative
from members.models import Associate, Beneficiary, PersonalDataConsent, User
from notifications.services import notification_queue

# At most one password link per account in this many seconds, however often the
# form is sent (a double click, an impatient associate, or someone else).
LINK_WINDOW_SECONDS = 600


def registration_request(
    *,
    cooperative: Cooperative,
    document_number: str,
    email: str,
    ip_address: str | None,
    user_agent: str,
    now: datetime | None = None,
) -> bool:
    """Sends the "set your password" link when cédula and email match the roster.

    Returns whether a link was sent — for tests and logs only: the page answers
    the same either way, so it reveals nobody's membership. Used for the first
    registration and for "¿Olvidaste tu contraseña?" alike, as CEMCOP's guide
    describes. Consent to the personal-data policy is recorded with the request.
    """
    now = now or timezone.now()
    associate = (
        Associate.objects.for_cooperative(cooperative)
        .filter(document_number=document_number, email__iexact=email.strip())
        .exclude(status=Associate.Status.RETIRED)
        .first()
    )
    if associate is None:
        return False
    with transaction.atomic():
        user = _account_for(associate)
        PersonalDataConsent.objects.create(
            cooperative=cooperative,
            associate=associate,
            policy_version=cooperative.privacy_policy_version,
            accepted_at=now,
            ip_address=ip_address,
            user_agent=user_agent[:300],
        )
        window = int(now.timestamp()) // LINK_WINDOW_SECONDS
        notification_queue(
            key=f"password-link:{user.pk}:{window}",
            template="password_link",
            to=associate.email,
            cooperative=cooperative,
            context={"user_public_id": str(user.public_id), "first_name": associate.first_names},
        )
    return True


def _account_for(associate: Associate) -> User:
    username = User.associate_username(associate.cooperative, associate.document_number)
    user, created = User.objects.get_or_create(
        associate=associate,
        defaults={
            "username": username,
            "email": associate.email,
            "first_name": associate.first_names,
            "last_name": associate.last_names,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif user.email != associate.email:
        user.email = associate.email  # the roster is the truth about where links go
        user.save(update_fields=["email"])
    return user


SUPPORT_TYPES = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}
MAX_SUPPORT_BYTES = 5 * 1024 * 1024


class BeneficiaryError(Exception):
    pass


def beneficiary_request_add(
    *, associate: Associate, data: dict, support_file, today
) -> Beneficiary:
    """An associate asks to register a relative, with the document that proves it (staff approve)."""
    content = support_file.read(MAX_SUPPORT_BYTES + 1)
    if len(content) > MAX_SUPPORT_BYTES:
        raise BeneficiaryError("El soporte pesa más de 5 MB.")
    extension = next(
        (ext for magic, ext in SUPPORT_TYPES.items() if content.startswith(magic)), None
    )
    if extension is None:
        raise BeneficiaryError("El soporte debe ser un PDF, JPG o PNG.")
    name = f"{associate.cooperative.slug}/{uuid.uuid4().hex}.{extension}"  # never the uploaded name
    number = data.get("document_number") or ""
    with transaction.atomic():
        earlier = (
            associate.beneficiaries.select_for_update().filter(document_number=number).first()
            if number
            else None
        )
        if earlier is not None and earlier.status == Beneficiary.Status.APPROVED:
            raise BeneficiaryError("Ya tienes registrado un beneficiario con ese documento.")
        # Asked again while staff have not approved it (a double click, a
        # corrected support, or after «No aprobado»): the same row, with the
        # newest data and support, so staff review one request and its
        # history shows the earlier ones.
        beneficiary = earlier or Beneficiary(cooperative=associate.cooperative, associate=associate)
        replaced = earlier.support_document.name if earlier is not None else ""
        for field, value in data.items():
            setattr(beneficiary, field, value)
        beneficiary.registered_on = today
        beneficiary.status = Beneficiary.Status.PENDING
        beneficiary.review_note = ""
        beneficiary.support_document.save(name, ContentFile(content), save=False)
        storage, stored = beneficiary.support_document.storage, beneficiary.support_document.name
        try:
            with transaction.atomic():
                beneficiary.save()
        except IntegrityError:
            # The same person sent at the same moment from two tabs: the other one is the request.
            storage.delete(stored)
            return associate.beneficiaries.get(document_number=number)
        if replaced:
            transaction.on_commit(partial(storage.delete, replaced), robust=True)
    return beneficiary


def beneficiary_decide(*, beneficiary, approve: bool, actor, note: str = "") -> None:
    with transaction.atomic():
        locked = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
        if locked.status != Beneficiary.Status.PENDING:
            return
        locked.status = Beneficiary.Status.APPROVED if approve else Beneficiary.Status.REJECTED
        locked.review_note = note
        locked._history_user = actor
        locked.save(update_fields=["status", "review_note"])
