"""Load on the scale database: locust against gunicorn on loopback (issue 7).

1. Builds bench_auxilios_load with `seed_scale` (200 000 associates, 1 000 000
   requests by default; BENCH_ASSOCIATES / BENCH_REQUESTS / BENCH_USERS shrink
   it for a quick run), migrates and runs VACUUM ANALYZE.
2. Starts, all on loopback and all its own: an SMTP sink, one Celery worker
   process (prefork, BENCH_WORKER_CHILDREN children, with beat) on Redis DB 9, and gunicorn with
   production-like settings (DEBUG off, PostgreSQL, Redis cache and broker): one for the
   portal and one for the back office (BENCH_BACKOFFICE_WORKERS), as in docker-compose.yml.
3. Runs locust three times (each virtual user logs in once, before the
   measurement starts):
   - floor: /healthz only — the framework's throughput on this server;
   - signed-in floor: logged-in associates on a page that only checks who
     they are (bench/load/urls.py) — what every associate page costs before
     its own work, and so the most any cache of the pages could reach;
   - mix: associates (Auxilios page, a request's page, the Solicitar form,
     starting a request and its draft page, uploading an invoice) with no
     think time, and analysts working queues and the admin search at a human
     pace;
   - pipeline: associates starting a request, uploading an invoice, waiting
     for it to be read and filing it, paced at BENCH_UPLOAD_RATE uploads/s;
     the worker's times come from the database (upload → read, filing →
     proposal).
4. Checks the invariants on what the run wrote, prints per-page requests/s and
   p50/p95/p99, and ends with the JSON line bench/run_all.py reads.

Targets (2 cores, one run): associate pages p95 ≤ 100 ms and ≥ 200 req/s in
total, and ≥ half the floor's req/s; staff queue and search p95 ≤ 300 ms;
upload → proposal p95 ≤ 2 s at 20 uploads/s with one worker.

BENCH_LOAD_KEEP=1 keeps the database (and reuses it on the next run when it
was seeded at the same size).
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faults.harness import (  # noqa: E402
    PROD_SAMPLES,
    SAMPLES,
    SmtpSink,
    free_port,
    gunicorn_process,
    say,
    wait_for_port,
    worker_process,
)

BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get(
    "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
DB = os.environ.get("BENCH_LOAD_DB", "bench_auxilios_load")
ASSOCIATES = int(os.environ.get("BENCH_ASSOCIATES", "200000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "1000000"))
USERS = int(os.environ.get("BENCH_USERS", "2000"))
REDIS_URL = os.environ.get("BENCH_LOAD_REDIS_URL", "redis://127.0.0.1:6379/9")
KEEP = os.environ.get("BENCH_LOAD_KEEP") == "1"
GUNICORN_WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
# Associates without think time: two per gunicorn worker keep all four busy
# (the server is saturated: 8 and 16 gave the same requests/s here); more only
# lengthen the queue in front of them, so p95 would measure the queue's length
# rather than the pages. The floor uses the same number of users.
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
# One worker process; four prefork children keep the two cores busy while
# others wait on PostgreSQL's commits, Redis and the mail server (as
# bench_pipeline.py, and docker-compose.yml's worker).
WORKER_CHILDREN = int(os.environ.get("BENCH_WORKER_CHILDREN", "4"))
STAFF = int(os.environ.get("BENCH_STAFF_USERS", "4"))
# The back office runs in its own gunicorn, as in docker-compose.yml: staff
# pages never wait in line behind a crowd of associates (on the same cores).
BACKOFFICE_WORKERS = int(os.environ.get("BENCH_BACKOFFICE_WORKERS", "2"))
FLOOR_SECONDS = int(os.environ.get("BENCH_FLOOR_SECONDS", "30"))
MIX_SECONDS = int(os.environ.get("BENCH_MIX_SECONDS", "60"))
PIPELINE_SECONDS = int(os.environ.get("BENCH_PIPELINE_SECONDS", "60"))
UPLOAD_RATE = float(os.environ.get("BENCH_UPLOAD_RATE", "20"))
UPLOADERS = int(os.environ.get("BENCH_UPLOADERS", "40"))
TARGETS = {
    "associate_p95_ms": 100,
    "associate_rps": 200,
    "floor_share": 0.5,
    "staff_p95_ms": 300,
    "pipeline_p95_seconds": 2.0,
    "upload_rate": UPLOAD_RATE,
}


def psql(sql: str, url: str = ADMIN_URL) -> str:
    return subprocess.run(
        ["psql", url, "-Atq", "-c", sql], check=True, capture_output=True, text=True
    ).stdout


def database_url() -> str:
    return f"postgres://postgres@127.0.0.1:5432/{DB}"


def build_database(env: dict) -> float | None:
    """Seeds the scale database; None when a kept one of the same size is reused."""
    marker = f"seed_scale {ASSOCIATES}/{REQUESTS}/{USERS}"
    # DB is our own bench database name (an environment variable of the person running it).
    sql = "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '%s'"
    found = psql(sql % DB)
    if KEEP and found.strip() == marker:
        say(f"Reutilizo {DB} ({marker}); migraciones nuevas:")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v1"], cwd=ROOT, env=env, check=True
        )
        return None
    psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    say(f"seed_scale --associates {ASSOCIATES} --requests {REQUESTS} --users {USERS} …")
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "seed_scale",
            f"--associates={ASSOCIATES}",
            f"--requests={REQUESTS}",
            f"--users={USERS}",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    seeded = time.monotonic() - started
    say(f"Sembrada en {seeded:.0f} s; VACUUM ANALYZE…")
    psql("VACUUM (ANALYZE)", database_url())
    psql(f"COMMENT ON DATABASE {DB} IS '{marker}'")
    return seeded


def write_plan(path: Path) -> dict:
    """Who logs in and what they look at, read from the seeded database."""
    from django.db import connection

    from bench.load.urls import SIGNED_IN_FLOOR
    from benefits.backoffice.queues import QUEUES
    from benefits.scale import LOAD_PASSWORD

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.slug, a.document_number, a.id,
                      ARRAY(SELECT r.public_id::text FROM benefits_benefitrequest r WHERE r.associate_id = a.id
                            ORDER BY r.created_at DESC LIMIT 10)
               FROM members_user u JOIN members_associate a ON a.id = u.associate_id
               JOIN cooperatives_cooperative c ON c.id = a.cooperative_id
               WHERE u.username NOT LIKE 'fallas%%' ORDER BY u.id"""
        )
        people = cursor.fetchall()
        cursor.execute(
            """SELECT c.slug, ARRAY_AGG(b.code ORDER BY b.sort_order) FROM benefits_benefit b
               JOIN cooperatives_cooperative c ON c.id = b.cooperative_id WHERE b.active GROUP BY 1"""
        )
        benefits = dict(cursor.fetchall())
        cursor.execute(
            "SELECT username FROM members_user WHERE username LIKE 'carga-%%-analista' ORDER BY 1"
        )
        staff = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            """SELECT a.document_number, r.filing_number, a.last_names, i.uuid
               FROM benefits_benefitrequest r TABLESAMPLE SYSTEM (1)
               JOIN members_associate a ON a.id = r.associate_id
               LEFT JOIN invoices_invoice i ON i.request_id = r.id
               WHERE r.filing_number IS NOT NULL LIMIT 200"""
        )
        samples = cursor.fetchall()
    search = []
    for cedula, filing, last_name, cufe in samples:
        search += [("cédula", cedula), ("radicado", filing), ("apellidos", last_name)]
        if cufe:
            search.append(("CUFE", cufe))
    associates = [
        {
            "coop": slug,
            "cedula": cedula,
            "requests": list(requests),
            "benefits": benefits.get(slug, []),
        }
        for slug, cedula, _, requests in people
    ]
    plan = {
        "password": LOAD_PASSWORD,
        "associates": associates,
        "uploaders": [a for a in associates if a["coop"] == "cemcop"],
        "staff": staff,
        "queues": [queue.slug for queue in QUEUES],
        "signed_in_floor": SIGNED_IN_FLOOR,
        "search": search,
        "samples": [str(SAMPLES / name) for name in PROD_SAMPLES],
    }
    path.write_text(json.dumps(plan))
    return plan


