"""The processes a fault scenario runs, kills and restarts — all of them its own.

Nothing here touches the machine's shared services: each scenario gets a
throwaway database on the local PostgreSQL (or its own PostgreSQL cluster on
another port when the scenario restarts PostgreSQL), its own redis-server and
its own SMTP sink on free ports, its own Celery worker (with beat, so the
sweepers run as in production) and, when an associate's view matters, its own
gunicorn. Every process is started here and stopped here by its own pid.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Real production DIAN documents (../shared/dian-samples/PROVENANCE.md) uploaded by the
# load and fault scenarios, each with its CUFE replaced where a fresh invoice is needed.
SAMPLES = ROOT.parent / "shared" / "dian-samples"
PROD_SAMPLES = [
    "ad_cadena_FAC1020_prod.xml",
    "inv_cadena_FAC1036_prod.xml",
    "inv_facture_EMH15818_prod.xml",
    "inv_ownsoftware_IP9629_prod.xml",
    "inv_p900965992_FV12765_prod.xml",
    "inv_siigo_FE254_prod.xml",
    "zip_cufe_named_siigo_FE239_prod.zip",
]
BIN = Path(sys.executable).parent
SHARED_PG = os.environ.get(
    "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5),
        ):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port} after {timeout:.0f} s")


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


class Process:
    """A child process in its own process group, so kill() reaches its children too."""

    def __init__(
        self,
        name: str,
        command: list[str],
        *,
        env: dict | None = None,
        log: Path | None = None,
        cwd: Path = ROOT,
    ):
        self.name, self.command, self.env, self.cwd = name, command, env, cwd
        self.log = log
        self.popen: subprocess.Popen | None = None

    def start(self) -> "Process":
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 (kept for the child's life)
        self.popen = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, sig: int) -> None:
        if self.alive():
            os.killpg(self.popen.pid, sig)

    def kill(self) -> None:
        """kill -9 of the whole group (the process and its children), as a crash would."""
        if self.popen is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)

    def stop(self, timeout: float = 20.0) -> None:
        if not self.alive():
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGCONT)
            os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()


# --- the services ---------------------------------------------------------------------------


class Redis(Process):
    def __init__(self, workdir: Path):
        self.port = free_port()
        super().__init__(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
            ],
            log=workdir / "redis.log",
        )

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        super().start()
        wait_for_port(self.port)
        return self


class SmtpSink(Process):
    """An aiosmtpd server on loopback that logs every message it accepts (faults/smtp_sink.py)."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.received = workdir / "smtp-received.jsonl"
        super().__init__(
            "smtp",
            [
                sys.executable,
                str(ROOT / "faults" / "smtp_sink.py"),
                "--port",
                str(self.port),
                "--log",
                str(self.received),
            ],
            log=workdir / "smtp.log",
        )

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self):
        super().start()
        wait_for_port(self.port)
        return self

    def count(self) -> int:
        return len(self.received.read_text().splitlines()) if self.received.exists() else 0


