"""Login throttling beyond django-axes.

django-axes locks an (account, address) pair after 5 failures for 15 minutes:
a stranger elsewhere cannot lock a known cédula out. These counters add the
two wider nets the portal needs, each with a ceiling high enough that an
associate mistyping never meets it:
- per address: many cédulas tried from one place (credential stuffing);
- per account: one cédula tried from many places (distributed guessing).
Counters live in the cache (Redis in production) with a one-hour window.
When the cache is down they are skipped (logged): axes's lockout, kept in
PostgreSQL, still stands, and associates can still log in.
"""

import logging
from functools import wraps

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600
MAX_FAILURES_PER_ADDRESS = 30
MAX_FAILURES_PER_ACCOUNT = 20


def _keys(*, ip: str | None, account: str) -> list[tuple[str, int]]:
    keys = [(f"login-fail:account:{account}", MAX_FAILURES_PER_ACCOUNT)]
    if ip:
        keys.append((f"login-fail:ip:{ip}", MAX_FAILURES_PER_ADDRESS))
    return keys


def _skipped_when_the_cache_is_down(default):
    def decorate(function):
        @wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except RedisError as error:
                logger.warning("Contadores de ingreso sin caché (%s): se omiten.", error)
                return default

        return guarded

    return decorate


@_skipped_when_the_cache_is_down(default=False)
def is_throttled(*, ip: str | None, account: str) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(ip=ip, account=account))


@_skipped_when_the_cache_is_down(default=None)
def record_failure(*, ip: str | None, account: str) -> None:
    for key, _ in _keys(ip=ip, account=account):
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, WINDOW_SECONDS)


@_skipped_when_the_cache_is_down(default=None)
def reset_account(*, account: str) -> None:
    cache.delete(f"login-fail:account:{account}")
