"""seed_demo: the four cooperatives with everything a newcomer needs, twice without duplicates."""

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from benefits.models import Benefit, BenefitRequest, Fund, FundBudget
from benefits.states import Status
from cooperatives.models import Cooperative, MinimumWage
from core.dates import months_between
from members.models import Associate, Beneficiary, SavingsAccount, StaffMembership, User

pytestmark = pytest.mark.django_db

MODELS = [
    Cooperative,
    MinimumWage,
    Associate,
    Beneficiary,
    SavingsAccount,
    User,
    StaffMembership,
    Benefit,
    Fund,
    FundBudget,
    BenefitRequest,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS} | {
        "history": Associate.history.count()
        + Beneficiary.history.count()
        + SavingsAccount.history.count()
    }


@pytest.fixture
def seeded():
    call_command("seed_demo", "--quiet-logins")


def test_seeding_twice_adds_nothing_and_writes_no_new_history(seeded):
    before = counts()
    call_command("seed_demo", "--quiet-logins")
    assert counts() == before


def test_the_demo_has_what_a_newcomer_needs(seeded):
    """One seeding, read from every side (seeding is the slow part of these tests)."""
    assert set(Cooperative.objects.values_list("slug", flat=True)) == {
        "cemcop",
        "san-simon",
        "coprocenva",
        "coacremat",
    }
    catalog = dict(Benefit.objects.values_list("cooperative__slug").annotate(n=Count("id")))
    assert catalog == {"cemcop": 13, "san-simon": 22, "coprocenva": 10, "coacremat": 13}

    today = timezone.localdate()
    every_relationship = {
        "spouse",
        "child",
        "stepchild",
        "parent",
        "stepparent",
        "sibling",
        "grandchild",
        "grandparent",
        "pet",
    }
    expected_statuses = set(Status.values) - {
        Status.SUBMITTED
    }  # a filed request leaves that status in seconds
    for coop in Cooperative.objects.all():
        associates = Associate.objects.for_cooperative(coop)
        assert associates.count() == 40
        months = {months_between(a.joined_on, today) for a in associates}
        assert months == {0, 8, 25, 50, 144, 303}  # new, 8 months, 2, 4, 12 and 25 years
        relationships = set(
            Beneficiary.objects.for_cooperative(coop).values_list("relationship", flat=True)
        )
        assert relationships >= every_relationship
        statuses = set(
            BenefitRequest.objects.for_cooperative(coop).values_list("status", flat=True)
        )
        assert statuses == expected_statuses

    # The same person at two cooperatives, with two separate accounts.
    assert Associate.objects.filter(document_number="52123456").count() == 2
    assert User.objects.filter(associate__document_number="52123456").count() == 2
    # A staff login for every role at every cooperative, and a superuser.
    assert len(set(StaffMembership.objects.values_list("cooperative__slug", "role"))) == 16
    assert User.objects.get(username="admin").is_superuser


def test_it_refuses_to_run_in_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="producción"):
        call_command("seed_demo")