def locust(
    name: str,
    classes: list[str],
    *,
    users: int,
    seconds: int,
    spawn_rate: float,
    url: str,
    workdir: Path,
    extra_env: dict | None = None,
) -> list[dict]:
    """One headless locust run; the stats restart when the last user has logged in. Returns the stats rows."""
    prefix = workdir / name
    env = {**os.environ, **(extra_env or {}), "EXPECTED_USERS": str(users)}
    login_budget = int(users / spawn_rate) + 10 + (users if classes != ["Floor"] else 0) // 2
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "load" / "locustfile.py"),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(spawn_rate),
        "-t",
        f"{seconds + login_budget}s",
        "--host",
        url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "10",
        *classes,
    ]
    if classes == ["Floor"]:
        command.append("--reset-stats")  # no logins: spawning complete is the start
    say(f"locust {name}: {users} usuarios ({' '.join(classes)}), ~{seconds} s medidos…")
    done = subprocess.run(command, cwd=ROOT, env=env, check=False, capture_output=True, text=True)
    (workdir / f"{name}.out").write_text(done.stdout + done.stderr)
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def page_figures(rows: list[dict]) -> dict[str, dict]:
    figures = {}
    for row in rows:
        if row["Name"] == "Aggregated" or row["Name"].startswith("login"):
            continue
        if not int(row["Request Count"]):
            continue  # not drawn in a short run: locust writes N/A for its percentiles
        figures[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50_ms": int(float(row["50%"] or 0)),
            "p95_ms": int(float(row["95%"] or 0)),
            "p99_ms": int(float(row["99%"] or 0)),
        }
    return figures


