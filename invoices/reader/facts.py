"""The facts of a DIAN document (REFERENCE §2, §1.2, §1.3): the contract's ``document``,
the pieces of an AttachedDocument, and DIAN's ApplicationResponse.

Every value is the stripped text as the document states it; anything absent is
``None`` (or an empty list), never a default.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from .ubl import (
    CAC,
    CBC,
    EXT,
    Amounts,
    attr,
    by_local_name,
    child,
    dian_extensions,
    first,
    gather,
    groups,
    root_name,
    text,
)

# Invoice type codes (REFERENCE §4): 05 documento soporte, DEE codes for POS and the like.
SUPPORT_DOCUMENT_CODES = {"05"}
EQUIVALENT_DOCUMENT_CODES = {"20", "25", "27", "30", "35", "40", "45", "50", "55", "60"}
LINE_TAGS = (CAC + "InvoiceLine", CAC + "CreditNoteLine", CAC + "DebitNoteLine")
QUANTITY_TAGS = (CBC + "InvoicedQuantity", CBC + "CreditedQuantity", CBC + "DebitedQuantity")
_DESCRIPTION = CBC + "Description"
_TAX_SCHEME, _LEGAL_ENTITY, _IDENTIFICATION = (
    CAC + "PartyTaxScheme",
    CAC + "PartyLegalEntity",
    CAC + "PartyIdentification",
)
_REGISTRATION_NAME, _COMPANY_ID = CBC + "RegistrationName", CBC + "CompanyID"


def _kind(name: str, type_code: str | None, uuid_scheme: str | None) -> str:
    if name == "CreditNote":
        return "credit_note"
    if name == "DebitNote":
        return "debit_note"
    if type_code in SUPPORT_DOCUMENT_CODES or (type_code is None and uuid_scheme == "CUDS-SHA384"):
        return "support_document"
    if type_code in EQUIVALENT_DOCUMENT_CODES:
        return "pos_equivalent"
    return "invoice"


PARTY_TAGS = (
    CAC + "PartyTaxScheme",
    CAC + "PartyLegalEntity",
    CAC + "PartyIdentification",
    CAC + "PartyName",
)
TOTAL_FIELDS = {
    "line_extension": CBC + "LineExtensionAmount",
    "tax_exclusive": CBC + "TaxExclusiveAmount",
    "tax_inclusive": CBC + "TaxInclusiveAmount",
    "allowances": CBC + "AllowanceTotalAmount",
    "charges": CBC + "ChargeTotalAmount",
    "prepaid": CBC + "PrepaidAmount",
    "rounding": CBC + "PayableRoundingAmount",
    "payable": CBC + "PayableAmount",
}
LINE_FIELDS = (
    CBC + "ID",
    *QUANTITY_TAGS,
    CBC + "LineExtensionAmount",
    CBC + "FreeOfChargeIndicator",
    CAC + "Item",
    CAC + "Price",
)


def _party(role_element: etree._Element | None, *, with_industry: bool = False) -> dict | None:
    role = gather(role_element, CBC + "AdditionalAccountID", CAC + "Party")
    party = role.get(CAC + "Party")
    if party is None:
        return None
    parts = groups(party, *PARTY_TAGS, CBC + "IndustryClassificationCode")
    tax_scheme = gather(first(parts, _TAX_SCHEME), _REGISTRATION_NAME, _COMPANY_ID)
    company_id, name = tax_scheme.get(_COMPANY_ID), text(tax_scheme.get(_REGISTRATION_NAME))
    if text(company_id) is None or name is None:
        # Fall back on the legal entity, the identification and the trade name, in that order.
        legal = gather(first(parts, _LEGAL_ENTITY), _REGISTRATION_NAME, _COMPANY_ID)
        identification = gather(first(parts, _IDENTIFICATION), CBC + "ID")
        for candidate in (company_id, legal.get(_COMPANY_ID), identification.get(CBC + "ID")):
            if text(candidate) is not None:
                company_id = candidate
                break
        name = (
            name
            or text(legal.get(_REGISTRATION_NAME))
            or text(gather(first(parts, CAC + "PartyName"), CBC + "Name").get(CBC + "Name"))
        )
    facts = {
        "id": text(company_id),
        "id_type": attr(company_id, "schemeName"),
        "check_digit": attr(company_id, "schemeID"),
        "name": name,
        "person_type": text(role.get(CBC + "AdditionalAccountID")),
    }
    if with_industry:
        codes: list[str] = []
        for element in parts.get(CBC + "IndustryClassificationCode", []):
            for code in (element.text or "").split(";"):
                if code.strip() and code.strip() not in codes:
                    codes.append(code.strip())
        facts["industry_codes"] = codes
    return facts


def _totals(total: etree._Element | None, amounts: Amounts) -> dict | None:
    if total is None:
        return None
    found = gather(total, *TOTAL_FIELDS.values())
    return {key: amounts.of(found.get(tag), f"totals.{key}") for key, tag in TOTAL_FIELDS.items()}


def _tax_sums(totals: list[etree._Element], label_prefix: str, amounts: Amounts) -> list[dict]:
    """Sum each tax scheme across TaxTotals (REFERENCE §5.2 pitfall 12), keeping stated text when single."""
    found: dict[str | None, dict] = {}

    def add(scheme: str | None, name: str | None, amount: str | None, taxable: str | None) -> None:
        entry = found.setdefault(
            scheme, {"scheme": scheme, "name": name, "parts": [], "taxable": []}
        )
        entry["name"] = entry["name"] or name
        if amount is not None:
            entry["parts"].append(amount)
        if taxable is not None:
            entry["taxable"].append(taxable)

    for index, total in enumerate(totals):
        label = f"{label_prefix}[{index}]"
        parts = groups(total, CBC + "TaxAmount", CAC + "TaxSubtotal")
        amount = amounts.of(first(parts, CBC + "TaxAmount"), label)
        subtotals = []
        for sub in parts.get(CAC + "TaxSubtotal", []):
            sub_parts = gather(sub, CBC + "TaxAmount", CBC + "TaxableAmount", CAC + "TaxCategory")
            category = gather(sub_parts.get(CAC + "TaxCategory"), CAC + "TaxScheme")
            scheme = gather(category.get(CAC + "TaxScheme"), CBC + "ID", CBC + "Name")
            subtotals.append(
                (
                    text(scheme.get(CBC + "ID")),
                    text(scheme.get(CBC + "Name")),
                    amounts.of(sub_parts.get(CBC + "TaxAmount"), label + ".subtotal"),
                    amounts.of(sub_parts.get(CBC + "TaxableAmount"), label + ".taxable"),
                )
            )
        schemes = {scheme for scheme, _, _, _ in subtotals}
        if len(schemes) == 1 and amount is not None:
            scheme, name = subtotals[0][0], subtotals[0][1]
            taxable = [t for _, _, _, t in subtotals if t is not None]
            add(scheme, name, amount, _sum_text(taxable))
        elif subtotals:
            for scheme, name, sub_amount, taxable in subtotals:
                add(scheme, name, sub_amount, taxable)
        else:
            add(None, None, amount, None)
    return [
        {
            "scheme": entry["scheme"],
            "name": entry["name"],
            "amount": _sum_text(entry["parts"]),
            "taxable_amount": _sum_text(entry["taxable"]),
        }
        for entry in found.values()
    ]


def _sum_text(parts: list[str]) -> str | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return str(sum((Decimal(part) for part in parts), Decimal(0)))


def _lines(elements: list[etree._Element], amounts: Amounts) -> list[dict]:
    lines = []
    for index, line in enumerate(elements):
        found = gather(line, *LINE_FIELDS)
        quantity = next((found[tag] for tag in QUANTITY_TAGS if tag in found), None)
        item = found.get(CAC + "Item")
        descriptions = (
            [] if item is None else [d for e in item if e.tag == _DESCRIPTION and (d := text(e))]
        )
        price = gather(found.get(CAC + "Price"), CBC + "PriceAmount").get(CBC + "PriceAmount")
        label = f"lines[{index}]"
        lines.append(
            {
                "id": text(found.get(CBC + "ID")),
                "description": " ".join(descriptions) if descriptions else None,
                "quantity": amounts.of(quantity, label + ".quantity"),
                "unit_code": attr(quantity, "unitCode"),
                "amount": amounts.of(found.get(CBC + "LineExtensionAmount"), label + ".amount"),
                "price": amounts.of(price, label + ".price"),
                "free_of_charge": text(found.get(CBC + "FreeOfChargeIndicator")) == "true",
            }
        )
    return lines


def _reference(element: etree._Element) -> dict:
    found = gather(element, CBC + "ID", CBC + "UUID", CBC + "IssueDate")
    uuid = found.get(CBC + "UUID")
    return {
        "number": text(found.get(CBC + "ID")),
        "uuid": text(uuid),
        "uuid_scheme": attr(uuid, "schemeName"),
        "issue_date": text(found.get(CBC + "IssueDate")),
    }


def document_facts(root: etree._Element) -> tuple[dict, list[str]]:
    """The contract's ``document`` object for an Invoice, CreditNote or DebitNote root.

    Returns the facts and the labels of amounts present but unreadable.
    """
    return _document_facts(root)


HEADER_TAGS = tuple(
    CBC + name
    for name in (
        "ID", "UUID", "IssueDate", "IssueTime", "DueDate", "InvoiceTypeCode", "CreditNoteTypeCode",
        "DebitNoteTypeCode", "ProfileExecutionID", "CustomizationID", "DocumentCurrencyCode", "LineCountNumeric",
    )
) + tuple(
    CAC + name
    for name in (
        "AccountingSupplierParty", "AccountingCustomerParty", "LegalMonetaryTotal", "RequestedMonetaryTotal",
        "DiscrepancyResponse", "TaxTotal", "WithholdingTaxTotal", "BillingReference",
        "InvoiceLine", "CreditNoteLine", "DebitNoteLine",
    )
) + (EXT + "UBLExtensions",)  # fmt: skip


def _document_facts(root: etree._Element) -> tuple[dict, list[str]]:
    name = root_name(root) or ""
    amounts = Amounts()
    parts = groups(root, *HEADER_TAGS)

    def value(tag: str) -> str | None:
        return text(first(parts, CBC + tag))

    type_code = (
        value("DebitNoteTypeCode")
        if name == "DebitNote"
        else value("InvoiceTypeCode") or value("CreditNoteTypeCode")
    )
    uuid = first(parts, CBC + "UUID")
    uuid_scheme = attr(uuid, "schemeName")
    profile_execution = value("ProfileExecutionID")
    extensions = by_local_name(dian_extensions(first(parts, EXT + "UBLExtensions")))
    software = by_local_name(extensions.get("SoftwareProvider"))
    provider, software_id = software.get("ProviderID"), software.get("SoftwareID")
    references = [
        _reference(reference)
        for billing in parts.get(CAC + "BillingReference", [])
        for reference in billing.iterchildren(CAC + "InvoiceDocumentReference")
    ]
    discrepancy = first(parts, CAC + "DiscrepancyResponse")
    discrepancy_parts = gather(
        discrepancy, CBC + "ReferenceID", CBC + "ResponseCode", CBC + "Description"
    )
    total = first(parts, CAC + "LegalMonetaryTotal")
    if total is None:
        total = first(parts, CAC + "RequestedMonetaryTotal")
    lines = [line for tag in LINE_TAGS for line in parts.get(tag, [])]
    document = {
        "kind": _kind(name, type_code, uuid_scheme),
        "type_code": type_code,
        "number": value("ID"),
        "uuid": text(uuid),
        "uuid_scheme": uuid_scheme,
        "uuid_environment": attr(uuid, "schemeID"),
        "environment": {"1": "production", "2": "test"}.get(profile_execution or ""),
        "profile_execution_id": profile_execution,
        "operation_type": value("CustomizationID"),
        "issue_date": value("IssueDate"),
        "issue_time": value("IssueTime"),
        "due_date": value("DueDate"),
        "currency": value("DocumentCurrencyCode"),
        "issuer": _party(first(parts, CAC + "AccountingSupplierParty"), with_industry=True),
        "buyer": _party(first(parts, CAC + "AccountingCustomerParty")),
        "totals": _totals(total, amounts),
        "taxes": _tax_sums(parts.get(CAC + "TaxTotal", []), "TaxTotal", amounts),
        "withholdings": _tax_sums(
            parts.get(CAC + "WithholdingTaxTotal", []), "WithholdingTaxTotal", amounts
        ),
        "lines": _lines(lines, amounts),
        "line_count": value("LineCountNumeric"),
        "billing_reference": references[0] if references else None,
        "billing_references": references,
        "discrepancy": {
            "reference": text(discrepancy_parts.get(CBC + "ReferenceID")),
            "code": text(discrepancy_parts.get(CBC + "ResponseCode")),
            "description": text(discrepancy_parts.get(CBC + "Description")),
        }
        if discrepancy is not None
        else None,
        "software_provider": {
            "id": text(provider),
            "check_digit": attr(provider, "schemeID"),
            "software_id": text(software_id),
        }
        if provider is not None or software_id is not None
        else None,
        "qr_code": text(extensions.get("QRCode")),
    }
    return document, amounts.unreadable


def attached_parts(root: etree._Element) -> dict:
    """The pieces of an AttachedDocument (REFERENCE §1.2): the embedded texts and the references."""
    reference = child(root, f"{CAC}ParentDocumentLineReference/{CAC}DocumentReference")
    reference_uuid = child(reference, CBC + "UUID") if reference is not None else None
    return {
        "document_text": text_raw(
            child(root, f"{CAC}Attachment/{CAC}ExternalReference/{CBC}Description")
        ),
        "response_text": text_raw(
            child(reference, f"{CAC}Attachment/{CAC}ExternalReference/{CBC}Description")
            if reference is not None
            else None
        ),
        "facts": {
            "parent_document_id": text(root, CBC + "ParentDocumentID"),
            "reference_number": text(reference, CBC + "ID"),
            "reference_uuid": text(reference_uuid),
            "reference_uuid_scheme": attr(reference_uuid, "schemeName"),
            "profile_execution_id": text(root, CBC + "ProfileExecutionID"),
            "validation_result_code": text(
                reference, f"{CAC}ResultOfVerification/{CBC}ValidationResultCode"
            ),
        },
    }


def text_raw(element: etree._Element | None) -> str | None:
    """Unstripped text: the embedded documents are cleaned by safexml.embedded_bytes."""
    return element.text if element is not None else None


def response_facts(root: etree._Element) -> dict:
    """DIAN's ApplicationResponse (REFERENCE §1.3): verdict, referenced document, notes."""
    response = child(root, CAC + "DocumentResponse")
    document_reference = (
        child(response, CAC + "DocumentReference") if response is not None else None
    )
    notes = []
    if response is not None:
        for line in response.iterchildren(CAC + "LineResponse"):
            for note in line.iterchildren(CAC + "Response"):
                notes.append(
                    {
                        "line_id": text(line, f"{CAC}LineReference/{CBC}LineID"),
                        "code": text(note, CBC + "ResponseCode"),
                        "description": text(note, CBC + "Description"),
                    }
                )
    return {
        "id": text(root, CBC + "ID"),
        "issue_date": text(root, CBC + "IssueDate"),
        "issue_time": text(root, CBC + "IssueTime"),
        "sender_id": text(root, f"{CAC}SenderParty/{CAC}PartyTaxScheme/{CBC}CompanyID"),
        "response_code": text(response, f"{CAC}Response/{CBC}ResponseCode"),
        "description": text(response, f"{CAC}Response/{CBC}Description"),
        "reference_number": text(document_reference, CBC + "ID"),
        "reference_uuid": text(document_reference, CBC + "UUID"),
        "notes": notes,
    }
