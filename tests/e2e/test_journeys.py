"""An associate's whole journey at each cooperative, in a real browser, with a real worker.

register → open the emailed link → set the password → log in → see the quota →
request an auxilio uploading a real sample e-invoice → see its facts appear →
submit → receive the email → staff decide → see the decision and its email.
"""

import time
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from benefits.demo import benefits_demo_seed
from benefits.models import BenefitRequest
from benefits.states import Status
from cooperatives.demo import COOPERATIVES
from cooperatives.services import cooperative_upsert, minimum_wages_seed
from members.models import StaffRole
from tests.backoffice.helpers import committee_decides
from tests.e2e.conftest import Shots, emailed_path
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import AssociateFactory, SavingsAccountFactory, StaffMembershipFactory
from tests.pipeline.conftest import BUYER, SAMPLES

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e, pytest.mark.worker]

BOGOTA = ZoneInfo("America/Bogota")
PASSWORD = "arepa-con-queso-2025"
PASSWORD_STAFF = FACTORY_PASSWORD
REJECTION_LABEL = "La solicitud se presentó fuera del plazo del reglamento."


@dataclass
class Journey:
    coop: str
    benefit: str
    sample: str
    category: str
    when: datetime
    decision: str  # approve | reject
    expected: str  # what the associate reads after the decision


JOURNEYS = [
    Journey(
        "cemcop",
        "Auxilio de salud",
        "zip_cufe_named_siigo_FE239_prod.zip",
        "health",
        datetime(2025, 10, 20, 9, tzinfo=BOGOTA),
        "approve",
        "$1.500.000",
    ),
    Journey(
        "san-simon",
        "lentes",
        "inv_siigo_FE254_prod.xml",
        "optics",
        datetime(2025, 10, 20, 9, tzinfo=BOGOTA),
        "approve",
        "$142.350",
    ),
    Journey(
        "coprocenva",
        "edicamentos",
        "inv_cadena_FAC1036_prod.xml",
        "pharmacy",
        datetime(2025, 10, 20, 9, tzinfo=BOGOTA),
        "approve",
        "$1.281.150",
    ),
    # COACREMAT's reglamento governs filings from 28 Feb 2026; the October 2025
    # invoice is then past its 4-month window, and staff reject it.
    Journey(
        "coacremat",
        "salud",
        "inv_p900965992_FV12765_prod.xml",
        "health",
        datetime(2026, 3, 2, 9, tzinfo=BOGOTA),
        "reject",
        "fuera del plazo",
    ),
]


