"""A 200 000-row export goes through in one run (its timing is bench/bench_roster.py's job)."""

import pytest

from members.models import Associate
from members.roster import roster_import

pytestmark = pytest.mark.django_db

ROWS = 200_000
HEADER = "document_number;first_names;last_names;email;birth_date;gender;joined_on;status;arrears_days;pensioner;roles;agency\n"


def write_export(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(HEADER)
        for i in range(rows):
            cedula = f"{10_000_000 + i:,}".replace(",", ".")
            out.write(
                f"{cedula};Luz Marina;Pérez Gómez;asociado{i}@example.com;{i % 28 + 1:02d}/{i % 12 + 1:02d}/{1950 + i % 55};"
                f"{'FMX'[i % 3]};{1990 + i % 36}-{i % 12 + 1:02d}-01;{('active', 'suspended', 'retired')[i % 3]};"
                f"{i % 90};{'si' if i % 2 else 'no'};{'council' if i % 1000 == 0 else ''};Principal\n"
            )
        out.write("123;Sin;Cédula;;;;2020-01-01;active;0;no;;Principal\n")


def test_a_200_000_row_file_is_imported_in_one_run_with_its_bad_row_reported(coop, tmp_path):
    path = tmp_path / "padron-completo.csv"
    write_export(path, ROWS)

    report = roster_import(cooperative=coop, file=path)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (ROWS, 0, 0, 1)
    assert report.rejections[0].line == ROWS + 2
    assert Associate.objects.filter(cooperative=coop).count() == ROWS
    assert Associate.history.filter(cooperative=coop, history_type="+").count() == ROWS
    last = Associate.objects.get(cooperative=coop, document_number=str(10_000_000 + ROWS - 1))
    assert (last.arrears_days, last.pensioner) == ((ROWS - 1) % 90, True)
