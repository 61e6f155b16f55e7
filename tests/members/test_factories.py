"""The shared factories build consistent cooperatives (other apps' tests rely on them)."""

import pytest

from members.models import Beneficiary, Relationship, SavingsAccount
from tests.factories import (
    PASSWORD,
    AssociateUserFactory,
    BeneficiaryFactory,
    CooperativeFactory,
    StaffMembershipFactory,
)

pytestmark = pytest.mark.django_db


def test_a_cooperative_with_a_roster_has_associates_with_family_and_accounts():
    coop = CooperativeFactory(roster=3)

    assert coop.associate_set.count() == 3
    assert Beneficiary.objects.filter(cooperative=coop, associate__cooperative=coop).count() == 3
    assert SavingsAccount.objects.filter(cooperative=coop, associate__cooperative=coop).count() == 3


def test_a_beneficiary_belongs_to_the_cooperative_of_its_associate():
    pet = BeneficiaryFactory(pet=True)

    assert pet.cooperative == pet.associate.cooperative
    assert (pet.relationship, pet.document_number) == (Relationship.PET, "")


def test_an_associates_portal_account_is_named_after_its_cooperative_and_cedula():
    user = AssociateUserFactory(
        associate__document_number="1234567", associate__cooperative__slug="cemcop"
    )

    assert user.username == "cemcop:1234567"
    assert user.check_password(PASSWORD)


def test_a_staff_membership_gives_its_user_the_cooperative():
    membership = StaffMembershipFactory()

    assert membership.user.is_staff
    assert membership.user.staff_cooperative_ids() == {membership.cooperative_id}