def print_pages(title: str, pages: dict[str, dict]) -> None:
    print(f"\n{title}")
    print(
        f"  {'página':<42} {'pet.':>6} {'fallas':>6} {'pet/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    for name, f in sorted(pages.items()):
        print(
            f"  {name:<42} {f['requests']:>6} {f['failures']:>6} {f['rps']:>7.1f} {f['p50_ms']:>5}ms "
            f"{f['p95_ms']:>5}ms {f['p99_ms']:>5}ms"
        )


def pipeline_latencies(since: str, until: str) -> dict:
    """Server-side times of the uploads of the pipeline run: upload → read, filing → proposal."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT EXTRACT(EPOCH FROM d.processed_at - d.uploaded_at),
                      EXTRACT(EPOCH FROM p.created_at - r.submitted_at),
                      d.status, r.status
               FROM invoices_document d
               JOIN benefits_benefitrequest r ON r.id = d.request_id
               LEFT JOIN benefits_decision p ON p.request_id = r.id AND p.kind = 'proposal'
               WHERE d.uploaded_at BETWEEN %s::timestamptz AND %s::timestamptz""",
            [since, until],
        )
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT EXTRACT(EPOCH FROM %s::timestamptz - %s::timestamptz)", [until, since]
        )
        span = float(cursor.fetchone()[0]) or 1.0
    if not rows:
        return {}
    reads = sorted(float(r[0]) for r in rows if r[0] is not None)
    filed = [r for r in rows if r[3] != "draft"]
    proposals = sorted(float(r[1]) for r in filed if r[1] is not None)
    # Upload → proposal, without the associate's own time between "read" and «Radicar».
    both = sorted(float(r[0]) + float(r[1]) for r in filed if r[0] is not None and r[1] is not None)

    def p(values, q):
        return round(values[min(len(values) - 1, int(len(values) * q))], 3) if values else None

    return {
        "uploads": len(rows),
        "upload_rate": round(len(rows) / span, 1),
        "filed": len(filed),
        "read_p50_s": p(reads, 0.5),
        "read_p95_s": p(reads, 0.95),
        "proposal_after_filing_p50_s": p(proposals, 0.5),
        "proposal_after_filing_p95_s": p(proposals, 0.95),
        "upload_to_proposal_p50_s": p(both, 0.5),
        "upload_to_proposal_p95_s": p(both, 0.95),
        "upload_to_proposal_p99_s": p(both, 0.99),
        "filed_without_proposal": sum(1 for r in filed if r[1] is None),
        "document_statuses": {s: sum(1 for r in rows if r[2] == s) for s in {r[2] for r in rows}},
    }


