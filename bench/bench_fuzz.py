"""A bounded atheris run over the ZIP/XML reader (issue 7); `make fuzz` runs it longer.

Any input that makes the reader raise anything but a refusal stops the run,
is saved as crash-* under fuzz/, and fails this benchmark: it must then
become a regression test (tests/invoices/reader replays fuzz/crashes/).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_FUZZ_SECONDS", "60"))


def main() -> None:
    process = subprocess.run(
        [
            sys.executable,
            "fuzz/fuzz_reader.py",
            f"-max_total_time={SECONDS}",
            "-rss_limit_mb=2048",
            "-artifact_prefix=fuzz/",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=SECONDS + 120,
    )
    output = process.stdout + process.stderr
    runs = re.findall(r"Done (\d+) runs in (\d+) second", output)
    executions, seconds = (int(runs[-1][0]), int(runs[-1][1])) if runs else (0, SECONDS)
    crashed = process.returncode != 0
    print(
        f"Fuzzing del lector: {executions:,} entradas en {seconds} s; {'FALLA ENCONTRADA' if crashed else 'sin fallas'}"
    )
    if crashed:
        print(output[-3000:])
    print(
        json.dumps(
            {
                "bench": "fuzz",
                "seconds": seconds,
                "executions": executions,
                "executions_per_second": round(executions / max(seconds, 1)),
                "escapes_found": int(crashed),
                "ok": not crashed and executions > 0,
            }
        )
    )


if __name__ == "__main__":
    main()
