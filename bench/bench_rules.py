"""Benchmark of the rule engine and of `manage.py quote`.

    .venv/bin/python bench/bench_rules.py [--seconds 3] [--runs 3]

1. Evaluations per second of benefits.rules.evaluate alone, in this process
   (one core), over a mix of cases of the four cooperatives (target ≥ 5 000/s).
2. Wall time of `manage.py quote FILE` on a 100-case array, start-up included
   (target < 2 s). It runs against BENCH_DATABASE_URL when set, otherwise
   against a throwaway SQLite database migrated and seeded here (not timed).

The last line printed is one JSON object for `make bench` to collect.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SMMLV = {"2023": "1160000", "2024": "1300000", "2025": "1423500", "2026": "1750905"}

ASSOCIATE = {
    "joined_on": "2016-03-01",
    "gender": "F",
    "arrears_days": 0,
    "data_updated_on": "2026-01-15",
    "inducted": True,
    "married": True,
    "roles": [],
}


def sample_cases() -> list[dict]:
    """A mix close to real traffic: invoice reimbursements, fixed amounts, programmes, one of each coop."""

    def case(cooperative, benefit, **extra):
        data = {
            "cooperative": cooperative,
            "benefit": benefit,
            "requested_on": "2026-06-10",
            "event_date": "2026-05-20",
            "associate": ASSOCIATE,
            "history": [
                {
                    "benefit": "medicamentos",
                    "event_date": "2026-02-01",
                    "granted_on": "2026-02-20",
                    "amount": "200000",
                }
            ],
        }
        data.update(extra)
        return data

    child = {"relationship": "child", "birth_date": "2016-04-01", "registered_on": "2016-05-01"}
    return [
        case("coprocenva", "servicios_medicos", amount_claimed="450000"),
        case("coprocenva", "incapacidad", details={"days": 12}),
        case(
            "coprocenva", "catastrofe", amount_claimed="9000000", details={"modality": "inundación"}
        ),
        case("cemcop", "salud", amount_claimed="380000"),
        case("cemcop", "pasadia", details={"participants": 3, "cost_per_person": "120000"}),
        case("cemcop", "gastronomico", details={"participants": 2, "cost_per_person": "90000"}),
        case("san-simon", "vivienda", event_date="2026-06-01"),
        case("san-simon", "medicamentos_hijos", amount_claimed="210000", beneficiary=child),
        case("san-simon", "incapacidad_medica", details={"days": 30}),
        case("san-simon", "odontologia_especial", amount_claimed="6200000"),
        case("coacremat", "salud", amount_claimed="250000"),
        case("coacremat", "deporte", details={"level": "national", "position": 4}),
        case(
            "coacremat",
            "educacion",
            details={
                "gpa": 4.3,
                "all_passed": True,
                "qualitative_grades": False,
                "period": "semester",
            },
        ),
    ]


def bench_engine(seconds: float) -> dict:
    from benefits.rules import Parameters, case_from_json, evaluate

    parameters = Parameters(
        {"smmlv": {int(y): v for y, v in SMMLV.items()}, "annual_amount": {2026: "1500000"}}
    )
    cases = [case_from_json(raw, base_parameters=parameters) for raw in sample_cases()]
    for case in cases:  # warm caches (holiday tables, rule-set discovery)
        evaluate(case)
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for case in cases:
            evaluate(case)
        count += len(cases)
    return {
        "evaluations": count,
        "seconds": round(elapsed, 3),
        "per_second": round(count / elapsed),
    }


def _manage(args, env, **kwargs):
    # Fixed arguments: this interpreter running this checkout's manage.py.
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


def prepare_database(env: dict) -> str:
    """A migrated SQLite database with the SMMLV rows, unless BENCH_DATABASE_URL says where to run."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    folder = tempfile.mkdtemp(prefix="bench-rules-")
    url = f"sqlite:///{folder}/bench.sqlite3"
    env["DATABASE_URL"] = url
    _manage(["migrate", "--no-input", "-v", "0"], env)
    seed = (
        "from cooperatives.models import MinimumWage\n"
        f"for year, value in {SMMLV!r}.items():\n"
        "    MinimumWage.objects.update_or_create(year=int(year), defaults={'monthly_value': value})\n"
    )
    _manage(["shell", "-v", "0", "-c", seed], env)
    return url


def bench_quote(runs: int) -> dict:
    env = dict(os.environ)
    env["DATABASE_URL"] = prepare_database(env)
    cases = (sample_cases() * 8)[:100]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(cases, handle)
        path = handle.name
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        completed = _manage(["quote", path], env, capture_output=True, text=True)
        timings.append(time.perf_counter() - started)
        results = json.loads(completed.stdout)
        errors = [r["error"] for r in results if "error" in r]
        if len(results) != 100 or errors:
            raise SystemExit(f"quote answered {len(results)} results, errors: {errors[:3]}")
    os.unlink(path)
    return {
        "cases": 100,
        "runs": [round(t, 3) for t in timings],
        "median_seconds": round(statistics.median(timings), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="how long to run the engine loop"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="how many times to time `manage.py quote`"
    )
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

    engine = bench_engine(options.seconds)
    print(
        f"Motor de reglas: {engine['per_second']:,} evaluaciones/s en un núcleo ({engine['evaluations']:,} en {engine['seconds']} s); meta ≥ 5.000/s"
    )
    quote = bench_quote(options.runs)
    print(
        f"manage.py quote, 100 casos (con arranque): mediana {quote['median_seconds']} s {quote['runs']}; meta < 2 s"
    )
    summary = {
        "bench": "rules",
        "engine_evaluations_per_second": engine["per_second"],
        "engine_target_per_second": 5000,
        "quote_100_cases_seconds": quote["median_seconds"],
        "quote_target_seconds": 2.0,
        "ok": engine["per_second"] >= 5000 and quote["median_seconds"] < 2.0,
        "python": platform.python_version(),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