def wait_for(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def world(journey: Journey):
    spec = next(s for s in COOPERATIVES if s["slug"] == journey.coop)
    coop, _ = cooperative_upsert(**spec)
    minimum_wages_seed()
    benefits_demo_seed(today=journey.when.date())
    associate = AssociateFactory(
        cooperative=coop,
        document_number=BUYER,
        first_names="Jhon Fredy",
        last_names="Cortés Forero",
        email="jhon@example.co",
        joined_on=date(2015, 3, 1),
        data_updated_on=date(2025, 6, 1),
        inducted=True,
    )
    SavingsAccountFactory(associate=associate, number="CTA-0001", kind="Ahorro a la vista")
    staff = StaffMembershipFactory(cooperative=coop, role=StaffRole.ANALYST).user
    return coop, associate, staff


def staff_decides_in_the_admin(page, live_server, staff, request, journey):
    """The analyst, in her own browser session, opens the request in the back office and decides."""
    context = page.context.browser.new_context(
        locale="es-CO", viewport={"width": 1280, "height": 900}
    )
    office = context.new_page()
    shot = Shots(office, f"journey-{journey.coop}-staff")
    office.goto(
        f"{live_server.url}/admin/login/?next=/admin/benefits/benefitrequest/{request.pk}/change/"
    )
    office.locator("#id_username").fill(staff.username)
    office.locator("#id_password").fill(PASSWORD_STAFF)
    office.locator("input[type=submit], button[type=submit]").first.click()
    office.get_by_role("heading", name="Decidir").wait_for()
    shot("request-page")
    if journey.decision == "approve":
        office.locator("#approve-comment").fill("Cumple el reglamento.")
        office.get_by_role("button", name="Aprobar", exact=True).click()
    else:
        office.locator("#reject-reason").select_option(label=REJECTION_LABEL)
        office.get_by_role("button", name="Rechazar", exact=True).click()
    office.wait_for_load_state()
    shot("decided")
    context.close()


@pytest.mark.parametrize("journey", JOURNEYS, ids=[j.coop for j in JOURNEYS])
def test_an_associate_goes_from_registering_to_a_decision(
    journey, live_server, celery_worker, page, csp_violations
):
    with time_machine.travel(journey.when, tick=True):
        coop, associate, staff = world(journey)
        shot = Shots(page, f"journey-{journey.coop}")
        base = f"{live_server.url}/{coop.slug}/"

        page.goto(base)
        assert coop.name in page.title()
        shot("login-page")
        page.get_by_role("link", name="Regístrate").click()
        page.get_by_label("Documento de identidad").fill(BUYER)
        page.get_by_label("Correo electrónico").fill("jhon@example.co")
        page.get_by_label("Autorizo a la cooperativa").check()
        shot("register")
        page.get_by_role("button", name="Registrarse").click()
        page.get_by_text("Si tus datos coinciden").wait_for()
        shot("register-done")

        wait_for(lambda: any("Crea tu contraseña" in m.subject for m in mail.outbox))
        page.goto(live_server.url + emailed_path("Crea tu contraseña", "jhon@example.co"))
        page.locator("#id_new_password1").fill(PASSWORD)
        page.locator("#id_new_password2").fill(PASSWORD)
        shot("set-password")
        page.get_by_role("button", name="Guardar contraseña").click()
        page.get_by_text("Tu contraseña quedó lista").wait_for()

        page.get_by_label("Documento de identidad").fill(BUYER)
        page.get_by_label("Contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Iniciar sesión").click()
        page.get_by_role("heading", name="Auxilios").wait_for()
        if journey.coop == "cemcop":
            assert "Valor total del cupo" in page.content()
            assert "$1.500.000" in page.content()
        assert "Puedes solicitar ahora" in page.content()
        shot("auxilios")

        page.get_by_role("link", name="+ Solicitar auxilio").click()
        page.get_by_label(journey.benefit, exact=False).first.check()
        page.get_by_role("button", name="Continuar").click()
        page.get_by_label(associate.accounts.get().kind, exact=False).first.check()
        page.get_by_role("button", name="Guardar datos").click()
        page.get_by_text("Guardamos los datos").wait_for()
        page.get_by_label("Categoría").select_option(journey.category)
        page.locator("#id_file").set_input_files(str(SAMPLES / journey.sample))
        shot("upload")
        page.get_by_role("button", name="Subir archivo").click()
        page.get_by_text("Proveedor", exact=True).wait_for(
            timeout=30_000
        )  # the worker's facts, without reloading by hand
        shot("invoice-read")

        page.get_by_role("button", name="Solicitar auxilio").click()
        page.get_by_text("Radicamos tu solicitud").wait_for()
        shot("filed")
        request = BenefitRequest.objects.get(associate=associate)
        assert request.filing_number in page.content()
        wait_for(lambda: any("Recibimos tu solicitud" in m.subject for m in mail.outbox))
        wait_for(lambda: BenefitRequest.objects.get(pk=request.pk).status == Status.IN_REVIEW)

        request.refresh_from_db()
        if journey.decision == "approve" and request.approver == "committee":
            # COPROCENVA Art. 13: the committee decides this benefit, in session.
            committee_decides(request)
        else:
            staff_decides_in_the_admin(page, live_server, staff, request, journey)
        subject = "fue aprobada" if journey.decision == "approve" else "no fue aprobada"
        page.reload()
        assert journey.expected in page.content()
        shot("decision")
        wait_for(lambda: any(subject in m.subject for m in mail.outbox))
    assert csp_violations == []
