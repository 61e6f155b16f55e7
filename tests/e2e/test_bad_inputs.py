"""What goes wrong, in the browser: a locked login, a stale link, a hostile file, someone else's URL."""

import io
import zipfile
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from benefits.demo import benefits_demo_seed
from benefits.models import Benefit
from benefits.services import Actor, request_create
from cooperatives.demo import COOPERATIVES
from cooperatives.services import cooperative_upsert, minimum_wages_seed
from tests.e2e.conftest import Shots, emailed_path
from tests.factories import PASSWORD, AssociateFactory, AssociateUserFactory, SavingsAccountFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.fixture
def cemcop():
    coop, _ = cooperative_upsert(**next(s for s in COOPERATIVES if s["slug"] == "cemcop"))
    minimum_wages_seed()
    benefits_demo_seed(today=timezone.localdate())
    return coop


@pytest.fixture
def luz(cemcop):
    associate = AssociateFactory(
        cooperative=cemcop,
        document_number="43111222",
        email="luz@example.co",
        joined_on=date(2014, 1, 10),
        data_updated_on=timezone.localdate(),
    )
    AssociateUserFactory(associate=associate)
    SavingsAccountFactory(associate=associate)
    return associate


def log_in(page, base, document_number, password):
    page.goto(base)
    page.get_by_label("Documento de identidad").fill(document_number)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Iniciar sesión").click()


def test_five_wrong_passwords_lock_the_login_with_a_spanish_message(live_server, page, luz):
    shot = Shots(page, "lockout")
    base = f"{live_server.url}/cemcop/"
    for _ in range(4):
        log_in(page, base, "43111222", "no-es-la-clave")
        page.get_by_text("El documento o la contraseña no son correctos.").wait_for()
    shot("wrong-password")
    log_in(page, base, "43111222", "no-es-la-clave")  # the fifth failure locks
    page.get_by_text("Demasiados intentos").wait_for()
    log_in(page, base, "43111222", PASSWORD)  # and then even the right password waits
    page.get_by_text("Demasiados intentos").wait_for()
    shot("locked")


def test_an_expired_link_says_so_and_offers_a_new_one(live_server, celery_worker, page, luz):
    shot = Shots(page, "expired-link")
    page.goto(f"{live_server.url}/cemcop/registro/")
    page.get_by_label("Documento de identidad").fill("43111222")
    page.get_by_label("Correo electrónico").fill("luz@example.co")
    page.get_by_label("Autorizo a la cooperativa").check()
    page.get_by_role("button", name="Registrarse").click()
    page.get_by_text("Si tus datos coinciden").wait_for()
    deadline = timezone.now() + timedelta(seconds=30)
    while not mail.outbox and timezone.now() < deadline:
        page.wait_for_timeout(200)
    path = emailed_path("Crea tu contraseña", "luz@example.co")
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        page.goto(live_server.url + path)
        page.get_by_text("Este enlace ya no sirve").wait_for()
        shot("expired")
        page.get_by_role("link", name="repite el registro").click()
        page.get_by_role("heading", name="¿Olvidaste tu contraseña?").wait_for()


def test_a_hostile_upload_is_refused_with_a_clear_message_and_the_draft_survives(
    live_server, celery_worker, page, luz, tmp_path
):
    shot = Shots(page, "hostile-upload")
    bomb = tmp_path / "factura.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("factura.xml", b"<Invoice/>" + b"\x00" * (80 * 1024 * 1024))
    bomb.write_bytes(buffer.getvalue())
    log_in(page, f"{live_server.url}/cemcop/", "43111222", PASSWORD)
    page.get_by_role("link", name="+ Solicitar auxilio").click()
    page.get_by_label("Auxilio de salud").check()
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("Ahorro a la vista", exact=False).first.check()
    page.get_by_role("button", name="Guardar datos").click()
    page.get_by_label("Categoría").select_option("health")
    page.locator("#id_file").set_input_files(str(bomb))
    page.get_by_role("button", name="Subir archivo").click()
    page.get_by_text("al descomprimirlo", exact=False).wait_for(timeout=30_000)
    shot("refused")
    assert "Cuentas" in page.content()  # still on her draft, with what she had given
    assert page.get_by_label("Ahorro a la vista", exact=False).first.is_checked()


def test_another_associates_request_is_a_404_in_the_browser(live_server, page, luz, cemcop):
    other = AssociateFactory(cooperative=cemcop)
    theirs = request_create(
        associate=other,
        benefit=Benefit.objects.get(cooperative=cemcop, code="salud"),
        actor=Actor(),
    )
    log_in(page, f"{live_server.url}/cemcop/", "43111222", PASSWORD)
    page.get_by_role("heading", name="Auxilios").wait_for()
    response = page.goto(f"{live_server.url}/cemcop/solicitudes/{theirs.public_id}/")
    assert response.status == 404
    Shots(page, "other-associate")("not-found")


SUBMIT_TWICE = """() => {
    const form = document.querySelector("main form button[type=submit]").form;
    const send = () => {
        const event = new Event("submit", {bubbles: true, cancelable: true});
        form.dispatchEvent(event);
        return event.defaultPrevented;
    };
    return [send(), send()];
}"""


def test_a_second_tap_on_a_form_is_not_sent_again(live_server, page, luz):
    from members.emails import password_link_context

    link = password_link_context({"user_public_id": luz.user.public_id})["path"]
    for path in [link, "/cemcop/", "/cemcop/registro/"]:
        page.goto(live_server.url + path)
        assert page.evaluate(SUBMIT_TWICE) == [False, True], path  # the first goes, the second not
        assert page.get_by_role("button", name="Enviando…").is_visible()


def test_an_account_chosen_but_not_saved_survives_an_upload(live_server, page, luz):
    log_in(page, f"{live_server.url}/cemcop/", "43111222", PASSWORD)
    page.get_by_role("link", name="+ Solicitar auxilio").click()
    page.get_by_label("Auxilio de salud").check()
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("Ahorro a la vista", exact=False).first.check()  # no «Guardar datos»
    page.get_by_label("Un documento de soporte").check()
    page.locator("#id_file").set_input_files(
        files=[{"name": "orden.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7 orden"}]
    )
    page.get_by_role("button", name="Subir archivo").click()
    page.get_by_text("orden.pdf").wait_for()
    assert page.get_by_label("Ahorro a la vista", exact=False).first.is_checked()
