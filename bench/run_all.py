"""`make bench`: every benchmark of the project, then docs/benchmarks.md.

Each bench/bench_*.py script prints what it measures and ends with one JSON
line: {"bench": name, "ok": bool, ...figures}. Figures named *_target* are the
targets of the issue that asked for the benchmark. This runner keeps the
output, checks the targets and writes the report with the machine, the date
and the versions, so a figure is never quoted without its context.
"""

import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
ORDER = ["rules", "reader", "roster", "pipeline", "load", "fuzz"]


def scripts() -> list[Path]:
    found = sorted((ROOT / "bench").glob("bench_*.py"))
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(found, key=lambda p: rank.get(p.stem.removeprefix("bench_"), 99))


def run(script: Path) -> tuple[dict | None, str, float]:
    started = time.monotonic()
    process = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=3600,
    )
    elapsed = time.monotonic() - started
    output = process.stdout + process.stderr
    summary = None
    for line in reversed(process.stdout.strip().splitlines()):
        if line.startswith("{"):
            try:
                summary = json.loads(line)
                break
            except json.JSONDecodeError:
                continue
    if process.returncode != 0 and summary is not None:
        summary["ok"] = False
    return summary, output, elapsed


def command_version(*command: str) -> str:
    try:
        return (
            subprocess.run(command, capture_output=True, text=True, timeout=10)
            .stdout.strip()
            .splitlines()[0]
        )
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "—"


def machine() -> list[tuple[str, str]]:
    cpu = "—"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "—",
        )
    memory = "—"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    import django

    return [
        ("Date", datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("CPU", f"{cpu} × {os.cpu_count()} cores"),
        ("Memory", memory),
        ("Load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("Python", platform.python_version()),
        ("Django", django.get_version()),
        ("PostgreSQL", command_version("psql", "--version")),
        ("Redis", command_version("redis-server", "--version")),
        ("OS", platform.platform()),
    ]


def render(results: list[tuple[Path, dict | None, str, float]]) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run_all.py`); every figure comes from one run on the machine below.",
        "Targets come from the issues that asked for each benchmark.",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in machine()],
        "",
    ]
    for script, summary, _, elapsed in results:
        name = summary.get("bench", script.stem) if summary else script.stem
        verdict = (
            "—"
            if summary is None
            else ("meets its targets" if summary.get("ok") else "**misses a target**")
        )
        lines += [f"## {name} ({script.name}, {elapsed:.0f} s): {verdict}", ""]
        if summary is None:
            lines += [
                "The script printed no summary; see its output with `python "
                + f"bench/{script.name}`.",
                "",
            ]
            continue
        lines += ["| figure | value |", "| --- | --- |"]
        for key, value in summary.items():
            if key in {"bench", "ok"}:
                continue
            lines.append(
                f"| {key} | {json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value} |"
            )
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    results = []
    for script in scripts():
        print(f"== {script.name}", flush=True)
        summary, output, elapsed = run(script)
        print(output, flush=True)
        results.append((script, summary, output, elapsed))
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(render(results))
    print(f"Wrote {REPORT.relative_to(ROOT)}")
    return 0 if all(summary and summary.get("ok") for _, summary, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
