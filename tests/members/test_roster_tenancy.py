"""A cooperative's import touches only its own roster."""

import pytest

from members.models import Associate, Beneficiary
from members.roster import roster_import
from tests.factories import AssociateFactory, SavingsAccountFactory
from tests.members.roster_files import account, associate, beneficiary, csv_file

pytestmark = pytest.mark.django_db


def test_the_same_cedula_at_two_cooperatives_gives_two_roster_entries(coop, other_coop):
    roster_import(cooperative=coop, file=csv_file(associate(agency="Bogotá")))
    report = roster_import(cooperative=other_coop, file=csv_file(associate(agency="Ibagué")))

    assert report.created == 1
    entries = Associate.objects.filter(document_number="1234567")
    assert {(a.cooperative, a.agency) for a in entries} == {
        (coop, "Bogotá"),
        (other_coop, "Ibagué"),
    }


def test_importing_at_one_cooperative_leaves_the_other_cooperatives_entry_alone(coop, other_coop):
    at_coop = AssociateFactory(cooperative=coop, document_number="1234567", arrears_days=0)

    roster_import(cooperative=other_coop, file=csv_file(associate(arrears_days="120")))

    at_coop.refresh_from_db()
    assert at_coop.arrears_days == 0
    assert at_coop.history.count() == 1


def test_a_beneficiary_cannot_be_attached_to_an_associate_of_another_cooperative(maria, other_coop):
    report = roster_import(cooperative=other_coop, file=csv_file(beneficiary()))

    assert (
        report.rejections[0].reason
        == "el asociado con cédula 1234567 no está en el padrón de San Simón"
    )
    assert not Beneficiary.objects.exists()


def test_the_same_account_number_may_exist_at_two_cooperatives(maria, other_coop):
    SavingsAccountFactory(associate=maria, number="4001234567")
    AssociateFactory(cooperative=other_coop, document_number="1234567")

    report = roster_import(cooperative=other_coop, file=csv_file(account()))

    assert (report.created, report.rejected) == (1, 0)
