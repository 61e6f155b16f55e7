"""One email per status change, for that change, whatever happened to the request since."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from benefits import rules
from benefits.models import Benefit
from benefits.services.requests import (
    Actor,
    request_create,
    request_record_proposal,
    request_submit,
    request_update,
)
from benefits.states import Status
from notifications.models import Notification
from tests.backoffice.helpers import trace

pytestmark = pytest.mark.django_db


def draft_for(associate):
    benefit = Benefit.objects.get(cooperative=associate.cooperative, code="plan_exequial")
    draft = request_create(associate=associate, benefit=benefit, actor=Actor(associate.user))
    return request_update(
        request=draft,
        actor=Actor(associate.user),
        savings_account=associate.accounts.filter(active=True).first(),
        event_date=timezone.localdate() - timedelta(days=5),
        amount_claimed=Decimal(100_000),
    )


def proposal():
    return rules.Decision(
        eligible=True,
        amount=Decimal(100_000),
        approver="staff",
        reasons=trace(),
        quota=None,
        rule_set="cemcop@prueba",
        cooperative="cemcop",
        benefit="plan_exequial",
        benefit_name="Plan exequial",
    )


def test_the_filing_email_is_sent_even_when_the_worker_moved_the_request_on_before_it(
    ana, no_tasks, django_capture_on_commit_callbacks
):
    """The worker can record its proposal (→ in review, no email) before the filing's hook runs."""
    draft = draft_for(ana)
    with django_capture_on_commit_callbacks() as filing_hooks:
        filed = request_submit(request=draft, actor=Actor(ana.user))
    request_record_proposal(request=filed, outcome=proposal(), has_warnings=False)

    for hook in filing_hooks:
        hook()

    filing = filed.events.get(to_status=Status.SUBMITTED)
    email = Notification.objects.get(key=f"request-event:{filing.pk}")
    assert email.template == "request_submitted"
    assert email.context["status"] == "Radicada"
    assert Notification.objects.count() == 1  # and none for the silent step to «en revisión»
