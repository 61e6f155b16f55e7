"""Checks of an e-invoice against the request it supports (they need the database).

Each finding is a warning for staff — and, when `associate` is true, also shown
to the associate while they prepare the request. None of them rejects by itself
except where `blocking` is set (a CUFE already used). The request's rule
engine evaluation does the rest (dates, amounts).
"""

from datetime import date

from django.utils import timezone

from invoices.models import Document, Invoice
from invoices.suppliers import LABELS, SUPPLIER_KINDS, supplier_matches

WINDOW_CODES = {"deadline", "fiscal_year"}


def warning(
    code: str,
    message: str,
    *,
    staff_message: str = "",
    associate: bool = True,
    blocking: bool = False,
):
    return {
        "code": code,
        "message": message,
        "staff_message": staff_message or message,
        "associate": associate,
        "blocking": blocking,
    }


def digits(value: str | None) -> str:
    return "".join(ch for ch in (value or "") if ch.isdigit())


def same_person(buyer_id: str, document_number: str) -> bool:
    """DIAN buyer IDs are compared by digits: type 13 (cédula) or 31 (NIT) alike,
    and a person's NIT may carry its check digit at the end."""
    buyer, person = digits(buyer_id), digits(document_number)
    return bool(person) and (
        buyer == person or (len(buyer) == len(person) + 1 and buyer.startswith(person))
    )


def request_checks(*, document: Document, facts: dict) -> list[dict]:
    request = document.request
    sheet = facts["document"]
    findings: list[dict] = []
    findings += _buyer(request, sheet)
    findings += _supplier(request, sheet, document.category)
    findings += _integrity(facts)
    findings += _elsewhere(document, sheet)
    findings += _credit_notes(document, sheet)
    findings += _filing_window(request, sheet)
    return findings


def _filing_window(request, sheet) -> list[dict]:
    """Whether this invoice's date fits the cooperative's filing window, as its rule set counts it.

    The rule engine is the one place deadlines are computed (calendar or
    business days, fiscal year, rolling to the next business day); here it is
    asked about this invoice's date, as if the request were filed today.
    """
    from benefits import rules
    from benefits.facts import window_case

    try:
        issued = date.fromisoformat(sheet["issue_date"])
        case = window_case(request, event_date=issued, requested_on=timezone.localdate())
        decision = rules.evaluate(case)
    except (rules.RuleError, KeyError, ValueError):
        return []
    late = [r for r in decision.failures if r.code in WINDOW_CODES]
    if not late:
        return []
    return [
        warning(
            "out_of_window", late[0].message, staff_message=f"{late[0].message} ({late[0].article})"
        )
    ]


def _buyer(request, sheet) -> list[dict]:
    buyer_id = (sheet.get("buyer") or {}).get("id") or ""
    associate = request.associate
    people = [(associate.document_number, None)] + [
        (b.document_number, b)
        for b in associate.beneficiaries.filter(status="approved").exclude(document_number="")
    ]
    match = next((who for number, who in people if same_person(buyer_id, number)), False)
    if match is False:
        return [
            warning(
                "buyer_mismatch",
                "Esta factura está a nombre de otra persona: debe estar a tu nombre o al de un beneficiario registrado.",
            )
        ]
    chosen = request.beneficiary
    if chosen is not None and match is not None and match.pk != chosen.pk:
        return [
            warning(
                "buyer_other_beneficiary",
                f"Esta factura está a nombre de {match.first_names}, no del beneficiario que escogiste.",
            )
        ]
    return []


def _supplier(request, sheet, category: str) -> list[dict]:
    # The invoice's "Categoría" says what was bought (medicines, optics…); it
    # names the kind of supplier expected, else the benefit's own kind.
    kind = category if category in SUPPLIER_KINDS else request.benefit.supplier_kind
    codes = (sheet.get("issuer") or {}).get("industry_codes") or []
    if supplier_matches(kind, codes) is False:
        return [
            warning(
                "supplier_mismatch",
                f"El proveedor no parece ser de {LABELS.get(kind, kind)}: lo revisará la cooperativa.",
                staff_message=(
                    f"Actividad económica del proveedor (CIIU {', '.join(codes)}) distinta de la esperada "
                    f"para este auxilio ({LABELS.get(kind, kind)})."
                ),
            )
        ]
    return []


def _integrity(facts: dict) -> list[dict]:
    findings = []
    signature = facts.get("signature") or {}
    if signature.get("present") and signature.get("valid") is False:
        findings.append(
            warning(
                "signature_invalid",
                "La firma digital de la factura no es válida: el archivo pudo ser modificado.",
                staff_message="La firma XMLDSig del documento no verifica: posible alteración del archivo.",
            )
        )
    validation = facts.get("dian_validation") or {}
    if not validation.get("present"):
        findings.append(
            warning(
                "no_dian_validation",
                "",
                staff_message="El archivo no trae la validación de la DIAN (ApplicationResponse).",
                associate=False,
            )
        )
    elif validation.get("response_code") != "02" or validation.get("uuid_matches") is False:
        findings.append(
            warning(
                "dian_validation_mismatch",
                "",
                staff_message="La respuesta de la DIAN no valida este documento o no corresponde a su CUFE.",
                associate=False,
            )
        )
    for check in facts.get("checks") or []:
        # The signature and the DIAN response are reported above in the associate's words.
        if check.get("code") in {"signature", "dian_validation"}:
            continue
        if not check.get("ok"):
            findings.append(
                warning(
                    f"check_{check['code']}",
                    "",
                    staff_message=check.get("message", ""),
                    associate=False,
                )
            )
    return findings


def _elsewhere(document: Document, sheet) -> list[dict]:
    uuid = (sheet.get("uuid") or "").lower()
    if (
        uuid
        and Invoice.objects.filter(uuid=uuid)
        .exclude(cooperative_id=document.cooperative_id)
        .exists()
    ):
        # Nothing about the other cooperative is revealed, not even which one.
        return [
            warning(
                "cufe_seen_elsewhere",
                "",
                staff_message="Este CUFE también fue presentado en otra entidad del portal.",
                associate=False,
            )
        ]
    return []


def _credit_notes(document: Document, sheet) -> list[dict]:
    uuid = (sheet.get("uuid") or "").lower()
    if sheet.get("kind") == "credit_note":
        reference = (sheet.get("billing_reference") or {}).get("uuid") or ""
        annulled = Invoice.objects.filter(
            cooperative_id=document.cooperative_id, uuid=reference.lower()
        ).first()
        findings = [
            warning(
                "credit_note", "Este documento es una nota crédito, no una factura.", blocking=True
            )
        ]
        if annulled is not None:
            _flag_annulled(annulled)
        return findings
    if (
        uuid
        and Invoice.objects.filter(
            cooperative_id=document.cooperative_id, billing_reference=uuid
        ).exists()
    ):
        return [_annulled_warning()]
    return []


def _annulled_warning() -> dict:
    return warning(
        "annulled_by_credit_note",
        "El proveedor emitió una nota crédito que anula esta factura.",
        staff_message="Existe una nota crédito que referencia este CUFE: la factura fue anulada o ajustada.",
        blocking=True,
    )


def _flag_annulled(invoice: Invoice) -> None:
    """A credit note arrived for an invoice already on a request: mark that request for staff."""
    from benefits.models import BenefitRequest

    target = invoice.document
    if any(w.get("code") == "annulled_by_credit_note" for w in target.warnings):
        return
    Document.objects.filter(pk=target.pk).update(warnings=[*target.warnings, _annulled_warning()])
    BenefitRequest.objects.filter(pk=invoice.request_id).update(has_warnings=True)
