"""Hardened XML parsing (RELIABILITY §1.2): no DTD, no entities, no network, no DOCTYPE at all."""

from __future__ import annotations

import threading

from lxml import etree

from .errors import ReaderError

_local = threading.local()
_DOCTYPE_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_BLANKS = b" \t\r\n"
_UTF8_BOM = b"\xef\xbb\xbf"


class _NothingExternal(etree.Resolver):
    """Answers every external load (DTD subset, parameter or general entity) with nothing.

    ``load_dtd=False`` and ``resolve_entities=False`` are not enough: libxml2 still opens
    the target of an external parameter entity (``<!ENTITY % p SYSTEM "file:///…"> %p;``)
    while reading the internal subset — a FIFO or device there hangs the worker. With a
    resolver on the parser, lxml hands every such load to us and we never open anything.
    """

    def resolve(self, system_url, public_id, context):
        return self.resolve_string("", context)


def parser(*, force_utf8: bool = False) -> etree.XMLParser:
    """This thread's hardened parser (lxml parsers must not be shared across threads).

    ``force_utf8`` is for documents that were embedded as text (an AttachedDocument's
    CDATA): we re-encode that text as UTF-8, so its own declaration must not win.
    Processing instructions are kept, since they take part in signature digests.
    """
    key = "utf8" if force_utf8 else "plain"
    cached = getattr(_local, key, None)
    if cached is None:
        cached = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            dtd_validation=False,
            attribute_defaults=False,
            collect_ids=False,
            encoding="utf-8" if force_utf8 else None,
        )
        cached.resolvers.add(_NothingExternal())
        setattr(_local, key, cached)
    return cached


def trim_leading(data: bytes) -> bytes:
    """Drop BOMs and blanks before the first '<' of a UTF-8 document (real files have them)."""
    start = 0
    while True:
        if data.startswith(_UTF8_BOM, start):
            start += len(_UTF8_BOM)
        elif start < len(data) and data[start] in _BLANKS:
            start += 1
        else:
            return data[start:] if start else data


def mentions_doctype(data: bytes) -> bool:
    if any(marker in data for marker in _DOCTYPE_MARKERS):
        return True
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", errors="ignore")
        return "<!DOCTYPE" in text or "<!ENTITY" in text
    return False


def parse(
    data: bytes, *, force_utf8: bool = False, max_elements: int | None = None
) -> etree._Element:
    """Parse one document; ReaderError ``xml_forbidden`` or ``xml_malformed`` on refusal.

    The parser itself is safe on hostile DTDs (nothing is opened, resolved or fetched —
    see ``_NothingExternal`` — and entity references stay unexpanded nodes), so the
    DOCTYPE refusal is decided after parsing, from the document's own DTD record. Only when parsing fails is the
    text scanned, so a broken hostile file is still called forbidden, not malformed.
    """
    # The smallest element, "<a/>", takes 4 bytes: shorter documents cannot exceed the
    # limit, and real invoices skip the scan.
    if (
        max_elements is not None
        and len(data) > 4 * max_elements
        and data.count(b"<") > max_elements
    ):
        raise ReaderError(
            "zip_bomb",
            variant="elements",
            limit="xml_elements",
            limit_value=max_elements,
            shown_limit=f"{max_elements:,}".replace(",", "."),  # es-CO: 100.000
        )
    try:
        root = etree.fromstring(data, parser(force_utf8=force_utf8))
    except (etree.LxmlError, ValueError, LookupError, TypeError) as exc:
        raise ReaderError("xml_forbidden" if mentions_doctype(data) else "xml_malformed") from exc
    if root is None:
        raise ReaderError("xml_malformed")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise ReaderError("xml_forbidden")
    return root


def embedded_bytes(text: str | None) -> bytes | None:
    """The XML document held as text in a CDATA, ready to parse (REFERENCE §5.2 pitfalls 1–2).

    Whitespace, BOMs or stray characters before the first '<' are cut; the result is
    UTF-8 bytes, to be parsed with ``force_utf8``.
    """
    if not text:
        return None
    start = text.find("<")
    if start < 0:
        return None
    try:
        return text[start:].rstrip().encode("utf-8")
    except UnicodeError:
        return None
