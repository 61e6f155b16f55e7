"""Each error code, exercised by a file built for it; hostile files are refused fast, small,
and without their content ever reaching a message."""

import contextlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import reader_builders as b
from lxml import etree

from invoices.reader import ERROR_CODES, Limits, read_upload, safexml

SECOND = 1.0
MEMORY = 64 * 1024 * 1024
INVOICE = "inv_siigo_FE254_prod.xml"
OTHER_INVOICE = "inv_facture_EMH15818_prod.xml"
AD = "ad_cadena_FAC1020_prod.xml"


def _response_alone():
    return b.attached_parts(b.sample(AD))[1]


def _inner_doctype():
    return b.with_embedded_text(
        b.sample(AD),
        lambda text: text.replace(
            "<Invoice", f"<!DOCTYPE Invoice SYSTEM '{b.MARKER}.dtd'><Invoice", 1
        ),
        cdata=False,
    )


def _utf16_doctype():
    text = (
        b.with_doctype(b.sample(INVOICE))
        .decode("utf-8")
        .replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    )
    return text.encode("utf-16")


HOSTILE = {
    # code, builder
    "empty file": ("empty", lambda: b""),
    "a PDF alone": ("not_zip_or_xml", lambda: b.pdf(b.MARKER)),
    "random bytes": ("not_zip_or_xml", lambda: b.MARKER.encode() + bytes(range(256)) * 8),
    "truncated archive": (
        "corrupt_zip",
        lambda: b.sample("zip_cufe_named_siigo_FE239_prod.zip")[:30_000],
    ),
    "a size the central directory lies about": (
        "corrupt_zip",
        lambda: b.lying_size(b"<a>" + b" " * (30 * 1024 * 1024) + b"</a>", 1000),
    ),
    "an LZMA entry": (
        "corrupt_zip",
        lambda: b.build_zip(b.Entry(b.MARKER, b.sample(INVOICE), method=zipfile.ZIP_LZMA)),
    ),
    "a BZIP2 entry": (
        "corrupt_zip",
        lambda: b.build_zip(b.Entry(b.MARKER, b.sample(INVOICE), method=zipfile.ZIP_BZIP2)),
    ),
    "an encrypted entry": (
        "encrypted_zip",
        lambda: b.build_zip(b.Entry(b.MARKER, b.sample(INVOICE), flag_bits=0x1)),
    ),
    "an upload over the size limit": (
        "zip_too_large",
        lambda: b"PK\x03\x04" + b.MARKER.encode() * (700 * 1024),
    ),
    "a 42.zip-style ratio bomb": ("zip_bomb", b.ratio_bomb_42),
    "a total-size bomb of moderate ratios": ("zip_bomb", b.total_size_bomb),
    "many small entries of zeros": ("zip_bomb", b.many_small_zeros),
    "20 000 entries": ("too_many_entries", b.many_entries),
    "12 levels of nested ZIPs": ("nested_too_deep", b.nested),
    "two million elements in an 8 MB XML": ("zip_bomb", b.many_elements),
    "a ../ entry name": (
        "unsafe_entry",
        lambda: b.build_zip(("../" + b.MARKER + ".xml", b.sample(INVOICE))),
    ),
    "a nested ../ entry name": (
        "unsafe_entry",
        lambda: b.build_zip(("ok/../../" + b.MARKER, b.sample(INVOICE))),
    ),
    "an absolute entry name": (
        "unsafe_entry",
        lambda: b.build_zip(("/etc/" + b.MARKER, b.sample(INVOICE))),
    ),
    "a drive-letter entry name": (
        "unsafe_entry",
        lambda: b.build_zip(("C:\\" + b.MARKER, b.sample(INVOICE))),
    ),
    "a backslash ..\\ entry name": (
        "unsafe_entry",
        lambda: b.build_zip(("..\\" + b.MARKER, b.sample(INVOICE))),
    ),
    "a symlink entry": (
        "unsafe_entry",
        lambda: b.build_zip(
            ("f.xml", b.sample(INVOICE)), b.Entry(b.MARKER, b"/etc/passwd", symlink=True)
        ),
    ),
    "an unsafe name hidden in a nested ZIP": (
        "unsafe_entry",
        lambda: b.build_zip(("anexos.zip", b.build_zip(("../" + b.MARKER, b"x")))),
    ),
    "an empty ZIP": ("no_xml", lambda: b.build_zip()),
    "a ZIP holding only a PDF": (
        "no_xml",
        lambda: b.build_zip((b.MARKER + ".pdf", b.pdf(b.MARKER))),
    ),
    "two different invoices in one ZIP": (
        "several_documents",
        lambda: b.build_zip(
            ("a.xml", b.sample(INVOICE)), (b.MARKER + ".xml", b.sample(OTHER_INVOICE))
        ),
    ),
    "a truncated XML": ("xml_malformed", lambda: b.sample(INVOICE)[:5000] + b.MARKER.encode()),
    "a truncated XML inside a ZIP": (
        "xml_malformed",
        lambda: b.build_zip(("f.xml", b.sample(INVOICE)[:5000])),
    ),
    "an undeclared entity": (
        "xml_malformed",
        lambda: (
            f'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&{b.MARKER};</Invoice>'.encode()
        ),
    ),
    "billion laughs": ("xml_forbidden", b.billion_laughs),
    "billion laughs inside a ZIP beside a good invoice": (
        "xml_forbidden",
        lambda: b.build_zip(("f.xml", b.sample(INVOICE)), ("anx.xml", b.billion_laughs())),
    ),
    "an external entity to a local file": ("xml_forbidden", lambda: b.xxe("file:///etc/passwd")),
    "an external entity over http": (
        "xml_forbidden",
        lambda: b.xxe("http://127.0.0.1:9/" + b.MARKER),
    ),
    "parameter entities": ("xml_forbidden", b.parameter_entities),
    "a DOCTYPE on a real invoice": ("xml_forbidden", lambda: b.with_doctype(b.sample(INVOICE))),
    "a DOCTYPE in UTF-16": ("xml_forbidden", _utf16_doctype),
    "a DOCTYPE inside the embedded invoice": ("xml_forbidden", _inner_doctype),
    "an ApplicationResponse alone": ("not_an_einvoice", _response_alone),
    "an unrelated XML": (
        "not_an_einvoice",
        lambda: f"<html><body>{b.MARKER}</body></html>".encode(),
    ),
    "an AttachedDocument with nothing embedded": (
        "not_an_einvoice",
        lambda: b.with_embedded_text(b.sample(AD), lambda text: b.MARKER),
    ),
}


