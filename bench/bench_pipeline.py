"""End-to-end uploads per second through a real Celery worker on PostgreSQL (issue 4).

Builds a throwaway database, starts one `celery worker` process (prefork,
BENCH_CONCURRENCY children overlapping their database and Redis waits on the
machine's two cores) on its own Redis database, uploads the real
DIAN samples through the same service the portal calls (document_upload:
storage + row + task on commit), from BENCH_SENDERS threads (the portal's
gunicorn workers), and measures until every document is read and checked.
Target: ≥ 50 uploads per second on this 2-core machine.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faults.harness import PROD_SAMPLES, SAMPLES  # noqa: E402

DB = "bench_auxilios_pipeline"
ADMIN_URL = os.environ.get(
    "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
UPLOADS = int(os.environ.get("BENCH_UPLOADS", "400"))
TARGET = 50.0
# One worker process; its prefork children overlap database and Redis waits.
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
# Concurrent uploaders, as the portal's gunicorn workers would be.
SENDERS = int(os.environ.get("BENCH_SENDERS", "4"))


def psql(sql: str) -> None:
    subprocess.run(["psql", ADMIN_URL, "-q", "-c", sql], check=True, capture_output=True)


def main() -> None:
    media = tempfile.mkdtemp(prefix="bench-media-")
    env = {
        **os.environ,
        "AUXILIOS_ENV": "development",
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "REDIS_URL": "redis://127.0.0.1:6379/7",
        "MEDIA_ROOT": media,
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    import redis
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from benefits.demo import benefits_demo_seed
    from benefits.models import Benefit
    from benefits.services import SYSTEM, request_create
    from cooperatives.demo import COOPERATIVES
    from cooperatives.services import cooperative_upsert, minimum_wages_seed
    from invoices.models import Document
    from invoices.services import document_upload
    from members.models import Associate

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    coop, _ = cooperative_upsert(**COOPERATIVES[0])
    minimum_wages_seed()
    from django.utils import timezone

    benefits_demo_seed(today=timezone.localdate())
    benefit = Benefit.objects.get(cooperative=coop, code="salud")
    drafts = []
    for n in range(UPLOADS):
        associate = Associate.objects.create(
            cooperative=coop,
            document_number=str(60_000_000 + n),
            first_names="Bench",
            last_names=str(n),
            joined_on=timezone.localdate().replace(year=2015),
        )
        drafts.append(request_create(associate=associate, benefit=benefit, actor=SYSTEM))
    payloads = [(name, (SAMPLES / name).read_bytes()) for name in PROD_SAMPLES]

    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "config",
            "worker",
            f"--concurrency={CONCURRENCY}",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        time.sleep(4)  # the worker connects and forks its children
        started = time.monotonic()

        def send(share):
            # One sender per gunicorn worker the portal would run: an upload
            # waits on the disk, PostgreSQL's commit and Redis, and a single
            # sender measured its own waits, not the pipeline.
            try:
                for n, draft in share:
                    name, data = payloads[n % len(payloads)]
                    document_upload(
                        request=draft, uploaded_file=SimpleUploadedFile(name, data), kind="einvoice"
                    )
            finally:
                connection.close()

        indexed = list(enumerate(drafts))
        senders = [
            threading.Thread(target=send, args=(indexed[k::SENDERS],)) for k in range(SENDERS)
        ]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
        uploaded = time.monotonic() - started
        pending = Document.objects.filter(status__in=["pending", "processing"])
        while pending.exists():
            if time.monotonic() - started > 600:
                raise SystemExit("documents still pending after 10 minutes")
            time.sleep(0.05)
        elapsed = time.monotonic() - started
    finally:
        worker.terminate()
        worker.wait(30)
    latencies = sorted(
        (d.processed_at - d.uploaded_at).total_seconds() for d in Document.objects.all()
    )
    statuses = {
        s: Document.objects.filter(status=s).count() for s in ("read", "rejected", "failed")
    }
    per_second = UPLOADS / elapsed
    print(
        f"{UPLOADS} subidas leídas en {elapsed:.1f} s ({uploaded:.1f} s subiendo): {per_second:.1f}/s; meta ≥ {TARGET:.0f}/s"
    )
    print(
        f"Latencia subida → leída: p50 {statistics.median(latencies):.2f} s, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.2f} s; estados {statuses}"
    )
    connection.close()
    psql(f"DROP DATABASE IF EXISTS {DB}")
    print(
        json.dumps(
            {
                "bench": "pipeline",
                "uploads": UPLOADS,
                "uploads_per_second": round(per_second, 1),
                "uploads_per_second_target": TARGET,
                "latency_p50_seconds": round(statistics.median(latencies), 3),
                "latency_p95_seconds": round(latencies[int(len(latencies) * 0.95) - 1], 3),
                "statuses": statuses,
                "ok": per_second >= TARGET and statuses["failed"] == 0,
            }
        )
    )


if __name__ == "__main__":
    main()
