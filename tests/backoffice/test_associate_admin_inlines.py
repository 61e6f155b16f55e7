"""Family members and accounts added on an associate's admin page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Beneficiary, SavingsAccount
from tests.factories import AssociateFactory, SuperuserFactory

pytestmark = pytest.mark.django_db


def as_posted(page) -> dict:
    """The change page's forms as the browser would send them back, unchanged."""
    data = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                value = value[0] if value else ""
            data[field.html_name] = "on" if value is True else value
    return data


@pytest.fixture
def associate_page(client, ana):
    client.force_login(SuperuserFactory())
    url = reverse("admin:members_associate_change", args=[ana.pk])
    return url, as_posted(client.get(url))


def test_a_family_member_added_on_the_associates_page_is_of_their_cooperative(
    client, ana, associate_page
):
    url, data = associate_page
    prefix = "beneficiaries"
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": n + 1,
            f"{prefix}-{n}-relationship": "child",
            f"{prefix}-{n}-first_names": "Tomás",
            f"{prefix}-{n}-document_number": "1122334455",
            f"{prefix}-{n}-status": "approved",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    added = Beneficiary.objects.get(first_names="Tomás")
    assert (added.associate, added.cooperative) == (ana, ana.cooperative)
    assert added.registered_on == timezone.localdate()


def test_an_account_number_the_cooperative_already_has_is_a_form_error(client, ana, associate_page):
    url, data = associate_page
    neighbour = AssociateFactory(cooperative=ana.cooperative)
    taken = SavingsAccount.objects.create(
        cooperative=ana.cooperative, associate=neighbour, number="4000123"
    )
    prefix = "accounts"
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": n + 1,
            f"{prefix}-{n}-number": taken.number,
            f"{prefix}-{n}-kind": "Ahorro a la vista",
            f"{prefix}-{n}-active": "on",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert SavingsAccount.objects.filter(number=taken.number).count() == 1
