import pytest

from members.models import Associate, Beneficiary
from members.roster import roster_import
from tests.members.roster_files import associate, beneficiary, csv_file

pytestmark = pytest.mark.django_db


def test_a_dry_run_reports_what_would_be_created_and_writes_nothing(coop):
    report = roster_import(
        cooperative=coop, file=csv_file(associate(), associate(document_number="x")), dry_run=True
    )

    assert (report.dry_run, report.created, report.rejected) == (True, 1, 1)
    assert not Associate.objects.exists()
    assert not Associate.history.exists()


def test_a_dry_run_reports_what_would_change_and_changes_nothing(maria):
    history = Associate.history.count()

    report = roster_import(
        cooperative=maria.cooperative, file=csv_file(associate(arrears_days="90")), dry_run=True
    )

    assert report.updated == 1
    maria.refresh_from_db()
    assert maria.arrears_days == 0
    assert Associate.history.count() == history


def test_a_dry_run_of_beneficiaries_writes_nothing(maria):
    report = roster_import(
        cooperative=maria.cooperative, file=csv_file(beneficiary()), dry_run=True
    )

    assert report.created == 1
    assert not Beneficiary.objects.exists()
    assert not Beneficiary.history.exists()
