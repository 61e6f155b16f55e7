"""The contract's JSON case (../shared/contracts/quote.md) to a Case, strictly.

Malformed input raises CaseError with a message naming the field, so `quote`
can answer {"error": ...} for that case and go on with the others.
"""

from collections.abc import Callable
from decimal import Decimal

from benefits.rules.details import boolean, iso_date, money, normalize_details
from benefits.rules.errors import CaseError
from benefits.rules.facts import (
    RELATIONSHIPS,
    ROLES,
    AssociateFacts,
    BeneficiaryFacts,
    Case,
    HistoryEntry,
    Parameters,
)
from core.calendar import NATIONAL, BusinessCalendar

GENDERS = ("F", "M", "X", "")


def _field(obj: dict, key: str, parse: Callable, where: str, *, required=False, default=None):
    if key not in obj or obj[key] is None:
        if required:
            raise CaseError(f"Falta {where}{key}.")
        return default
    try:
        return parse(obj[key])
    except ValueError as exc:
        raise CaseError(f"{where}{key} {exc}") from None


def _text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("debe ser un texto no vacío")
    return value.strip()


def _non_negative_int(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("debe ser un entero mayor o igual a cero")
    return value


def _gender(value) -> str:
    if not isinstance(value, str) or value.strip().upper() not in GENDERS:
        raise ValueError("debe ser F, M o X")
    return value.strip().upper()


def _roles(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
        raise ValueError("debe ser una lista de textos")
    unknown = [r for r in value if r not in ROLES]
    if unknown:
        raise ValueError(
            f"tiene roles desconocidos ({', '.join(unknown)}); válidos: {', '.join(ROLES)}"
        )
    return tuple(value)


def _relationship(value) -> str:
    if value not in RELATIONSHIPS:
        raise ValueError(f"debe ser uno de: {', '.join(RELATIONSHIPS)}")
    return value


def _object(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise CaseError(f"{where} debe ser un objeto JSON.")
    return value


def associate_from_json(obj) -> AssociateFacts:
    obj = _object(obj, "associate")
    w = "associate."
    return AssociateFacts(
        joined_on=_field(obj, "joined_on", iso_date, w, required=True),
        gender=_field(obj, "gender", _gender, w, default=""),
        rights_suspended=_field(obj, "rights_suspended", boolean, w, default=False),
        arrears_days=_field(obj, "arrears_days", _non_negative_int, w, default=0),
        data_updated_on=_field(obj, "data_updated_on", iso_date, w),
        inducted=_field(obj, "inducted", boolean, w, default=False),
        sanctioned_on=_field(obj, "sanctioned_on", iso_date, w),
        pensioner=_field(obj, "pensioner", boolean, w, default=False),
        married=_field(obj, "married", boolean, w, default=False),
        roles=_field(obj, "roles", _roles, w, default=()),
        relative_roles=_field(obj, "relative_roles", _roles, w, default=()),
    )


def beneficiary_from_json(obj, where: str = "beneficiary") -> BeneficiaryFacts:
    if obj is None:
        return BeneficiaryFacts()
    obj = _object(obj, where)
    w = f"{where}."
    return BeneficiaryFacts(
        relationship=_field(obj, "relationship", _relationship, w, default="self"),
        birth_date=_field(obj, "birth_date", iso_date, w),
        disabled=_field(obj, "disabled", boolean, w, default=False),
        studying=_field(obj, "studying", boolean, w, default=False),
        registered_on=_field(obj, "registered_on", iso_date, w),
    )


def _details(value) -> dict:
    if value is None:
        return {}
    try:
        return normalize_details(value)
    except ValueError as exc:
        raise CaseError(str(exc)) from None


def history_from_json(items) -> tuple[HistoryEntry, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise CaseError("history debe ser una lista.")
    entries = []
    for index, item in enumerate(items):
        item = _object(item, f"history[{index}]")
        w = f"history[{index}]."
        entries.append(
            HistoryEntry(
                benefit=_field(item, "benefit", _text, w, required=True),
                event_date=_field(item, "event_date", iso_date, w, required=True),
                granted_on=_field(item, "granted_on", iso_date, w),
                requested_on=_field(item, "requested_on", iso_date, w),
                amount=_field(item, "amount", money, w, default=Decimal(0)),
                details=_details(item.get("details")),
                beneficiary=beneficiary_from_json(
                    item.get("beneficiary"), f"history[{index}].beneficiary"
                ),
            )
        )
    return tuple(entries)


def parameters_from_json(obj) -> Parameters:
    if obj is None:
        return Parameters()
    obj = _object(obj, "parameters")
    values = {}
    for name, by_year in obj.items():
        by_year = _object(by_year, f"parameters.{name}")
        parsed = {}
        for year, value in by_year.items():
            if not str(year).isdigit() or not 1900 <= int(year) <= 2200:
                raise CaseError(f"parameters.{name}: «{year}» no es un año.")
            try:
                parsed[int(year)] = money(value)
            except ValueError as exc:
                raise CaseError(f"parameters.{name}.{year} {exc}") from None
        values[name] = parsed
    return Parameters(values)


def case_from_json(
    obj, *, base_parameters: Parameters | None = None, calendar: BusinessCalendar | None = None
) -> Case:
    """A Case from the contract's input object.

    base_parameters: values in force (the database's), which the case's own
    `parameters` override for this evaluation only.
    """
    obj = _object(obj, "El caso")
    overrides = parameters_from_json(obj.get("parameters"))
    parameters = (base_parameters or Parameters()).overridden_by(overrides)
    return Case(
        cooperative=_field(obj, "cooperative", _text, "", required=True),
        benefit=_field(obj, "benefit", _text, "", required=True),
        requested_on=_field(obj, "requested_on", iso_date, "", required=True),
        event_date=_field(obj, "event_date", iso_date, "", required=True),
        associate=associate_from_json(obj.get("associate")),
        beneficiary=beneficiary_from_json(obj.get("beneficiary")),
        amount_claimed=_field(obj, "amount_claimed", money, ""),
        details=_details(obj.get("details")),
        history=history_from_json(obj.get("history")),
        parameters=parameters,
        calendar=calendar or NATIONAL,
        fund_available=_field(obj, "fund_available", money, ""),
    )
