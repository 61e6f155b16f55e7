"""One database, four cooperatives: a row of one is never reachable through another."""

import pytest
from django.urls import reverse

from members.models import Associate, Beneficiary, SavingsAccount, StaffRole
from tests.factories import (
    PASSWORD,
    AssociateFactory,
    AssociateUserFactory,
    CooperativeFactory,
    StaffMembershipFactory,
    SuperuserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cemcop():
    return CooperativeFactory(slug="cemcop", name="CEMCOP", roster=2)


@pytest.fixture
def san_simon():
    return CooperativeFactory(slug="san-simon", name="San Simón", roster=2)


@pytest.mark.parametrize("model", [Associate, Beneficiary, SavingsAccount])
def test_a_cooperatives_queryset_holds_only_its_own_rows(model, cemcop, san_simon):
    mine = model.objects.for_cooperative(cemcop)
    assert mine.count() == 2
    assert set(mine.values_list("cooperative_id", flat=True)) == {cemcop.pk}


@pytest.mark.parametrize("model", [Associate, Beneficiary, SavingsAccount])
def test_staff_see_only_the_cooperatives_they_belong_to(model, cemcop, san_simon):
    staff = StaffMembershipFactory(cooperative=san_simon, role=StaffRole.ANALYST).user
    assert set(model.objects.visible_to(staff).values_list("cooperative_id", flat=True)) == {
        san_simon.pk
    }


def test_a_superuser_sees_every_cooperative(cemcop, san_simon):
    assert Associate.objects.visible_to(SuperuserFactory()).count() == 4


def test_an_associate_sees_only_their_own_cooperative(cemcop, san_simon):
    user = AssociateUserFactory(associate=Associate.objects.for_cooperative(cemcop).first())
    assert set(Associate.objects.visible_to(user).values_list("cooperative_id", flat=True)) == {
        cemcop.pk
    }


def test_an_unknown_cooperative_prefix_is_a_404(client):
    assert client.get("/no-existe/").status_code == 404


def test_each_cooperative_has_its_own_page_with_its_own_name(client, cemcop, san_simon):
    page = client.get(reverse("cooperative_home", kwargs={"coop": "cemcop"}))
    assert page.status_code == 200
    assert "CEMCOP" in page.text and "San Simón" not in page.text


def test_the_home_page_lists_the_cooperatives(client, cemcop, san_simon):
    page = client.get("/")
    assert "/cemcop/" in page.text and "/san-simon/" in page.text


def test_the_theme_is_the_cooperatives_own_colours(client, cemcop):
    css = client.get(reverse("cooperative_theme", kwargs={"coop": "cemcop"}))
    assert css["Content-Type"].startswith("text/css")
    assert cemcop.primary_color in css.text


class TestTheSameCedulaAtTwoCooperatives:
    @pytest.fixture
    def ana(self, cemcop, san_simon):
        at_cemcop = AssociateUserFactory(
            associate=AssociateFactory(cooperative=cemcop, document_number="52123456")
        )
        at_san_simon = AssociateUserFactory(
            associate=AssociateFactory(cooperative=san_simon, document_number="52123456"),
            password="otra-clave-de-san-simon",
        )
        return at_cemcop, at_san_simon

    def test_they_are_two_roster_entries_and_two_accounts(self, ana):
        at_cemcop, at_san_simon = ana
        assert at_cemcop.pk != at_san_simon.pk
        assert at_cemcop.associate.pk != at_san_simon.associate.pk
        assert Associate.objects.filter(document_number="52123456").count() == 2

    def test_each_password_opens_only_its_own_cooperative(self, client, ana):
        login = {"document_number": "52123456", "password": PASSWORD}
        response = client.post(reverse("cooperative_home", kwargs={"coop": "san-simon"}), login)
        assert response.status_code == 200  # the form again: wrong password for San Simón
        assert "no son correctos" in response.text
        response = client.post(reverse("cooperative_home", kwargs={"coop": "cemcop"}), login)
        assert response.status_code == 302
        assert response["Location"] == reverse("dashboard", kwargs={"coop": "cemcop"})

    def test_a_session_at_one_cooperative_opens_nothing_at_the_other(self, client, ana):
        at_cemcop, _ = ana
        client.force_login(at_cemcop, backend="members.backends.AssociateBackend")
        response = client.get(reverse("dashboard", kwargs={"coop": "san-simon"}))
        assert response.status_code == 302
        assert response["Location"].startswith(
            reverse("cooperative_home", kwargs={"coop": "san-simon"})
        )


class TestTheAdminIsScopedByCooperative:
    def test_staff_of_one_cooperative_list_none_of_the_others_associates(
        self, client, cemcop, san_simon
    ):
        staff = StaffMembershipFactory(cooperative=san_simon, role=StaffRole.ANALYST).user
        client.force_login(staff)
        page = client.get(reverse("admin:members_associate_changelist"))
        assert page.status_code == 200
        for associate in Associate.objects.for_cooperative(cemcop):
            assert associate.document_number not in page.text
        for associate in Associate.objects.for_cooperative(san_simon):
            assert associate.document_number in page.text

    def test_staff_get_a_404_for_the_other_cooperatives_object(self, client, cemcop, san_simon):
        staff = StaffMembershipFactory(cooperative=san_simon, role=StaffRole.ANALYST).user
        client.force_login(staff)
        other = Associate.objects.for_cooperative(cemcop).first()
        page = client.get(reverse("admin:members_associate_change", args=[other.pk]))
        assert page.status_code in (
            302,
            404,
        )  # the admin redirects to its index with "doesn't exist"
        assert other.document_number not in client.get(page.get("Location", "/admin/")).text

    def test_staff_cannot_read_the_other_cooperatives_history(self, client, cemcop, san_simon):
        staff = StaffMembershipFactory(cooperative=san_simon, role=StaffRole.ANALYST).user
        client.force_login(staff)
        other = Associate.objects.for_cooperative(cemcop).first()
        assert (
            client.get(reverse("admin:members_associate_history", args=[other.pk])).status_code
            == 403
        )
