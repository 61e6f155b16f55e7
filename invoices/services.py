"""From an associate's upload to the facts of its e-invoice.

document_upload() stores the file and records the row before anything else;
document_ingest() (run by the worker, safe to run twice) reads it with the safe
reader, runs the checks that need the database, and leaves the document READ,
REJECTED or FAILED — never stuck in PROCESSING: a lease expires and the
sweeper (invoices.tasks.sweep_documents) hands it to the next worker.
"""

import hashlib
import logging
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from benefits.models import BenefitRequest
from benefits.states import Status, editable_by_associate
from invoices.checks import request_checks
from invoices.models import Document, Invoice
from invoices.reader import Limits, read_upload

logger = logging.getLogger(__name__)

# Reading one upload is bounded by the reader's caps (size, entries, depth):
# well under a second. Celery stops the reading task after INGEST_TIME_LIMIT
# seconds and a claimed document's lease outlasts that, so a live task never
# loses its document to the sweeper, while a document whose worker was killed
# mid-read goes back to a worker within LEASE and one sweep (two to three
# minutes; with five-minute leases it took six: docs/benchmarks.md, faults,
# worker_kill).
INGEST_TIME_LIMIT = 60
LEASE = timedelta(seconds=INGEST_TIME_LIMIT + 30)
MAX_ATTEMPTS = 5
MAX_DOCUMENTS_PER_REQUEST = 20
STALE_AFTER = timedelta(minutes=2)

SUPPORT_TYPES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


EMPTY_FILE = (
    "El archivo está vacío. Vuelve a descargarlo del correo de tu proveedor y súbelo de nuevo."
)


class UploadError(Exception):
    """An upload the portal cannot take; the message says what to do."""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def document_upload(
    *, request: BenefitRequest, uploaded_file, kind: str, category: str = "", actor=None
) -> Document:
    """Stores an upload for the request and queues its reading. Uploading the same file twice is a no-op."""
    if not editable_by_associate(request):
        raise UploadError("Esta solicitud ya no admite documentos nuevos.")
    limit = settings.INVOICE_MAX_UPLOAD_BYTES
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise UploadError(
            f"El archivo pesa más de {_mb(limit)}. Sube el archivo tal como te llegó al correo."
        )
    data = uploaded_file.read(limit + 1)
    if not data:
        raise UploadError(EMPTY_FILE)
    if len(data) > limit:
        raise UploadError(
            f"El archivo pesa más de {_mb(limit)}. Sube el archivo tal como te llegó al correo."
        )
    digest = hashlib.sha256(data).hexdigest()
    content_type = ""
    if kind == Document.Kind.SUPPORT:
        content_type = next((t for magic, t in SUPPORT_TYPES.items() if data.startswith(magic)), "")
        if not content_type:
            raise UploadError("Los documentos de soporte deben ser PDF, JPG o PNG.")
    now = timezone.now()
    with transaction.atomic():
        locked = BenefitRequest.objects.select_for_update().get(pk=request.pk)
        if not editable_by_associate(locked):  # filed in another tab meanwhile
            raise UploadError("Esta solicitud ya no admite documentos nuevos.")
        held = dict(locked.documents.values_list("sha256", "pk"))
        if digest in held:  # a double click, a retry, or the same file uploaded again
            return _uploaded_again(Document.objects.get(pk=held[digest]))
        if len(held) >= MAX_DOCUMENTS_PER_REQUEST:
            raise UploadError(f"Una solicitud admite hasta {MAX_DOCUMENTS_PER_REQUEST} archivos.")
        document = Document(
            cooperative_id=locked.cooperative_id,
            request=locked,
            kind=kind,
            category=category,
            original_name=(uploaded_file.name or "archivo")[-255:],
            size=len(data),
            sha256=digest,
            uploaded_by=getattr(actor, "user", None),
            uploaded_at=now,
            status=Document.Status.READ
            if kind == Document.Kind.SUPPORT
            else Document.Status.PENDING,
            processed_at=now if kind == Document.Kind.SUPPORT else None,
            facts={"content_type": content_type} if content_type else None,
        )
        if request.cooperative_id == locked.cooperative_id:
            # The storage name needs the slug: the portal has the row loaded (no query).
            document.cooperative = request.cooperative
        document.file.save(str(document.public_id), ContentFile(data), save=False)
        document.save()
        if kind == Document.Kind.EINVOICE:
            transaction.on_commit(partial(_enqueue_ingest, document.pk), robust=True)
    return document


def _uploaded_again(document: Document) -> Document:
    """The file the request already holds; read again when its last reading cannot stand.

    That is when the worker failed on it (its message says «Súbelo de nuevo»)
    or its CUFE was taken by another request when it was read (the message
    says to take it out of there: once done, the same file here must count).
    A file still being read, or read and recorded, stays as it is: a double
    click is not a second reading.
    """
    failed = document.status == Document.Status.FAILED
    blocked = (
        document.status == Document.Status.READ
        and document.kind == Document.Kind.EINVOICE
        and not Invoice.objects.filter(document=document).exists()
    )
    if not (failed or blocked):
        return document
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.PENDING,
        attempts=0,
        facts=None,
        warnings=[],
        error_code="",
        error_message="",
        processed_at=None,
        lease_until=None,
    )
    transaction.on_commit(partial(_enqueue_ingest, document.pk), robust=True)
    document.refresh_from_db()
    return document


