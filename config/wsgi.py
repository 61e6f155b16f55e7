import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Web processes give the broker one second per enqueue and never retry it: the
# row in PostgreSQL is the source of truth and the sweepers (config/beat.py)
# enqueue whatever did not reach Redis. With Redis hung, a «Solicitar auxilio»
# waited ten seconds on two enqueues (docs/benchmarks.md, faults: redis_down).
# Not for the worker: its blocking reads need longer socket timeouts.
from config.celery import app  # noqa: E402

app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "socket_timeout": 1,
    "socket_connect_timeout": 1,
}
app.conf.task_publish_retry = False
