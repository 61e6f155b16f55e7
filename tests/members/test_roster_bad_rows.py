"""Each kind of bad row is reported with its line number and does not stop the good rows.

Line 1 is the header; the bad row is always on line 3, between two good ones.
"""

import io

import pytest

from members.models import Associate, Beneficiary, SavingsAccount
from members.roster import Rejection, roster_import
from tests.factories import AssociateFactory, SavingsAccountFactory
from tests.members.roster_files import account, associate, beneficiary, csv_file, pet

pytestmark = pytest.mark.django_db


def _import_with_bad_row(coop, good, bad, good_again):
    return roster_import(cooperative=coop, file=csv_file(good, bad, good_again))


def other_associate(**changes):
    return associate(document_number="2222222") | changes


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (
            associate(document_number="12a45"),
            "document_number: cédula inválida «12a45»: debe tener entre 4 y 12 dígitos",
        ),
        (associate(document_number="123"), "document_number: cédula inválida «123»"),
        (associate(document_number="1234567890123"), "document_number: cédula inválida"),
        (
            other_associate(birth_date="1980-02-30"),
            "birth_date: fecha inválida «1980-02-30»: use AAAA-MM-DD o DD/MM/AAAA",
        ),
        (other_associate(joined_on="2012/03/15"), "joined_on: fecha inválida «2012/03/15»"),
        (other_associate(joined_on=""), "falta joined_on"),
        (other_associate(first_names=" "), "falta first_names"),
        (other_associate(status="moroso"), "status: estado desconocido «moroso»"),
        (other_associate(gender="Z"), "gender: sexo desconocido «Z»"),
        (other_associate(inducted="tal vez"), "inducted: valor «tal vez» no válido"),
        (other_associate(arrears_days="-3"), "arrears_days: «-3» no es un número entero de días"),
        (other_associate(roles="council|tesorero"), "roles: cargo desconocido «tesorero»"),
        (other_associate(email="maria@"), "email: correo inválido «maria@»"),
        (
            other_associate(first_names="x" * 121),
            "first_names: texto de 121 caracteres; el máximo es 120",
        ),
    ],
)
def test_a_bad_associate_row_is_rejected_with_its_line_and_reason(coop, bad, reason):
    report = _import_with_bad_row(
        coop, associate(document_number="1111111"), bad, associate(document_number="3333333")
    )

    assert report.created == 2
    assert [r.line for r in report.rejections] == [3]
    assert report.rejections[0].reason.startswith(reason)
    assert set(Associate.objects.values_list("document_number", flat=True)) == {
        "1111111",
        "3333333",
    }


def test_every_problem_of_a_row_is_reported_together(coop):
    report = roster_import(
        cooperative=coop, file=csv_file(associate(gender="Z", birth_date="ayer", status=""))
    )

    assert report.rejections == [
        Rejection(
            2,
            "birth_date: fecha inválida «ayer»: use AAAA-MM-DD o DD/MM/AAAA; gender: sexo desconocido «Z»; falta status",
        )
    ]


def test_a_cedula_repeated_in_the_file_keeps_the_first_row(coop):
    report = roster_import(
        cooperative=coop,
        file=csv_file(
            associate(),
            associate(document_number="2222222"),
            associate(document_number="1.234.567", first_names="Otra"),
        ),
    )

    assert report.rejections == [
        Rejection(
            4, "fila repetida: la cédula 1234567 ya viene en la línea 2, que es la que se importa"
        )
    ]
    assert Associate.objects.get(document_number="1234567").first_names == "María José"


def test_a_row_with_the_wrong_number_of_columns_is_rejected(coop):
    text = csv_file(associate()).getvalue() + "7654321,Pedro,Gómez\n"

    report = roster_import(cooperative=coop, file=io.StringIO(text))

    assert report.rejections == [Rejection(3, "la fila tiene 3 columnas y el encabezado 17")]
    assert report.created == 1


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (
            beneficiary(associate_document_number="9999999", document_number="1000000001"),
            "el asociado con cédula 9999999 no está en el padrón de CEMCOP",
        ),
        (
            beneficiary(relationship="vecino", document_number="1000000001"),
            "relationship: parentesco desconocido «vecino»",
        ),
        (
            beneficiary(relationship="self", document_number="1000000001"),
            "relationship: el asociado titular no se registra como su propio beneficiario",
        ),
        (
            beneficiary(birth_date="31/02/2015", document_number="1000000001"),
            "birth_date: fecha inválida «31/02/2015»",
        ),
        (beneficiary(registered_on="", document_number="1000000001"), "falta registered_on"),
        (
            beneficiary(document_type="XX", document_number="1000000001"),
            "document_type: tipo de documento desconocido «XX»",
        ),
        (beneficiary(document_number="1-2"), "document_number: documento inválido «1-2»"),
        (
            beneficiary(associate_document_number="12.3"),
            "associate_document_number: cédula inválida «12.3»",
        ),
        (
            beneficiary(),
            "fila repetida: el documento 1098765432 del asociado 1234567 ya viene en la línea 2",
        ),
    ],
)
def test_a_bad_beneficiary_row_is_rejected_with_its_line_and_reason(maria, bad, reason):
    report = _import_with_bad_row(maria.cooperative, beneficiary(), bad, pet())

    assert report.created == 2
    assert [r.line for r in report.rejections] == [3]
    assert report.rejections[0].reason.startswith(reason)
    assert Beneficiary.objects.count() == 2


def test_a_pet_repeated_in_the_file_is_rejected(maria):
    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file(pet(), beneficiary(), pet(first_names="firulais ")),
    )

    assert report.rejections == [
        Rejection(
            4,
            "fila repetida: «firulais» (pet) del asociado 1234567 ya viene en la línea 2, que es la que se importa",
        )
    ]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (
            account(associate_document_number="9999999", number="4000000002"),
            "el asociado con cédula 9999999 no está en el padrón de CEMCOP",
        ),
        (account(), "fila repetida: la cuenta 4001234567 ya viene en la línea 2"),
        (account(number="40#12"), "number: número de cuenta inválido «40#12»"),
        (account(number=""), "falta number"),
        (account(number="4000000002", active="quizás"), "active: valor «quizás» no válido"),
    ],
)
def test_a_bad_account_row_is_rejected_with_its_line_and_reason(maria, bad, reason):
    report = _import_with_bad_row(maria.cooperative, account(), bad, account(number="4000000003"))

    assert report.created == 2
    assert [r.line for r in report.rejections] == [3]
    assert report.rejections[0].reason.startswith(reason)
    assert SavingsAccount.objects.count() == 2


def test_an_account_number_of_another_associate_is_rejected(maria):
    owner = AssociateFactory(cooperative=maria.cooperative, document_number="7654321")
    SavingsAccountFactory(associate=owner, number="4001234567")

    report = roster_import(
        cooperative=maria.cooperative, file=csv_file(account(number="4000000001"), account())
    )

    assert report.rejections == [
        Rejection(3, "la cuenta 4001234567 pertenece a otro asociado (cédula 7654321)")
    ]
    assert SavingsAccount.objects.get(number="4001234567").associate == owner


def test_rejections_are_listed_in_line_order(maria):
    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file(
            account(associate_document_number="9999999"), account(number="x#"), account(), account()
        ),
    )

    assert [r.line for r in report.rejections] == [2, 3, 5]
