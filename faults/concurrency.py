"""The concurrency tests with every approval truly simultaneous, on a PostgreSQL of its own.

tests/load runs 50 filings and 50 approvals by one associate against a
nearly spent CEMCOP quota, and 200 approvals against a nearly spent fund.
On the shared PostgreSQL (100 connections for everyone) the 200 approvals
share 40 threads; here a cluster of our own with max_connections = 300 gives
each approval its own thread and connection, all released by one barrier.

    .venv/bin/python faults/concurrency.py
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faults.harness import ROOT, PostgresCluster, say, summary  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="auxilios-concurrency-") as workdir:
        cluster = PostgresCluster(Path(workdir)).init()
        cluster.start()
        try:
            env = {
                **os.environ,
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/auxilios",
                "TEST_DATABASE_NAME": "test_auxilios_load",
                "LOAD_TEST_THREADS": "200",
            }
            say(
                f"pytest tests/load con 200 hilos y conexiones simultáneos (PostgreSQL propio :{cluster.port})…"
            )
            started = time.monotonic()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "tests/load",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "--create-db",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            elapsed = time.monotonic() - started
        finally:
            cluster.stop("immediate")
    print(done.stdout[-3000:])
    passed = int(m.group(1)) if (m := re.search(r"(\d+) passed", done.stdout)) else 0
    failed = int(m.group(1)) if (m := re.search(r"(\d+) failed", done.stdout)) else 0
    ok = done.returncode == 0
    summary(
        "concurrency",
        ok,
        threads=200,
        tests_passed=passed,
        tests_failed=failed,
        seconds=round(elapsed),
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