def _enqueue_ingest(document_id: int) -> None:
    from invoices.tasks import ingest_document

    ingest_document.delay(document_id)


def document_remove(*, document: Document) -> None:
    """The associate takes a file out of a request they are still preparing."""
    with transaction.atomic():
        request = BenefitRequest.objects.select_for_update().get(pk=document.request_id)
        if not editable_by_associate(request):
            raise UploadError("Esta solicitud ya no admite cambios en sus documentos.")
        Invoice.objects.filter(document=document).delete()  # frees the CUFE for a corrected upload
        document.delete()
        transaction.on_commit(
            partial(document.file.storage.delete, document.file.name), robust=True
        )


def _claim(document_id: int, now) -> bool:
    return bool(
        Document.objects.filter(pk=document_id)
        .filter(
            Q(status=Document.Status.PENDING)
            | Q(status=Document.Status.PROCESSING, lease_until__lt=now)
        )
        .update(
            status=Document.Status.PROCESSING, lease_until=now + LEASE, attempts=F("attempts") + 1
        )
    )


def document_ingest(*, document_id: int, now=None) -> str | None:
    """Reads one uploaded document; returns its final status, or None when someone else has it."""
    now = now or timezone.now()
    if not _claim(document_id, now):
        return None
    # Two queries rather than one six-table join: building that join's six
    # models cost the worker more than the extra round trip (5 → 3 ms at scale).
    document = Document.objects.get(pk=document_id)
    document.request = BenefitRequest.objects.select_related(
        "associate", "benefit", "beneficiary", "cooperative"
    ).get(pk=document.request_id)
    document.cooperative = document.request.cooperative  # the same row
    if document.attempts > MAX_ATTEMPTS:
        return _finish(
            document,
            Document.Status.FAILED,
            error_code="processing_failed",
            error_message="No pudimos procesar el archivo después de varios intentos. Súbelo de nuevo.",
        )
    try:
        with document.file.open("rb") as handle:
            data = handle.read(settings.INVOICE_MAX_UPLOAD_BYTES + 1)
    except OSError:
        _release(document)
        raise  # transient (storage unreachable): the task retries with backoff
    result = read_upload(data, filename=document.original_name, limits=Limits.from_settings())
    if not result.ok:
        return _finish(
            document,
            Document.Status.REJECTED,
            error_code=result.error_code,
            error_message=result.error_message,
        )
    facts = result.to_json()
    fact_sheet = facts["document"]
    if fact_sheet.get("environment") == "test":
        return _finish(
            document,
            Document.Status.REJECTED,
            facts=facts,
            error_code="test_environment",
            error_message=(
                "Este documento es de pruebas de la DIAN (habilitación), no una factura real. "
                "Pide a tu proveedor la factura electrónica validada."
            ),
        )
    incomplete = _incomplete(fact_sheet)
    if incomplete:
        return _finish(
            document,
            Document.Status.REJECTED,
            facts=facts,
            error_code="incomplete_invoice",
            error_message=incomplete,
        )
    with transaction.atomic():
        warnings = request_checks(document=document, facts=facts)
        invoice_row = _record_invoice(document, fact_sheet, facts)
        if invoice_row is None:
            warnings.append(_duplicate_warning(document, fact_sheet["uuid"]))
        return _finish(document, Document.Status.READ, facts=facts, warnings=warnings)


ASK_THE_SUPPLIER = (
    "Pide a tu proveedor la factura electrónica completa, tal como la validó la DIAN."
)


def _incomplete(fact_sheet: dict) -> str:
    """Why the portal cannot check this invoice, or "" when it can.

    The reader reports missing parts as empty (the parse_invoice contract);
    every check needs the CUFE (duplicates), the issue date (the filing
    window) and the total (the amount), so without them the upload is refused
    at once rather than failing in the worker until its retries run out.
    """
    uuid = fact_sheet.get("uuid") or ""
    if not uuid or len(uuid) > _max_length("uuid"):
        return f"La factura no trae un CUFE válido (el código único de la factura electrónica), así que no podemos verificarla. {ASK_THE_SUPPLIER}"
    try:
        date.fromisoformat(fact_sheet.get("issue_date") or "")
    except ValueError:
        return f"La factura no trae una fecha de expedición válida. {ASK_THE_SUPPLIER}"
    try:
        payable = Decimal((fact_sheet.get("totals") or {}).get("payable") or "NaN")
    except InvalidOperation:  # the reader gives null for what is no amount; this is a second guard
        payable = Decimal("NaN")
    if not payable.is_finite() or abs(payable) >= MAX_PAYABLE:
        return f"El total a pagar de la factura no es un valor que podamos leer. {ASK_THE_SUPPLIER}"
    return ""


