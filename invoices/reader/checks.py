"""Document checks that need nothing but the file (REFERENCE §3.4).

Each check is ``{"code", "ok", "message", "details"}``; messages are fixed Spanish
texts that say what it means for the associate; the figures go in ``details``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .signature import DIAN_NIT, signer_is

NIT_WEIGHTS = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)
CUFE_SHAPE = re.compile(r"^[0-9a-f]{96}$")
_HEX_RUN = re.compile(r"[0-9A-Fa-f]{96,}")
# The Anexo tolerates ±2.00 on tax computations; line sums and the amount payable are exact
# to the cent in every real sample, but rounding per line is common, so allow a peso.
TAX_TOLERANCE = Decimal("2.00")
TOTAL_TOLERANCE = Decimal("1.00")


def _check(code: str, ok: bool, message: str, **details) -> dict:
    return {"code": code, "ok": ok, "message": message, "details": details}


def nit_check_digit(number: str) -> str | None:
    """DIAN's mod-11 check digit (REFERENCE §2.2), or None if ``number`` is not 1–15 digits."""
    if not number.isdigit() or not 1 <= len(number) <= len(NIT_WEIGHTS):
        return None
    remainder = sum(int(d) * w for d, w in zip(reversed(number), NIT_WEIGHTS, strict=False)) % 11
    return str(remainder if remainder in (0, 1) else 11 - remainder)


def check_nit(document: dict) -> dict:
    problems = []
    for role in ("issuer", "buyer"):
        party = document.get(role) or {}
        number, stated, id_type = party.get("id"), party.get("check_digit"), party.get("id_type")
        if number is None:
            if role == "issuer":
                problems.append(f"{role}:missing_id")
            continue
        if stated is None:
            if role == "issuer" and id_type == "31":
                problems.append(f"{role}:missing_check_digit")
            continue
        computed = nit_check_digit(number)
        if computed is None:
            problems.append(f"{role}:not_digits")
        elif computed != stated:
            problems.append(f"{role}:wrong_check_digit")
    if problems:
        return _check(
            "nit_check_digit",
            False,
            "El dígito de verificación de un NIT del documento no corresponde. La factura puede estar "
            "alterada o mal emitida; pida al proveedor que la revise.",
            problems=problems,
        )
    return _check("nit_check_digit", True, "Los dígitos de verificación de los NIT son correctos.")


