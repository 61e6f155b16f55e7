import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Associate
from tests.factories import StaffMembershipFactory, SuperuserFactory, UserFactory
from tests.members.roster_files import associate, csv_text

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.members.roster_admin_urls")]

URL = "/admin/members/associate/import/"


def upload(*rows, name="asociados.csv"):
    return SimpleUploadedFile(name, csv_text(*rows).encode("utf-8-sig"), content_type="text/csv")


@pytest.fixture
def staff(coop, client):
    """An analyst of CEMCOP, logged in to the admin."""
    user = StaffMembershipFactory(cooperative=coop).user
    client.force_login(user)
    return user


def test_the_import_page_has_its_admin_url():
    assert reverse("admin:members_associate_import") == URL


def test_staff_see_only_their_cooperatives_as_choices(staff, coop, other_coop, client):
    response = client.get(URL)

    assert response.status_code == 200
    assert list(response.context["form"].fields["cooperative"].queryset) == [coop]


def test_a_superuser_may_import_into_every_cooperative(coop, other_coop, client):
    client.force_login(SuperuserFactory())

    response = client.get(URL)

    assert set(response.context["form"].fields["cooperative"].queryset) == {coop, other_coop}


def test_staff_import_into_their_cooperative_and_see_the_report(staff, coop, client):
    response = client.post(
        URL,
        {
            "cooperative": coop.pk,
            "kind": "",
            "file": upload(associate(), associate(document_number="9")),
        },
    )

    assert response.status_code == 200
    report = response.context["report"]
    assert (report.created, report.rejected, report.dry_run) == (1, 1, False)
    assert "<td>3</td><td>document_number: cédula inválida «9»" in response.text
    entry = Associate.objects.get(cooperative=coop).history.get()
    assert (entry.history_user, entry.ip_address) == (staff, "127.0.0.1")


def test_staff_of_one_cooperative_cannot_import_into_another(staff, other_coop, client):
    response = client.post(URL, {"cooperative": other_coop.pk, "file": upload(associate())})

    assert response.status_code == 200
    assert response.context["report"] is None
    assert "cooperative" in response.context["form"].errors
    assert not Associate.objects.exists()


def test_the_dry_run_box_shows_the_report_and_saves_nothing(staff, coop, client):
    response = client.post(
        URL, {"cooperative": coop.pk, "file": upload(associate()), "dry_run": "on"}
    )

    assert response.context["report"].created == 1
    assert "Simulación: no se guardó ningún cambio." in response.text
    assert not Associate.objects.exists()


def test_an_unknown_header_is_shown_as_an_error_of_the_file(staff, coop, client):
    bad = SimpleUploadedFile("x.csv", b"cedula,nombre\n1,Ana\n")

    response = client.post(URL, {"cooperative": coop.pk, "file": bad})

    assert "No se reconoce el encabezado" in response.context["form"].errors["file"][0]


def test_staff_without_a_cooperative_are_refused(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(URL).status_code == 403


def test_people_who_are_not_staff_are_sent_to_the_admin_login(client):
    client.force_login(UserFactory())

    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
