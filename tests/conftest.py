"""Test-wide setup: the suite runs on the real PostgreSQL and Redis.

If either is down the run stops at once, saying which one and how to start it;
it never skips and never falls back to SQLite.
"""

import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

START_COMMANDS = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "Redis": 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no',
}


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def pytest_configure(config):
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise pytest.UsageError(
            f"The suite runs on PostgreSQL, but DATABASE_URL points to {db['ENGINE']}."
        )
    redis = urlparse(settings.CELERY_BROKER_URL)
    services = {
        "PostgreSQL": (db.get("HOST") or "127.0.0.1", int(db.get("PORT") or 5432)),
        "Redis": (redis.hostname or "127.0.0.1", redis.port or 6379),
    }
    for name, (host, port) in services.items():
        if not _answers(host, port):
            raise pytest.UsageError(
                f"{name} does not answer at {host}:{port}. Start it with:\n    {START_COMMANDS[name]}\n"
                "(or point DATABASE_URL / REDIS_URL at a running one)."
            )


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker (a thread of this process) consuming from Redis.

    Each pytest process gets its own queue, so parallel runs (xdist, or other
    checkouts on this machine) never take each other's tasks. Tests that use
    it must be `django_db(transaction=True)`: the worker's connection sees only
    committed rows, exactly as in production.
    """
    import os

    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    from config.celery import app

    def close_connections(**kwargs):
        connections.close_all()  # the test database must have no session left when it is dropped

    task_postrun.connect(close_connections, weak=False)
    queue = f"auxilios-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"
    app.conf.task_default_queue = queue
    app.conf.task_always_eager = False
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)
    with (
        django_db_blocker.unblock(),
        start_worker(
            app, pool="solo", perform_ping_check=False, queues=[queue], loglevel="WARNING"
        ),
    ):
        yield app


@pytest.fixture(scope="session", autouse=True)
def _close_every_connection_before_the_database_is_dropped(django_db_setup):
    """Closes this thread's connections on both sides of an asyncio loop.

    Django keeps a connection per thread, and another per context while an
    asyncio loop runs in the thread — as Playwright's sync API's loop does
    during each browser test. The connection the browser tests' own ORM calls
    opened stayed open after them, and PostgreSQL refused to drop the test
    database at the end («… is being accessed by other users»). asyncio has no
    public way to step outside (or inside) a running loop for one call, hence
    the private _set_running_loop.
    """
    yield
    import asyncio

    from django.db import connections

    connections.close_all()  # the side we are on
    running = asyncio._get_running_loop()
    marker = None if running else asyncio.new_event_loop()
    asyncio._set_running_loop(marker)  # the other side
    try:
        connections.close_all()
    finally:
        asyncio._set_running_loop(running)
        if marker:
            marker.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_port(settings):
    """A free local port the SMTP backend sends to: tests start a real aiosmtpd server on it."""
    port = free_port()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    return port
