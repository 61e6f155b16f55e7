"""What the portal tells the rule engine about a request's people (benefits.facts)."""

import pytest

from benefits.facts import arrears_days_at, beneficiary_facts, history_of
from benefits.services.requests import Actor, request_approve
from members.models import Relationship
from tests.backoffice.helpers import file_request, set_budget, staff_member
from tests.factories import BeneficiaryFactory
from tests.portal.conftest import make_associate, make_cooperative

pytestmark = pytest.mark.django_db


def test_two_parents_imported_without_birth_dates_are_two_people_to_the_rules():
    from members.models import StaffRole

    coop = make_cooperative("coacremat", "COACREMAT", "CMT")
    set_budget(coop, "solidarity", 50_000_000)
    associate = make_associate(coop, document_number="27000111")
    father, mother = (
        BeneficiaryFactory(associate=associate, relationship=Relationship.PARENT, birth_date=None)
        for _ in range(2)
    )
    paid = file_request(associate, "muerte_familiar", amount=1_500_000, beneficiary=father)
    request_approve(request=paid, actor=Actor(staff_member(coop, StaffRole.ANALYST)))

    [entry] = history_of(associate)

    assert entry.beneficiary.same_person(beneficiary_facts(father))
    assert not entry.beneficiary.same_person(beneficiary_facts(mother))


def test_arrears_run_up_after_the_event_do_not_count_as_arrears_at_the_event():
    from datetime import date

    read_on = date(2026, 5, 5)  # the roster said 56 days that day

    def at_event(event, read_on=read_on):
        return arrears_days_at(56, read_on=read_on, event_date=event)

    assert at_event(date(2026, 3, 10)) == 0  # 56 days before: not yet due at the death
    assert at_event(date(2026, 4, 20)) == 41  # 15 days before
    assert at_event(date(2026, 5, 5)) == 56
    assert at_event(date(2026, 5, 20)) == 56  # a figure older than the event: nothing deduced
    assert at_event(date(2026, 3, 10), read_on=None) == 56  # unknown day: nothing deduced


def test_an_associates_roster_import_records_the_day_its_arrears_were_read():
    import io

    from django.utils import timezone

    from members.roster.service import roster_import
    from tests.members.roster_files import associate, csv_text

    coop = make_cooperative("coprocenva", "COPROCENVA", "CPV")
    text = csv_text(associate(document_number="61000113", arrears_days="35"))

    report = roster_import(cooperative=coop, file=io.StringIO(text), kind="associates")

    coop.refresh_from_db()
    assert not report.rejections and coop.roster_read_on == timezone.localdate()


def test_the_rules_get_the_arrears_at_the_event_of_the_request():
    from datetime import timedelta

    from benefits.facts import case_for_request
    from benefits.models import Benefit
    from benefits.services.requests import request_create, request_update

    coop = make_cooperative("coprocenva", "COPROCENVA", "CPV")
    associate = make_associate(coop, document_number="61000112", arrears_days=56)
    request = request_create(
        associate=associate,
        benefit=Benefit.objects.get(cooperative=coop, code="muerte_asociado"),
        actor=Actor(),
    )
    filed = request.created_at.date()
    type(coop).objects.filter(pk=coop.pk).update(roster_read_on=filed - timedelta(days=10))
    request_update(request=request, actor=Actor(), event_date=filed - timedelta(days=50))
    request.refresh_from_db()

    request.cooperative.refresh_from_db()

    case = case_for_request(request, requested_on=filed)

    # Read 40 days after the event: 56 then means at most 16 at the event.
    assert case.associate.arrears_days == 56 and case.associate.arrears_days_at_event == 16
