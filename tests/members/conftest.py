import pytest

from tests.factories import AssociateFactory, CooperativeFactory


@pytest.fixture
def coop():
    return CooperativeFactory(slug="cemcop", name="CEMCOP")


@pytest.fixture
def other_coop():
    return CooperativeFactory(slug="san-simon", name="San Simón")


@pytest.fixture
def maria(coop):
    """The associate of the sample rows in roster_files (cédula 1234567)."""
    return AssociateFactory(cooperative=coop, document_number="1234567", first_names="María José")
