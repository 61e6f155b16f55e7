"""The quarterly report's PDF (CEMCOP Art. 10 lit. c), made by a worker.

Staff ask for it (report_export_request); a worker claims the row with a
lease and leaves it READY with its file or FAILED with a message
(report_export_build); the sweeper hands back what a lost message or a dead
worker left behind (stale_report_export_ids). The figures are those of the
moment the worker reads them, as the PDF says ("Generado el …").
"""

import logging
from datetime import timedelta
from functools import partial

from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from benefits.backoffice.reports import quarter_report, quarter_report_pdf
from benefits.models import ReportExport

logger = logging.getLogger(__name__)

# Laying out a quarter of 20 000 grants takes WeasyPrint about two and a half
# minutes here (7 ms a row); the task stops at BUILD_TIME_LIMIT and the lease
# outlasts it, so a live build never loses its row to the sweeper.
BUILD_TIME_LIMIT = 15 * 60
LEASE = timedelta(seconds=BUILD_TIME_LIMIT + 60)
STALE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3
FAILED_MESSAGE = (
    "No pudimos generar el PDF. Pídalo de nuevo; si vuelve a fallar, avise a soporte técnico."
)


def report_export_request(*, cooperative, year: int, quarter: int, user, now=None):
    """The PDF in the making for this quarter, or a new one queued; returns (export, created).

    A second request while one is queued or being made returns that one: a
    double click, or two staff members at once, share one PDF.
    """
    now = now or timezone.now()
    in_progress = ReportExport.objects.filter(
        cooperative=cooperative, year=year, quarter=quarter, status__in=ReportExport.IN_PROGRESS
    )
    existing = in_progress.first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            export = ReportExport.objects.create(
                cooperative=cooperative,
                year=year,
                quarter=quarter,
                requested_by=user,
                requested_at=now,
            )
    except IntegrityError:  # the other click won the race (one_report_export_in_progress)
        return in_progress.get(), False
    transaction.on_commit(partial(_enqueue_build, export.pk), robust=True)
    return export, True


def _enqueue_build(export_id: int) -> None:
    from benefits.tasks import build_report_export

    build_report_export.delay(export_id)


def _claim(export_id: int, now) -> bool:
    return bool(
        ReportExport.objects.filter(pk=export_id)
        .filter(
            Q(status=ReportExport.Status.PENDING)
            | Q(status=ReportExport.Status.PROCESSING, lease_until__lt=now)
        )
        .update(
            status=ReportExport.Status.PROCESSING,
            lease_until=now + LEASE,
            attempts=F("attempts") + 1,
        )
    )


def _release(export: ReportExport) -> None:
    ReportExport.objects.filter(pk=export.pk, status=ReportExport.Status.PROCESSING).update(
        status=ReportExport.Status.PENDING, lease_until=None
    )


def _fail(export: ReportExport, now) -> str:
    ReportExport.objects.filter(pk=export.pk).update(
        status=ReportExport.Status.FAILED,
        lease_until=None,
        finished_at=now,
        error_message=FAILED_MESSAGE,
    )
    return ReportExport.Status.FAILED


def report_export_build(*, export_id: int, now=None) -> str | None:
    """Lays out one quarterly report; returns its final status, or None when someone else has it.

    Safe to run twice: only the worker that claims the row builds it.
    """
    now = now or timezone.now()
    if not _claim(export_id, now):
        return None
    export = ReportExport.objects.select_related("cooperative").get(pk=export_id)
    if export.attempts > MAX_ATTEMPTS:
        # Three workers died on it (or ran out of time): something in the data, not chance.
        logger.error("Report export %s given up after %s attempts", export.pk, export.attempts)
        return _fail(export, now)
    try:
        report = quarter_report(
            cooperative=export.cooperative, year=export.year, quarter=export.quarter
        )
    except DatabaseError:
        _release(export)
        raise  # transient: the task retries with backoff
    try:
        content = quarter_report_pdf(report)
    except Exception:  # WeasyPrint's errors have no common base; a retry would fail the same way
        logger.exception("Report export %s could not be laid out", export.pk)
        return _fail(export, timezone.now())
    try:
        export.file.save("informe.pdf", ContentFile(content), save=False)
    except OSError:
        _release(export)
        raise  # storage unreachable: the task retries with backoff
    done = ReportExport.objects.filter(pk=export.pk, status=ReportExport.Status.PROCESSING).update(
        status=ReportExport.Status.READY,
        file=export.file.name,
        lease_until=None,
        finished_at=timezone.now(),
        error_message="",
    )
    if not done:  # cannot happen while the lease outlasts the time limit; never leave a stray file
        export.file.storage.delete(export.file.name)
        return None
    _drop_older(export)
    return ReportExport.Status.READY


def _drop_older(export: ReportExport) -> None:
    """The newest PDF of a quarter replaces the earlier ones: they list every grant's associate,
    and nobody needs yesterday's figures once today's are made."""
    older = ReportExport.objects.filter(
        cooperative_id=export.cooperative_id,
        year=export.year,
        quarter=export.quarter,
        status__in=[ReportExport.Status.READY, ReportExport.Status.FAILED],
        requested_at__lt=export.requested_at,
    )
    for name in older.exclude(file="").values_list("file", flat=True):
        export.file.storage.delete(name)
    older.delete()


def stale_report_export_ids(*, now=None, limit: int = 100) -> list[int]:
    """PDFs a lost message or a dead worker left behind."""
    now = now or timezone.now()
    return list(
        ReportExport.objects.filter(
            Q(status=ReportExport.Status.PENDING, requested_at__lt=now - STALE_AFTER)
            | Q(status=ReportExport.Status.PROCESSING, lease_until__lt=now)
        )
        .order_by("requested_at")
        .values_list("pk", flat=True)[:limit]
    )
