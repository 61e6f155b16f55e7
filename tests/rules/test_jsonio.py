"""Reading the contract's JSON case: strict types, clear Spanish errors, parameters on top of the database's."""

import copy
from datetime import date
from decimal import Decimal

import pytest

from benefits.rules import CaseError, Parameters, case_from_json

CONTRACT_EXAMPLE = {
    "cooperative": "coprocenva",
    "benefit": "servicios_medicos",
    "requested_on": "2026-06-10",
    "event_date": "2026-05-20",
    "associate": {
        "joined_on": "2019-02-01",
        "gender": "F",
        "rights_suspended": False,
        "arrears_days": 0,
        "data_updated_on": "2026-01-15",
        "inducted": True,
        "sanctioned_on": None,
        "pensioner": False,
        "married": True,
        "roles": [],
    },
    "beneficiary": {
        "relationship": "self",
        "birth_date": None,
        "disabled": False,
        "studying": False,
        "registered_on": "2019-02-01",
    },
    "amount_claimed": "450000",
    "details": {},
    "history": [
        {
            "benefit": "medicamentos",
            "event_date": "2026-02-01",
            "granted_on": "2026-02-20",
            "amount": "200000",
            "details": {},
        }
    ],
    "parameters": {"smmlv": {"2026": "1750905"}, "annual_amount": {"2026": "1500000"}},
}


def changed(path: str, value):
    data = copy.deepcopy(CONTRACT_EXAMPLE)
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[key]
    target[last] = value
    return data


def test_it_reads_the_contracts_example():
    case = case_from_json(CONTRACT_EXAMPLE)
    assert case.requested_on == date(2026, 6, 10)
    assert case.amount_claimed == Decimal("450000")
    assert case.history[0].granted_on == date(2026, 2, 20)
    assert case.history[0].beneficiary.relationship == "self"
    assert case.parameters.exact("smmlv", 2026) == Decimal("1750905")


def test_an_omitted_beneficiary_is_the_associate():
    data = copy.deepcopy(CONTRACT_EXAMPLE)
    del data["beneficiary"]
    assert case_from_json(data).beneficiary.relationship == "self"


def test_the_cases_parameters_override_the_databases_for_this_evaluation_only():
    base = Parameters({"smmlv": {2025: Decimal("1423500"), 2026: Decimal("1")}})
    case = case_from_json(CONTRACT_EXAMPLE, base_parameters=base)
    assert case.parameters.exact("smmlv", 2026) == Decimal("1750905")
    assert case.parameters.exact("smmlv", 2025) == Decimal("1423500")
    assert base.exact("smmlv", 2026) == Decimal("1")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("requested_on", "2026-02-30", "requested_on no es una fecha válida"),
        ("event_date", 20260520, "event_date debe ser una fecha"),
        ("amount_claimed", "-1", "amount_claimed no puede ser negativo"),
        ("amount_claimed", 450000.5, "amount_claimed debe ser un valor en pesos"),
        ("amount_claimed", "mucho", "amount_claimed no es un valor en pesos"),
        ("associate.arrears_days", "3", "associate.arrears_days debe ser un entero"),
        (
            "associate.arrears_days",
            -2,
            "associate.arrears_days debe ser un entero mayor o igual a cero",
        ),
        ("associate.inducted", "yes", "associate.inducted debe ser true o false"),
        ("associate.roles", ["president"], "roles desconocidos"),
        ("associate.joined_on", None, "Falta associate.joined_on"),
        ("beneficiary.relationship", "cousin", "beneficiary.relationship debe ser uno de"),
        ("details", {"days": "10"}, "details.days debe ser un número entero"),
        ("details", {"gpa": 7}, "details.gpa debe estar entre 0 y 5"),
        ("details", {"period": "month"}, "details.period debe ser uno de"),
        ("details", {"destination_country": "Colombia"}, "details.destination_country"),
        ("details", [], "details debe ser un objeto JSON"),
        ("history", {}, "history debe ser una lista"),
        ("parameters", {"smmlv": {"dos mil": "1"}}, "no es un año"),
        ("parameters", {"smmlv": {"2026": "-5"}}, "parameters.smmlv.2026 no puede ser negativo"),
        ("cooperative", None, "Falta cooperative"),
        ("benefit", 7, "benefit debe ser un texto"),
    ],
)
def test_it_rejects_malformed_cases_naming_the_field(path, value, message):
    with pytest.raises(CaseError, match=message):
        case_from_json(changed(path, value))


def test_it_rejects_a_history_entry_without_event_date():
    data = copy.deepcopy(CONTRACT_EXAMPLE)
    del data["history"][0]["event_date"]
    with pytest.raises(CaseError, match=r"history\[0\]\.event_date"):
        case_from_json(data)


def test_it_accepts_whole_numbers_as_amounts_and_keeps_unknown_detail_keys():
    case = case_from_json(
        changed("amount_claimed", 450000) | {"details": {"note": "libre", "days": 12}}
    )
    assert case.amount_claimed == Decimal(450000)
    assert case.details == {"note": "libre", "days": 12}
