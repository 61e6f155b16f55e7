"""Fault injection (issue 7): every faults/ scenario, one after the other, and their invariants.

Each scenario starts its own processes (Redis, SMTP sink, Celery worker,
gunicorn, and for the restart its own PostgreSQL), breaks one, brings it back,
waits for the sweepers, and checks faults/invariants.py: every upload and
request in a final state and none twice, every email sent exactly once,
counters equal to their ledgers, no unfriendly error shown to an associate.
Ends with the JSON line bench/run_all.py reads.

FAULTS_QUICK=1 shrinks the scenarios (fewer uploads and requests, shorter outages).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUICK = os.environ.get("FAULTS_QUICK") == "1"
SCENARIOS = [
    ("worker_kill", ["--uploads", "150" if QUICK else "500"]),
    ("redis_down", ["--seconds", "15" if QUICK else "30", "--requests", "40" if QUICK else "100"]),
    # The same outage with Redis as the broker only (cache in memory, CELERY_BROKER_URL).
    (
        "redis_down",
        [
            "--broker-only",
            "--seconds",
            "15" if QUICK else "20",
            "--requests",
            "40" if QUICK else "60",
        ],
    ),
    ("postgres_restart", ["--seconds", "30" if QUICK else "45"]),
    ("smtp_down", ["--down", "30" if QUICK else "60", "--requests", "20" if QUICK else "50"]),
    ("concurrency", []),
]


def main() -> int:
    results = {}
    for script, arguments in SCENARIOS:
        name = script + ("_broker_only" if "--broker-only" in arguments else "")
        print(f"== faults/{script}.py {' '.join(arguments)}", flush=True)
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, str(ROOT / "faults" / f"{script}.py"), *arguments],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        output = "\n".join(
            line
            for line in (done.stdout + done.stderr).splitlines()
            if "weasyprint" not in line and "SecurityWarning" not in line
        )
        print(output, flush=True)
        summary = next(
            (
                json.loads(line)
                for line in reversed(done.stdout.splitlines())
                if line.startswith("{")
            ),
            None,
        )
        if summary is None:
            summary = {
                "fault": name,
                "ok": False,
                "error": f"sin resumen (código {done.returncode})",
            }
        summary["seconds"] = round(time.monotonic() - started)
        results[name] = summary
    figures = {}
    for name, summary in results.items():
        keep = {k: v for k, v in summary.items() if k not in {"fault", "invariants", "phases"}}
        failing = [k for k, v in summary.get("invariants", {}).items() if not v]
        keep["invariants"] = "todos se cumplen" if not failing else f"fallan: {', '.join(failing)}"
        figures[name] = keep
    ok = all(summary.get("ok") for summary in results.values())
    print(json.dumps({"bench": "faults", **figures, "ok": ok}, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
