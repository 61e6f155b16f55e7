"""Concurrency tests: many threads, each with its own database connection, released by a barrier.

They need `django_db(transaction=True)`: a thread's connection sees only
committed rows. The tasks the services enqueue on commit go to a queue of
this process that no worker consumes (and is purged afterwards), so nothing
on the shared Redis runs them and the tests decide every step themselves.
Set LOAD_TEST_THREADS to change how many connections run at once (the shared
PostgreSQL allows 100 in all; faults/concurrency.py runs the same tests with
every approval truly simultaneous on a cluster of its own).
"""

import os
import threading
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from benefits import rules
from benefits.demo import benefits_demo_seed
from benefits.models import Benefit
from benefits.services import Actor, request_create, request_record_proposal, request_update
from cooperatives.services import minimum_wages_seed
from members.models import StaffRole
from tests.factories import (
    AssociateFactory,
    AssociateUserFactory,
    CooperativeFactory,
    SavingsAccountFactory,
    StaffMembershipFactory,
)

THREADS = int(os.environ.get("LOAD_TEST_THREADS", "40"))


@pytest.fixture(autouse=True)
def private_queue():
    from config.celery import app

    queue = f"auxilios-load-test-{os.getpid()}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    yield
    app.conf.task_default_queue = previous
    try:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)
    except Exception:  # noqa: BLE001  (a purge is housekeeping, never the test's result)
        pass


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def cemcop(today):
    coop = CooperativeFactory(
        slug="cemcop", name="CEMCOP", filing_prefix="CEM", review_business_days=5
    )
    minimum_wages_seed()
    benefits_demo_seed(today=today)
    return coop


@pytest.fixture
def analyst(cemcop):
    return StaffMembershipFactory(cooperative=cemcop, role=StaffRole.ANALYST).user


def associate_of(coop, **fields):
    associate = AssociateFactory(cooperative=coop, joined_on=date(2010, 1, 1), **fields)
    AssociateUserFactory(associate=associate)
    SavingsAccountFactory(associate=associate)
    return associate


def draft(associate, code: str):
    benefit = Benefit.objects.get(cooperative=associate.cooperative, code=code)
    actor = Actor(user=associate.user)
    request = request_create(associate=associate, benefit=benefit, actor=actor)
    return request_update(request=request, actor=actor, savings_account=associate.accounts.first())


def proposal(request, amount, *, annual=None, used=0):
    """What the worker records after the rules (an eligible proposal for `amount`)."""
    quota = None
    if annual is not None:
        quota = rules.Quota(
            annual=Decimal(annual), used=Decimal(used), available=Decimal(annual - used)
        )
    outcome = rules.Decision(
        eligible=True,
        amount=Decimal(amount),
        approver="staff",
        reasons=(),
        quota=quota,
        rule_set="cemcop@prueba",
        cooperative="cemcop",
        benefit=request.benefit.code,
        benefit_name=request.benefit.name,
    )
    return request_record_proposal(request=request, outcome=outcome, has_warnings=False)


@dataclass
class Outcome:
    done: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def all_at_once(items, action, *, expected=(), threads: int = THREADS) -> Outcome:
    """Runs action(item) for every item from `threads` threads released together by a barrier.

    Each thread has its own connection (closed at the end). Exceptions of the
    `expected` types are refusals; any other exception is an error.
    """
    outcome, lock = Outcome(), threading.Lock()
    threads = min(threads, len(items))
    barrier = threading.Barrier(threads)
    shares = [items[n::threads] for n in range(threads)]

    def run(share):
        try:
            barrier.wait(timeout=60)
            for item in share:
                try:
                    result = action(item)
                except expected as refusal:
                    with lock:
                        outcome.refused.append((item, refusal))
                except Exception as error:  # noqa: BLE001  (reported by the test)
                    with lock:
                        outcome.errors.append((item, repr(error)))
                else:
                    with lock:
                        outcome.done.append((item, result))
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(share,)) for share in shares]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    return outcome
