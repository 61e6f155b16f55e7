"""The three file layouts: their columns, and how each cell becomes a model value.

A cell parser takes a non-empty, stripped cell and returns the value, or raises
RowError with the reason staff will read.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from members.models import Associate, DocumentType, Gender, Relationship, SavingsAccount

KIND_LABELS = {
    "associates": "asociados",
    "beneficiaries": "beneficiarios",
    "accounts": "cuentas de ahorro",
}
KINDS = tuple(KIND_LABELS)


class RowError(ValueError):
    """One cell or row is wrong; the message is the Spanish reason shown to staff."""


def fold(value: str) -> str:
    """Lower case without accents, for matching words ("Cónyuge" == "conyuge")."""
    if value.isascii():  # nearly every cell: skip the Unicode work
        return value.casefold().strip()
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


_SPACES = re.compile(r"\s")
_DASHES = re.compile(r"-")
# Dots only as thousands groups ("52.123.456"), as core systems print cédulas.
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
# A NUMERIC or float column exported as "52123456.0" or "52123456,00": a
# decimal part of zeros only. Any other dot or comma cannot be read safely —
# taken for thousands, "52123456.0" became 521234560, another valid cédula.
_ZERO_DECIMALS = re.compile(r"[.,]0+\Z")
_CEDULA = re.compile(r"[0-9]{4,12}")
# A beneficiary's document once normalized: a passport has letters.
DOCUMENT = re.compile(r"[0-9A-Z]{3,12}")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DAY_FIRST_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def _without_separators(value: str) -> str:
    """The number without spaces, thousands dots or a decimal part of zeros.

    A dot or comma that is neither stays, for the caller to refuse.
    """
    compact = _SPACES.sub("", value)
    if not _THOUSANDS.fullmatch(compact):  # "52.123.000" is thousands, not decimals
        compact = _ZERO_DECIMALS.sub("", compact)
    if _THOUSANDS.fullmatch(compact):
        compact = compact.replace(".", "")
    return compact


def _refuse_separators(value: str, compact: str, invalid: str) -> None:
    if "." in compact or "," in compact:
        raise RowError(
            f"{invalid} «{value}»: los puntos solo pueden separar miles (52.123.456) "
            "y los decimales, si los hay, deben ser ceros (52123456.0)"
        )


def _cedula(value: str) -> str:
    # Core-system exports often print cédulas as "1.234.567", with spaces or
    # as a number with decimals ("1234567.0").
    digits = _without_separators(value)
    _refuse_separators(value, digits, "cédula inválida")
    if not _CEDULA.fullmatch(digits):
        raise RowError(f"cédula inválida «{value}»: debe tener entre 4 y 12 dígitos")
    return digits


def _date(value: str) -> date:
    try:
        if iso := _ISO_DATE.fullmatch(value):
            parsed = date(int(iso[1]), int(iso[2]), int(iso[3]))
        elif dmy := _DAY_FIRST_DATE.fullmatch(value):
            parsed = date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
        else:
            raise ValueError
        if parsed.year < 1900:
            raise ValueError
    except ValueError:
        raise RowError(f"fecha inválida «{value}»: use AAAA-MM-DD o DD/MM/AAAA") from None
    return parsed


_BOOLEANS = dict.fromkeys(["si", "s", "true", "1"], True) | dict.fromkeys(
    ["no", "n", "false", "0"], False
)


def _bool(value: str) -> bool:
    try:
        return _BOOLEANS[fold(value)]
    except KeyError:
        raise RowError(f"valor «{value}» no válido: use si/no, s/n, true/false o 1/0") from None


def _count(value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,9}", value):
        raise RowError(f"«{value}» no es un número entero de días")
    return int(value)


def _text(max_length: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        value = " ".join(value.split())
        if len(value) > max_length:
            raise RowError(f"texto de {len(value)} caracteres; el máximo es {max_length}")
        return value

    return parse


def _email(value: str) -> str:
    try:
        if len(value) > 254:
            raise ValidationError("too long")
        validate_email(value)
    except ValidationError:
        raise RowError(f"correo inválido «{value}»") from None
    return value


def _choice(words: dict[str, str], what: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        try:
            return words[fold(value)]
        except KeyError:
            raise RowError(f"{what} desconocido «{value}»") from None

    return parse


GENDER_WORDS = {
    "f": Gender.FEMALE,
    "femenino": Gender.FEMALE,
    "m": Gender.MALE,
    "masculino": Gender.MALE,
}
GENDER_WORDS |= {"x": Gender.OTHER, "otro": Gender.OTHER}
STATUS_WORDS = {
    "active": Associate.Status.ACTIVE,
    "activo": Associate.Status.ACTIVE,
    "suspended": Associate.Status.SUSPENDED,
    "suspendido": Associate.Status.SUSPENDED,
    "retired": Associate.Status.RETIRED,
    "retirado": Associate.Status.RETIRED,
}
_RELATIONSHIP_ALIASES = {
    Relationship.SPOUSE: [
        "conyuge",
        "esposo",
        "esposa",
        "companero",
        "companera",
        "companero permanente",
    ],
    Relationship.CHILD: ["hijo", "hija"],
    Relationship.STEPCHILD: ["hijastro", "hijastra"],
    Relationship.PARENT: ["padre", "madre"],
    Relationship.STEPPARENT: ["padrastro", "madrastra"],
    Relationship.SIBLING: ["hermano", "hermana"],
    Relationship.GRANDCHILD: ["nieto", "nieta"],
    Relationship.GRANDPARENT: ["abuelo", "abuela"],
    Relationship.PET: ["mascota"],
    Relationship.OTHER: ["otro", "otra"],
}
RELATIONSHIP_WORDS = {r.value: r for r in _RELATIONSHIP_ALIASES}
RELATIONSHIP_WORDS |= {word: r for r, words in _RELATIONSHIP_ALIASES.items() for word in words}
DOCUMENT_TYPE_WORDS = {t.value: t for t in DocumentType}
DOCUMENT_TYPE_WORDS |= {
    "rc": DocumentType.REGISTRO_CIVIL,
    "ti": DocumentType.TARJETA_IDENTIDAD,
    "cc": DocumentType.CEDULA,
    "ce": DocumentType.CEDULA_EXTRANJERIA,
    "pa": DocumentType.PASAPORTE,
    "pas": DocumentType.PASAPORTE,
    "ppt": DocumentType.PPT,
    "nuip": DocumentType.NUIP,
}
ROLE_KEYS = [key for key, _ in Associate.ROLE_CHOICES]


def _relationship(value: str) -> str:
    if fold(value) in {"self", "asociado", "titular"}:
        raise RowError("el asociado titular no se registra como su propio beneficiario")
    return _choice(RELATIONSHIP_WORDS, "parentesco")(value)


def _roles(value: str) -> list[str]:
    roles = {fold(role) for role in value.split("|") if role.strip()}
    unknown = sorted(roles.difference(ROLE_KEYS))
    if unknown:
        raise RowError(f"cargo desconocido «{', '.join(unknown)}»; use {', '.join(ROLE_KEYS)}")
    # One stable order, so that a re-import compares equal.
    return [key for key in ROLE_KEYS if key in roles]


def normalize_document(value: str) -> str:
    """A beneficiary's document as the import (and the portal's form) stores and compares it.

    Upper case, without spaces, dashes, thousands dots or a decimal part of
    zeros: "ab-123 456" is AB123456, "1.098.765.432" and "1098765432.0" are
    1098765432. A passport keeps its letters.
    """
    return _without_separators(_DASHES.sub("", value)).upper()


def normalize_account_number(value: str) -> str:
    """An account number as the import stores and compares it."""
    return re.sub(r"\s", "", value)


def _beneficiary_document(value: str) -> str:
    document = normalize_document(value)
    _refuse_separators(value, document, "documento inválido")
    if not DOCUMENT.fullmatch(document):
        raise RowError(f"documento inválido «{value}»: de 3 a 12 letras o dígitos")
    return document


def _account_number(value: str) -> str:
    number = normalize_account_number(value)
    if not re.fullmatch(r"[0-9A-Za-z-]{1,30}", number):
        raise RowError(f"número de cuenta inválido «{value}»: hasta 30 dígitos, letras o guiones")
    return number


def _none():
    return None


def _true():
    return True


def _default_account_kind():
    return SavingsAccount._meta.get_field("kind").default


@dataclass(frozen=True)
class Column:
    name: str  # as in the header, and the model field it fills
    parse: Callable[[str], Any]
    required: bool = False  # the column must be in the header and its cells non-empty
    in_header: bool = False  # the column must be in the header; its cells may be empty
    empty: Callable[[], Any] = str  # the value of an empty cell in an optional column


@dataclass(frozen=True)
class Layout:
    kind: str
    columns: tuple[Column, ...]

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def mandatory(self) -> list[str]:
        """The columns the header must have."""
        return [c.name for c in self.columns if c.required or c.in_header]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


LAYOUTS = {
    "associates": Layout(
        "associates",
        (
            Column("document_number", _cedula, required=True),
            Column("first_names", _text(120), required=True),
            Column("last_names", _text(120), required=True),
            Column("email", _email),
            Column("phone", _text(30)),
            Column("birth_date", _date, empty=_none),
            Column("gender", _choice(GENDER_WORDS, "sexo")),
            Column("joined_on", _date, required=True),
            Column("status", _choice(STATUS_WORDS, "estado"), required=True),
            Column("arrears_days", _count, empty=int),
            Column("data_updated_on", _date, empty=_none),
            Column("inducted", _bool, empty=bool),
            Column("sanctioned_on", _date, empty=_none),
            Column("pensioner", _bool, empty=bool),
            Column("married", _bool, empty=bool),
            Column("roles", _roles, empty=list),
            Column("agency", _text(80)),
        ),
    ),
    "beneficiaries": Layout(
        "beneficiaries",
        (
            Column("associate_document_number", _cedula, required=True),
            Column("relationship", _relationship, required=True),
            Column("document_type", _choice(DOCUMENT_TYPE_WORDS, "tipo de documento")),
            # Part of the key: blank for pets, so the column is mandatory but its cells are not.
            Column("document_number", _beneficiary_document, in_header=True),
            Column("first_names", _text(120), required=True),
            Column("last_names", _text(120)),
            Column("birth_date", _date, empty=_none),
            Column("gender", _choice(GENDER_WORDS, "sexo")),
            Column("disabled", _bool, empty=bool),
            Column("studying", _bool, empty=bool),
            Column("registered_on", _date, required=True),
        ),
    ),
    "accounts": Layout(
        "accounts",
        (
            Column("associate_document_number", _cedula, required=True),
            Column("number", _account_number, required=True),
            Column("kind", _text(60), empty=_default_account_kind),
            Column("active", _bool, empty=_true),
        ),
    ),
}
