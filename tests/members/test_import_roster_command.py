import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from members.models import Associate
from tests.members.roster_files import associate, csv_text

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def roster_csv(tmp_path):
    path = tmp_path / "asociados.csv"
    path.write_text(csv_text(associate(), associate(document_number="abc")), encoding="utf-8")
    return path


def run_command(*args):
    """manage.py import_roster in a real process, on the test database."""
    env = os.environ | {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}"
    }
    return subprocess.run(
        [sys.executable, "manage.py", "import_roster", *map(str, args)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_imports_the_file_and_prints_the_summary(coop, roster_csv, capsys):
    call_command("import_roster", "cemcop", str(roster_csv))

    out = capsys.readouterr().out
    assert "Importación de asociados para CEMCOP (archivo asociados.csv)" in out
    assert "Creados:      1" in out
    assert "Línea 3: document_number: cédula inválida «abc»" in out
    assert Associate.objects.filter(cooperative=coop, document_number="1234567").exists()


def test_the_command_with_dry_run_prints_the_summary_and_saves_nothing(coop, roster_csv, capsys):
    call_command("import_roster", "cemcop", str(roster_csv), "--dry-run")

    out = capsys.readouterr().out
    assert "SIMULACIÓN: no se guardó ningún cambio." in out
    assert "Creados:      1" in out
    assert not Associate.objects.exists()


def test_the_command_refuses_a_kind_that_does_not_match_the_header(coop, roster_csv):
    with pytest.raises(
        CommandError,
        match="El encabezado es el de un archivo de asociados, no de cuentas de ahorro.",
    ):
        call_command("import_roster", "cemcop", str(roster_csv), "--kind", "accounts")


def test_the_command_names_the_known_cooperatives_when_the_slug_is_unknown(coop, roster_csv):
    with pytest.raises(
        CommandError, match="No existe la cooperativa «cemkop». Cooperativas: cemcop."
    ):
        call_command("import_roster", "cemkop", str(roster_csv))


def test_the_command_explains_an_unreadable_file(coop, tmp_path):
    with pytest.raises(CommandError, match="No se pudo leer el archivo"):
        call_command("import_roster", "cemcop", str(tmp_path / "no-existe.csv"))


@pytest.mark.django_db(transaction=True)
def test_the_command_run_as_a_process_imports_and_exits_zero_despite_rejected_rows(
    coop, roster_csv
):
    result = run_command("cemcop", roster_csv)

    assert result.returncode == 0, result.stderr
    assert "Rechazados:   1" in result.stdout
    assert Associate.objects.filter(cooperative=coop, document_number="1234567").exists()


@pytest.mark.django_db(transaction=True)
def test_the_command_run_as_a_process_fails_with_a_clear_message(coop, roster_csv, tmp_path):
    unknown_coop = run_command("no-existe", roster_csv)
    bad_header = tmp_path / "otro.csv"
    bad_header.write_text("cedula;nombre\n123;Ana\n", encoding="utf-8")
    unknown_header = run_command("cemcop", bad_header)

    assert unknown_coop.returncode != 0
    assert "No existe la cooperativa «no-existe»" in unknown_coop.stderr
    assert unknown_header.returncode != 0
    assert "No se reconoce el encabezado «cedula, nombre»" in unknown_header.stderr
    assert not Associate.objects.exists()
