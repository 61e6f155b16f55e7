from datetime import date

import pytest
from django.utils import timezone

from benefits.demo import benefits_demo_seed
from cooperatives.services import minimum_wages_seed
from tests.factories import (
    AssociateFactory,
    AssociateUserFactory,
    BeneficiaryFactory,
    CooperativeFactory,
    SavingsAccountFactory,
)


def make_cooperative(slug: str, name: str, prefix: str):
    coop = CooperativeFactory(slug=slug, name=name, filing_prefix=prefix)
    minimum_wages_seed()
    benefits_demo_seed(today=timezone.localdate())
    return coop


@pytest.fixture
def cemcop(db):
    return make_cooperative("cemcop", "CEMCOP", "CEM")


@pytest.fixture
def san_simon(db):
    return make_cooperative("san-simon", "San Simón", "SSI")


def make_associate(coop, **fields):
    fields.setdefault("joined_on", date(2016, 2, 1))
    fields.setdefault("data_updated_on", timezone.localdate())
    fields.setdefault("inducted", True)
    associate = AssociateFactory(cooperative=coop, **fields)
    AssociateUserFactory(associate=associate)
    SavingsAccountFactory(associate=associate)
    return associate


@pytest.fixture
def ana(cemcop):
    associate = make_associate(
        cemcop, first_names="Ana", document_number="52123456", email="ana@example.co"
    )
    BeneficiaryFactory(
        associate=associate, first_names="Sofía", relationship="child", birth_date=date(2015, 5, 2)
    )
    return associate


@pytest.fixture
def logged_in(client, ana):
    client.force_login(ana.user, backend="members.backends.AssociateBackend")
    return client
