"""The decision letter (attached to the decision email) and San Simón's carta de solicitud, read back from the PDF."""

import pytest

from benefits.backoffice.letters import (
    decision_email_attachments,
    decision_letter_pdf,
    request_letter_pdf,
)
from benefits.models import Decision, RejectionReason
from benefits.notify import status_email_context
from benefits.selectors import offers_request_letter
from benefits.services.requests import Actor, request_approve, request_reject
from core.dates import format_date
from core.money import format_pesos
from tests.backoffice.helpers import Staff, file_request, set_budget
from tests.backoffice.test_committee import pdf_text
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db


def test_the_approval_letter_states_the_amount_account_and_rule_trace(cemcop, staff, ana):
    request = file_request(ana, "plan_exequial", amount=123_456)
    request_approve(request=request, actor=Actor(staff.analyst))
    decision = request.decisions.get(kind=Decision.Kind.STAFF)
    request.refresh_from_db()

    text = pdf_text(decision_letter_pdf(decision))

    assert ana.full_name in text and ana.document_number in text
    assert request.filing_number in text
    assert f"aprobó su solicitud de {request.benefit.name}" in text
    assert format_pesos(request.amount_approved) == "$123.456" and "$123.456" in text
    assert request.savings_account.masked_number.replace("•", "").strip() in text
    assert format_date(decision.created_at) in text
    for reason in request.decisions.get(kind=Decision.Kind.PROPOSAL).reasons:
        assert reason["article"] in text
    assert (
        "«Hasta N años» incluye el día del aniversario." in text
    )  # the interpretation travels with the trace


def test_a_fixable_rejection_letter_says_how_to_amend(cemcop, staff, ana):
    request = file_request(ana, "plan_exequial", amount=120_000)
    reason = RejectionReason.objects.get(cooperative=cemcop, code="documento_faltante")
    request_reject(
        request=request,
        actor=Actor(staff.analyst),
        reason=reason,
        comment="Falta el registro civil.",
    )

    text = pdf_text(decision_letter_pdf(request.decisions.get(kind=Decision.Kind.STAFF)))

    assert "no aprobó" in text and reason.text in text and "Falta el registro civil." in text
    assert "subsanable" in text


@pytest.mark.parametrize(
    ("slug", "name", "prefix", "code", "body"),
    [
        ("cemcop", "CEMCOP", "CEM", "plan_exequial", "Comité de solidaridad y bienestar social"),
        ("coprocenva", "COPROCENVA", "CPV", "muerte_familiar", "Consejo de Administración"),
    ],
)
def test_a_final_rejection_names_the_body_that_hears_its_reconsideration(
    db, slug, name, prefix, code, body
):
    """COPROCENVA's exceptions and reconsiderations go to its council (Art. 7)."""
    from tests.portal.conftest import make_cooperative

    coop = make_cooperative(slug, name, prefix)
    people = Staff(coop, 71_000_000)
    request = file_request(make_associate(coop, email="socio@example.co"), code, amount=100_000)
    request_reject(
        request=request,
        actor=Actor(people.analyst),
        reason=RejectionReason.objects.get(cooperative=coop, code="factura_usada"),
    )

    letter = pdf_text(decision_letter_pdf(request.decisions.get(kind=Decision.Kind.STAFF)))
    assert f"reconsideración ante el {body}" in letter
    email = request.events.get(to_status="rejected")
    assert status_email_context(request, email)["reconsideration_body"] == body


def test_the_lack_of_resources_letter_cites_article_8_and_offers_no_second_chance(
    cemcop, staff, ana
):
    set_budget(cemcop, "welfare", 1_000)
    request = file_request(ana, "plan_exequial", amount=120_000)
    request_approve(request=request, actor=Actor(staff.analyst))

    text = pdf_text(decision_letter_pdf(request.decisions.get(kind=Decision.Kind.STAFF)))

    assert "Art. 8" in text and "no hay lugar a formular nuevamente la solicitud" in text
    assert "reconsideración" not in text


def test_the_decision_email_carries_the_letter_of_its_own_decision(cemcop, staff, ana):
    request = file_request(ana, "plan_exequial", amount=120_000)
    request_approve(request=request, actor=Actor(staff.analyst))
    request.refresh_from_db()
    context = status_email_context(request, request.events.last())

    [(filename, content, mimetype)] = decision_email_attachments(context)

    assert mimetype == "application/pdf" and filename.startswith(f"carta-{request.filing_number}")
    assert "$120.000" in pdf_text(content)


def test_an_email_without_a_decision_has_no_attachment(cemcop, staff, ana):
    request = file_request(ana, "plan_exequial", amount=120_000)
    assert decision_email_attachments(status_email_context(request, request.events.last())) == []


def test_san_simons_carta_de_solicitud_is_pre_filled_for_signature(san_simon):
    Staff(san_simon, 80_500_000)
    associate = make_associate(
        san_simon, first_names="Rubén Darío", last_names="Gómez Paz", document_number="93123456"
    )
    request = file_request(associate, "vivienda", amount=250_000)
    assert offers_request_letter(request)

    text = pdf_text(request_letter_pdf(request))

    assert "Carta de solicitud de auxilio" in text
    assert "Rubén Darío Gómez Paz" in text and "93123456" in text
    assert request.benefit.name in text and request.filing_number in text
    assert request.savings_account.number in text
    assert "Copia auténtica de la compraventa" in text
    assert "Firma del asociado" in text


def test_cemcop_does_not_ask_for_a_carta(cemcop, ana):
    assert not offers_request_letter(file_request(ana, "plan_exequial", amount=1_000))
