"""roster_import: the one entry point of the roster import (command, admin, tests)."""

from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cooperatives.models import Cooperative
from cooperatives.services import cooperative_lock
from core.history import client_ip
from members.roster import csvfile
from members.roster.csvfile import RosterFileError
from members.roster.layouts import KINDS, LAYOUTS
from members.roster.plans import PLANNERS
from members.roster.report import ImportReport


def roster_import(
    *, cooperative: Cooperative, file, kind: str | None = None, actor=None, dry_run: bool = False
) -> ImportReport:
    """Upserts one cooperative's roster file and reports what happened, row by row.

    `file` is a path or an open text or binary stream of UTF-8 CSV (comma or
    semicolon, with or without BOM). `kind` is "associates", "beneficiaries" or
    "accounts"; None detects it from the header. `actor` is the user recorded in
    the history rows. Raises RosterFileError when the file as a whole cannot be
    imported; bad rows are reported, not raised. With `dry_run` everything runs,
    then the transaction is rolled back.
    """
    if kind is not None and kind not in LAYOUTS:
        raise RosterFileError(f"Tipo de archivo desconocido «{kind}»; use {', '.join(KINDS)}.")
    name, text = csvfile.read(file)
    layout, header, records = csvfile.parse(text, kind)
    report = ImportReport(layout.kind, cooperative.name, file_name=name, dry_run=dry_run)
    rows = csvfile.values(layout, header, records, report)
    reason = f"Importación del padrón de {layout.label}" + (f" ({name})" if name else "")
    history = {
        "default_user": actor,
        "default_change_reason": reason[:100],
        "default_date": timezone.now(),
        # From where: the admin's request, when there is one (HistoryRequestMiddleware).
        "custom_historical_attrs": {
            "ip_address": client_ip(getattr(HistoricalRecords.context, "request", None))
        },
    }
    with transaction.atomic():
        # One import at a time per cooperative (two would race to create the same cédula).
        cooperative_lock(cooperative=cooperative)
        PLANNERS[layout.kind](cooperative=cooperative, rows=rows, report=report).write(**history)
        if layout.kind == "associates":  # its arrears are those of today
            Cooperative.objects.filter(pk=cooperative.pk).update(
                roster_read_on=timezone.localdate()
            )
        if dry_run:
            transaction.set_rollback(True)
    report.rejections.sort(key=lambda rejection: rejection.line)
    return report