def worker_pipeline(rate: float, seconds: int) -> dict:
    """The worker alone at `rate` uploads/s: what the portal's upload and «Radicar» call, from here.

    CEMCOP drafts are prepared first; then every 1/rate s one associate's invoice
    (a real sample with a fresh CUFE) goes through document_upload() and the
    request through request_submit() — the worker reads the invoice and records
    the proposal. Measured from the rows: proposal.created_at − uploaded_at.
    """
    import re
    import secrets

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from benefits.models import Benefit, BenefitRequest
    from benefits.services import Actor, request_create, request_submit, request_update
    from invoices.services import document_upload
    from members.models import Associate

    count = int(rate * seconds)
    benefit = Benefit.objects.get(cooperative__slug="cemcop", code="salud")
    people = list(
        Associate.objects.filter(cooperative=benefit.cooperative, status="active", arrears_days=0)
        .exclude(user__isnull=False)
        .order_by("-id")[:count]
    )
    drafts = []
    for associate in people:
        draft = request_create(associate=associate, benefit=benefit, actor=Actor())
        drafts.append(
            request_update(request=draft, actor=Actor(), savings_account=associate.accounts.first())
        )
    cufe = re.compile(rb"<cbc:UUID[^>]*>([0-9a-fA-F]{96})</cbc:UUID>")
    samples = []
    for name in PROD_SAMPLES:
        data = (SAMPLES / name).read_bytes()
        if match := cufe.search(data):
            samples.append((name, data, match.group(1)))
    say(f"Worker solo: {len(drafts)} subidas + radicaciones a {rate:.0f}/s desde el servicio…")
    import threading
    from itertools import count

    from django.db import connections

    started, ticket, lock = time.monotonic(), count(), threading.Lock()

    def offer():
        # Four senders keep the pace even when one upload is slow (each its own connection).
        try:
            while True:
                with lock:
                    n = next(ticket)
                if n >= len(drafts):
                    return
                time.sleep(max(0.0, started + n / rate - time.monotonic()))
                name, data, old = samples[n % len(samples)]
                upload = SimpleUploadedFile(name, data.replace(old, secrets.token_hex(48).encode()))
                document_upload(
                    request=drafts[n], uploaded_file=upload, kind="einvoice", category="health"
                )
                request_submit(request=drafts[n], actor=Actor())
        finally:
            connections.close_all()

    senders = [threading.Thread(target=offer) for _ in range(4)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    offered = len(drafts) / (time.monotonic() - started)
    ids = [d.pk for d in drafts]
    deadline = time.monotonic() + 120
    while (
        BenefitRequest.objects.filter(pk__in=ids, status="submitted").exists()
        and time.monotonic() < deadline
    ):
        time.sleep(1)
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT EXTRACT(EPOCH FROM p.created_at - d.uploaded_at), EXTRACT(EPOCH FROM d.processed_at - d.uploaded_at)
               FROM invoices_document d JOIN benefits_decision p ON p.request_id = d.request_id AND p.kind = 'proposal'
               WHERE d.request_id = ANY(%s)""",
            [ids],
        )
        rows = cursor.fetchall()
    latencies = sorted(float(r[0]) for r in rows)
    reads = sorted(float(r[1]) for r in rows if r[1] is not None)

    def p(values, q):
        return round(values[min(len(values) - 1, int(len(values) * q))], 3) if values else None

    return {
        "uploads": len(drafts),
        "upload_rate": round(offered, 1),
        "with_proposal": len(rows),
        "read_p50_s": p(reads, 0.5),
        "read_p95_s": p(reads, 0.95),
        "upload_to_proposal_p50_s": p(latencies, 0.5),
        "upload_to_proposal_p95_s": p(latencies, 0.95),
        "upload_to_proposal_p99_s": p(latencies, 0.99),
    }


class Server:
    """gunicorn (production-like settings) and one Celery worker with beat, both on loopback."""

    def __init__(self, env: dict, workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings"}
        self.worker = worker_process(env, workdir, concurrency=WORKER_CHILDREN)
        # The portal's settings with one page more: the signed-in floor (bench/load/urls.py).
        portal_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.load.settings"}
        self.web = gunicorn_process(
            portal_env, workdir, port=self.port, workers=GUNICORN_WORKERS, timeout=60
        )
        self.backoffice_port = free_port()
        self.backoffice_url = f"http://127.0.0.1:{self.backoffice_port}"
        self.backoffice = gunicorn_process(
            env,
            workdir,
            port=self.backoffice_port,
            workers=BACKOFFICE_WORKERS,
            timeout=60,
            name="gunicorn-backoffice",
        )

    def __enter__(self):
        self.worker.start()
        self.web.start()
        self.backoffice.start()
        wait_for_port(self.port)
        wait_for_port(self.backoffice_port)
        time.sleep(2)
        return self

    def __exit__(self, *exc):
        self.web.stop()
        self.backoffice.stop()
        self.worker.stop()


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="auxilios-load-"))
    env = {
        **os.environ,
        "AUXILIOS_ENV": "development",
        "DEBUG": "false",
        "SECRET_KEY": "load-bench-only-" + "x" * 40,
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    seeded = build_database(env)
    smtp = SmtpSink(workdir).start()
    env["EMAIL_URL"] = smtp.url
    os.environ.update({k: v for k, v in env.items() if k != "PATH"})
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    import redis
    from django.db import connection

    redis.Redis.from_url(REDIS_URL).flushdb()
    plan = write_plan(workdir / "plan.json")
    first_request = int(
        psql("SELECT COALESCE(MAX(id), 0) + 1 FROM benefits_benefitrequest", database_url())
    )
    base = {"LOAD_PLAN": str(workdir / "plan.json")}
    results = {}

    def phase(server, name, classes, users, seconds, spawn_rate, **extra):
        if not seconds:
            return {}
        rows = locust(
            name,
            classes,
            users=users,
            seconds=seconds,
            spawn_rate=spawn_rate,
            url=server.url,
            workdir=workdir,
            extra_env={**base, **extra},
        )
        return page_figures(rows)

    classes = ["Associate", "Staff"] if STAFF else ["Associate"]
    try:
        with Server(env, workdir) as server:
            results["floor"] = phase(
                server, "piso", ["Floor"], CONCURRENCY, FLOOR_SECONDS, CONCURRENCY
            )
            print_pages("Piso del framework (/healthz)", results["floor"])
            results["signed_in_floor"] = phase(
                server, "piso-sesion", ["SignedInFloor"], CONCURRENCY, FLOOR_SECONDS, 4
            )
            print_pages("Piso con sesión: solo verificar al asociado", results["signed_in_floor"])
            results["mix"] = phase(
                server,
                "mezcla",
                classes,
                CONCURRENCY + STAFF,
                MIX_SECONDS,
                4,
                STAFF_FIXED=str(STAFF),
                BACKOFFICE_URL=server.backoffice_url,
            )
            print_pages("Mezcla: asociados sin pausa + analistas a ritmo humano", results["mix"])
            since = psql("SELECT now()", database_url()).strip()
            results["pipeline_pages"] = phase(
                server,
                "subidas",
                ["Uploader"],
                UPLOADERS,
                PIPELINE_SECONDS,
                4,
                UPLOAD_RATE_PER_USER=str(UPLOAD_RATE / UPLOADERS),
            )
            until = psql("SELECT now()", database_url()).strip()
            print_pages(
                f"Subidas a {UPLOAD_RATE:.0f}/s: iniciar, subir, esperar la lectura, radicar",
                results["pipeline_pages"],
            )
            time.sleep(15)  # the last filings reach the worker
            results["pipeline_http"] = pipeline_latencies(since, until) if PIPELINE_SECONDS else {}
            print(
                f"\nPor HTTP (base de datos): {json.dumps(results['pipeline_http'], ensure_ascii=False)}"
            )
            results["pipeline"] = (
                worker_pipeline(UPLOAD_RATE, PIPELINE_SECONDS) if PIPELINE_SECONDS else {}
            )
            print(f"Worker solo a {UPLOAD_RATE:.0f}/s: {json.dumps(results['pipeline'])}")
            if PIPELINE_SECONDS and (results["pipeline"].get("upload_to_proposal_p95_s") or 0) > 2:
                # Where the worker does keep up, for the report.
                time.sleep(10)
                results["pipeline_half"] = worker_pipeline(UPLOAD_RATE / 2, PIPELINE_SECONDS)
                print(
                    f"Worker solo a {UPLOAD_RATE / 2:.0f}/s: {json.dumps(results['pipeline_half'])}"
                )
    finally:
        smtp.stop()
    from faults import invariants

    checks = invariants.check_all(since_request_id=first_request, require_sent=False)
    invariants_ok = invariants.report(checks, title="\nInvariantes sobre lo que escribió la carga")
    connection.close()
    if not KEEP:
        psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    return report(results, seeded=seeded, invariants_ok=invariants_ok, plan=plan)


def summarize(mix: dict) -> dict:
    associate = {k: v for k, v in mix.items() if k.startswith("asociado")}
    staff = {k: v for k, v in mix.items() if k.startswith("staff")}
    return {
        "associate": associate,
        "staff": staff,
        "associate_rps": sum(f["rps"] for f in associate.values()),
        "associate_p95": max((f["p95_ms"] for f in associate.values()), default=0),
        "staff_p95": max((f["p95_ms"] for f in staff.values()), default=0),
    }


def report(results: dict, *, seeded: float | None, invariants_ok: bool, plan: dict) -> int:
    floor, pipeline = results.get("floor", {}), results.get("pipeline", {})
    mix = summarize(results.get("mix", {}))
    floor_rps = sum(f["rps"] for f in floor.values())
    signed_in_rps = sum(f["rps"] for f in results.get("signed_in_floor", {}).values())
    failures = sum(
        f["failures"]
        for f in [*results.get("mix", {}).values(), *results.get("pipeline_pages", {}).values()]
    )
    ok = {
        "associate_p95": mix["associate_p95"] <= TARGETS["associate_p95_ms"],
        "associate_rps": mix["associate_rps"] >= TARGETS["associate_rps"],
        "floor_share": floor_rps > 0 and mix["associate_rps"] >= TARGETS["floor_share"] * floor_rps,
        "staff_p95": bool(mix["staff"]) and mix["staff_p95"] <= TARGETS["staff_p95_ms"],
        "pipeline_p95": (pipeline.get("upload_to_proposal_p95_s") or 99)
        <= TARGETS["pipeline_p95_seconds"],
        "upload_rate": (pipeline.get("upload_rate") or 0) >= 0.9 * UPLOAD_RATE,
        "no_failures": failures == 0,
        "invariants": invariants_ok,
    }
    print("\nMetas: " + ", ".join(f"{k} {'✓' if v else '✗'}" for k, v in ok.items()))

    def pages(group, prefix):
        return {
            k.removeprefix(prefix): [v["p50_ms"], v["p95_ms"], v["p99_ms"], v["rps"]]
            for k, v in group.items()
        }

    summary = {
        "bench": "load",
        "scale": f"{ASSOCIATES} asociados, {REQUESTS} solicitudes, {len(plan['associates'])} usuarios del portal",
        "seed_seconds": round(seeded) if seeded is not None else "reutilizada",
        "server": f"gunicorn {GUNICORN_WORKERS} workers sync (portal) + {BACKOFFICE_WORKERS} (back office), DEBUG off; "
        f"1 worker Celery (prefork {WORKER_CHILDREN}) + beat; "
        f"locust en el mismo equipo: {CONCURRENCY} asociados sin pausa + {STAFF} analistas (1–3 s)",
        "floor_rps": round(floor_rps),
        "associate_rps": round(mix["associate_rps"]),
        "associate_rps_target": TARGETS["associate_rps"],
        "associate_share_of_floor": round(mix["associate_rps"] / floor_rps, 2)
        if floor_rps
        else None,
        "associate_share_of_floor_target": TARGETS["floor_share"],
        "signed_in_floor_rps": round(signed_in_rps),
        "signed_in_floor_share_of_floor": round(signed_in_rps / floor_rps, 2)
        if floor_rps
        else None,
        "associate_p95_ms": mix["associate_p95"],
        "associate_p95_ms_target": TARGETS["associate_p95_ms"],
        "associate_pages_p50_p95_p99_ms_rps": pages(mix["associate"], "asociado: "),
        "staff_p95_ms": mix["staff_p95"],
        "staff_p95_ms_target": TARGETS["staff_p95_ms"],
        "staff_pages_p50_p95_p99_ms_rps": pages(mix["staff"], "staff: "),
        "upload_rate": pipeline.get("upload_rate"),
        "upload_rate_target": UPLOAD_RATE,
        "upload_to_proposal_p95_s": pipeline.get("upload_to_proposal_p95_s"),
        "upload_to_proposal_p95_s_target": TARGETS["pipeline_p95_seconds"],
        "pipeline_worker": pipeline,
        "pipeline_worker_half_rate": results.get("pipeline_half", {}),
        "pipeline_http": results.get("pipeline_http", {}),
        "failures": failures,
        "invariants_hold": invariants_ok,
    }
    summary["ok"] = all(ok.values())
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if all(ok.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
