"""The `details` keys a case may carry, with their types (contract table plus additions).

Each parser takes a raw JSON value (or an already parsed one) and returns the
typed value, raising ValueError with a Spanish message. The quote command uses
them to reject malformed cases up front; the engine uses them again when it
reads a detail, so a caller passing raw JSON (a request's JSONField) gets the
same checks.
"""

from datetime import date
from decimal import Decimal, InvalidOperation


def _integer(minimum=None, maximum=None):
    def parse(value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("debe ser un número entero")
        if minimum is not None and value < minimum:
            raise ValueError(f"debe ser al menos {minimum}")
        if maximum is not None and value > maximum:
            raise ValueError(f"debe ser como máximo {maximum}")
        return value

    return parse


def _number(minimum=None, maximum=None):
    def parse(value):
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ValueError("debe ser un número")
        try:
            number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError("debe ser un número") from None
        if not number.is_finite():
            raise ValueError("debe ser un número")
        if minimum is not None and number < minimum:
            raise ValueError(f"debe estar entre {minimum} y {maximum}")
        if maximum is not None and number > maximum:
            raise ValueError(f"debe estar entre {minimum} y {maximum}")
        return number

    return parse


def money(value) -> Decimal:
    """A peso amount: a decimal string or an integer, never a float, never negative."""
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise ValueError('debe ser un valor en pesos escrito como texto, p. ej. "450000"')
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"no es un valor en pesos: {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"no es un valor en pesos: {value!r}")
    if amount < 0:
        raise ValueError("no puede ser negativo")
    return amount


def iso_date(value) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("debe ser una fecha AAAA-MM-DD")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"no es una fecha válida (AAAA-MM-DD): {value!r}") from None


def boolean(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError("debe ser true o false")
    return value


def _choice(*allowed):
    def parse(value):
        if not isinstance(value, str) or value.strip().lower() not in allowed:
            raise ValueError(f"debe ser uno de: {', '.join(allowed)}")
        return value.strip().lower()

    return parse


def _text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("debe ser un texto no vacío")
    return value.strip()


def _country(value) -> str:
    if not isinstance(value, str) or len(value.strip()) != 2 or not value.strip().isalpha():
        raise ValueError("debe ser un código de país ISO 3166 de dos letras, p. ej. CO")
    return value.strip().upper()


DETAIL_PARSERS = {
    # --- The contract's table -------------------------------------------------
    "participants": _integer(minimum=1),
    "cost_per_person": money,
    "excellence_share": _number(0, 1),
    "gpa": _number(0, 5),
    "all_passed": boolean,
    "qualitative_grades": boolean,
    "period": _choice("semester", "cuatrimestre", "trimester", "year"),
    "days": _integer(minimum=0),
    "premature": boolean,
    "level": _choice("departmental", "national", "international"),
    "team": boolean,
    "position": _integer(minimum=1),
    "destination_country": _country,
    "saber11_score": _integer(0, 500),
    "saberpro_percent": _number(0, 100),
    "laureate_thesis": boolean,
    "organ": _text,
    "used_funeral_service": boolean,
    "qualifying_children": _integer(minimum=1),
    # --- Additions the texts need (documented in docs/rules/) ---------------
    # san-simon bono_fidelizacion: the loan's term sets the share of the installment.
    "loan_term_months": _integer(minimum=1),
    # san-simon nuevo_pensionado: "siempre y cuando no haya recibido su primera mesada".
    "received_first_pension_payment": boolean,
    # coprocenva enfermedad_terminal: once per type of disease (Art. 12 num. 8).
    "disease": _text,
    # coprocenva enfermedad_terminal: an incapacity within 60 days of the diagnosis
    # extends the filing window (Art. 11 num. 1 lit. e).
    "incapacity_start": iso_date,
    # coprocenva incapacidad: the end of the last of successive incapacities, from
    # which the window counts (Art. 11 num. 1 lit. a); start + days - 1 when absent.
    "incapacity_end": iso_date,
    # coprocenva catastrofe: once per modality (Art. 12 num. 9).
    "modality": _text,
    # coprocenva catastrofe: more than 3 affected associates in the agency -> council (Art. 13 num. 9).
    "affected_in_agency": _integer(minimum=1),
    # coprocenva afectacion_economica: once per emergency type in 3 years (Art. 12 num. 13).
    "emergency_type": _text,
    # cemcop ceremonia_mejores (Art. 32): level, grades and the ICETEX exclusion.
    "education_level": _choice("basic", "higher"),
    "qualitative_high": boolean,
    "icetex": boolean,
    # coacremat deporte: events organised by the cooperative are excluded (Art. 30).
    "organized_by_cooperative": boolean,
    # coacremat incapacidad_permanente: more than 50 % loss of working capacity (Art. 16).
    "lost_capacity_percent": _number(0, 100),
}


def parse_detail(key: str, value):
    """The typed value of one detail (unknown keys pass through untouched)."""
    parser = DETAIL_PARSERS.get(key)
    if parser is None or value is None:
        return value
    return parser(value)


def normalize_details(raw) -> dict:
    """All known keys parsed; raises ValueError naming the first bad key."""
    if not isinstance(raw, dict):
        raise ValueError("details debe ser un objeto JSON")
    clean = {}
    for key, value in raw.items():
        try:
            clean[key] = parse_detail(key, value)
        except ValueError as exc:
            raise ValueError(f"details.{key} {exc}") from None
    return clean
