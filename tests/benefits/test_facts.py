"""What the portal tells the rule engine about a request's people (benefits.facts)."""

import pytest

from benefits.facts import beneficiary_facts, history_of
from benefits.services.requests import Actor, request_approve
from members.models import Relationship
from tests.backoffice.helpers import file_request, set_budget, staff_member
from tests.factories import BeneficiaryFactory
from tests.portal.conftest import make_associate, make_cooperative

pytestmark = pytest.mark.django_db


def test_two_parents_imported_without_birth_dates_are_two_people_to_the_rules():
    from members.models import StaffRole

    coop = make_cooperative("coacremat", "COACREMAT", "CMT")
    set_budget(coop, "solidarity", 50_000_000)
    associate = make_associate(coop, document_number="27000111")
    father, mother = (
        BeneficiaryFactory(associate=associate, relationship=Relationship.PARENT, birth_date=None)
        for _ in range(2)
    )
    paid = file_request(associate, "muerte_familiar", amount=1_500_000, beneficiary=father)
    request_approve(request=paid, actor=Actor(staff_member(coop, StaffRole.ANALYST)))

    [entry] = history_of(associate)

    assert entry.beneficiary.same_person(beneficiary_facts(father))
    assert not entry.beneficiary.same_person(beneficiary_facts(mother))