class PostgresCluster:
    """A PostgreSQL cluster of its own (initdb in a temp dir, another port) that a scenario may restart."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.data = workdir / "pgdata"
        self.data.mkdir()
        shutil.chown(workdir, "postgres")
        shutil.chown(self.data, "postgres")
        self.log = workdir / "postgres.log"

    def _as_postgres(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True)

    def init(self) -> "PostgresCluster":
        self._as_postgres(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )
        return self

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=300 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._as_postgres(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._as_postgres("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    @property
    def admin_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


def psql(admin_url: str, sql: str) -> None:
    subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True, capture_output=True)


class Scenario(contextlib.ExitStack):
    """A workdir, a database, Redis, an SMTP sink, and the environment every child process gets."""

    def __init__(self, name: str, *, own_postgres: bool = False, shared_cache: bool = True):
        super().__init__()
        self.name = name
        self.own_postgres = own_postgres
        self.shared_cache = shared_cache
        self.db_name = f"bench_auxilios_fault_{name}"
        self.processes: list[Process] = []

    def __enter__(self):
        super().__enter__()
        # A `timeout` or Ctrl-C still stops every process this scenario started.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        self.workdir = Path(tempfile.mkdtemp(prefix=f"auxilios-fault-{self.name}-"))
        self.callback(shutil.rmtree, self.workdir, True)
        if self.own_postgres:
            self.cluster = PostgresCluster(self.workdir).init()
            self.cluster.start()
            self.callback(self.cluster.stop, "immediate")
            admin = self.cluster.admin_url
            self.database_url = f"postgres://postgres@127.0.0.1:{self.cluster.port}/{self.db_name}"
        else:
            admin = SHARED_PG
            self.database_url = f"postgres://postgres@127.0.0.1:5432/{self.db_name}"
        psql(admin, f"DROP DATABASE IF EXISTS {self.db_name}")
        psql(admin, f"CREATE DATABASE {self.db_name}")
        self.callback(self._drop, admin)
        self.redis = self.own(Redis(self.workdir)).start()
        self.smtp = self.own(SmtpSink(self.workdir)).start()
        self.env = {
            **os.environ,
            "AUXILIOS_ENV": "development",
            "DEBUG": "false",
            "SECRET_KEY": "fault-scenarios-only-" + "x" * 40,
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": self.redis.url,
            "REDIS_URL": self.redis.url if self.shared_cache else "",
            "EMAIL_URL": self.smtp.url,
            "MEDIA_ROOT": str(self.workdir / "media"),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        os.environ.update({k: v for k, v in self.env.items() if k != "PATH"})
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=self.env, check=True
        )
        sys.path.insert(0, str(ROOT))
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        import django

        django.setup()
        return self

    def _drop(self, admin: str) -> None:
        from django.db import connections

        connections.close_all()
        with contextlib.suppress(subprocess.CalledProcessError):
            psql(admin, f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)")

    def own(self, process: Process) -> Process:
        self.processes.append(process)
        self.callback(process.stop)
        return process

    def worker(self, *, concurrency: int = 2) -> Process:
        """One Celery worker process (prefork) with the beat scheduler, as `make run` starts it."""
        return self.own(worker_process(self.env, self.workdir, concurrency=concurrency))

    def gunicorn(self, *, workers: int = 3, timeout: int = 30) -> Process:
        port = free_port()
        process = self.own(
            gunicorn_process(self.env, self.workdir, port=port, workers=workers, timeout=timeout)
        )
        process.port = port
        process.url = f"http://127.0.0.1:{port}"
        return process

    def tail(self, name: str, lines: int = 15) -> str:
        path = self.workdir / f"{name}.log"
        return (
            "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
            if path.exists()
            else ""
        )


def worker_process(env: dict, workdir: Path, *, concurrency: int) -> Process:
    """One Celery worker (prefork, `concurrency` children) with beat, logging to workdir."""
    return Process(
        "worker",
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--beat",
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--schedule",
            str(workdir / "beat-schedule"),
        ],
        env=env,
        log=workdir / "worker.log",
    )


def gunicorn_process(
    env: dict, workdir: Path, *, port: int, workers: int, timeout: int, name: str = "gunicorn"
) -> Process:
    """gunicorn serving config.wsgi on loopback, logging to workdir/<name>.log."""
    return Process(
        name,
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--timeout",
            str(timeout),
            "--graceful-timeout",
            "5",
        ],
        env=env,
        log=workdir / f"{name}.log",
    )


def wait_until(condition, *, timeout: float, every: float = 1.0, what: str = "") -> float:
    """Seconds until condition() holds; raises TimeoutError with `what` when it never does."""
    started = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"{what or 'la condición'} no se cumplió en {timeout:.0f} s")
        time.sleep(every)


def summary(name: str, ok: bool, **figures) -> None:
    """The last line of a scenario's output: what bench/bench_faults.py reads."""
    print(json.dumps({"fault": name, "ok": ok, **figures}, ensure_ascii=False), flush=True)


def late_work(since_request_id: int, *, after_seconds: int = 60) -> dict:
    """What took longer than a message's normal trip: the work a sweeper (or a retry) brought back."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT
                 (SELECT COUNT(*) FROM invoices_document d WHERE d.request_id >= %(r)s
                    AND d.processed_at - d.uploaded_at > make_interval(secs => %(s)s)),
                 (SELECT COUNT(*) FROM benefits_benefitrequest r JOIN benefits_decision p
                    ON p.request_id = r.id AND p.kind = 'proposal'
                    WHERE r.id >= %(r)s AND p.created_at - r.submitted_at > make_interval(secs => %(s)s)),
                 (SELECT COUNT(*) FROM notifications_notification n
                    WHERE n.sent_at - n.created_at > make_interval(secs => %(s)s)),
                 (SELECT COUNT(*) FROM notifications_notification n WHERE n.attempts > 1)""",
            {"r": since_request_id, "s": after_seconds},
        )
        documents, proposals, emails, email_retries = cursor.fetchone()
    return {
        "documents_late": documents,
        "proposals_late": proposals,
        "emails_late": emails,
        "emails_retried": email_retries,
    }
