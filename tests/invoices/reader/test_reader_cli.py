"""manage.py parse_invoice, through a real subprocess with no database, and in-process."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from reader_builders import MARKER, SAMPLES, billion_laughs, nested

ROOT = Path(__file__).resolve().parents[3]
PYTHON = ROOT / ".venv" / "bin" / "python"
NO_DATABASE = "postgres://postgres@127.0.0.1:1/none"
FILES = [
    "ad_cadena_FAC1020_prod.xml",
    "zip_cufe_named_siigo_FE239_prod.zip",
    "dian_sample_nd_ND1_signed_test.xml",
]


def run_cli(*paths) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": NO_DATABASE}
    python = str(PYTHON) if PYTHON.exists() else sys.executable
    return subprocess.run(
        [python, "manage.py", "parse_invoice", *map(str, paths)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def hostile(tmp_path):
    bomb = tmp_path / f"{MARKER}.xml"
    bomb.write_bytes(billion_laughs())
    deep = tmp_path / "deep.zip"
    deep.write_bytes(nested(12))
    return bomb, deep


def test_the_cli_prints_one_json_array_in_order_and_needs_no_database(hostile):
    done = run_cli(*(SAMPLES / name for name in FILES), *hostile)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert [result["file"] for result in results] == [*FILES, f"{MARKER}.xml", "deep.zip"]
    assert [result["ok"] for result in results] == [True, True, True, False, False]
    assert results[0]["document"]["number"] == "FAC1020"
    assert results[0]["dian_validation"]["response_code"] == "02"
    assert results[1]["document"]["number"] == "FE239"
    assert results[2]["document"]["kind"] == "debit_note"
    assert results[3]["error"]["code"] == "xml_forbidden"
    assert results[4]["error"]["code"] == "nested_too_deep"
    assert MARKER not in results[3]["error"]["message"]


def test_the_cli_output_keeps_spanish_text_readable():
    done = run_cli(SAMPLES / "inv_siigo_FE254_prod.xml")
    assert done.returncode == 0
    assert "válida" in done.stdout or "Las líneas" in done.stdout


def test_the_cli_refuses_an_oversized_file_without_reading_it_all(tmp_path):
    huge = tmp_path / "huge.zip"
    with huge.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(2 * 1024**3)  # sparse: 2 GB that were never written
    done = run_cli(huge)
    assert done.returncode == 0
    assert json.loads(done.stdout)[0]["error"]["code"] == "zip_too_large"


def test_an_unopenable_path_is_reported_and_the_exit_status_says_so(tmp_path):
    done = run_cli(SAMPLES / "inv_siigo_FE254_prod.xml", tmp_path / "missing.zip")
    assert done.returncode == 1
    results = json.loads(done.stdout)
    assert results[0]["ok"] is True
    assert results[1]["error"]["code"] == "unreadable"


def test_call_command_gives_the_same_contract_objects(hostile):
    out = io.StringIO()
    call_command("parse_invoice", str(SAMPLES / FILES[0]), str(hostile[0]), stdout=out)
    results = json.loads(out.getvalue())
    assert results[0]["file"] == FILES[0] and results[0]["ok"] is True
    assert {"document", "dian_validation", "signature", "checks", "attachments"} <= set(results[0])
    assert results[1] == {
        "file": f"{MARKER}.xml",
        "path": str(hostile[0]),
        "ok": False,
        "error": results[1]["error"],
    }


def test_call_command_raises_for_a_missing_file_after_printing_the_rest(tmp_path):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("parse_invoice", str(tmp_path / "nope.xml"), stdout=out)
    assert json.loads(out.getvalue())[0]["error"]["code"] == "unreadable"
