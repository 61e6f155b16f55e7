import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Beneficiary

pytestmark = pytest.mark.django_db

URL = reverse("beneficiaries", kwargs={"coop": "cemcop"})


def ask(client, support=b"%PDF-1.7 registro civil", **fields):
    data = {
        "relationship": "child",
        "first_names": "Mateo",
        "last_names": "Pérez",
        "document_type": "11",
        "document_number": "1.098.765.432",
        "birth_date": "2024-03-01",
        "gender": "M",
        "support_file": SimpleUploadedFile("registro.pdf", support),
        **fields,
    }
    return client.post(URL, data, follow=True)


def test_the_associate_sees_her_registered_beneficiaries(logged_in, ana):
    page = logged_in.get(URL)
    assert "Sofía" in page.text and "Hijo(a)" in page.text


def test_asking_to_add_a_beneficiary_waits_for_staff_approval(logged_in, ana):
    response = ask(logged_in)
    assert "revisará el soporte" in response.text
    added = Beneficiary.objects.get(first_names="Mateo")
    assert added.status == Beneficiary.Status.PENDING
    assert added.document_number == "1098765432"
    assert added.support_document.name.startswith("beneficiaries/cemcop/")
    assert "registro" not in added.support_document.name  # stored under a generated name


def test_the_support_must_be_a_pdf_or_an_image(logged_in, ana):
    response = ask(logged_in, support=b"<html>no</html>")
    assert "PDF, JPG o PNG" in response.text
    assert not Beneficiary.objects.filter(first_names="Mateo").exists()


def test_a_person_needs_a_document_number_but_a_pet_does_not(logged_in, ana):
    assert "Escribe el número de documento" in ask(logged_in, document_number="").text
    ask(
        logged_in,
        relationship="pet",
        first_names="Lucas",
        document_number="",
        document_type="",
        birth_date="",
    )
    assert Beneficiary.objects.get(first_names="Lucas").relationship == "pet"


def test_a_double_click_sends_one_request_to_staff(logged_in, ana):
    ask(logged_in)
    again = ask(logged_in)
    assert "revisará el soporte" in again.text
    assert ana.beneficiaries.filter(document_number="1098765432").count() == 1


def test_a_person_staff_did_not_approve_can_be_asked_for_again_with_a_new_support(
    logged_in, ana, django_capture_on_commit_callbacks
):
    ask(logged_in)
    first = Beneficiary.objects.get(first_names="Mateo")
    old_support = first.support_document.name
    Beneficiary.objects.filter(pk=first.pk).update(
        status=Beneficiary.Status.REJECTED, review_note="El registro civil no se lee."
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(
            logged_in, support=b"%PDF-1.7 registro civil legible", last_names="Pérez Gil"
        )
    assert "revisará el soporte" in response.text
    again = Beneficiary.objects.get(first_names="Mateo")
    assert (again.pk, again.status, again.review_note) == (first.pk, "pending", "")
    assert again.last_names == "Pérez Gil"
    assert again.support_document.read() == b"%PDF-1.7 registro civil legible"
    assert not again.support_document.storage.exists(old_support)


def test_a_registered_person_cannot_be_asked_for_twice(logged_in, ana):
    ask(logged_in)
    Beneficiary.objects.filter(first_names="Mateo").update(status=Beneficiary.Status.APPROVED)
    assert "Ya tienes registrado un beneficiario con ese documento" in ask(logged_in).text
