"""The daily digest to staff of requests nearing or past their deadline (Celery beat)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from benefits.models import BenefitRequest
from benefits.services.backoffice import deadline_digest_send
from benefits.services.requests import Actor, request_refer
from notifications.composer import render_email
from notifications.models import Notification
from tests.backoffice.helpers import file_request

pytestmark = pytest.mark.django_db
BOGOTA = ZoneInfo("America/Bogota")
FRIDAY = datetime(2026, 3, 20, 7, tzinfo=BOGOTA)
SAN_JOSE = datetime(2026, 3, 23, 7, tzinfo=BOGOTA)  # a Monday holiday


@pytest.fixture
def deadlines(cemcop, ana, staff):
    overdue, nearing, far, before_committee = (
        file_request(ana, "plan_exequial", amount=1_000) for _ in range(4)
    )
    request_refer(
        request=before_committee, actor=Actor(staff.analyst), referral="exception", reason="x"
    )
    for request, due in (
        (overdue, date(2026, 3, 18)),
        (nearing, date(2026, 3, 25)),
        (far, date(2026, 4, 10)),
        (before_committee, date(2026, 3, 19)),
    ):
        BenefitRequest.objects.filter(pk=request.pk).update(due_on=due)
    return {"overdue": overdue, "nearing": nearing, "far": far, "committee": before_committee}


def digest_to(user):
    return Notification.objects.get(template="staff_deadline_digest", to=user.email)


def test_analysts_get_what_is_overdue_or_near_and_committee_members_what_is_before_them(
    deadlines, staff, cemcop
):
    deadline_digest_send(now=FRIDAY)

    analyst = digest_to(staff.analyst).context
    assert (analyst["overdue"], analyst["nearing"]) == (2, 1)
    numbers = [line["filing_number"] for line in analyst["lines"]]
    assert numbers == [
        deadlines["overdue"].filing_number,
        deadlines["committee"].filing_number,
        deadlines["nearing"].filing_number,
    ]
    assert deadlines["far"].filing_number not in numbers
    committee = digest_to(staff.committee[0]).context
    assert [line["filing_number"] for line in committee["lines"]] == [
        deadlines["committee"].filing_number
    ]
    assert not Notification.objects.filter(to=staff.treasury.email).exists()


def test_running_twice_the_same_day_sends_nothing_more(deadlines, staff):
    first = deadline_digest_send(now=FRIDAY)
    second = deadline_digest_send(now=FRIDAY.replace(hour=15))
    assert first == second == Notification.objects.filter(template="staff_deadline_digest").count()
    assert (
        Notification.objects.filter(
            template="staff_deadline_digest", to=staff.analyst.email
        ).count()
        == 1
    )


def test_nobody_gets_a_digest_on_a_holiday(deadlines):
    assert deadline_digest_send(now=SAN_JOSE) == 0


def test_the_digest_reads_in_spanish_with_business_days(deadlines, staff, cemcop):
    deadline_digest_send(now=FRIDAY)
    notification = digest_to(staff.analyst)
    subject, text, html = render_email(
        template=notification.template, context=notification.context, cooperative=cemcop
    )
    assert subject == "CEMCOP: 2 solicitudes vencidas y 1 por vencer — 20 de marzo de 2026"
    assert "vencida hace 2 días hábiles" in text and deadlines["overdue"].filing_number in html
    assert "/admin/benefits/benefitrequest/?bandeja=vencidas" in text


def test_the_digest_is_a_daily_beat_job_the_worker_knows():
    from config.celery import app

    app.loader.import_default_modules()  # what a worker does when it starts (autodiscovery)
    assert app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE  # what beat actually reads
    entry = app.conf.beat_schedule["deadline-digest"]
    assert entry["task"] == "benefits.backoffice.tasks.send_deadline_digest"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}
    for name, job in app.conf.beat_schedule.items():
        assert job["task"] in app.tasks, f"beat entry {name} names an unknown task"
