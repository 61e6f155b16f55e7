"""`manage.py quote` exactly as ../shared/contracts/quote.md says, in-process and through the real command line."""

import copy
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cooperatives.models import CooperativeParameter, MinimumWage
from tests.factories import CooperativeFactory

from .test_jsonio import CONTRACT_EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
SMMLV = {2023: "1160000", 2024: "1300000", 2025: "1423500", 2026: "1750905"}


def seed_minimum_wages():
    for year, value in SMMLV.items():
        MinimumWage.objects.update_or_create(year=year, defaults={"monthly_value": Decimal(value)})


def without_parameters(case: dict) -> dict:
    case = copy.deepcopy(case)
    case.pop("parameters", None)
    return case


def run_quote(tmp_path, data) -> list:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("quote", str(path), stdout=out)
    return json.loads(out.getvalue())


MALFORMED = [
    ({"cooperative": "coomeva", "benefit": "salud"}, "no es una cooperativa"),
    (dict(CONTRACT_EXAMPLE, benefit="vivienda"), "no es un auxilio de COPROCENVA"),
    (dict(CONTRACT_EXAMPLE, event_date="2026-13-01"), "event_date no es una fecha válida"),
    (dict(CONTRACT_EXAMPLE, amount_claimed="-450000"), "amount_claimed no puede ser negativo"),
    (dict(CONTRACT_EXAMPLE, details={"days": "diez"}), "details.days debe ser un número entero"),
    (dict(CONTRACT_EXAMPLE, associate="Ana"), "associate debe ser un objeto JSON"),
    ("no soy un caso", "Cada caso debe ser un objeto JSON"),
]


@pytest.mark.django_db
def test_it_answers_the_contracts_example(tmp_path):
    (result,) = run_quote(tmp_path, CONTRACT_EXAMPLE)
    assert result["eligible"] is True
    assert result["amount"] == "315000"  # 70 % of $450.000, under the "Hasta 10 años" cap
    assert result["approver"] == "committee"
    assert all({"code", "ok", "article", "message"} <= set(r) for r in result["reasons"])
    assert "quota" not in result


@pytest.mark.django_db
def test_it_answers_an_array_in_input_order_with_errors_in_their_slots(tmp_path):
    seed_minimum_wages()
    good = without_parameters(CONTRACT_EXAMPLE)
    cases = [good, *[case for case, _ in MALFORMED], good]
    results = run_quote(tmp_path, cases)
    assert len(results) == len(cases)
    assert results[0]["amount"] == results[-1]["amount"] == "315000"
    for result, (_, message) in zip(results[1:-1], MALFORMED, strict=True):
        assert set(result) == {"error"}
        assert message in result["error"]


@pytest.mark.django_db
def test_it_takes_parameters_missing_from_the_case_from_the_database(tmp_path):
    seed_minimum_wages()
    cemcop = CooperativeFactory(slug="cemcop")
    CooperativeParameter.objects.create(
        cooperative=cemcop, key="annual_amount", year=2026, value=Decimal("1200000")
    )
    case = {
        "cooperative": "cemcop",
        "benefit": "salud",
        "requested_on": "2026-06-10",
        "event_date": "2026-05-20",
        "associate": {"joined_on": "2018-01-01", "data_updated_on": "2026-01-15"},
        "amount_claimed": "5000000",
    }
    overridden = dict(case, parameters={"annual_amount": {"2026": "2000000"}})
    from_db, from_case = run_quote(tmp_path, [case, overridden])
    assert from_db["quota"] == {"annual": "1200000", "used": "0", "available": "1200000"}
    assert from_db["amount"] == "1200000"
    assert from_case["amount"] == "2000000"


@pytest.mark.django_db
def test_it_says_which_parameter_is_missing_instead_of_guessing(tmp_path):
    case = without_parameters(CONTRACT_EXAMPLE)  # no SMMLV rows in this database
    (result,) = run_quote(tmp_path, case)
    assert "SMMLV registrado para 2026" in result["error"]


@pytest.mark.django_db
def test_it_reads_stdin_when_the_file_is_a_dash(monkeypatch):
    seed_minimum_wages()
    monkeypatch.setattr(
        sys, "stdin", io.StringIO(json.dumps([without_parameters(CONTRACT_EXAMPLE)]))
    )
    out = io.StringIO()
    call_command("quote", "-", stdout=out)
    assert json.loads(out.getvalue())[0]["amount"] == "315000"


def test_it_refuses_input_that_is_not_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{nope", encoding="utf-8")
    with pytest.raises(CommandError, match="no es JSON válido"):
        call_command("quote", str(path))
    with pytest.raises(CommandError, match="No se pudo leer"):
        call_command("quote", str(tmp_path / "missing.json"))


@pytest.mark.django_db
def test_it_answers_a_hundred_cases(tmp_path):
    seed_minimum_wages()
    cases = [without_parameters(CONTRACT_EXAMPLE) for _ in range(100)]
    results = run_quote(tmp_path, cases)
    assert len(results) == 100
    assert {r["amount"] for r in results} == {"315000"}


@pytest.mark.django_db(transaction=True)
def test_the_real_command_line_answers_from_the_test_database():
    seed_minimum_wages()
    name = connection.settings_dict["NAME"]
    env = dict(os.environ, DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}")
    cases = [without_parameters(CONTRACT_EXAMPLE), dict(CONTRACT_EXAMPLE, cooperative="nada")]
    completed = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "quote", "-"],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    ok, error = json.loads(completed.stdout)
    assert ok["eligible"] is True and ok["amount"] == "315000"
    assert ok["rule_set"] == "coprocenva@2021-12-01"
    assert "no es una cooperativa" in error["error"]
