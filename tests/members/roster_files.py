"""CSV files for the roster import tests: one good row of each layout, changed per test."""

import csv
import io

ASSOCIATE = {
    "document_number": "1234567",
    "first_names": "María José",
    "last_names": "Pérez Gómez",
    "email": "maria@example.com",
    "phone": "3001234567",
    "birth_date": "1980-05-17",
    "gender": "F",
    "joined_on": "2012-03-15",
    "status": "active",
    "arrears_days": "0",
    "data_updated_on": "2026-01-31",
    "inducted": "si",
    "sanctioned_on": "",
    "pensioner": "no",
    "married": "si",
    "roles": "council|committee",
    "agency": "Principal",
}

BENEFICIARY = {
    "associate_document_number": "1234567",
    "relationship": "child",
    "document_type": "11",
    "document_number": "1098765432",
    "first_names": "Santiago",
    "last_names": "Pérez Rojas",
    "birth_date": "2015-08-10",
    "gender": "M",
    "disabled": "no",
    "studying": "si",
    "registered_on": "2020-01-15",
}

PET = BENEFICIARY | {
    "relationship": "pet",
    "document_type": "",
    "document_number": "",
    "first_names": "Firulais",
    "last_names": "",
    "birth_date": "2019-04-01",
    "gender": "",
    "studying": "no",
}

ACCOUNT = {
    "associate_document_number": "1234567",
    "number": "4001234567",
    "kind": "Ahorro a la vista",
    "active": "si",
}


def associate(**changes) -> dict:
    return ASSOCIATE | changes


def beneficiary(**changes) -> dict:
    return BENEFICIARY | changes


def pet(**changes) -> dict:
    return PET | changes


def account(**changes) -> dict:
    return ACCOUNT | changes


def csv_text(*rows: dict, delimiter: str = ",") -> str:
    """The rows under a header made of the first row's keys; line 2 is the first row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def csv_file(*rows: dict, delimiter: str = ",") -> io.StringIO:
    return io.StringIO(csv_text(*rows, delimiter=delimiter))
