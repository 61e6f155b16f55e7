"""An associate the roster marks as retired follows what they asked before, and asks for nothing new."""

import re

import pytest
from django.urls import reverse

from benefits.models import Benefit, BenefitRequest
from benefits.services import Actor, RequestError, request_create, request_submit, request_update
from benefits.states import Status
from members.models import Associate
from tests.factories import PASSWORD
from tests.portal.test_requests import a_read_invoice_on

pytestmark = pytest.mark.django_db

NOT_ACTIVE = "ya no figuras como asociado(a) activo(a), así que no puedes solicitar auxilios"


def url(name, **kwargs):
    return reverse(name, kwargs={"coop": "cemcop", **kwargs})


def retire(associate):
    Associate.objects.filter(pk=associate.pk).update(status=Associate.Status.RETIRED)
    associate.refresh_from_db()


def health(associate):
    return Benefit.objects.get(cooperative=associate.cooperative, code="salud")


def ready_to_file(draft):
    """The draft with an account and an e-invoice the worker has read: nothing missing to file it."""
    request_update(
        request=draft,
        actor=Actor(draft.associate.user),
        savings_account=draft.associate.accounts.get(),
    )
    a_read_invoice_on(draft)
    return draft


def test_a_retired_associate_cannot_start_a_request(ana):
    retire(ana)
    with pytest.raises(RequestError, match=re.escape(NOT_ACTIVE)):
        request_create(associate=ana, benefit=health(ana), actor=Actor(ana.user))
    assert not BenefitRequest.objects.filter(associate=ana).exists()


def test_a_draft_started_before_retiring_cannot_be_filed(ana):
    draft = request_create(associate=ana, benefit=health(ana), actor=Actor(ana.user))
    retire(ana)
    with pytest.raises(RequestError, match=re.escape(NOT_ACTIVE)):
        request_submit(request=draft, actor=Actor(ana.user))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.filing_number is None


def test_a_request_filed_before_retiring_is_sent_back_with_what_staff_asked(logged_in, ana):
    from benefits.services.requests import request_ask_documents
    from members.models import StaffRole
    from tests.backoffice.helpers import file_request, staff_member

    filed = file_request(ana, "salud", amount=100_000)
    request_ask_documents(
        request=filed,
        actor=Actor(staff_member(ana.cooperative, StaffRole.ANALYST)),
        needed="La orden médica.",
    )
    retire(ana)

    page = logged_in.get(url("request_edit", public_id=filed.public_id))
    again = request_submit(request=filed, actor=Actor(ana.user))

    assert NOT_ACTIVE not in page.text
    assert again.status == Status.SUBMITTED and again.filing_number == filed.filing_number


def test_an_active_associate_still_starts_and_files_requests(ana):
    draft = request_create(associate=ana, benefit=health(ana), actor=Actor(ana.user))
    filed = request_submit(request=draft, actor=Actor(ana.user))
    assert filed.status == Status.SUBMITTED and filed.filing_number


def test_the_auxilios_page_tells_a_retired_associate_why_and_offers_no_request(logged_in, ana):
    retire(ana)
    page = logged_in.get(url("dashboard"))
    assert page.status_code == 200
    assert NOT_ACTIVE in page.text
    assert "Solicitar auxilio" not in page.text
    assert url("request_new") not in page.text
    assert "Puedes solicitar ahora" not in page.text


def test_an_active_associate_is_still_offered_to_request(logged_in, ana):
    page = logged_in.get(url("dashboard"))
    assert NOT_ACTIVE not in page.text
    assert url("request_new") in page.text and "+ Solicitar auxilio" in page.text


def test_the_new_request_page_shows_a_retired_associate_the_message_and_no_form(logged_in, ana):
    retire(ana)
    page = logged_in.get(url("request_new"))
    assert NOT_ACTIVE in page.text
    assert 'name="benefit"' not in page.text and "Continuar" not in page.text


def test_asking_for_a_benefit_as_a_retired_associate_creates_nothing(logged_in, ana):
    retire(ana)
    response = logged_in.post(url("request_new"), {"benefit": "salud"}, follow=True)
    assert NOT_ACTIVE in response.text
    assert not BenefitRequest.objects.filter(associate=ana).exists()


def test_a_retired_associates_draft_page_offers_no_filing(logged_in, ana):
    draft = request_create(associate=ana, benefit=health(ana), actor=Actor(ana.user))
    retire(ana)
    page = logged_in.get(url("request_edit", public_id=draft.public_id))
    assert NOT_ACTIVE in page.text
    assert url("request_file", public_id=draft.public_id) not in page.text


def test_filing_a_complete_draft_after_retiring_is_refused_with_the_message(logged_in, ana):
    draft = ready_to_file(request_create(associate=ana, benefit=health(ana), actor=Actor(ana.user)))
    retire(ana)
    response = logged_in.post(url("request_file", public_id=draft.public_id), follow=True)
    assert NOT_ACTIVE in response.text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.filing_number is None


def test_a_retired_associate_still_logs_in_and_follows_an_earlier_request(client, ana):
    filed = request_submit(
        request=request_create(associate=ana, benefit=health(ana), actor=Actor(ana.user)),
        actor=Actor(ana.user),
    )
    retire(ana)
    login = client.post(
        url("cooperative_home"), {"document_number": ana.document_number, "password": PASSWORD}
    )
    assert login.status_code == 302
    assert filed.filing_number in client.get(url("dashboard")).text
    detail = client.get(url("request_detail", public_id=filed.public_id))
    assert detail.status_code == 200 and filed.filing_number in detail.text