def _d(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def check_arithmetic(document: dict, unreadable: list[str]) -> dict:
    totals = document.get("totals") or {}
    problems = [f"unreadable:{label}" for label in unreadable]
    line_extension, payable = _d(totals.get("line_extension")), _d(totals.get("payable"))
    if line_extension is None or payable is None:
        problems.append("missing_totals")
    lines = [_d(line["amount"]) for line in document.get("lines") or []]
    lines_known = line_extension is not None and lines and None not in lines
    if lines_known and abs(sum(lines, Decimal(0)) - line_extension) > TOTAL_TOLERANCE:
        problems.append("lines_vs_line_extension")
    tax_inclusive = _d(totals.get("tax_inclusive"))
    taxes = [_d(tax["amount"]) for tax in document.get("taxes") or []]
    taxes_known = tax_inclusive is not None and line_extension is not None and None not in taxes
    if taxes_known and abs(line_extension + sum(taxes, Decimal(0)) - tax_inclusive) > TAX_TOLERANCE:
        problems.append("taxes_vs_tax_inclusive")
    if tax_inclusive is not None and payable is not None:
        expected = (
            tax_inclusive
            - (_d(totals.get("allowances")) or 0)
            + (_d(totals.get("charges")) or 0)
            - (_d(totals.get("prepaid")) or 0)
            + (_d(totals.get("rounding")) or 0)
        )
        if abs(expected - payable) > TOTAL_TOLERANCE:
            problems.append("payable_vs_totals")
    if problems:
        return _check(
            "arithmetic",
            False,
            "Los valores de la factura no cuadran (líneas, impuestos o total a pagar). Pide al "
            "proveedor que revise la factura antes de solicitar el auxilio.",
            problems=problems,
        )
    return _check("arithmetic", True, "Las líneas, los impuestos y el total a pagar cuadran.")


def expected_uuid_scheme(document: dict) -> str:
    kind = document.get("kind")
    if kind == "support_document" or (kind == "credit_note" and document.get("type_code") == "95"):
        return "CUDS-SHA384"
    if kind == "invoice":
        return "CUFE-SHA384"
    return "CUDE-SHA384"


def check_cufe_shape(document: dict) -> dict:
    uuid, scheme = document.get("uuid"), document.get("uuid_scheme")
    expected = expected_uuid_scheme(document)
    problems = []
    if uuid is None:
        problems.append("missing_uuid")
    elif not CUFE_SHAPE.match(uuid):
        problems.append("not_96_lowercase_hex")
    if scheme != expected:
        problems.append("unexpected_scheme")
    if problems:
        return _check(
            "cufe_shape",
            False,
            "El código único (CUFE/CUDE) del documento no tiene la forma que exige la DIAN. "
            "Pide al proveedor la factura electrónica válida.",
            problems=problems,
            expected_scheme=expected,
        )
    return _check("cufe_shape", True, "El código único (CUFE/CUDE) tiene la forma correcta.")


def qr_uuids(qr_code: str | None) -> list[str]:
    """The 96-hex runs in the QR text (a CUFE/CUDE is exactly 96 hex digits, never part of a longer run)."""
    return sorted({run.lower() for run in _HEX_RUN.findall(qr_code or "") if len(run) == 96})


def check_cufe_consistency(document: dict, container: dict | None, response: dict | None) -> dict:
    uuid = (document.get("uuid") or "").lower()
    number = document.get("number")
    compared, problems = [], []

    def same(source: str, other: str | None, mine: str | None) -> None:
        if other is None:
            return
        compared.append(source)
        if mine is None or other.lower() != mine.lower():
            problems.append(source)

    if container:
        same("container_uuid", container.get("reference_uuid"), uuid)
        same("container_number", container.get("reference_number"), number)
        same("container_parent_document_id", container.get("parent_document_id"), number)
    if response:
        same("dian_response_uuid", response.get("reference_uuid"), uuid)
        same("dian_response_number", response.get("reference_number"), number)
    found_in_qr = qr_uuids(document.get("qr_code"))
    if found_in_qr:
        compared.append("qr")
        if found_in_qr != [uuid]:
            problems.append("qr")
    if problems:
        return _check(
            "cufe_consistency",
            False,
            "El código único (CUFE/CUDE) o el número de la factura no coincide entre el documento, "
            "el contenedor, la respuesta de la DIAN o el código QR. El archivo pudo ser alterado; "
            "pida al proveedor el original.",
            compared=compared,
            mismatches=problems,
        )
    message = (
        "El código único (CUFE/CUDE) coincide en todas las partes del archivo."
        if compared
        else "El archivo no trae otras referencias del código único con qué compararlo."
    )
    return _check("cufe_consistency", True, message, compared=compared)


def check_environment(document: dict, container: dict | None) -> dict:
    stated = [document.get("profile_execution_id"), document.get("uuid_environment")]
    if container:
        stated.append(container.get("profile_execution_id"))
    stated = [value for value in stated if value is not None]
    qr_test_host = "catalogo-vpfe-hab" in (document.get("qr_code") or "").lower()
    if document.get("environment") == "production" and set(stated) == {"1"} and not qr_test_host:
        return _check(
            "environment", True, "El documento es de producción (ambiente real de la DIAN)."
        )
    if "2" in stated or qr_test_host:
        return _check(
            "environment",
            False,
            "El documento es de pruebas (habilitación de la DIAN) y no es una factura real. "
            "Pide al proveedor la factura electrónica de producción.",
            stated=stated,
            qr_test_host=qr_test_host,
        )
    return _check(
        "environment",
        False,
        "El documento no indica con claridad que sea de producción. Pide al proveedor la factura "
        "electrónica válida ante la DIAN.",
        stated=stated,
    )


def check_signature(signature: dict) -> dict:
    if not signature.get("present"):
        return _check(
            "signature",
            False,
            "El documento no tiene firma digital. Pide al proveedor la factura electrónica firmada.",
        )
    if signature.get("valid"):
        return _check("signature", True, "La firma digital del documento es válida.")
    if signature.get("valid") is None:
        return _check(
            "signature",
            False,
            "La firma digital del documento no se pudo verificar porque el documento es muy grande. "
            "El personal de la cooperativa la revisará.",
            reason=signature.get("reason"),
        )
    return _check(
        "signature",
        False,
        "La firma digital del documento no es válida: el archivo fue modificado después de firmado "
        "o la firma está dañada. Pide al proveedor el archivo original.",
        reason=signature.get("reason"),
    )


def check_dian_validation(validation: dict) -> dict:
    accepted = (
        validation.get("response_code") == "02"
        and validation.get("uuid_matches") is True
        and validation.get("signature_valid") is True
        and validation.get("signed_by_dian") is True
    )
    if accepted:
        return _check(
            "dian_validation",
            True,
            "La DIAN validó este documento (respuesta 02 firmada por la DIAN).",
        )
    return _check(
        "dian_validation",
        False,
        "La respuesta de la DIAN que trae el archivo no confirma la validación de este documento. "
        "Pide al proveedor el archivo validado por la DIAN.",
        response_code=validation.get("response_code"),
        uuid_matches=validation.get("uuid_matches"),
        signature_valid=validation.get("signature_valid"),
        signed_by_dian=validation.get("signed_by_dian"),
    )


def dian_signer_ok(signer: dict | None) -> bool:
    return signer_is(signer, [DIAN_NIT])
