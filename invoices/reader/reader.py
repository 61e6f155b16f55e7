"""read_upload: from the bytes an associate uploaded to the contract's result object."""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass, field

from lxml import etree

from . import checks, facts, safexml, signature, ubl
from .container import (
    Collected,
    XmlEntry,
    collect_zip,
    display_name,
    looks_like_xml,
    looks_like_zip,
)
from .errors import ReaderError, human_bytes
from .limits import Deadline, Limits

logger = logging.getLogger(__name__)
# DIAN responses sent as files of their own, kept to match against the invoice.
MAX_SEPARATE_RESPONSES = 5


@dataclass
class ReadResult:
    """The outcome for one file: ``ok`` with the facts, or the refusal's code and message."""

    file: str
    ok: bool
    document: dict | None = None
    dian_validation: dict | None = None
    signature: dict | None = None
    checks: list[dict] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    container: dict | None = None
    error_code: str | None = None
    error_message: str | None = None
    error_limit: str | None = None

    @classmethod
    def refused(cls, file: str, error: ReaderError) -> ReadResult:
        return cls(
            file=file,
            ok=False,
            error_code=error.code,
            error_message=error.message,
            error_limit=error.limit,
        )

    def to_json(self) -> dict:
        """The contract object for this file (``../shared/contracts/parse_invoice.md``)."""
        if not self.ok:
            error = {"code": self.error_code, "message": self.error_message}
            if self.error_limit:
                error["limit"] = self.error_limit
            return {"file": self.file, "ok": False, "error": error}
        return {
            "file": self.file,
            "ok": True,
            "document": self.document,
            "dian_validation": self.dian_validation,
            "signature": self.signature,
            "checks": self.checks,
            "attachments": self.attachments,
            "container": self.container,
        }


@dataclass
class _Candidate:
    """One e-invoice found in the upload, with its AttachedDocument and DIAN response if any."""

    entry: str
    root: etree._Element
    data: bytes
    embedded: bool = False
    container_root: etree._Element | None = None
    container_data: bytes | None = None
    container_facts: dict | None = None
    response_root: etree._Element | None = None
    response_data: bytes | None = None
    response_readable: bool = True

    def key(self) -> tuple:
        uuid = ubl.text(self.root, ubl.CBC + "UUID")
        if uuid:
            return ("uuid", uuid.lower())
        issuer = ubl.text(
            self.root,
            f"{ubl.CAC}AccountingSupplierParty/{ubl.CAC}Party/{ubl.CAC}PartyTaxScheme/{ubl.CBC}CompanyID",
        )
        return (
            "number",
            ubl.text(self.root, ubl.CBC + "ID"),
            issuer,
            ubl.text(self.root, ubl.CBC + "IssueDate"),
        )


