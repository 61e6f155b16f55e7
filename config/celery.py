"""The Celery application. Configuration comes from Django settings (CELERY_*)."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("auxilios")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def database_connections_as_in_a_web_request(sender=None, **kwargs):
    """Before and after each task, what Django does around each request.

    close_old_connections() keeps a healthy connection for CONN_MAX_AGE and
    closes one that failed or aged (after a PostgreSQL restart the next task
    reconnects). Tasks run eagerly (no broker configured) run inside the
    caller's request and are left alone, as Celery's own fixup does.
    """
    if getattr(getattr(sender, "request", None), "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
