"""The draft's details form: what the associate saved is what the form shows again."""

from decimal import Decimal

import pytest

from benefits.forms import NumberField, RequestDetailsForm
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


@pytest.fixture
def event_draft(paternity_draft):
    paternity_draft.event_date = paternity_draft.created_at.date()
    return paternity_draft


def posted(draft, **fields):
    return {
        "savings_account": draft.associate.accounts.get().pk,
        "event_date": draft.event_date.isoformat(),
        **fields,
    }


@pytest.mark.parametrize(
    ("written", "pesos"),
    [
        ("1750905", 1750905),
        ("1.750.905", 1750905),
        ("$1.750.905", 1750905),
        ("$ 1.750.905,00", 1750905),
        ("1500", 1500),
    ],
)
def test_an_amount_is_read_as_people_write_pesos(event_draft, written, pesos):
    form = RequestDetailsForm(
        posted(event_draft, amount_claimed=written), benefit_request=event_draft
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount_claimed"] == pesos


@pytest.mark.parametrize(
    "written", ["9" * 20, "9" * 40 + ",00", "1e400", "mil pesos", "1.750.905,50"]
)
def test_an_amount_that_is_no_whole_pesos_is_a_spanish_error_not_a_crash(event_draft, written):
    form = RequestDetailsForm(
        posted(event_draft, amount_claimed=written), benefit_request=event_draft
    )
    assert not form.is_valid()
    (message,) = form.errors["amount_claimed"]
    assert message.startswith(("Escribe", "Asegúrese")), message


@pytest.mark.parametrize(
    ("written", "number"),
    [("4,5", "4.5"), ("4.5", "4.5"), ("1.500,25", "1500.25"), ("0,85", "0.85")],
)
def test_a_decimal_comma_is_a_decimal(written, number):
    assert NumberField().clean(written) == Decimal(number)


def test_a_saved_number_reads_back_as_itself():
    from benefits.forms import PesosField

    for field, stored in [
        (NumberField(max_value=1), "0.850"),
        (NumberField(max_value=5), "4.500"),
        (PesosField(), Decimal("1750905.00")),
    ]:
        assert field.clean(field.as_written(stored)) == Decimal(stored)


def test_the_form_shows_a_saved_amount_as_people_write_it(event_draft):
    event_draft.amount_claimed = Decimal("1750905.00")
    form = RequestDetailsForm(benefit_request=event_draft)
    assert form["amount_claimed"].value() == "1750905"
