"""Cédulas as core systems export them: thousands dots and, from a number column, decimals of zeros.

A dot that is neither is refused on its row: read as a thousands separator,
"52123456.0" became 521234560, another person's valid cédula.
"""

import pytest

from members.models import Associate, Beneficiary, SavingsAccount
from members.roster import roster_import
from tests.members.roster_files import account, associate, beneficiary, csv_file

pytestmark = pytest.mark.django_db

CEDULAS_OF_52123456 = ["52123456.0", "52123456.00", "52123456,00", "52.123.456", "52.123.456,00"]
SEPARATORS_REASON = "los puntos solo pueden separar miles (52.123.456)"


@pytest.mark.parametrize("written", CEDULAS_OF_52123456)
def test_a_cedula_with_thousands_dots_or_zero_decimals_is_read_as_its_digits(coop, written):
    report = roster_import(cooperative=coop, file=csv_file(associate(document_number=written)))

    assert report.rejections == []
    assert Associate.objects.get().document_number == "52123456"


def test_a_cedula_whose_thousands_are_zeros_keeps_them(coop):
    roster_import(cooperative=coop, file=csv_file(associate(document_number="52.123.000")))

    assert Associate.objects.get().document_number == "52123000"


@pytest.mark.parametrize("written", ["5212.3456", "52123456.5", "52,123,456", "52123456."])
def test_a_cedula_with_any_other_dot_or_comma_is_a_rejected_row(coop, written):
    report = roster_import(
        cooperative=coop,
        file=csv_file(
            associate(document_number="1111111"),
            associate(document_number=written),
            associate(document_number="3333333"),
        ),
    )

    assert [r.line for r in report.rejections] == [3]
    assert report.rejections[0].reason.startswith(
        f"document_number: cédula inválida «{written}»: {SEPARATORS_REASON}"
    )
    assert set(Associate.objects.values_list("document_number", flat=True)) == {
        "1111111",
        "3333333",
    }


def test_a_beneficiary_file_finds_the_associate_by_a_cedula_with_zero_decimals(maria):
    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file(beneficiary(associate_document_number="1234567.0")),
    )

    assert report.rejections == []
    assert Beneficiary.objects.get().associate == maria


def test_a_beneficiary_document_with_zero_decimals_is_read_as_its_digits(maria):
    roster_import(
        cooperative=maria.cooperative, file=csv_file(beneficiary(document_number="1098765432.00"))
    )

    assert Beneficiary.objects.get().document_number == "1098765432"


def test_a_beneficiary_row_with_an_unreadable_cedula_is_rejected(maria):
    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file(beneficiary(associate_document_number="1234.567")),
    )

    assert report.rejections[0].reason.startswith(
        f"associate_document_number: cédula inválida «1234.567»: {SEPARATORS_REASON}"
    )
    assert not Beneficiary.objects.exists()


def test_an_account_file_finds_the_associate_by_a_cedula_with_zero_decimals(maria):
    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file(account(associate_document_number="1234567.00")),
    )

    assert report.rejections == []
    assert SavingsAccount.objects.get().associate == maria


def test_an_account_row_with_an_unreadable_cedula_is_rejected(maria):
    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file(account(associate_document_number="1234.567")),
    )

    assert report.rejections[0].reason.startswith(
        f"associate_document_number: cédula inválida «1234.567»: {SEPARATORS_REASON}"
    )
    assert not SavingsAccount.objects.exists()


def test_a_passport_in_the_roster_keeps_its_letters_without_dashes(maria):
    roster_import(
        cooperative=maria.cooperative,
        file=csv_file(beneficiary(document_type="41", document_number="ab-123456")),
    )

    assert Beneficiary.objects.get().document_number == "AB123456"