@pytest.fixture(scope="module")
def outcomes():
    measured = {}
    for label, (_, build) in HOSTILE.items():
        data = build()
        measured[label] = b.measure(read_upload, data, filename=f"{b.MARKER}.zip", limits=Limits())
    return measured


def test_every_contract_error_code_has_a_file_built_for_it():
    assert {code for code, _ in HOSTILE.values()} == set(ERROR_CODES)


@pytest.mark.parametrize("label", HOSTILE)
def test_the_hostile_file_is_refused_with_its_code(label, outcomes):
    result = outcomes[label].result
    assert not result.ok
    assert result.error_code == HOSTILE[label][0]


@pytest.mark.parametrize("label", HOSTILE)
def test_the_hostile_file_is_refused_within_a_second_and_a_few_tens_of_mb(label, outcomes):
    assert outcomes[label].seconds < SECOND
    assert outcomes[label].peak_bytes < MEMORY


@pytest.mark.parametrize("label", HOSTILE)
def test_the_refusal_message_is_spanish_and_never_echoes_the_file(label, outcomes):
    error = outcomes[label].result.to_json()["error"]
    assert b.MARKER not in error["message"]
    assert "/etc/passwd" not in error["message"] and "root:" not in error["message"]
    assert error["message"].endswith(".") and any(
        verb in error["message"] for verb in ("Sube", "Pide", "Descarga", "Descárgalo")
    )


@pytest.mark.parametrize("label", HOSTILE)
def test_the_refusal_json_is_exactly_file_ok_and_error(label, outcomes):
    payload = outcomes[label].result.to_json()
    assert set(payload) == {"file", "ok", "error"}
    assert set(payload["error"]) <= {"code", "message", "limit"}
    json.dumps(payload)


