"""The draft's details form: what the associate saved is what the form shows again."""

import pytest

from benefits.forms import RequestDetailsForm
from benefits.models import Benefit
from benefits.services import Actor, request_create
from tests.portal.conftest import make_associate, make_cooperative

pytestmark = pytest.mark.django_db


@pytest.fixture
def paternity_draft():
    coprocenva = make_cooperative("coprocenva", "COPROCENVA", "CPV")
    father = make_associate(coprocenva, gender="M")
    benefit = Benefit.objects.for_cooperative(coprocenva).get(code="licencia_paternidad")
    return request_create(associate=father, benefit=benefit, actor=Actor(user=father.user))


@pytest.mark.parametrize(("saved", "shown"), [(True, "true"), (False, "false")])
def test_a_saved_yes_or_no_answer_is_shown_checked_again(paternity_draft, saved, shown):
    paternity_draft.details = {"premature": saved}
    field = RequestDetailsForm(benefit_request=paternity_draft)["detail_premature"]
    checked = [choice for choice in field.subwidgets if choice.data["selected"]]
    assert [choice.data["value"] for choice in checked] == [shown]


def test_saving_the_form_as_shown_keeps_a_yes_or_no_answer(paternity_draft):
    paternity_draft.details = {"premature": False}
    paternity_draft.event_date = paternity_draft.created_at.date()
    shown = RequestDetailsForm(benefit_request=paternity_draft)
    posted = {
        name: field.value()
        for name, field in ((name, shown[name]) for name in shown.fields)
        if field.value() not in (None, "")
    }
    posted["savings_account"] = paternity_draft.associate.accounts.get().pk
    form = RequestDetailsForm(posted, benefit_request=paternity_draft)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["details"] == {"premature": False}
