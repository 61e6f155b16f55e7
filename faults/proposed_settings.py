"""The portal's settings plus what faults/redis_down.py proposes (used with --web-settings only).

Measured in the Redis scenario (docs/benchmarks.md, faults): with Redis as cache
and session cache, a stopped Redis turns every logged-in page into the "Intenta
de nuevo" page (the cached_db session store re-raises the cache's connection
error), and a hung Redis holds each «Solicitar» for ~10 s (two enqueues on
commit, five seconds of socket timeout each) while gunicorn's workers queue up.

- Sessions in the database only: they are written to PostgreSQL on every
  request anyway (SESSION_SAVE_EVERY_REQUEST); the cache added a dependency.
- Web processes give the broker one second per enqueue and no publish retries:
  the row in PostgreSQL is the source of truth and the sweepers enqueue it later.
"""

from config.settings import *  # noqa: F403
from config.settings import CACHES, CELERY_BROKER_TRANSPORT_OPTIONS

SESSION_ENGINE = "django.contrib.sessions.backends.db"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "socket_timeout": 1,
    "socket_connect_timeout": 1,
}
CELERY_TASK_PUBLISH_RETRY = False
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["OPTIONS"] = {"socket_timeout": 1, "socket_connect_timeout": 1}
