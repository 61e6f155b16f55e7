"""The settings module: production refuses to start half-configured, and passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "AUXILIOS_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "portal.example.coop",
    "DATABASE_URL": f"sqlite:////tmp/auxilios-settings-test-{os.getpid()}.sqlite3",
    "EMAIL_URL": "smtp+tls://portal:secret@smtp.example.coop:587",
}


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        # The browser tests' conftest allows Django's sync ORM under Playwright's
        # event loop in this process; a deployment never has it.
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "AUXILIOS_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_production_passes_the_deploy_checks():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION.items() if k != "ALLOWED_HOSTS"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_mail_server():
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_URL"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_an_unknown_environment_name_is_refused():
    result = _manage("check", env={"AUXILIOS_ENV": "prod"})
    assert result.returncode != 0
    assert "AUXILIOS_ENV" in result.stderr


def test_the_defaults_need_no_configuration_at_all():
    env = {"AUXILIOS_ENV": "development", "DATABASE_URL": "", "REDIS_URL": ""}
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}
    }
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.MAILERS['default']['BACKEND'],"
        " s.STORAGES['default']['BACKEND'], s.TIME_ZONE, s.LANGUAGE_CODE, s.USE_TZ)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "AUXILIOS_ENV": env["AUXILIOS_ENV"]},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "notifications.backends.OutboxFileBackend",
        "django.core.files.storage.FileSystemStorage",
        "America/Bogota",
        "es-co",
        "True",
    ]


def test_the_beat_schedule_runs_every_sweeper_and_names_real_tasks(settings):
    from config.celery import app

    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {"send-due-notifications", "sweep-documents", "sweep-requests"} <= set(schedule)
    for entry in schedule.values():
        assert entry["task"] in app.tasks, entry["task"]
