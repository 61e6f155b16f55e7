"""What a roster file may look like: header detection, delimiters, BOM, encodings."""

import io

import pytest

from members.models import Associate
from members.roster import Rejection, RosterFileError, roster_import
from tests.members.roster_files import account, associate, beneficiary, csv_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        (associate(document_number="7654321"), "associates"),
        (beneficiary(), "beneficiaries"),
        (account(), "accounts"),
    ],
)
def test_the_kind_of_file_is_detected_from_its_header(maria, row, kind):
    report = roster_import(cooperative=maria.cooperative, file=io.StringIO(csv_text(row)))

    assert (report.kind, report.created, report.rejected) == (kind, 1, 0)


def test_a_semicolon_separated_file_with_a_bom_is_read(coop, tmp_path):
    path = tmp_path / "asociados.csv"
    path.write_bytes(
        csv_text(associate(), associate(document_number="7654321"), delimiter=";").encode(
            "utf-8-sig"
        )
    )

    report = roster_import(cooperative=coop, file=path)

    assert (report.kind, report.created, report.rejected) == ("associates", 2, 0)
    assert Associate.objects.get(document_number="1234567").last_names == "Pérez Gómez"


def test_an_uploaded_binary_stream_with_windows_line_endings_is_read(coop):
    data = (
        csv_text(associate(), associate(document_number="x"))
        .replace("\n", "\r\n")
        .encode("utf-8-sig")
    )

    report = roster_import(cooperative=coop, file=io.BytesIO(data))

    assert report.created == 1
    assert report.rejections[0].line == 3


def test_a_separator_at_the_end_of_every_line_is_tolerated(coop):
    lines = csv_text(associate(), delimiter=";").splitlines()
    text = "".join(f"{line};\n" for line in lines)

    report = roster_import(cooperative=coop, file=io.StringIO(text))

    assert (report.created, report.rejected) == (1, 0)


def test_a_semicolon_file_keeps_commas_inside_values(coop):
    text = csv_text(associate(last_names="Pérez, Gómez"), delimiter=";")

    roster_import(cooperative=coop, file=io.StringIO(text))

    assert Associate.objects.get().last_names == "Pérez, Gómez"


def test_header_names_are_read_without_regard_to_case_or_spaces(coop):
    text = csv_text(associate())
    header, rest = text.split("\n", 1)
    text = ", ".join(name.upper() for name in header.split(",")) + "\n" + rest

    report = roster_import(cooperative=coop, file=io.StringIO(text))

    assert report.created == 1


def test_blank_lines_are_skipped_and_line_numbers_stay_those_of_the_file(coop):
    text = csv_text(associate(), associate(document_number="1"))
    header, first, second = text.strip().split("\n")
    text = f"{header}\n{first}\n\n,,,\n{second}\n\n"

    report = roster_import(cooperative=coop, file=io.StringIO(text), kind="associates")

    assert report.created == 1
    assert [r.line for r in report.rejections] == [5]


def test_a_quoted_value_spanning_two_lines_does_not_shift_line_numbers(coop):
    text = csv_text(associate(agency="Sede\nNorte"), associate(document_number="1"))

    report = roster_import(cooperative=coop, file=io.StringIO(text))

    assert report.rejections == [
        Rejection(4, "document_number: cédula inválida «1»: debe tener entre 4 y 12 dígitos")
    ]


def test_an_explicit_kind_that_does_not_match_the_header_stops_the_import(coop):
    with pytest.raises(
        RosterFileError, match="es el de un archivo de asociados, no de beneficiarios"
    ):
        roster_import(
            cooperative=coop, file=io.StringIO(csv_text(associate())), kind="beneficiaries"
        )


def test_an_explicit_kind_names_the_mandatory_columns_its_header_lacks(coop):
    text = "associate_document_number,kind\n1234567,CDAT\n"

    with pytest.raises(
        RosterFileError,
        match="no corresponde a un archivo de cuentas de ahorro: faltan las columnas: number",
    ):
        roster_import(cooperative=coop, file=io.StringIO(text), kind="accounts")


def test_an_unknown_header_stops_the_import(coop):
    with pytest.raises(RosterFileError, match="No se reconoce el encabezado «cedula, nombre»"):
        roster_import(cooperative=coop, file=io.StringIO("cedula,nombre\n1234567,Ana\n"))


def test_an_unknown_column_stops_the_import_instead_of_being_ignored(coop):
    text = csv_text(associate() | {"birthdate": "1980-05-17"})

    with pytest.raises(RosterFileError, match="columnas desconocidas: birthdate"):
        roster_import(cooperative=coop, file=io.StringIO(text))
    assert not Associate.objects.exists()


def test_a_missing_mandatory_column_stops_the_import(coop):
    row = associate()
    del row["joined_on"]

    with pytest.raises(RosterFileError, match="faltan las columnas: joined_on"):
        roster_import(cooperative=coop, file=io.StringIO(csv_text(row)))


def test_a_damaged_csv_in_the_middle_of_the_file_stops_the_import_and_saves_nothing(coop):
    text = csv_text(associate(), associate(document_number="7654321", agency="x" * 200_000))

    with pytest.raises(
        RosterFileError,
        match="Formato CSV inválido cerca de la línea 3: field larger than field limit",
    ):
        roster_import(cooperative=coop, file=io.StringIO(text))
    assert not Associate.objects.exists()


def test_a_file_that_is_not_utf8_stops_the_import_with_advice(coop):
    data = csv_text(associate()).encode("cp1252")

    with pytest.raises(RosterFileError, match="no está en UTF-8.*CSV UTF-8"):
        roster_import(cooperative=coop, file=io.BytesIO(data))


def test_an_empty_file_stops_the_import(coop):
    with pytest.raises(RosterFileError, match="vacío"):
        roster_import(cooperative=coop, file=io.StringIO(""))


def test_a_missing_file_stops_the_import(coop, tmp_path):
    with pytest.raises(RosterFileError, match="No se pudo leer el archivo"):
        roster_import(cooperative=coop, file=tmp_path / "no-existe.csv")


def test_an_unknown_kind_stops_the_import(coop):
    with pytest.raises(RosterFileError, match="Tipo de archivo desconocido «socios»"):
        roster_import(cooperative=coop, file=io.StringIO(csv_text(associate())), kind="socios")
