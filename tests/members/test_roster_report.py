import pytest

from members.roster import ImportReport, Rejection, roster_import
from tests.members.roster_files import associate, csv_file

pytestmark = pytest.mark.django_db


def test_the_summary_reads_in_spanish_with_every_count_and_rejected_line(coop):
    report = roster_import(
        cooperative=coop, file=csv_file(associate(), associate(document_number="12"))
    )

    assert str(report) == (
        "Importación de asociados para CEMCOP\n"
        "  Creados:      1\n"
        "  Actualizados: 0\n"
        "  Sin cambios:  0\n"
        "  Rechazados:   1\n"
        "Filas rechazadas:\n"
        "  Línea 3: document_number: cédula inválida «12»: debe tener entre 4 y 12 dígitos"
    )


def test_the_summary_of_a_dry_run_says_nothing_was_saved_and_names_the_file():
    report = ImportReport(
        "beneficiaries", "San Simón", file_name="familia.csv", dry_run=True, created=200_000
    )

    assert str(report).splitlines()[:3] == [
        "Importación de beneficiarios para San Simón (archivo familia.csv)",
        "SIMULACIÓN: no se guardó ningún cambio.",
        "  Creados:      200.000",
    ]


def test_the_rejected_count_is_the_number_of_rejected_rows():
    report = ImportReport("accounts", "CEMCOP", rejections=[Rejection(2, "a"), Rejection(9, "b")])

    assert report.rejected == 2
    assert str(report.rejections[1]) == "Línea 9: b"
