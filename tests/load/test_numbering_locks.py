"""Numbering a batch or a session holds the cooperative's row without stopping everyone else's writes.

The lock is «one numbering at a time»; a plain FOR UPDATE also blocks every
insert that references the cooperative (a filing, an email, a ledger entry
checks its foreign key with FOR KEY SHARE), so a long batch build stopped
the whole cooperative and a revocation caught between the two deadlocked.
"""

import threading

import pytest
from django.db import connection, connections

from benefits.services import Actor
from benefits.services import committee as committee_services
from benefits.services import payouts as payout_services
from notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def while_numbering(monkeypatch, module, name, run):
    """Runs `run` in a thread and stops it right after it locked the cooperative (at module.name)."""
    locked, go_on, errors = threading.Event(), threading.Event(), []
    real = getattr(module, name)

    def pause(*args, **kwargs):
        locked.set()
        go_on.wait(timeout=30)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, pause)

    def thread():
        try:
            run()
        except Exception as error:  # noqa: BLE001  (reported by the test)
            errors.append(repr(error))
        finally:
            connections.close_all()

    worker = threading.Thread(target=thread)
    worker.start()
    assert locked.wait(timeout=30)
    return go_on, worker, errors


def an_email_is_recorded_meanwhile(cooperative, paused) -> None:
    """While `paused` holds its lock, an insert referencing the cooperative waits at most 3 s."""
    go_on, worker, errors = paused
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")
        Notification.objects.create(
            cooperative=cooperative, key="mientras-se-numera", template="t", to="a@example.co"
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
        go_on.set()
        worker.join(timeout=30)
    assert errors == []
    assert Notification.objects.filter(key="mientras-se-numera").exists()


def test_building_a_batch_lets_the_cooperative_go_on_writing(monkeypatch, cemcop, analyst):
    paused = while_numbering(
        monkeypatch,
        payout_services,
        "payable_requests",
        lambda: payout_services.batch_build(cooperative=cemcop, actor=Actor(user=analyst)),
    )
    an_email_is_recorded_meanwhile(cemcop, paused)


def test_convening_a_session_lets_the_cooperative_go_on_writing(monkeypatch, cemcop, analyst):
    from benefits.models import CommitteeMeeting

    paused = while_numbering(
        monkeypatch,
        CommitteeMeeting.objects,
        "filter",
        lambda: committee_services.meeting_create(
            cooperative=cemcop, body="committee", held_on="2026-03-10", actor=Actor(user=analyst)
        ),
    )
    an_email_is_recorded_meanwhile(cemcop, paused)
