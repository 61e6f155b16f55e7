import pytest

from members.models import SavingsAccount
from members.roster import roster_import
from tests.factories import SavingsAccountFactory
from tests.members.roster_files import account, csv_file

pytestmark = pytest.mark.django_db


def test_it_creates_the_savings_accounts_of_associates_on_the_roster(maria):
    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file(account(), account(number="4009999999", kind="", active="no")),
    )

    assert (report.kind, report.created, report.rejected) == ("accounts", 2, 0)
    first, second = SavingsAccount.objects.order_by("number")
    assert (first.associate, first.cooperative, first.kind, first.active) == (
        maria,
        maria.cooperative,
        "Ahorro a la vista",
        True,
    )
    assert (second.kind, second.active) == ("Ahorro a la vista", False)


def test_it_updates_an_account_that_was_closed(maria):
    roster_import(cooperative=maria.cooperative, file=csv_file(account()))

    report = roster_import(
        cooperative=maria.cooperative, file=csv_file(account(active="0", kind="Ahorro programado"))
    )

    assert (report.created, report.updated) == (0, 1)
    closed = SavingsAccount.objects.get()
    assert (closed.active, closed.kind) == (False, "Ahorro programado")
    assert closed.history.count() == 2


def test_reimporting_the_same_accounts_changes_nothing_and_writes_no_history(maria):
    roster_import(cooperative=maria.cooperative, file=csv_file(account()))
    history = SavingsAccount.history.count()

    report = roster_import(cooperative=maria.cooperative, file=csv_file(account()))

    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert SavingsAccount.history.count() == history


def test_a_file_with_only_the_key_columns_keeps_kind_and_state(maria):
    roster_import(cooperative=maria.cooperative, file=csv_file(account(kind="CDAT", active="no")))

    report = roster_import(
        cooperative=maria.cooperative,
        file=csv_file({"associate_document_number": "1234567", "number": "4001234567"}),
    )

    assert report.unchanged == 1
    assert SavingsAccount.objects.filter(kind="CDAT", active=False).count() == 1


def test_an_account_number_typed_with_spaces_in_the_admin_is_matched_not_duplicated(maria):
    SavingsAccountFactory(associate=maria, number="4001 234 567")

    report = roster_import(cooperative=maria.cooperative, file=csv_file(account()))

    assert (report.created, report.updated) == (0, 1)
    assert SavingsAccount.objects.get().number == "4001234567"
