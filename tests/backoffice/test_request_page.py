"""A request's page: the associate's and the invoices' facts, the documents, the rule trace, the actions, the audit."""

import pytest
from django.urls import reverse

from benefits.services.requests import Actor, request_approve, request_ask_documents
from tests.backoffice.helpers import file_request
from tests.backoffice.world import CUFE, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cemcop, staff, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return build_world(cemcop, staff)


@pytest.fixture
def page(client, world, staff):
    client.force_login(staff.analyst)
    return client.get(
        reverse("admin:benefits_benefitrequest_change", args=[world["approved"].pk]),
        REMOTE_ADDR="10.9.8.7",
    )


def test_it_shows_the_associates_facts(page, world):
    associate = world["associate"]
    assert "Zenobia Quintanilla Urrego" in page.text and associate.document_number in page.text
    assert "Afiliado desde" in page.text and "Días en mora" in page.text


def test_it_shows_the_invoice_with_signature_dian_and_the_staff_warning(page, world):
    invoice = world["invoice"]
    assert (
        invoice.number in page.text and invoice.issuer_name in page.text and "$123.457" in page.text
    )
    assert "Firma válida" in page.text and "Validada DIAN" in page.text
    assert "Proveedor Zenobia-CIIU" in page.text  # staff_message, not the associate's text
    assert CUFE[:17] in page.text


def test_it_shows_the_rule_trace_with_articles_and_interpretations(page, world):
    assert "Traza del reglamento" in page.text
    for reason in world["approved"].decisions.get(kind="proposal").reasons:
        assert reason["article"] in page.text and reason["message"] in page.text
    assert "«Hasta N años» incluye el día del aniversario." in page.text


def test_it_shows_the_ledger_and_the_decision_with_its_letter(page, world):
    assert "Movimientos de fondo y cupo" in page.text and "Cargo por aprobación" in page.text
    assert (
        reverse(
            "admin:benefits_benefitrequest_decision_letter",
            args=[world["approved"].pk, world["decision"].pk],
        )
        in page.text
    )


def test_it_offers_the_actions_the_state_and_role_allow(client, world, staff):
    request = file_request(world["associate"], "plan_exequial", amount=10_000)
    client.force_login(staff.analyst)
    page = client.get(reverse("admin:benefits_benefitrequest_change", args=[request.pk]))
    for action in ("approve", "reject", "ask_documents", "refer"):
        assert reverse(f"admin:benefits_benefitrequest_{action}", args=[request.pk]) in page.text
    client.force_login(staff.treasury)
    page = client.get(reverse("admin:benefits_benefitrequest_change", args=[request.pk]))
    assert reverse("admin:benefits_benefitrequest_approve", args=[request.pk]) not in page.text


def test_the_audit_trail_shows_who_and_from_where(client, world, staff):
    request = file_request(world["associate"], "plan_exequial", amount=10_000)
    client.force_login(staff.analyst)
    client.post(
        reverse("admin:benefits_benefitrequest_ask_documents", args=[request.pk]),
        {"needed": "La factura legible."},
        REMOTE_ADDR="10.9.8.7",
    )
    page = client.get(reverse("admin:benefits_benefitrequest_change", args=[request.pk]))
    assert (
        "Auditoría" in page.text
        and "10.9.8.7" in page.text
        and "Documentos solicitados" in page.text
    )
    assert staff.analyst.get_full_name() in page.text
    assert request.history.first().ip_address == "10.9.8.7"


def test_the_page_does_not_accept_a_post(client, world, staff):
    client.force_login(staff.analyst)
    response = client.post(
        reverse("admin:benefits_benefitrequest_change", args=[world["approved"].pk]), {}
    )
    assert response.status_code == 405


