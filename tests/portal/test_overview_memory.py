"""The "Auxilios" previews are remembered per process while every input is the same (benefits.portal)."""

import pytest
from django.utils import timezone

from benefits import portal
from benefits.models import Benefit, BenefitRequest
from benefits.services import Actor, request_create, request_submit
from core import reference_cache


@pytest.fixture(autouse=True)
def reference_data_kept(settings):
    """As in production: the catalog and parameters are the same objects for a minute."""
    settings.REFERENCE_CACHE_SECONDS = 60
    reference_cache.forget()
    portal._recent_overviews.clear()
    yield
    reference_cache.forget()
    portal._recent_overviews.clear()


def preview(overview, code):
    return next(p for p in overview.previews if p.benefit.code == code)


def test_the_same_question_is_answered_from_memory(ana):
    today = timezone.localdate()
    assert portal.overview(ana, today=today) is portal.overview(ana, today=today)


def test_a_granted_request_changes_the_quota_at_once(ana):
    today = timezone.localdate()
    before = portal.overview(ana, today=today)
    benefit = Benefit.objects.get(cooperative=ana.cooperative, code="salud")
    granted = request_create(associate=ana, benefit=benefit, actor=Actor())
    request_submit(request=granted, actor=Actor())
    BenefitRequest.objects.filter(pk=granted.pk).update(
        status="approved", event_date=today, decided_at=timezone.now(), amount_approved=200_000
    )
    after = portal.overview(ana, today=today)
    assert after.quota.used == before.quota.used + 200_000
    assert after.quota.available == before.quota.available - 200_000


def test_arrears_make_the_benefits_unavailable_at_once(ana):
    today = timezone.localdate()
    assert portal.overview(ana, today=today).available
    ana.arrears_days = 90
    ana.save()
    assert not portal.overview(ana, today=today).available


def test_a_beneficiary_is_named_as_registered_at_once(ana):
    today = timezone.localdate()
    assert any("Sofía" in p.for_whom for p in portal.overview(ana, today=today).previews)
    ana.beneficiaries.update(first_names="Sofía Isabel")
    assert any("Sofía Isabel" in p.for_whom for p in portal.overview(ana, today=today).previews)


def test_a_beneficiary_no_longer_approved_is_no_longer_offered(ana):
    today = timezone.localdate()
    portal.overview(ana, today=today)
    ana.beneficiaries.update(status="rejected")
    assert not any("Sofía" in p.for_whom for p in portal.overview(ana, today=today).previews)


def test_a_renamed_benefit_shows_its_new_name(ana):
    today = timezone.localdate()
    portal.overview(ana, today=today)
    Benefit.objects.filter(cooperative=ana.cooperative, code="salud").update(
        name="Salud y bienestar"
    )
    reference_cache.forget()  # what a save in the admin does (core.apps), or a minute passing
    assert preview(portal.overview(ana, today=today), "salud").benefit.name == "Salud y bienestar"


def test_another_day_is_another_question(ana):
    today = timezone.localdate()
    first = portal.overview(ana, today=today)
    assert portal.overview(ana, today=today.replace(year=today.year + 1)) is not first
