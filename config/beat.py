"""Periodic jobs, run by exactly one `celery beat` process.

Celery's static schedule rather than django-celery-beat, which does not support
Django 6.1 (../shared/notes/RELIABILITY.md §0.11). Each entry names a task that
is safe to run twice and picks "due and not done" rows itself.
"""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "send-due-notifications": {
        "task": "notifications.tasks.send_due_notifications",
        "schedule": 60.0,
    },
    "sweep-documents": {"task": "invoices.tasks.sweep_documents", "schedule": 60.0},
    "sweep-requests": {"task": "benefits.tasks.sweep_requests", "schedule": 60.0},
    "sweep-report-exports": {"task": "benefits.tasks.sweep_report_exports", "schedule": 60.0},
    # 7:00 in Bogotá (CELERY_TIMEZONE); the task skips weekends and holidays itself.
    "deadline-digest": {
        "task": "benefits.backoffice.tasks.send_deadline_digest",
        "schedule": crontab(hour=7, minute=0),
    },
}