def test_documents_are_downloaded_only_through_the_authorising_view(client, world, staff):
    document = world["document"]
    client.force_login(staff.analyst)
    response = client.get(reverse("admin:invoices_document_download", args=[document.pk]))
    assert b"".join(response) == b"secreto"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "secreto-zenobia.zip" in response["Content-Disposition"]
    )
    assert (
        "no-store" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"
    )
    assert response["Content-Type"] == "application/octet-stream"
    client.logout()
    anonymous = client.get(reverse("admin:invoices_document_download", args=[document.pk]))
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_no_storage_url_of_a_document_is_ever_shown(page, world, client, staff):
    listing = client.get(reverse("admin:invoices_document_change", args=[world["document"].pk]))
    for content in (page.text, listing.text):
        assert world["document"].file.name not in content
        assert "private-media-is-not-served" not in content


def test_a_request_asking_for_documents_shows_the_text_sent(client, world, staff):
    request = file_request(world["associate"], "plan_exequial", amount=10_000)
    request_ask_documents(
        request=request, actor=Actor(staff.analyst), needed="Copia del registro civil."
    )
    client.force_login(staff.committee[0])
    page = client.get(reverse("admin:benefits_benefitrequest_change", args=[request.pk]))
    assert "Copia del registro civil." in page.text


def test_pages_use_no_inline_styles_or_scripts_without_the_nonce(client, world, staff):
    client.force_login(staff.council)
    for url in (
        reverse("admin:benefits_benefitrequest_change", args=[world["approved"].pk]),
        reverse("admin:benefits_benefitrequest_dashboard"),
        reverse("admin:benefits_benefitrequest_queues"),
        reverse("admin:benefits_committeemeeting_change", args=[world["meeting"].pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert " style=" not in page.text, url
        assert "<style" not in page.text, url
        for chunk in page.text.split("<script")[1:]:
            assert "nonce=" in chunk.split(">")[0] or "src=" in chunk.split(">")[0], url


def test_a_roster_entry_shows_who_changed_it_on_its_own_page(client, world, staff):
    associate = world["associate"]
    client.force_login(staff.analyst)
    associate.arrears_days = 40
    associate._history_user = staff.analyst
    associate.save()
    page = client.get(reverse("admin:members_associate_change", args=[associate.pk]))
    assert "Auditoría" in page.text and "días en mora" in page.text.lower()
    assert "0 → 40" in page.text and staff.analyst.get_full_name() in page.text


def test_rejecting_says_what_happened_and_whether_the_associate_was_told(client, world, staff):
    from benefits.models import RejectionReason

    reason = RejectionReason.objects.filter(cooperative=world["associate"].cooperative).first()
    client.force_login(staff.analyst)

    def reject(request):
        url = reverse("admin:benefits_benefitrequest_reject", args=[request.pk])
        page = client.post(url, {"reason": reason.pk}, follow=True)
        return [str(m) for m in page.context["messages"]]

    filed = file_request(world["associate"], "plan_exequial", amount=10_000)
    assert reject(filed) == [
        f"Solicitud {filed}: quedó rechazada; se le avisó al asociado por correo."
    ]
    approved = file_request(world["associate"], "plan_exequial", amount=30_000)
    request_approve(request=approved, actor=Actor(staff.analyst))
    assert reject(approved) == [
        f"Solicitud {approved}: se revocó su aprobación; se le avisó al asociado por correo."
    ]
    type(world["associate"]).objects.filter(pk=world["associate"].pk).update(email="")
    other = file_request(world["associate"], "plan_exequial", amount=20_000)
    assert "no tiene correo registrado" in reject(other)[0]


def test_a_rejection_reason_is_not_shown_once_a_reconsideration_approved_the_request(
    client, world, staff
):
    from benefits.models import BenefitRequest, RejectionReason

    reason = RejectionReason.objects.filter(cooperative=world["associate"].cooperative).first()
    request = file_request(world["associate"], "plan_exequial", amount=10_000)
    BenefitRequest.objects.filter(pk=request.pk).update(status="committee", rejection_reason=reason)
    client.force_login(staff.analyst)
    url = reverse("admin:benefits_benefitrequest_change", args=[request.pk])
    assert "Motivo de rechazo" in client.get(url).text  # the committee reconsiders it
    BenefitRequest.objects.filter(pk=request.pk).update(status="approved")
    assert "Motivo de rechazo" not in client.get(url).text
