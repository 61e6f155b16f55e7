from datetime import date

import pytest

from members.models import Associate
from members.roster import roster_import
from tests.factories import AssociateFactory, StaffUserFactory
from tests.members.roster_files import associate, csv_file

pytestmark = pytest.mark.django_db


def test_it_creates_the_associates_of_a_new_file(coop):
    report = roster_import(
        cooperative=coop, file=csv_file(associate(), associate(document_number="7654321", roles=""))
    )

    assert (report.created, report.updated, report.unchanged, report.rejected) == (2, 0, 0, 0)
    maria = Associate.objects.get(cooperative=coop, document_number="1234567")
    assert maria.first_names == "María José"
    assert maria.last_names == "Pérez Gómez"
    assert maria.email == "maria@example.com"
    assert maria.birth_date == date(1980, 5, 17)
    assert maria.gender == "F"
    assert maria.joined_on == date(2012, 3, 15)
    assert maria.status == Associate.Status.ACTIVE
    assert maria.data_updated_on == date(2026, 1, 31)
    assert maria.sanctioned_on is None
    assert (maria.inducted, maria.pensioner, maria.married) == (True, False, True)
    assert maria.roles == ["council", "committee"]
    assert maria.agency == "Principal"
    assert Associate.objects.get(document_number="7654321").roles == []


def test_it_reads_cedulas_written_with_dots_or_spaces(coop):
    roster_import(
        cooperative=coop,
        file=csv_file(
            associate(document_number="1.234.567"), associate(document_number=" 79 876 543 ")
        ),
    )

    assert set(Associate.objects.values_list("document_number", flat=True)) == {
        "1234567",
        "79876543",
    }


def test_it_reads_dates_written_day_first(coop):
    roster_import(
        cooperative=coop, file=csv_file(associate(joined_on="05/03/2012", birth_date="17/5/1980"))
    )

    maria = Associate.objects.get()
    assert (maria.joined_on, maria.birth_date) == (date(2012, 3, 5), date(1980, 5, 17))


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("si", True),
        ("Sí", True),
        ("S", True),
        ("TRUE", True),
        ("1", True),
        ("no", False),
        ("n", False),
        ("False", False),
        ("0", False),
    ],
)
def test_it_reads_every_spelling_of_yes_and_no(coop, written, read):
    roster_import(cooperative=coop, file=csv_file(associate(pensioner=written)))

    assert Associate.objects.get().pensioner is read


def test_it_reads_statuses_in_spanish_and_stores_roles_in_one_order(coop):
    roster_import(
        cooperative=coop, file=csv_file(associate(status="Retirado", roles="committee | council"))
    )

    maria = Associate.objects.get()
    assert maria.status == Associate.Status.RETIRED
    assert maria.roles == ["council", "committee"]


def test_empty_optional_cells_take_the_field_defaults(coop):
    row = associate(
        email="", phone="", birth_date="", gender="", arrears_days="", inducted="", roles=""
    )

    roster_import(cooperative=coop, file=csv_file(row))

    maria = Associate.objects.get()
    assert (maria.email, maria.birth_date, maria.gender, maria.arrears_days, maria.inducted) == (
        "",
        None,
        "",
        0,
        False,
    )


def test_it_updates_changed_fields_and_records_one_history_row_per_associate(coop):
    roster_import(
        cooperative=coop, file=csv_file(associate(), associate(document_number="7654321"))
    )
    before = Associate.history.count()

    report = roster_import(
        cooperative=coop,
        file=csv_file(
            associate(arrears_days="45", status="suspended"), associate(document_number="7654321")
        ),
    )

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    maria = Associate.objects.get(document_number="1234567")
    assert (maria.arrears_days, maria.status) == (45, Associate.Status.SUSPENDED)
    assert maria.first_names == "María José"
    assert Associate.history.count() == before + 1
    change = maria.history.latest()
    assert change.history_type == "~"
    assert (change.arrears_days, change.status, change.first_names) == (
        45,
        "suspended",
        "María José",
    )


def test_an_update_moves_the_associates_updated_at(coop):
    roster_import(cooperative=coop, file=csv_file(associate()))
    first = Associate.objects.get().updated_at

    roster_import(cooperative=coop, file=csv_file(associate(phone="3109998877")))

    assert Associate.objects.get().updated_at > first


def test_reimporting_the_same_file_changes_nothing_and_writes_no_history(coop):
    rows = [associate(), associate(document_number="7654321", email="", birth_date="")]
    roster_import(cooperative=coop, file=csv_file(*rows))
    history = Associate.history.count()
    updated_at = dict(Associate.objects.values_list("pk", "updated_at"))

    report = roster_import(cooperative=coop, file=csv_file(*rows))

    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 2, 0)
    assert Associate.history.count() == history
    assert dict(Associate.objects.values_list("pk", "updated_at")) == updated_at


def test_associates_missing_from_the_file_are_left_alone(coop):
    absent = AssociateFactory(cooperative=coop, status=Associate.Status.ACTIVE)

    roster_import(cooperative=coop, file=csv_file(associate()))

    absent.refresh_from_db()
    assert absent.status == Associate.Status.ACTIVE
    assert Associate.objects.count() == 2


def test_a_column_left_out_of_the_header_keeps_its_stored_value(coop):
    AssociateFactory(
        cooperative=coop, document_number="1234567", email="on-file@example.com", agency="Norte"
    )
    row = associate(first_names="María José")
    del row["email"], row["agency"]

    report = roster_import(cooperative=coop, file=csv_file(row))

    assert report.updated == 1
    maria = Associate.objects.get()
    assert (maria.email, maria.agency, maria.first_names) == (
        "on-file@example.com",
        "Norte",
        "María José",
    )


def test_the_history_names_the_import_and_the_staff_member_who_ran_it(coop, tmp_path):
    staff = StaffUserFactory()
    path = tmp_path / "padron-2026-11.csv"
    path.write_text(csv_file(associate()).getvalue(), encoding="utf-8")

    roster_import(cooperative=coop, file=path, actor=staff)

    created = Associate.objects.get().history.get()
    assert created.history_type == "+"
    assert created.history_user == staff
    assert (
        created.history_change_reason == "Importación del padrón de asociados (padron-2026-11.csv)"
    )
