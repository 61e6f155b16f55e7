"""A beneficiary's document is kept as the roster import keeps it: a passport with its letters."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Beneficiary
from members.roster import roster_import
from tests.members.roster_files import beneficiary, csv_file

pytestmark = pytest.mark.django_db

URL = reverse("beneficiaries", kwargs={"coop": "cemcop"})


def ask(client, **fields):
    data = {
        "relationship": "spouse",
        "first_names": "Jean Pierre",
        "last_names": "Dubois",
        "document_type": "41",
        "document_number": "ab-123456",
        "birth_date": "1985-03-01",
        "gender": "M",
        "support_file": SimpleUploadedFile("matrimonio.pdf", b"%PDF-1.7 matrimonio"),
        **fields,
    }
    return client.post(URL, data, follow=True)


def test_a_passport_keeps_its_letters_in_upper_case_without_dashes(logged_in, ana):
    ask(logged_in)

    assert Beneficiary.objects.get(first_names="Jean Pierre").document_number == "AB123456"


def test_the_next_roster_import_finds_the_passport_instead_of_adding_a_second_beneficiary(
    logged_in, ana
):
    ask(logged_in)

    report = roster_import(
        cooperative=ana.cooperative,
        file=csv_file(
            beneficiary(
                associate_document_number=ana.document_number,
                relationship="spouse",
                document_type="41",
                document_number="AB123456",
                first_names="Jean Pierre",
            )
        ),
    )

    assert report.created == 0
    assert ana.beneficiaries.filter(first_names="Jean Pierre").count() == 1


def test_a_passport_too_short_is_refused_with_a_message(logged_in, ana):
    page = ask(logged_in, document_number="A-1")

    assert "El pasaporte debe tener entre 3 y 12 letras o dígitos." in page.text
    assert not Beneficiary.objects.filter(first_names="Jean Pierre").exists()


def test_a_cedula_with_letters_is_refused_and_the_form_keeps_what_was_typed(logged_in, ana):
    page = ask(logged_in, document_type="13", document_number="52A123456")

    assert page.status_code == 200
    assert "El documento debe tener entre 4 y 12 dígitos." in page.text
    assert not Beneficiary.objects.filter(first_names="Jean Pierre").exists()
    form = page.context["form"]
    assert form.data["first_names"] == "Jean Pierre" and form.data["document_type"] == "13"
    assert 'value="Jean Pierre"' in page.text and 'value="Dubois"' in page.text
    assert 'value="52A123456"' in page.text