def test_limit_refusals_name_the_limit_that_was_hit(outcomes):
    assert outcomes["an upload over the size limit"].result.error_limit == "upload_bytes"
    assert outcomes["20 000 entries"].result.error_limit == "entries"
    assert outcomes["12 levels of nested ZIPs"].result.error_limit == "depth"
    assert (
        outcomes["a total-size bomb of moderate ratios"].result.error_limit == "uncompressed_bytes"
    )
    assert outcomes["a 42.zip-style ratio bomb"].result.error_limit == "ratio"


def test_the_zip_bomb_message_states_the_uncompressed_limit(outcomes):
    message = outcomes["a total-size bomb of moderate ratios"].result.error_message
    assert message.startswith(
        "El archivo comprimido es demasiado grande al descomprimirlo (límite 20 MB)."
    )


def test_the_element_limit_is_checked_before_parsing(outcomes):
    result = outcomes["two million elements in an 8 MB XML"].result
    assert result.error_limit == "xml_elements"
    assert "(límite 100.000)" in result.error_message


def test_a_large_document_is_read_but_its_signature_is_not_verified():
    result = read_upload(b.invoice_with_lines(1200), limits=Limits())
    assert result.ok and len(result.document["lines"]) == 1200
    assert result.signature == {
        **result.signature,
        "present": True,
        "valid": None,
        "reason": "too_large_to_verify",
    }
    assert {c["code"]: c["ok"] for c in result.checks}["signature"] is False


RSS_PROBE = """
import json, resource, sys, time
from invoices.reader import Limits, read_upload
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
result = read_upload(data, limits=Limits())
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
signature_valid = (result.signature or {}).get("valid")
print(json.dumps({"code": result.error_code, "seconds": seconds, "growth_kb": after - before,
                  "signature_valid": signature_valid}))
"""

HEAVY = {
    "a 42.zip-style ratio bomb": b.ratio_bomb_42,
    "a total-size bomb of moderate ratios": b.total_size_bomb,
    "many small entries of zeros": b.many_small_zeros,
    "20 000 entries": b.many_entries,
    "two million elements in an 8 MB XML": b.many_elements,
    "the largest document still read (2 000 lines, 88 000 elements)": lambda: b.invoice_with_lines(
        2000
    ),
    "the largest document still read and verified (1 MB)": lambda: b.invoice_with_lines(880),
    "a 9 MB stored XML of 8 000 lines": lambda: b.build_zip(
        b.Entry("f.xml", b.invoice_with_lines(8000)[: 9 * 1024 * 1024], method=zipfile.ZIP_STORED)
    ),
}


@pytest.mark.parametrize("label", HEAVY)
def test_the_whole_process_including_libxml2_stays_within_a_few_tens_of_mb(label, tmp_path):
    # tracemalloc cannot see libxml2's allocations; the process's peak RSS can.
    path = tmp_path / "upload.bin"
    path.write_bytes(HEAVY[label]())
    done = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, str(path)],
        cwd=Path(__file__).resolve().parents[3],
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout)
    assert probe["code"] == (
        None if "still read" in label else HOSTILE.get(label, ("zip_bomb",))[0]
    )
    assert (probe["signature_valid"] is None) is ("verified" not in label)
    assert probe["growth_kb"] < MEMORY // 1024
    assert probe["seconds"] < SECOND


FIFO_PROBE = """
import sys
from invoices.reader import Limits, read_upload
print(read_upload(open(sys.argv[1], "rb").read(), limits=Limits()).error_code)
"""


