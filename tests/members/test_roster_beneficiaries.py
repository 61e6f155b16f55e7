from datetime import date

import pytest

from members.models import Beneficiary, Relationship
from members.roster import roster_import
from tests.factories import BeneficiaryFactory
from tests.members.roster_files import beneficiary, csv_file, pet

pytestmark = pytest.mark.django_db


def test_it_registers_the_beneficiaries_of_an_associate_on_the_roster(maria):
    report = roster_import(cooperative=maria.cooperative, file=csv_file(beneficiary(), pet()))

    assert (report.kind, report.created, report.rejected) == ("beneficiaries", 2, 0)
    child = Beneficiary.objects.get(relationship=Relationship.CHILD)
    assert (child.associate, child.cooperative) == (maria, maria.cooperative)
    assert (child.document_type, child.document_number) == ("11", "1098765432")
    assert (child.birth_date, child.registered_on) == (date(2015, 8, 10), date(2020, 1, 15))
    assert (child.gender, child.disabled, child.studying) == ("M", False, True)
    assert child.status == Beneficiary.Status.APPROVED
    firulais = Beneficiary.objects.get(relationship=Relationship.PET)
    assert (firulais.first_names, firulais.document_number) == ("Firulais", "")


def test_it_reads_relationships_and_document_types_in_spanish(maria):
    roster_import(
        cooperative=maria.cooperative,
        file=csv_file(
            beneficiary(relationship="Cónyuge", document_type="CC", document_number="52.111.222")
        ),
    )

    spouse = Beneficiary.objects.get()
    assert (spouse.relationship, spouse.document_type, spouse.document_number) == (
        "spouse",
        "13",
        "52111222",
    )


def test_reimporting_the_same_beneficiaries_changes_nothing_and_writes_no_history(maria):
    rows = [beneficiary(), pet()]
    roster_import(cooperative=maria.cooperative, file=csv_file(*rows))
    history = Beneficiary.history.count()

    report = roster_import(cooperative=maria.cooperative, file=csv_file(*rows))

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Beneficiary.history.count() == history


def test_a_beneficiary_is_found_by_document_and_its_changed_fields_updated(maria):
    roster_import(cooperative=maria.cooperative, file=csv_file(beneficiary()))

    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file(beneficiary(first_names="Santiago José", disabled="si")),
    )

    assert (report.created, report.updated) == (0, 1)
    child = Beneficiary.objects.get()
    assert (child.first_names, child.disabled) == ("Santiago José", True)
    assert child.history.count() == 2


def test_a_pet_is_found_by_relationship_and_name(maria):
    roster_import(cooperative=maria.cooperative, file=csv_file(pet()))

    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file(pet(first_names="FIRULAIS", birth_date="2019-04-02")),
    )

    assert (report.created, report.updated) == (0, 1)
    assert Beneficiary.objects.get().birth_date == date(2019, 4, 2)


def test_a_relative_registered_without_a_document_is_updated_when_it_gets_one(maria):
    newborn = BeneficiaryFactory(
        associate=maria, first_names="Santiago", document_type="", document_number=""
    )

    report = roster_import(cooperative=maria.cooperative, file=csv_file(beneficiary()))

    assert (report.created, report.updated) == (0, 1)
    newborn.refresh_from_db()
    assert (newborn.document_type, newborn.document_number) == ("11", "1098765432")


def test_beneficiaries_missing_from_the_file_are_left_alone(maria):
    other = BeneficiaryFactory(associate=maria)

    roster_import(cooperative=maria.cooperative, file=csv_file(beneficiary()))

    assert Beneficiary.objects.filter(pk=other.pk).exists()
    assert Beneficiary.objects.count() == 2


def test_an_update_keeps_the_status_the_portal_gave_the_beneficiary(maria):
    BeneficiaryFactory(
        associate=maria, document_number="1098765432", status=Beneficiary.Status.PENDING
    )

    roster_import(cooperative=maria.cooperative, file=csv_file(beneficiary(first_names="Santi")))

    assert Beneficiary.objects.get().status == Beneficiary.Status.PENDING


def test_a_document_typed_with_dots_in_the_admin_is_matched_not_duplicated(maria):
    BeneficiaryFactory(associate=maria, document_number="109.876.543", first_names="Santiago")

    report = roster_import(
        cooperative=maria.cooperative, file=csv_file(beneficiary(document_number="109876543"))
    )

    assert (report.created, report.updated) == (0, 1)
    assert Beneficiary.objects.get().document_number == "109876543"
