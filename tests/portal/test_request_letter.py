"""San Simón's associates download their carta de solicitud, pre-filled, from the request's pages."""

import pytest
from django.urls import reverse

from benefits.models import Benefit
from benefits.services import Actor, request_create, request_update
from tests.backoffice.test_committee import pdf_text
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db


def draft(associate, code):
    benefit = Benefit.objects.get(cooperative=associate.cooperative, code=code)
    request = request_create(associate=associate, benefit=benefit, actor=Actor())
    return request_update(
        request=request, actor=Actor(), savings_account=associate.accounts.first()
    )


def letter_url(request):
    return reverse(
        "request_letter",
        kwargs={"coop": request.cooperative.slug, "public_id": request.public_id},
    )


@pytest.fixture
def ruben(san_simon):
    return make_associate(
        san_simon, first_names="Rubén Darío", last_names="Gómez Paz", document_number="93123456"
    )


def test_the_draft_page_offers_the_carta_and_it_carries_the_associates_data(client, ruben):
    request = draft(ruben, "vivienda")
    client.force_login(ruben.user, backend="members.backends.AssociateBackend")
    edit = client.get(
        reverse("request_edit", kwargs={"coop": "san-simon", "public_id": request.public_id})
    )
    assert "Descargar la carta de solicitud de auxilio" in edit.text
    assert letter_url(request) in edit.text

    response = client.get(letter_url(request))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = pdf_text(response.content)
    assert "Carta de solicitud de auxilio" in text
    assert "Rubén Darío Gómez Paz" in text and "93123456" in text
    assert "Firma del asociado" in text


def test_nobody_else_gets_it(client, ruben, san_simon):
    request = draft(ruben, "vivienda")
    assert client.get(letter_url(request)).status_code == 302  # anonymous: to the login
    other = make_associate(san_simon, document_number="93999999")
    client.force_login(other.user, backend="members.backends.AssociateBackend")
    assert client.get(letter_url(request)).status_code == 404


def test_a_cooperative_whose_reglamento_asks_for_no_carta_offers_none(client, ana):
    request = draft(ana, "plan_exequial")
    client.force_login(ana.user, backend="members.backends.AssociateBackend")
    edit = client.get(
        reverse("request_edit", kwargs={"coop": "cemcop", "public_id": request.public_id})
    )
    assert "carta de solicitud" not in edit.text.lower()
    assert client.get(letter_url(request)).status_code == 404
