"""`manage.py seed_scale` at a small size: every table filled, every invariant of faults/ holding."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count

from benefits.models import BenefitRequest, Decision, FundBudget, LedgerEntry, RequestEvent
from faults import invariants
from invoices.models import Invoice
from members.models import Associate, Beneficiary, SavingsAccount, User
from notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def test_a_small_network_is_realistic_and_consistent():
    call_command("seed_scale", associates=400, requests=2000, users=20)

    assert Associate.objects.count() == 400
    assert set(Associate.objects.values_list("cooperative__slug", flat=True)) == {
        "cemcop",
        "san-simon",
        "coprocenva",
        "coacremat",
    }
    assert BenefitRequest.objects.count() == 2000
    statuses = set(BenefitRequest.objects.values_list("status", flat=True))
    assert {"approved", "paid", "rejected"} <= statuses
    assert Beneficiary.objects.exists() and SavingsAccount.objects.exists()
    assert Invoice.objects.exists() and Decision.objects.exists()
    assert LedgerEntry.objects.exists() and Notification.objects.exists()
    assert User.objects.filter(associate__isnull=False).count() == 20
    years = BenefitRequest.objects.dates("created_at", "year")
    assert len(years) >= 5
    # One proposal per evaluated request, and the ledger equal to every counter.
    results = invariants.check_all(require_sent=False)
    assert [r.line() for r in results if not r.ok] == []
    assert not Decision.objects.values("request").annotate(n=Count("id")).filter(n__gt=3).exists()

    # The invariants can fail: a fund whose counter drifts from its ledger is caught.
    budget = FundBudget.objects.filter(committed__gt=0).first()
    FundBudget.objects.filter(pk=budget.pk).update(committed=budget.committed + 1)
    failing = [r.line() for r in invariants.check_all(require_sent=False) if not r.ok]
    assert len(failing) == 1 and "fondos = suma del libro" in failing[0]

    # And a filing whose email was never queued (the race fixed in benefits.notify).
    filing = RequestEvent.objects.filter(
        to_status="submitted", request__associate__email__gt=""
    ).first()
    Notification.objects.filter(key=f"request-event:{filing.pk}").delete()
    failing = [r.line() for r in invariants.check_all(require_sent=False) if not r.ok]
    assert any("un correo por cambio de estado" in line for line in failing)


def test_the_command_refuses_a_malformed_mix_with_a_spanish_message():
    done = subprocess.run(
        [sys.executable, "manage.py", "seed_scale", "--associates=10", "--mix=cemcop=abc"],
        cwd=ROOT,
        # Never the developer's database, whatever happens.
        env={**os.environ, "DATABASE_URL": "sqlite:////tmp/auxilios-seed-scale-refusal.sqlite3"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "«cemcop=abc» no es una mezcla válida" in done.stderr
    assert "Traceback" not in done.stderr