# Invoice.payable holds 16 digits, two of them decimals.
MAX_PAYABLE = Decimal(10) ** 14


def _max_length(column: str) -> int:
    return Invoice._meta.get_field(column).max_length


def _fit(column: str, value) -> str:
    """A text cut to its Invoice column: an identifier longer than any real one is still a clue for staff."""
    return (value or "")[: _max_length(column)]


def _record_invoice(document: Document, fact_sheet: dict, facts: dict) -> Invoice | None:
    """The CUFE's one use at this cooperative; None when it was already used (unique constraint)."""
    totals = fact_sheet.get("totals") or {}
    issuer, buyer = fact_sheet.get("issuer") or {}, fact_sheet.get("buyer") or {}
    reference = fact_sheet.get("billing_reference") or {}
    try:
        with transaction.atomic():
            return Invoice.objects.create(
                cooperative_id=document.cooperative_id,
                document=document,
                request_id=document.request_id,
                uuid=fact_sheet["uuid"].lower(),
                uuid_scheme=_fit("uuid_scheme", fact_sheet.get("uuid_scheme")),
                kind=_fit("kind", fact_sheet.get("kind")),
                type_code=_fit("type_code", fact_sheet.get("type_code")),
                number=_fit("number", fact_sheet.get("number")),
                issue_date=fact_sheet["issue_date"],
                environment=_fit("environment", fact_sheet.get("environment")),
                issuer_id=_fit("issuer_id", issuer.get("id")),
                issuer_name=_fit("issuer_name", issuer.get("name")),
                buyer_id=_fit("buyer_id", buyer.get("id")),
                buyer_id_type=_fit("buyer_id_type", buyer.get("id_type")),
                buyer_name=_fit("buyer_name", buyer.get("name")),
                currency=_fit("currency", fact_sheet.get("currency")) or "COP",
                payable=totals["payable"],
                signature_valid=(facts.get("signature") or {}).get("valid"),
                dian_validated=bool(
                    (facts.get("dian_validation") or {}).get("response_code") == "02"
                ),
                billing_reference=_fit(
                    "billing_reference",
                    (reference.get("uuid") if isinstance(reference, dict) else "") or "",
                ).lower(),
            )
    except IntegrityError:
        return None


def _duplicate_warning(document: Document, uuid: str) -> dict:
    earlier = (
        Invoice.objects.filter(cooperative_id=document.cooperative_id, uuid=(uuid or "").lower())
        .select_related("request__associate")
        .first()
    )
    if earlier is not None and earlier.request.associate_id == document.request.associate_id:
        where = earlier.request.filing_number or "un borrador tuyo"
        return {
            "code": "cufe_reused",
            "message": f"Ya subiste esta factura en otra solicitud ({where}): quítala de allí si quieres usarla aquí.",
            "staff_message": f"El mismo asociado ya usó esta factura en la solicitud {earlier.request}.",
            "associate": True,
            "blocking": True,
        }
    # The reglamentos' fraud case: someone else's invoice. The associate is told
    # only that it was used; staff see where.
    return {
        "code": "cufe_used_by_another_associate",
        "message": "Esta factura ya fue usada en otra solicitud: no se puede presentar dos veces.",
        "staff_message": (
            f"Posible fraude: otro asociado ya presentó esta factura (solicitud {earlier.request if earlier else '—'})."
        ),
        "associate": True,
        "blocking": True,
    }


def _finish(
    document: Document, status: str, *, facts=None, warnings=None, error_code="", error_message=""
):
    Document.objects.filter(pk=document.pk).update(
        status=status,
        facts=facts,
        warnings=warnings or [],
        error_code=error_code,
        error_message=error_message[:500],
        processed_at=timezone.now(),
        lease_until=None,
    )
    transaction.on_commit(partial(_after_document, document.request_id), robust=True)
    return status


def _release(document: Document) -> None:
    Document.objects.filter(pk=document.pk, status=Document.Status.PROCESSING).update(
        status=Document.Status.PENDING, lease_until=None
    )


def _after_document(request_id: int) -> None:
    """A filed request whose documents are all read goes on to the rule engine."""
    from benefits.tasks import evaluate_request

    if BenefitRequest.objects.filter(pk=request_id, status=Status.SUBMITTED).exists():
        evaluate_request.delay(request_id)


def stale_document_ids(*, now=None, limit: int = 500) -> list[int]:
    """Uploads a lost message or a dead worker left behind."""
    now = now or timezone.now()
    return list(
        Document.objects.filter(
            Q(status=Document.Status.PENDING, uploaded_at__lt=now - STALE_AFTER)
            | Q(status=Document.Status.PROCESSING, lease_until__lt=now)
        )
        .order_by("uploaded_at")
        .values_list("pk", flat=True)[:limit]
    )
