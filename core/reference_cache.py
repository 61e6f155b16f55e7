"""Reference data read on every portal page, kept in each process for a minute.

The cooperative of the URL, the SMMLV table, the cooperative's parameters,
the holiday corrections and the benefit catalog change a few times a year
but were read on every page: five of the twelve queries of the "Auxilios"
page at scale (docs/benchmarks.md, load). Each process keeps what it read for
REFERENCE_CACHE_SECONDS; a save or delete of one of these models empties this
process's copy at once (core.apps), and the other processes' copies within a
minute — the delay a staff member sees after changing a parameter.
"""

import time
from collections.abc import Callable

from django.conf import settings

_entries: dict[tuple, tuple[float, object]] = {}


def remembered[T](key: tuple, load: Callable[[], T]) -> T:
    """load() once per REFERENCE_CACHE_SECONDS for `key` in this process."""
    now = time.monotonic()
    found = _entries.get(key)
    if found is not None and now - found[0] < settings.REFERENCE_CACHE_SECONDS:
        return found[1]
    value = load()
    _entries[key] = (now, value)
    return value


def forget(*args, **kwargs) -> None:
    """Empties this process's copy (a signal receiver: it takes any arguments)."""
    _entries.clear()


# Models whose rows are reference data; core.apps connects forget() to their changes.
MODELS = (
    "cooperatives.Cooperative",
    "cooperatives.MinimumWage",
    "cooperatives.CooperativeParameter",
    "core.HolidayOverride",
    "benefits.Benefit",
)
