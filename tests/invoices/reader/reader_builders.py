"""Builders for the files the reader tests feed it: real samples (read from ../shared,
never copied) rearranged in memory, and hostile files built from scratch.

Every hostile file carries MARKER somewhere (names, text, entity values) so tests can
assert that no message ever echoes file content.
"""

from __future__ import annotations

import io
import stat
import time
import tracemalloc
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "dian-samples"
MARKER = "MARKER-c0ffee-7f3a"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@dataclass
class Entry:
    name: str
    data: bytes
    method: int = zipfile.ZIP_DEFLATED
    symlink: bool = False
    flag_bits: int = 0


def build_zip(*entries: Entry | tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in entries:
            if isinstance(entry, tuple):
                entry = Entry(*entry)
            info = zipfile.ZipInfo(entry.name, date_time=(2025, 9, 4, 18, 40, 30))
            info.compress_type = entry.method
            info.create_system = 3
            mode = (stat.S_IFLNK | 0o777) if entry.symlink else (stat.S_IFREG | 0o644)
            info.external_attr = mode << 16
            archive.writestr(info, entry.data)
    data = buffer.getvalue()
    extra_flags = [entry.flag_bits if isinstance(entry, Entry) else 0 for entry in entries]
    return _set_flags(data, extra_flags) if any(extra_flags) else data


def _set_flags(data: bytes, flags: list[int]) -> bytes:
    """OR general-purpose flag bits into each entry's local and central headers
    (zipfile's writer resets them, and it cannot write a real encrypted entry)."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = 0
        for flag in flags:
            position = patched.find(signature, position)
            current = int.from_bytes(patched[position + offset : position + offset + 2], "little")
            patched[position + offset : position + offset + 2] = (current | flag).to_bytes(
                2, "little"
            )
            position += 4
    return bytes(patched)


def pdf(label: str = "factura") -> bytes:
    return b"%PDF-1.4\n% " + label.encode() + b"\n" + b"0" * 2000 + b"\n%%EOF\n"


def attached_parts(data: bytes) -> tuple[bytes, bytes]:
    """The invoice and the DIAN ApplicationResponse embedded in an AttachedDocument, as bytes."""
    root = etree.fromstring(data)
    texts = [
        element.text
        for element in root.iter(f"{{{CBC}}}Description")
        if element.getparent().tag == f"{{{CAC}}}ExternalReference"
    ]
    invoice, response = texts[0], texts[1]
    return invoice.strip().encode(), response.strip().encode()


def with_embedded_text(data: bytes, transform, *, cdata: bool = True) -> bytes:
    """The AttachedDocument with its embedded invoice text passed through ``transform``
    (kept as CDATA, or as escaped character data with ``cdata=False``)."""
    root = etree.fromstring(data)
    element = next(
        e
        for e in root.iter(f"{{{CBC}}}Description")
        if e.getparent().tag == f"{{{CAC}}}ExternalReference"
    )
    new_text = transform(element.text)
    element.text = etree.CDATA(new_text) if cdata else new_text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- hostile XML -------------------------------------------------------------------
def billion_laughs() -> bytes:
    entities = [f'<!ENTITY lol0 "{MARKER}">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE Invoice [' + "".join(entities) + "]>\n"
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol9;</Invoice>'
    ).encode()


def xxe(system_id: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY x SYSTEM "{system_id}">]>\n'
        f'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>{MARKER}&x;</ID></Invoice>'
    ).encode()


def parameter_entities() -> bytes:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">'
        f'<!ENTITY % {MARKER.replace("-", "")} "x"> %remote;]>\n'
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
    ).encode()


def with_doctype(xml: bytes) -> bytes:
    """A real document with a harmless-looking DOCTYPE inserted after its declaration."""
    head, sep, rest = xml.partition(b"?>")
    return head + sep + f"\n<!DOCTYPE Invoice SYSTEM '{MARKER}.dtd'>".encode() + rest


# --- hostile ZIPs --------------------------------------------------------------------
def ratio_bomb_42(levels: int = 2, copies: int = 16, leaf_bytes: int = 8 * 1024 * 1024) -> bytes:
    """42.zip style: each level holds ``copies`` of the level below; the leaf is zeros."""
    layer = build_zip(Entry(f"{MARKER}.xml", b"\0" * leaf_bytes))
    for level in range(levels):
        layer = build_zip(*(Entry(f"{MARKER}-{level}-{i}.zip", layer) for i in range(copies)))
    return layer


def total_size_bomb(entries: int = 25, entry_bytes: int = 1024 * 1024) -> bytes:
    """Entries of moderate ratio (~40×) whose sum is past the uncompressed total."""
    import random

    block = random.Random(7).randbytes(16 * 1024)
    body = (block * (entry_bytes // len(block) + 1))[:entry_bytes]
    return build_zip(*(Entry(f"{MARKER}-{i}.xml", body) for i in range(entries)))


def many_small_zeros(entries: int = 90, entry_bytes: int = 200 * 1024) -> bytes:
    """Each entry under the per-entry ratio floor, the whole far past the ratio."""
    return build_zip(*(Entry(f"{MARKER}-{i}.pdf", b"\0" * entry_bytes) for i in range(entries)))


def many_entries(count: int = 20_000) -> bytes:
    return build_zip(
        *(Entry(f"{MARKER}/{i}.txt", b"x", method=zipfile.ZIP_STORED) for i in range(count))
    )


def nested(levels: int = 12, payload: bytes = b"") -> bytes:
    data = build_zip(Entry(f"{MARKER}.xml", payload or b"<x/>"))
    for level in range(levels - 1):
        data = build_zip(Entry(f"{MARKER}-{level}.zip", data))
    return data


def lying_size(real: bytes, declared: int) -> bytes:
    """A ZIP whose central directory declares ``declared`` bytes for an entry of ``real``."""
    data = bytearray(build_zip(Entry(f"{MARKER}.xml", real)))
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    local = data.find(b"PK\x03\x04")
    data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    return bytes(data)


# --- measuring -------------------------------------------------------------------------
@dataclass
class Measured:
    result: object
    seconds: float
    peak_bytes: int


def measure(function, *args, **kwargs) -> Measured:
    """Wall time and peak Python-heap allocation of one call (tracemalloc: libxml2's own
    allocations are not seen, but every byte zipfile inflates is)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = function(*args, **kwargs)
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return Measured(result, seconds, peak)


def many_elements(count: int = 2_000_000) -> bytes:
    """A small file that would be a huge tree: millions of empty elements."""
    return (
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><!--'
        + MARKER.encode()
        + b"-->"
        + b"<b/>" * count
        + b"</Invoice>"
    )


def invoice_with_lines(lines: int) -> bytes:
    """A real invoice grown to ``lines`` lines (its signature no longer matches)."""
    invoice = sample("inv_siigo_FE254_prod.xml")
    head, start, tail = invoice.partition(b"<cac:InvoiceLine>")
    line = start + tail.split(b"</cac:InvoiceLine>")[0] + b"</cac:InvoiceLine>"
    return head + line * lines + b"</Invoice>"
