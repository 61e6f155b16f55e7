"""On PostgreSQL the import writes with COPY; elsewhere with simple_history's bulk helpers.

Both must leave the same rows and the same history rows.
"""

import pytest

from members import roster
from members.models import Associate, Beneficiary, SavingsAccount
from members.roster import writers
from tests.factories import AssociateFactory, StaffUserFactory
from tests.members.roster_files import account, associate, beneficiary, csv_file, pet

pytestmark = pytest.mark.django_db

IGNORED = {
    "id",
    "public_id",
    "cooperative_id",
    "associate_id",
    "updated_at",
    "history_id",
    "history_date",
}


def snapshot(model, cooperative):
    def rows(queryset):
        return sorted(
            (
                tuple(sorted((k, v) for k, v in row.items() if k not in IGNORED))
                for row in queryset.values()
            ),
            key=repr,
        )

    return rows(model.objects.filter(cooperative=cooperative)), rows(
        model.history.filter(cooperative=cooperative)
    )


def import_twice(cooperative, actor, first, second):
    AssociateFactory(
        cooperative=cooperative, document_number="1234567", first_names="María", last_names="Pérez"
    )
    roster.roster_import(cooperative=cooperative, file=csv_file(*first), actor=actor)
    roster.roster_import(cooperative=cooperative, file=csv_file(*second), actor=actor)


@pytest.mark.parametrize(
    ("model", "first", "second"),
    [
        (
            Associate,
            [associate(document_number="7654321"), associate(document_number="7777777", roles="")],
            [
                associate(document_number="7654321", arrears_days="31", roles="committee"),
                associate(document_number="7777777"),
            ],
        ),
        (Beneficiary, [beneficiary(), pet()], [beneficiary(studying="no"), pet(birth_date="")]),
        (
            SavingsAccount,
            [account(), account(number="99")],
            [account(active="no"), account(number="99")],
        ),
    ],
)
def test_the_copy_writer_leaves_the_same_rows_and_history_as_simple_history(
    coop, other_coop, monkeypatch, model, first, second
):
    staff = StaffUserFactory()
    import_twice(coop, staff, first, second)
    monkeypatch.setattr(writers, "copy_write", writers.library_write)
    import_twice(other_coop, staff, first, second)

    copied, by_library = snapshot(model, coop), snapshot(model, other_coop)

    assert copied == by_library
    assert len(copied[1]) > len(first)  # created and updated rows both have history


def test_rows_written_with_copy_get_their_defaults_and_keep_the_id_sequence_going(coop):
    roster.roster_import(
        cooperative=coop, file=csv_file(associate(), associate(document_number="7654321"))
    )

    imported = list(Associate.objects.filter(cooperative=coop))
    later = AssociateFactory(cooperative=coop)

    assert len({a.public_id for a in imported}) == 2
    assert all(a.updated_at is not None for a in imported)
    assert later.pk > max(a.pk for a in imported)
    assert {h.id for h in Associate.history.filter(history_type="+")} == {
        a.pk for a in imported
    } | {later.pk}