def read_upload(
    data: bytes, *, filename: str = "", limits: Limits | None = None, verify_signatures: bool = True
) -> ReadResult:
    """Read one upload entirely in memory; never raises for anything the bytes contain.

    ``limits`` defaults to ``Limits.from_settings()`` (plain defaults outside Django).
    ``verify_signatures=False`` skips XMLDSig work (``signature.valid`` is then null).
    """
    try:
        return read_unguarded(
            data, filename=filename, limits=limits, verify_signatures=verify_signatures
        )
    except Exception as exc:  # noqa: BLE001 - last resort: a hostile file must never crash the caller
        # Only the exception type and the frames: messages may quote the file.
        logger.error(
            "invoice reader failed unexpectedly (%s)\n%s",
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        code = "corrupt_zip" if looks_like_zip(data or b"") else "xml_malformed"
        return ReadResult.refused(filename, ReaderError(code))


def read_unguarded(
    data: bytes, *, filename: str = "", limits: Limits | None = None, verify_signatures: bool = True
) -> ReadResult:
    """``read_upload`` without the last-resort guard: any exception other than a refusal
    escapes. For the fuzzer and tests, which must see bugs the guard would hide."""
    limits = limits or Limits.from_settings()
    try:
        return _Reader(data, filename, limits, verify_signatures).read()
    except ReaderError as error:
        return ReadResult.refused(filename, error)


class _Reader:
    def __init__(self, data: bytes, filename: str, limits: Limits, verify_signatures: bool):
        self.data = data
        self.filename = filename
        self.limits = limits
        self.verify_signatures = verify_signatures
        self.deadline = Deadline(limits.max_seconds)
        self.candidates: dict[tuple, _Candidate] = {}  # one per distinct document
        self.responses: list[tuple[etree._Element, bytes]] = []

    def read(self) -> ReadResult:
        data = self.data
        if not data:
            raise ReaderError("empty")
        if len(data) > self.limits.max_upload_bytes:
            limit = self.limits.max_upload_bytes
            raise ReaderError(
                "zip_too_large",
                limit="upload_bytes",
                limit_value=limit,
                shown_limit=human_bytes(limit),
            )
        if looks_like_zip(data):
            collected = collect_zip(data, self.limits, self.deadline)
            form = "zip"
            if not collected.xml:
                raise ReaderError("no_xml")
        elif looks_like_xml(data):
            collected = Collected(
                xml=[XmlEntry(name=display_name(self.filename), data=data, depth=0)]
            )
            form = "xml"
        else:
            raise ReaderError("not_zip_or_xml")

        deferred: list[ReaderError] = []
        for entry in collected.xml:
            self.deadline.check()
            try:
                self._consider(entry)
            except ReaderError as error:
                # A hostile XML or a second document anywhere refuses the upload; a
                # damaged annex is tolerated as long as the upload holds a readable e-invoice.
                if error.code in ("xml_forbidden", "several_documents") or form == "xml":
                    raise
                deferred.append(error)
        if not self.candidates:
            raise deferred[0] if deferred else ReaderError("not_an_einvoice")
        chosen = next(iter(self.candidates.values()))
        return self._result(chosen, form, collected.attachments if form == "zip" else [])

    # --- finding the document -------------------------------------------------
    def _consider(self, entry: XmlEntry) -> None:
        body = safexml.trim_leading(entry.data)
        root = safexml.parse(body, max_elements=self.limits.max_xml_elements)
        name = ubl.root_name(root)
        if name in ubl.EINVOICE_ROOTS:
            self._add(_Candidate(entry=entry.name, root=root, data=body))
        elif name == "AttachedDocument":
            self._add(self._unwrap(entry, root, body))
        elif name == "ApplicationResponse":
            if len(self.responses) < MAX_SEPARATE_RESPONSES:
                self.responses.append((root, body))
        else:
            raise ReaderError("not_an_einvoice")

    def _unwrap(self, entry: XmlEntry, root: etree._Element, body: bytes) -> _Candidate:
        parts = facts.attached_parts(root)
        inner_bytes = safexml.embedded_bytes(parts["document_text"])
        if inner_bytes is None:
            raise ReaderError("not_an_einvoice")
        self.deadline.check()
        inner = safexml.parse(
            inner_bytes, force_utf8=True, max_elements=self.limits.max_xml_elements
        )
        if ubl.root_name(inner) not in ubl.EINVOICE_ROOTS:
            raise ReaderError("not_an_einvoice")
        candidate = _Candidate(
            entry=entry.name,
            root=inner,
            data=inner_bytes,
            embedded=True,
            container_root=root,
            container_data=body,
            container_facts=parts["facts"],
        )
        response_bytes = safexml.embedded_bytes(parts["response_text"])
        if response_bytes is not None:
            try:
                response = safexml.parse(
                    response_bytes, force_utf8=True, max_elements=self.limits.max_xml_elements
                )
            except ReaderError as error:
                if error.code == "xml_forbidden":
                    raise
                candidate.response_readable = False
            else:
                if ubl.root_name(response) == "ApplicationResponse":
                    candidate.response_root, candidate.response_data = response, response_bytes
                else:
                    candidate.response_readable = False
        return candidate

    def _add(self, candidate: _Candidate) -> None:
        """Keep one candidate per distinct document (preferring the AttachedDocument);
        a second distinct document refuses the upload at once, without parsing on."""
        key = candidate.key()
        known = self.candidates.get(key)
        if known is None:
            if self.candidates:
                raise ReaderError("several_documents")
            self.candidates[key] = candidate
        elif known.container_root is None and candidate.container_root is not None:
            self.candidates[key] = candidate

    # --- building the result ----------------------------------------------------
    def _result(self, chosen: _Candidate, form: str, attachments: list[str]) -> ReadResult:
        document, unreadable = facts.document_facts(chosen.root)
        self.deadline.check()
        container = {"format": form, "entry": chosen.entry, "wrapper": None}
        if chosen.container_root is not None:
            container.update(wrapper="AttachedDocument", **chosen.container_facts)
        doc_signature = self._signature(chosen.data, chosen.root, embedded=chosen.embedded)
        if doc_signature.get("signer"):
            issuer = document.get("issuer") or {}
            provider = document.get("software_provider") or {}
            doc_signature["signer_matches_party"] = signature.signer_is(
                doc_signature["signer"], [issuer.get("id"), provider.get("id")]
            )
        if chosen.container_root is not None:
            container["signature"] = self._signature(
                chosen.container_data, chosen.container_root, embedded=False
            )
        validation, response_facts = self._dian_validation(chosen, document)
        results = [
            checks.check_nit(document),
            checks.check_arithmetic(document, unreadable),
            checks.check_cufe_shape(document),
            checks.check_cufe_consistency(document, chosen.container_facts, response_facts),
            checks.check_environment(document, chosen.container_facts),
        ]
        if self.verify_signatures:
            results.append(checks.check_signature(doc_signature))
            if validation["present"]:
                results.append(checks.check_dian_validation(validation))
        return ReadResult(
            file=self.filename,
            ok=True,
            document=document,
            dian_validation=validation,
            signature=doc_signature,
            checks=results,
            attachments=attachments,
            container=container,
        )

    def _signature(self, data: bytes, root: etree._Element, *, embedded: bool) -> dict:
        self.deadline.check()
        if not self.verify_signatures:
            present = signature.find_signature(root) is not None
            return {"present": present, "valid": None, "verified": False}
        return signature.verify(
            data, root, force_utf8=embedded, max_bytes=self.limits.max_signed_bytes
        )

    def _dian_validation(self, chosen: _Candidate, document: dict) -> tuple[dict, dict | None]:
        source, root, data = None, chosen.response_root, chosen.response_data
        if root is not None:
            source = "attached_document"
        else:
            # A DIAN response sent as its own file beside a bare invoice.
            for response_root, response_data in self.responses:
                candidate = facts.response_facts(response_root)
                uuid = candidate["reference_uuid"]
                from_dian = candidate["sender_id"] == signature.DIAN_NIT  # not a buyer's event
                if (
                    from_dian
                    and uuid
                    and document["uuid"]
                    and uuid.lower() == document["uuid"].lower()
                ):
                    source, root, data = "separate_file", response_root, response_data
                    break
        if root is None:
            present = chosen.container_root is not None and not chosen.response_readable
            return {
                "present": present,
                "readable": not present,
                "response_code": None,
                "uuid_matches": None,
            }, None
        response = facts.response_facts(root)
        uuid = document.get("uuid")
        response_signature = self._signature(data, root, embedded=source == "attached_document")
        validation = {
            "present": True,
            "source": source,
            "response_code": response["response_code"],
            "accepted": response["response_code"] == "02",
            "uuid_matches": bool(
                uuid
                and response["reference_uuid"]
                and response["reference_uuid"].lower() == uuid.lower()
            ),
            "number_matches": response["reference_number"] == document.get("number"),
            "signature_valid": response_signature.get("valid"),
            "signed_by_dian": checks.dian_signer_ok(response_signature.get("signer"))
            if response_signature.get("signer")
            else None,
            "sender_id": response["sender_id"],
            "id": response["id"],
            "description": response["description"],
            "issue_date": response["issue_date"],
            "issue_time": response["issue_time"],
            "notes": response["notes"],
            "signature": response_signature,
        }
        return validation, response
