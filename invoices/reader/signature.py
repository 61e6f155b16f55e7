"""XMLDSig verification of DIAN documents with signxml (REFERENCE §3.4).

What "valid" means here: the enveloped signature in the document's UBL extensions
verifies over the exact bytes we received, one of its references covers the whole
document, and the embedded certificate was within its validity period at the
signature's own SigningTime (old invoices are signed with certificates that have
since expired). The certificate chain up to an ONAC-accredited CA is NOT checked:
there is no trust store for Colombian CAs here, and revocation needs the network.
The signer's identity is reported so callers can compare it with the issuer.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from datetime import UTC, datetime

from cryptography import x509
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import SignatureConfiguration, XMLVerifier
from signxml.exceptions import InvalidCertificate, InvalidDigest, InvalidInput, InvalidSignature

from . import safexml
from .ubl import EXT

logger = logging.getLogger(__name__)

DS = "{http://www.w3.org/2000/09/xmldsig#}"
XADES = "{http://uri.etsi.org/01903/v1.3.2#}"
MAX_REFERENCES = 8
DIAN_NIT = "800197268"
_ORGANIZATION_IDENTIFIER = x509.ObjectIdentifier("2.5.4.97")
_DIGITS = re.compile(r"\d+")


def _first_attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return None
    value = values[0].value
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _signer(cert: x509.Certificate) -> dict:
    serial = _first_attribute(cert.subject, NameOID.SERIAL_NUMBER)
    organization_id = _first_attribute(cert.subject, _ORGANIZATION_IDENTIFIER)
    return {
        "common_name": _first_attribute(cert.subject, NameOID.COMMON_NAME),
        "serial_number": serial,
        "organization_identifier": organization_id,
        "issuer_common_name": _first_attribute(cert.issuer, NameOID.COMMON_NAME),
        "not_before": cert.not_valid_before_utc.isoformat(),
        "not_after": cert.not_valid_after_utc.isoformat(),
    }


def signer_ids(signer: dict | None) -> list[str]:
    """The digit runs of the signer's serialNumber / organizationIdentifier (NIT, NIT+DV, cédula)."""
    if not signer:
        return []
    found = []
    for value in (signer.get("serial_number"), signer.get("organization_identifier")):
        found.extend(_DIGITS.findall(value or ""))
    return found


def signer_is(signer: dict | None, nits: list[str | None]) -> bool:
    """Whether the certificate names one of these NITs (with or without its check digit)."""
    ids = signer_ids(signer)
    return any(
        nit
        and any(
            found == nit or (found.startswith(nit) and len(found) == len(nit) + 1) for found in ids
        )
        for nit in nits
    )


def _signing_time(signature: etree._Element) -> tuple[str | None, datetime]:
    stated = None
    element = signature.find(f".//{XADES}SigningTime")
    if element is not None and element.text:
        stated = element.text.strip()[:64]
        try:
            when = datetime.fromisoformat(stated)
            return stated, when if when.tzinfo else when.replace(tzinfo=UTC)
        except ValueError:
            pass
    return stated, datetime.now(tz=UTC)


_UBL_EXTENSIONS, _UBL_EXTENSION, _EXTENSION_CONTENT, _SIGNATURE = (
    f"{EXT}UBLExtensions",
    f"{EXT}UBLExtension",
    f"{EXT}ExtensionContent",
    f"{DS}Signature",
)


def find_signature(root: etree._Element) -> etree._Element | None:
    """The ds:Signature in ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent (the first one)."""
    for extensions in root:  # UBLExtensions is the first child in every UBL document
        if extensions.tag != _UBL_EXTENSIONS:
            continue
        for extension in extensions:
            if extension.tag != _UBL_EXTENSION:
                continue
            for content in extension:
                if content.tag != _EXTENSION_CONTENT:
                    continue
                for signature in content:
                    if signature.tag == _SIGNATURE:
                        return signature
    return None


def verify(
    data: bytes, root: etree._Element, *, force_utf8: bool = False, max_bytes: int | None = None
) -> dict:
    """The contract's ``signature`` object for one document given as the bytes it was parsed from.

    Documents over ``max_bytes`` are not verified (``valid`` null, reason ``too_large_to_verify``).
    """
    signature = find_signature(root)
    if signature is None:
        if next(root.iter(f"{DS}Signature"), None) is not None:
            return {"present": True, "valid": False, "reason": "signature_misplaced"}
        return {"present": False, "valid": None}
    stated_time, when = _signing_time(signature)
    result = {
        "present": True,
        "valid": False,
        "signing_time": stated_time,
        "signer": None,
        "chain_verified": False,
    }
    if max_bytes is not None and len(data) > max_bytes:
        return {**result, "valid": None, "reason": "too_large_to_verify"}
    references = signature.findall(f"{DS}SignedInfo/{DS}Reference")
    if len(references) > MAX_REFERENCES:
        result["reason"] = "too_many_references"
        return result
    if not any(reference.get("URI") == "" for reference in references):
        result["reason"] = "document_not_covered"
        return result
    try:
        certificate_text = signature.findtext(f"{DS}KeyInfo/{DS}X509Data/{DS}X509Certificate") or ""
        cert = x509.load_der_x509_certificate(base64.b64decode("".join(certificate_text.split())))
        result["signer"] = _signer(cert)
    except (ValueError, binascii.Error, TypeError):
        result["reason"] = "certificate_unreadable"
        return result

    verifier = XMLVerifier()
    # signxml re-parses the bytes; make it use our hardened parser, not its own.
    verifier._parser = safexml.parser(force_utf8=force_utf8)
    config = SignatureConfiguration(
        expect_references=True,
        verification_time=when,
        location=f"./{EXT}UBLExtensions/{EXT}UBLExtension/{EXT}ExtensionContent/",
    )
    try:
        verifier.verify(data, x509_cert=cert, expect_config=config)
    except InvalidDigest:
        result["reason"] = "digest_mismatch"
    except InvalidCertificate:
        result["reason"] = "certificate_not_valid_at_signing_time"
    except InvalidSignature:
        result["reason"] = "signature_mismatch"
    except InvalidInput:
        result["reason"] = "unsupported_signature"
    except etree.DocumentInvalid:  # signxml's schema check of the ds:Signature element
        result["reason"] = "malformed_signature"
    except Exception:  # noqa: BLE001 - any other failure means "not verified", never a crash
        logger.info("signature verification failed unexpectedly", exc_info=False)
        result["reason"] = "unverifiable"
    else:
        result["valid"] = True
        result["reason"] = None
    return result
