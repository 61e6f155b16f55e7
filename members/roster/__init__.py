"""Roster import: loads the CSV files a cooperative's core system exports.

One service, `roster_import`, behind `manage.py import_roster`, the admin page
(members/admin_import.py) and the tests. Three layouts — associates,
beneficiaries, savings accounts — are documented for the cooperatives' IT staff
in docs/roster-import.md. Each row is upserted by its natural key; rows missing
from the file are left alone, because an export may be partial. A bad row is
rejected with its line number and a reason in Spanish and never stops the good
ones.

Built for 200 000-row files (bench/bench_roster.py): the file is read once, the
cooperative's existing rows are loaded in one query, compared in Python, and only
what changed is written, with its history rows, in one transaction. Re-importing
the same file writes nothing at all.

    layouts.py   the columns of each layout and how a cell is read
    csvfile.py   reading the file: encoding, delimiter, header, rows
    plans.py     matching rows to the roster: what to create, update, reject
    writers.py   writing new and changed rows with their history rows
    report.py    what happened, for the command, the admin and the tests
    service.py   roster_import, tying them together
"""

from members.roster.csvfile import RosterFileError
from members.roster.layouts import KIND_LABELS, KINDS, LAYOUTS
from members.roster.report import ImportReport, Rejection
from members.roster.service import roster_import

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "LAYOUTS",
    "ImportReport",
    "Rejection",
    "RosterFileError",
    "roster_import",
]
