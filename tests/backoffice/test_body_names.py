"""Actas, letters and reports call the committee what the cooperative's reglamento calls it (BackOfficePolicy.committee_name)."""

import pytest

from benefits.backoffice.letters import decision_letter_pdf, request_letter_pdf
from benefits.backoffice.minutes import minutes_pdf
from benefits.models import AgendaItem, BackOfficePolicy, Decision
from tests.backoffice.helpers import committee_decides, file_request
from tests.backoffice.test_committee import pdf_text
from tests.portal.conftest import make_associate

pytestmark = pytest.mark.django_db
CEMCOPS = "Comité de solidaridad y bienestar social"


def decided_by_the_committee(cooperative, code: str, document_number: str):
    associate = make_associate(cooperative, document_number=document_number)
    request = committee_decides(file_request(associate, code, amount=200_000, approver="committee"))
    decision = request.decisions.get(kind=Decision.Kind.COMMITTEE)
    return request, decision, AgendaItem.objects.get(request=request).meeting


def test_coprocenvas_acta_letter_and_email_name_its_comite_de_solidaridad(coprocenva):
    request, decision, meeting = decided_by_the_committee(coprocenva, "medicamentos", "61000078")

    acta = pdf_text(minutes_pdf(meeting))
    letter = pdf_text(decision_letter_pdf(decision))

    assert f"Acta n.º {meeting.number} — Comité de Solidaridad" in acta
    assert "Le informamos que el Comité de Solidaridad, en sesión del" in letter
    assert request.decision_comment.startswith(f"Comité de Solidaridad, acta {meeting.number}:")
    assert CEMCOPS not in acta + letter + request.decision_comment


def test_cemcops_acta_names_its_comite_de_solidaridad_y_bienestar_social(cemcop):
    _, decision, meeting = decided_by_the_committee(cemcop, "plan_exequial", "52000079")

    assert f"Acta n.º {meeting.number} — {CEMCOPS}" in pdf_text(minutes_pdf(meeting))
    assert f"Le informamos que el {CEMCOPS}" in pdf_text(decision_letter_pdf(decision))


def test_the_council_renames_the_committee_and_the_next_documents_follow(coprocenva):
    BackOfficePolicy.objects.filter(cooperative=coprocenva).update(
        committee_name="Comité de Bienestar Social"
    )

    _, decision, meeting = decided_by_the_committee(coprocenva, "medicamentos", "61000079")

    assert "Acta n.º" in (acta := pdf_text(minutes_pdf(meeting)))
    assert "Comité de Bienestar Social" in acta and "Comité de Solidaridad" not in acta


def test_san_simons_request_letter_is_addressed_to_its_committee(db):
    from tests.portal.conftest import make_cooperative

    san_simon = make_cooperative("san-simon", "San Simón", "SSI")
    BackOfficePolicy.objects.filter(cooperative=san_simon).update(
        committee_name="Comité de solidaridad de San Simón"
    )
    associate = make_associate(san_simon, document_number="93123457")

    text = pdf_text(request_letter_pdf(file_request(associate, "vivienda", amount=250_000)))

    assert "Señores Comité de solidaridad de San Simón" in text