@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "{uri}"> %p;]><r>{marker}</r>',
        '<!DOCTYPE r SYSTEM "{uri}"><r>{marker}</r>',
        '<!DOCTYPE r [<!ENTITY x SYSTEM "{uri}">]><r>&x;{marker}</r>',
    ],
    ids=["parameter entity", "external DTD subset", "external general entity"],
)
def test_an_external_reference_to_a_fifo_never_opens_it(template, tmp_path):
    # libxml2 opens a parameter entity's target even with load_dtd=False; reading a FIFO
    # would block the worker forever. The parser's resolver must answer instead.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    upload = tmp_path / "upload.xml"
    upload.write_text(template.format(uri=fifo.as_uri(), marker=b.MARKER))
    done = subprocess.run(
        [sys.executable, "-c", FIFO_PROBE, str(upload)],
        cwd=Path(__file__).resolve().parents[3],
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.stdout.strip() == "xml_forbidden", done.stderr


def test_an_expired_time_limit_refuses_the_file():
    result = read_upload(
        b.sample("zip_cufe_named_siigo_FE239_prod.zip"), limits=Limits(max_seconds=-1.0)
    )
    assert (result.error_code, result.error_limit) == ("zip_bomb", "seconds")


def test_the_deadline_is_also_checked_between_chunks_of_one_entry(monkeypatch):
    from invoices.reader import limits as limits_module

    ticks = iter(range(1000))
    monkeypatch.setattr(limits_module.time, "monotonic", lambda: next(ticks) * 0.5)
    big = b.build_zip(
        b.Entry("f.pdf", b"%PDF-" + bytes(range(256)) * 20_000, method=zipfile.ZIP_STORED)
    )
    result = read_upload(big, limits=Limits(max_seconds=2.0))
    assert (result.error_code, result.error_limit) == ("zip_bomb", "seconds")


@pytest.mark.parametrize(
    ("limits", "build", "code"),
    [
        (
            Limits(max_entries=2),
            lambda: b.build_zip(("a", b"1"), ("b", b"2"), ("c", b"3")),
            "too_many_entries",
        ),
        (
            Limits(max_depth=1),
            lambda: b.build_zip(("n.zip", b.build_zip(("f.xml", b.sample(INVOICE))))),
            "nested_too_deep",
        ),
        (
            Limits(max_uncompressed_bytes=10_000),
            lambda: b.build_zip(("f.xml", b.sample(INVOICE))),
            "zip_bomb",
        ),
        (Limits(max_upload_bytes=1000), lambda: b.sample(INVOICE), "zip_too_large"),
        (
            Limits(max_ratio=2, ratio_floor_bytes=0),
            lambda: b.build_zip(("f.xml", b.sample(INVOICE))),
            "zip_bomb",
        ),
    ],
    ids=["entries", "depth", "uncompressed", "upload", "ratio"],
)
def test_each_limit_is_configurable(limits, build, code):
    assert read_upload(build(), limits=limits).error_code == code


def test_the_hardened_parser_keeps_an_external_entity_unresolved(tmp_path):
    # Defence in depth: even if the DOCTYPE refusal were bypassed, nothing is read.
    secret = tmp_path / "secret.txt"
    secret.write_text(b.MARKER)
    data = f'<!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]><r>&x;</r>'.encode()
    root = etree.fromstring(data, safexml.parser())
    assert b.MARKER not in etree.tostring(root, encoding="unicode").replace(secret.as_uri(), "")


@contextlib.contextmanager
def recording_writes():
    """Every file opened for writing, directory made or file copied/renamed meanwhile."""
    writes = []

    def audit(event, args):
        if event == "open" and len(args) > 1:
            mode, flags = args[1], args[2] if len(args) > 2 else 0
            if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
            ):
                writes.append(args[0])
        elif event in ("os.mkdir", "shutil.copyfile", "os.rename"):
            writes.append(args[0])

    _Recorder.install()
    _Recorder.hook, _Recorder.active = audit, True
    try:
        yield writes
    finally:
        _Recorder.active = False


def test_the_write_recorder_does_see_a_write(tmp_path):
    with recording_writes() as writes:
        (tmp_path / "x.bin").write_bytes(b"x")
    assert writes


def test_reading_never_opens_a_file_for_writing():
    files = [build() for _, build in HOSTILE.values()] + [
        b.sample(AD),
        b.sample("zip_cufe_named_siigo_FE239_prod.zip"),
    ]
    with recording_writes() as writes:
        for data in files:
            read_upload(data, limits=Limits())
    assert writes == []


class _Recorder:
    """One process-wide audit hook (hooks cannot be removed), installed on first use and
    forwarding events only while a test is recording."""

    active = False
    hook = None
    installed = False

    @classmethod
    def install(cls) -> None:
        if not cls.installed:
            sys.addaudithook(cls.dispatch)
            cls.installed = True

    @staticmethod
    def dispatch(event, args):
        if _Recorder.active and _Recorder.hook is not None:
            _Recorder.hook(event, args)
