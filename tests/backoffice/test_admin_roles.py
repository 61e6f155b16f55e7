"""What each role may see and do in its own cooperative's back office (members.roles).

Analysts review and decide what the rules leave to the administration and
prepare sessions; committee and council members vote; the council sets budgets,
policies and the committee's groups; treasury builds and pays disbursement
batches. Anything else is refused (403), or invisible (404) where the role may
not even see the object.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from benefits.models import BackOfficePolicy, BenefitRequest, DisbursementBatch, FundBudget
from benefits.states import Status
from tests.backoffice.helpers import file_request
from tests.backoffice.world import build_world
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

OK = "ok"  # 200, or 302 to a page of the back office after a successful action


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


def probes(world, staff):
    """(name, method, url or callable giving it, data, check after) — each on its own fresh object."""
    ana = world["associate"]

    def fresh():
        return file_request(ana, "plan_exequial", amount=10_000)

    def request_url(name):
        return lambda: reverse(f"admin:benefits_benefitrequest_{name}", args=[fresh().pk])

    budget = world["budget"]
    meeting = world["meeting"]
    return [
        ("list of requests", "get", reverse("admin:benefits_benefitrequest_changelist"), None),
        (
            "a request's page",
            "get",
            reverse("admin:benefits_benefitrequest_change", args=[world["approved"].pk]),
            None,
        ),
        ("queues", "get", reverse("admin:benefits_benefitrequest_queues"), None),
        ("dashboard", "get", reverse("admin:benefits_benefitrequest_dashboard"), None),
        ("quarterly report", "get", reverse("admin:benefits_benefitrequest_report"), None),
        (
            "decision letter",
            "get",
            reverse(
                "admin:benefits_benefitrequest_decision_letter",
                args=[world["approved"].pk, world["decision"].pk],
            ),
            None,
        ),
        ("approve", "post", request_url("approve"), {"comment": ""}),
        ("reject", "post", request_url("reject"), {"reason": world["reason"].pk, "comment": "x"}),
        ("ask for a document", "post", request_url("ask_documents"), {"needed": "La cédula."}),
        (
            "refer to the committee",
            "post",
            request_url("refer"),
            {"referral": "exception", "reason": "x"},
        ),
        (
            "download a document",
            "get",
            reverse("admin:invoices_document_download", args=[world["document"].pk]),
            None,
        ),
        ("sessions", "get", reverse("admin:benefits_committeemeeting_changelist"), None),
        ("convene a session", "get", reverse("admin:benefits_committeemeeting_add"), None),
        (
            "the acta",
            "get",
            reverse("admin:benefits_committeemeeting_minutes", args=[meeting.pk]),
            None,
        ),
        (
            "record attendance",
            "post",
            reverse("admin:benefits_committeemeeting_attendance", args=[meeting.pk]),
            {
                "members": [m.pk for m in staff.committee],
                "president": staff.committee[0].pk,
                "secretary": staff.committee[1].pk,
            },
        ),
        (
            "change a budget",
            "post",
            reverse("admin:benefits_fundbudget_change", args=[budget.pk]),
            {"budget": str(budget.budget + 1), "change_reason": "Acta 99"},
        ),
        (
            "change the policy",
            "post",
            reverse("admin:benefits_backofficepolicy_change", args=[world["policy"].pk]),
            {
                "committee_quorum": 4,
                "committee_name": "Comité de solidaridad y bienestar social",
                "council_quorum": 3,
                "exceptions_body": "committee",
                "exceptions_article": "",
                "committee_groups_article": "",
                "payout_max_arrears_days": 0,
                "payout_article": "",
                "deadline_warning_days": 2,
            },
        ),
        ("seat a committee member", "get", reverse("admin:benefits_committeeseat_add"), None),
        ("build a batch", "get", reverse("admin:benefits_disbursementbatch_build"), None),
        (
            "download a batch",
            "get",
            reverse("admin:benefits_disbursementbatch_csv", args=[world["batch"].pk]),
            None,
        ),
        (
            "pay a batch",
            "post",
            reverse("admin:benefits_disbursementbatch_pay", args=[world["batch"].pk]),
            {"bank_reference": "R-1"},
        ),
        ("the outbox", "get", reverse("admin:notifications_notification_changelist"), None),
    ]


EXPECTED = {
    "analyst": {
        "approve": OK,
        "reject": OK,
        "ask for a document": OK,
        "refer to the committee": OK,
        "download a document": OK,
        "convene a session": OK,
        "record attendance": OK,
        "the outbox": OK,
        "change a budget": 403,
        "change the policy": 403,
        "seat a committee member": 403,
        "build a batch": 404,
        "pay a batch": 403,
        "download a batch": OK,
    },
    "committee": {
        "approve": 403,
        "reject": 403,
        "ask for a document": 403,
        "refer to the committee": 403,
        "download a document": OK,
        "convene a session": 403,
        "record attendance": OK,
        "the outbox": 403,
        "change a budget": 403,
        "change the policy": 403,
        "seat a committee member": 403,
        "build a batch": 404,
        "pay a batch": 404,
        "download a batch": 404,
    },
    "council": {
        "approve": 403,
        "reject": 403,
        "ask for a document": 403,
        "refer to the committee": 403,
        "download a document": OK,
        "convene a session": 403,
        "record attendance": OK,
        "the outbox": 403,
        "change a budget": OK,
        "change the policy": OK,
        "seat a committee member": OK,
        "build a batch": 404,
        "pay a batch": 403,
        "download a batch": OK,
    },
    "treasury": {
        "approve": 403,
        "reject": 403,
        "ask for a document": 403,
        "refer to the committee": 403,
        "download a document": 404,
        "sessions": 403,
        "convene a session": 403,
        "the acta": 404,
        "record attendance": 404,
        "the outbox": 403,
        "change a budget": 403,
        "change the policy": 403,
        "seat a committee member": 403,
        "build a batch": OK,
        "pay a batch": OK,
        "download a batch": OK,
    },
}


def outcome(response) -> object:
    if response.status_code == 200:
        return OK
    if (
        response.status_code == 302
        and response["Location"].startswith("/admin/")
        and "login" not in response["Location"]
    ):
        return OK
    return response.status_code


def user_for(role, staff):
    return {
        "analyst": staff.analyst,
        "committee": staff.committee[0],
        "council": staff.council,
        "treasury": staff.treasury,
    }[role]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_may_do_what_its_job_needs_and_nothing_else(client, world, staff, role):
    client.raise_request_exception = False
    client.force_login(user_for(role, staff))
    results = {}
    for name, method, url, data in probes(world, staff):
        url = url() if callable(url) else url
        response = client.get(url) if method == "get" else client.post(url, data)
        results[name] = outcome(response)
    expected = {name: EXPECTED[role].get(name, OK) for name in results}
    assert results == expected


def test_an_analysts_approval_through_the_page_is_recorded_and_a_committee_members_is_not(
    client, world, staff
):
    request = file_request(world["associate"], "plan_exequial", amount=10_000)
    client.force_login(staff.committee[0])
    client.post(
        reverse("admin:benefits_benefitrequest_approve", args=[request.pk]), {"comment": ""}
    )
    assert BenefitRequest.objects.get(pk=request.pk).status == Status.IN_REVIEW
    client.force_login(staff.analyst)
    client.post(
        reverse("admin:benefits_benefitrequest_approve", args=[request.pk]), {"comment": "Listo"}
    )
    request.refresh_from_db()
    assert request.status == Status.APPROVED and request.events.last().actor == staff.analyst


def test_the_council_changes_a_budget_with_its_reason_in_the_audit_trail(client, world, staff):
    budget = world["budget"]
    client.force_login(staff.council)
    client.post(
        reverse("admin:benefits_fundbudget_change", args=[budget.pk]),
        {"budget": "999999999", "change_reason": "Acuerdo 12 del consejo"},
        REMOTE_ADDR="10.1.2.3",
    )
    budget.refresh_from_db()
    assert budget.budget == Decimal("999999999")
    record = budget.history.first()
    assert (
        record.history_user == staff.council
        and record.history_change_reason == "Acuerdo 12 del consejo"
    )
    assert record.ip_address == "10.1.2.3"
    page = client.get(reverse("admin:benefits_fundbudget_change", args=[budget.pk]))
    assert (
        "Acuerdo 12 del consejo" in page.text and "10.1.2.3" in page.text and "cuadra" in page.text
    )


def test_a_budget_cannot_drop_below_what_is_committed(client, world, staff):
    budget = FundBudget.objects.get(pk=world["budget"].pk)
    client.force_login(staff.council)
    page = client.post(
        reverse("admin:benefits_fundbudget_change", args=[budget.pk]), {"budget": "1"}
    )
    assert page.status_code == 200 and "comprometidos" in page.text
    assert FundBudget.objects.get(pk=budget.pk).budget == budget.budget


def test_a_superuser_sees_and_does_everything(client, world, staff):
    client.force_login(SuperuserFactory())
    for name, method, url, _data in probes(world, staff):
        if method == "get":
            url = url() if callable(url) else url
            assert outcome(client.get(url)) == OK, name


def test_an_associate_account_never_enters_the_back_office(client, world):
    client.force_login(world["associate"].user, backend="members.backends.AssociateBackend")
    response = client.get(reverse("admin:benefits_benefitrequest_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_policy_change_is_audited(client, world, staff):
    client.force_login(staff.council)
    response = client.post(
        reverse("admin:benefits_backofficepolicy_change", args=[world["policy"].pk]),
        {
            "committee_quorum": 4,
            "committee_name": "Comité de Solidaridad",
            "council_quorum": 3,
            "exceptions_body": "committee",
            "exceptions_article": "Art. 10",
            "committee_groups_article": "",
            "payout_max_arrears_days": 0,
            "payout_article": "",
            "deadline_warning_days": 2,
        },
    )
    assert response.status_code == 302
    policy = BackOfficePolicy.objects.get(pk=world["policy"].pk)
    assert policy.committee_quorum == 4 and policy.history.first().history_user == staff.council
    assert policy.committee_name == "Comité de Solidaridad"


def test_treasury_pays_the_batch_and_associates_are_paid(client, world, staff):
    client.force_login(staff.treasury)
    client.post(
        reverse("admin:benefits_disbursementbatch_pay", args=[world["batch"].pk]),
        {"bank_reference": "R"},
    )
    assert (
        DisbursementBatch.objects.get(pk=world["batch"].pk).status == DisbursementBatch.Status.PAID
    )
    assert BenefitRequest.objects.get(pk=world["approved"].pk).status == Status.PAID


def test_an_approval_landing_while_a_budget_is_lowered_is_a_message_not_an_error_page(
    client, world, staff, monkeypatch
):
    from django.contrib.admin.models import LogEntry

    import benefits.admin.funds as funds_admin

    budget = FundBudget.objects.get(pk=world["budget"].pk)
    lowered = budget.committed + 1  # the form's check passes…
    real_save = funds_admin.fund_budget_save

    def approval_lands_first(**kwargs):  # …and an approval commits more before the service runs
        FundBudget.objects.filter(pk=budget.pk).update(committed=lowered + 1)
        return real_save(**kwargs)

    monkeypatch.setattr(funds_admin, "fund_budget_save", approval_lands_first)
    client.force_login(staff.council)
    url = reverse("admin:benefits_fundbudget_change", args=[budget.pk])
    page = client.post(url, {"budget": str(lowered), "change_reason": "Acta 3"}, follow=True)
    assert page.status_code == 200
    assert page.redirect_chain == [(url, 302)]
    assert "comprometidos" in page.text and "con éxito" not in page.text
    assert FundBudget.objects.get(pk=budget.pk).budget == budget.budget
    assert not LogEntry.objects.filter(object_id=str(budget.pk)).exists()


def test_the_budgets_execution_is_written_with_a_decimal_comma(client, world, staff):
    budget = FundBudget.objects.get(pk=world["budget"].pk)
    client.force_login(staff.council)
    page = client.get(reverse("admin:benefits_fundbudget_changelist"))
    share = f"{budget.committed * 100 / budget.budget:.1f}".replace(".", ",")
    assert f"{share} %" in page.text


def test_a_fund_with_no_budget_this_year_shows_no_execution_instead_of_failing(
    client, world, staff
):
    FundBudget.objects.filter(pk=world["budget"].pk).update(budget=0, committed=0)
    client.force_login(staff.council)
    page = client.get(reverse("admin:benefits_fundbudget_changelist"))
    assert page.status_code == 200
    assert '<td class="field-execution">—</td>' in page.text


def test_an_analyst_here_who_only_votes_there_convenes_sessions_here_only(
    client, cemcop, san_simon
):
    from benefits.models import CommitteeMeeting
    from members.models import StaffRole
    from tests.backoffice.helpers import staff_member
    from tests.factories import StaffMembershipFactory

    person = staff_member(cemcop, StaffRole.ANALYST, document_number="70000999")
    StaffMembershipFactory(user=person, cooperative=san_simon, role=StaffRole.COMMITTEE)
    client.force_login(person)
    add = reverse("admin:benefits_committeemeeting_add")

    form = client.get(add).context["adminform"].form
    assert list(form.fields["cooperative"].queryset) == [cemcop]
    refused = client.post(
        add, {"cooperative": san_simon.pk, "body": "committee", "held_on": "2026-03-10"}
    )
    assert refused.status_code == 200 and "Escoja una opción válida" in refused.text
    assert not CommitteeMeeting.objects.filter(cooperative=san_simon).exists()
    convened = client.post(
        add, {"cooperative": cemcop.pk, "body": "committee", "held_on": "2026-03-10"}
    )
    assert convened.status_code == 302
    assert CommitteeMeeting.objects.filter(cooperative=cemcop).count() == 1
