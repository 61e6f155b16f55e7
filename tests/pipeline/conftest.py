"""A whole CEMCOP to run uploads through: rule set, catalog, funds, an associate.

The real DIAN samples (../shared/dian-samples) were bought by cédula 79865112
in September–October 2025, so the associate carries that cédula and the tests
travel to late October 2025, when those invoices are this fiscal year's.
"""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from benefits.demo import benefits_demo_seed
from benefits.models import Benefit
from benefits.services import SYSTEM, Actor, request_create, request_update
from cooperatives.services import minimum_wages_seed
from tests.factories import (
    AssociateFactory,
    AssociateUserFactory,
    CooperativeFactory,
    SavingsAccountFactory,
)

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "dian-samples"
BUYER = "79865112"
OCTOBER_2025 = datetime(2025, 10, 20, 9, 30, tzinfo=ZoneInfo("America/Bogota"))


def sample_upload(name: str, *, as_name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(as_name or name, (SAMPLES / name).read_bytes())


@pytest.fixture
def october_2025():
    with time_machine.travel(OCTOBER_2025, tick=True):
        yield


@pytest.fixture
def cemcop(october_2025):
    coop = CooperativeFactory(
        slug="cemcop", name="CEMCOP", filing_prefix="CEM", review_business_days=5
    )
    minimum_wages_seed()
    benefits_demo_seed(today=date(2025, 10, 20))
    return coop


@pytest.fixture
def jhon(cemcop):
    associate = AssociateFactory(
        cooperative=cemcop,
        document_number=BUYER,
        first_names="Jhon Fredy",
        last_names="Cortés Forero",
        joined_on=date(2015, 3, 1),
        data_updated_on=date(2025, 6, 1),
    )
    AssociateUserFactory(associate=associate)
    SavingsAccountFactory(associate=associate)
    return associate


@pytest.fixture
def salud_draft(jhon):
    benefit = Benefit.objects.get(cooperative=jhon.cooperative, code="salud")
    actor = Actor(user=jhon.user)
    draft = request_create(associate=jhon, benefit=benefit, actor=actor)
    return request_update(request=draft, actor=actor, savings_account=jhon.accounts.first())


@pytest.fixture
def system():
    return SYSTEM
