"""Benchmark: a 200 000-row associates file through roster_import on PostgreSQL.

    .venv/bin/python bench/bench_roster.py [--rows 200000]

Generates the file in a temporary directory, creates a throwaway database
(bench_auxilios_roster, from DATABASE_URL's server; default the local
PostgreSQL), migrates it, and times three imports into a throwaway cooperative:

    create     every row new (200 000 associates and their history rows)
    unchanged  the same file again (nothing written)
    update     every associate's arrears_days changed (a monthly export)

It prints the seconds of each, then one JSON line for machines. The target is
"well under a minute" for the first import on this 2-core machine. The database
is dropped at the end, so the portal's own data is never touched.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/auxilios")
os.environ["DEBUG"] = "false"  # DEBUG keeps every SQL statement in memory

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from cooperatives.models import Cooperative  # noqa: E402
from members.models import Associate  # noqa: E402
from members.roster import roster_import  # noqa: E402

HEADER = (
    "document_number;first_names;last_names;email;phone;birth_date;gender;joined_on;status;"
    "arrears_days;data_updated_on;inducted;sanctioned_on;pensioner;married;roles;agency"
)
FIRST = ["María José", "Juan Carlos", "Luz Marina", "Andrés Felipe", "Ana Milena", "Jorge Eliécer"]
LAST = ["Pérez Gómez", "Rodríguez Díaz", "Martínez Rojas", "García López", "Hernández Castro"]
AGENCIES = ["Principal", "Norte", "Sur", "Ibagué", "Espinal"]


def write_roster(path: Path, rows: int, arrears_shift: int = 0) -> None:
    """A core-system export: semicolons, day-first dates, dotted cédulas, a BOM."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(HEADER + "\n")
        for i in range(rows):
            cedula = f"{10_000_000 + i:,}".replace(",", ".")
            day, month = i % 28 + 1, i % 12 + 1
            out.write(
                f"{cedula};{FIRST[i % 6]};{LAST[i % 5]};asociado{i}@example.com;300{i:07d};"
                f"{day:02d}/{month:02d}/{1950 + i % 55};{'FMX'[i % 3]};{1990 + i % 36}-{month:02d}-{day:02d};"
                f"{('active', 'active', 'active', 'suspended', 'retired')[i % 5]};{(i + arrears_shift) % 90};"
                f"2026-01-{day:02d};{'si' if i % 2 else 'no'};;{'s' if i % 7 == 0 else 'n'};{i % 2};"
                f"{'council|committee' if i % 500 == 0 else ''};{AGENCIES[i % 5]}\n"
            )


def timed(label: str, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    report = roster_import(**kwargs)
    seconds = time.perf_counter() - start
    print(
        f"{label:<10} {seconds:6.1f} s  created={report.created} updated={report.updated} "
        f"unchanged={report.unchanged} rejected={report.rejected}",
        flush=True,
    )
    return seconds, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    rows = parser.parse_args().rows
    if connection.vendor != "postgresql":
        print(
            f"The benchmark runs on PostgreSQL; DATABASE_URL points to {connection.vendor}.",
            file=sys.stderr,
        )
        return 2
    connection.settings_dict.setdefault("TEST", {})["NAME"] = "bench_auxilios_roster"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            first, monthly = Path(tmp) / "padron.csv", Path(tmp) / "padron-mes-siguiente.csv"
            write_roster(first, rows)
            write_roster(monthly, rows, arrears_shift=1)
            print(
                f"{rows} rows, {first.stat().st_size / 1e6:.1f} MB, PostgreSQL {connection.pg_version // 10000}"
            )
            coop = Cooperative.objects.create(
                slug="bench",
                name="Bench",
                legal_name="Bench",
                nit="900000000",
                check_digit="0",
                logo="x.svg",
                primary_color="#000000",
                accent_color="#ffffff",
                filing_prefix="BEN",
            )
            create, created = timed("create", cooperative=coop, file=first)
            unchanged, _ = timed("unchanged", cooperative=coop, file=first)
            update, _ = timed("update", cooperative=coop, file=monthly)
            assert created.created == rows and created.rejected == 0
            assert Associate.objects.filter(cooperative=coop).count() == rows
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    result = {
        "bench": "roster_import",
        "rows": rows,
        "create_seconds": round(create, 2),
        "unchanged_seconds": round(unchanged, 2),
        "update_seconds": round(update, 2),
        "target_seconds": 60,
        "ok": create < 60,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
