"""Fuzzing the invoice reader: an atheris harness, or a bounded plain loop without atheris.

Only a ReadResult may come out of the reader: any other exception is a crash.

    # coverage-guided, when atheris is installed (RELIABILITY §3.6):
    .venv/bin/python fuzz/fuzz_reader.py -max_total_time=60 -rss_limit_mb=2048
    # plain loop over mutated seeds, no extra package:
    .venv/bin/python fuzz/fuzz_reader.py --plain --iterations 20000 --seed 1 --max-seconds 120

Seeds are the real samples in ../shared/dian-samples (read at run time, never copied
into the repo) plus synthetic files built here. The atheris corpus and its crash-*
artifacts go to a temporary directory outside the repo, because inputs mutated from
real invoices carry real people's data.

Every crash becomes a regression input in fuzz/crashes/, replayed by
tests/invoices/reader/test_reader_fuzz.py: a ``.bin`` holding the raw input when it
was built from a synthetic seed, or a ``.json`` recipe (seed name, RNG seed, number of
mutations) when it came from a real sample, so no personal data lands in the repo.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "dian-samples"
CRASHES = Path(__file__).resolve().parent / "crashes"
MUTATOR_VERSION = 2

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

try:  # pragma: no cover - atheris is optional
    import atheris
except ImportError:  # pragma: no cover
    atheris = None

if atheris is not None:  # pragma: no cover
    with atheris.instrument_imports(include=["invoices"]):
        from invoices.reader import Limits
        from invoices.reader.reader import read_unguarded
else:
    from invoices.reader import Limits
    from invoices.reader.reader import read_unguarded

LIMITS = Limits()
TOKENS = [
    b"<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>",
    b"<!DOCTYPE a [<!ENTITY % p SYSTEM 'file:///nonexistent/p.dtd'> %p;]>",
    b"<!ENTITY",
    b"&x;",
    b"]]>",
    b"<![CDATA[",
    b"\xef\xbb\xbf",
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"<?xml version='1.0' encoding='UTF-16'?>",
    b"</",
    b"\x00",
    b"-05:00",
    b"9" * 40,
    b".000000",
]

UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
SYNTHETIC_INVOICE = f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="{UBL}Invoice-2" xmlns:cac="{UBL}CommonAggregateComponents-2"
 xmlns:cbc="{UBL}CommonBasicComponents-2" xmlns:ext="{UBL}CommonExtensionComponents-2"
 xmlns:sts="dian:gov:co:facturaelectronica:Structures-2-1">
<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><sts:DianExtensions>
<sts:SoftwareProvider><sts:ProviderID schemeID="4">800197268</sts:ProviderID></sts:SoftwareProvider>
<sts:QRCode>CUFE:{"ab" * 48}</sts:QRCode></sts:DianExtensions></ext:ExtensionContent></ext:UBLExtension>
</ext:UBLExtensions>
<cbc:ProfileExecutionID>1</cbc:ProfileExecutionID><cbc:ID>SYN1</cbc:ID>
<cbc:UUID schemeID="1" schemeName="CUFE-SHA384">{"ab" * 48}</cbc:UUID>
<cbc:IssueDate>2025-01-02</cbc:IssueDate><cbc:IssueTime>10:00:00-05:00</cbc:IssueTime>
<cbc:InvoiceTypeCode>01</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>COP</cbc:DocumentCurrencyCode>
<cac:AccountingSupplierParty><cac:Party><cbc:IndustryClassificationCode>0145;8621</cbc:IndustryClassificationCode>
<cac:PartyTaxScheme><cbc:RegistrationName>PROVEEDOR SINTETICO</cbc:RegistrationName>
<cbc:CompanyID schemeID="4" schemeName="31">800197268</cbc:CompanyID></cac:PartyTaxScheme></cac:Party>
</cac:AccountingSupplierParty>
<cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cbc:RegistrationName>ASOCIADO</cbc:RegistrationName>
<cbc:CompanyID schemeName="13">1000000</cbc:CompanyID></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>
<cac:TaxTotal><cbc:TaxAmount>19.00</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount>100.00</cbc:TaxableAmount>
<cbc:TaxAmount>19.00</cbc:TaxAmount><cac:TaxCategory><cac:TaxScheme><cbc:ID>01</cbc:ID></cac:TaxScheme>
</cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
<cac:LegalMonetaryTotal><cbc:LineExtensionAmount>100.00</cbc:LineExtensionAmount>
<cbc:TaxInclusiveAmount>119.00</cbc:TaxInclusiveAmount><cbc:PayableAmount>119.00</cbc:PayableAmount>
</cac:LegalMonetaryTotal>
<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="94">1.000000</cbc:InvoicedQuantity>
<cbc:LineExtensionAmount>100.00</cbc:LineExtensionAmount><cac:Item><cbc:Description>Consulta</cbc:Description></cac:Item>
<cac:Price><cbc:PriceAmount>100.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
</Invoice>""".encode()


def _zip(*entries: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _attached(inner: bytes) -> bytes:
    return (
        (
            f'<?xml version="1.0"?><AttachedDocument xmlns="{UBL}AttachedDocument-2" '
            f'xmlns:cac="{UBL}CommonAggregateComponents-2" xmlns:cbc="{UBL}CommonBasicComponents-2">'
            "<cac:Attachment><cac:ExternalReference><cbc:Description><![CDATA[\n"
        ).encode()
        + inner
        + b"]]></cbc:Description></cac:ExternalReference></cac:Attachment></AttachedDocument>"
    )


def synthetic_seeds() -> dict[str, bytes]:
    attached = _attached(SYNTHETIC_INVOICE)
    return {
        "syn-invoice.xml": SYNTHETIC_INVOICE,
        "syn-attached.xml": attached,
        "syn-supplier.zip": _zip(
            ("ad.xml", attached), ("ad.pdf", b"%PDF-1.4\n%%EOF"), ("__MACOSX/._ad.xml", b"x")
        ),
        "syn-nested.zip": _zip(("outer/anx.zip", _zip(("in.xml", SYNTHETIC_INVOICE)))),
    }


def sample_seeds() -> dict[str, bytes]:
    if not SAMPLES.is_dir():
        return {}
    return {
        path.name: path.read_bytes()
        for path in sorted(SAMPLES.iterdir())
        if path.suffix in (".xml", ".zip")
    }


def all_seeds() -> dict[str, bytes]:
    return {**synthetic_seeds(), **sample_seeds()}


# --- mutations ---------------------------------------------------------------------------
def _rezip(data: bytes, rng: random.Random) -> bytes:
    """Mutate one entry of a ZIP and write it back, sometimes with odd headers."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = [(info.filename, archive.read(info)) for info in archive.infolist()[:20]]
    except Exception:  # noqa: BLE001 - not a readable ZIP: mutate the bytes instead
        return mutate_bytes(data, rng)
    if entries:
        index = rng.randrange(len(entries))
        name, content = entries[index]
        entries[index] = (
            rng.choice([name, "../" + name, "/" + name, name + "/", "a\\..\\" + name]),
            mutate_bytes(content, rng),
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
            info.external_attr = rng.choice([0o644, 0o120777, 0o40755]) << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    choice = rng.randrange(8)
    position = rng.randrange(len(data) + 1)
    if choice == 0 and data:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif choice == 1:
        del data[position:]
    elif choice == 2:
        data[position:position] = rng.choice(TOKENS)
    elif choice == 3 and data:
        start = rng.randrange(len(data))
        chunk = data[start : start + rng.randint(1, 512)]
        data[position:position] = chunk * rng.randint(1, 4)
    elif choice == 4:
        end = min(len(data), position + rng.randint(1, 256))
        del data[position:end]
    elif choice == 5:
        data[position:position] = rng.randbytes(rng.randint(1, 64))
    elif choice == 6 and data:
        # Flip ZIP header fields (flags, method, sizes) where a signature is found.
        found = bytes(data).find(b"PK", rng.randrange(len(data)))
        if found >= 0 and found + 30 < len(data):
            offset = found + rng.choice([6, 8, 10, 18, 22, 24, 26])
            data[offset] = rng.randrange(256)
    else:
        data = bytearray(b"\xef\xbb\xbf \t\n"[: rng.randint(0, 6)]) + data
    return bytes(data)


VALUES = [
    "", " ", "\n 1 \n", "0", "-1", "1,000.00", "1.000.000,00", "9" * 40, "1e5", "NaN", "Infinity",
    "0.0000001", "abc", "ñandú", "\u202e", "x" * 5000, "01", "02", "04", "05", "20", "91", "95", "1", "2",
    "13", "31", "CUDS-SHA384", "CUDE-SHA384", "f" * 96, "F" * 96, "2025-13-45", "25:61:61", "<", "&", "]]>",
]  # fmt: skip


def _mutate_xml(data: bytes, rng: random.Random, depth: int = 0) -> bytes:
    """Change one element of a well-formed document, so the result still parses and the
    mutation reaches fact extraction, the checks and signature verification."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data.lstrip(b"\xef\xbb\xbf \t\r\n"), parser)
    except Exception:  # noqa: BLE001 - not well-formed: fall back on byte mutations
        return mutate_bytes(data, rng)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    target = rng.choice(elements)
    parent = target.getparent()
    operation = rng.randrange(6)
    embedded = target.text or ""
    try:
        if depth == 0 and len(embedded) > 200 and "<" in embedded and rng.random() < 0.7:
            # The invoice or DIAN response embedded in an AttachedDocument: mutate it too.
            target.text = _mutate_xml(embedded.strip().encode(), rng, depth + 1).decode(
                "utf-8", "replace"
            )
        elif operation == 0:
            target.text = rng.choice(VALUES)
        elif operation == 1 and parent is not None:
            parent.remove(target)
        elif operation == 2 and parent is not None:
            parent.insert(parent.index(target), copy.deepcopy(target))
        elif operation == 3:
            target.set(
                rng.choice(["schemeID", "schemeName", "unitCode", "URI"]), rng.choice(VALUES)[:100]
            )
        elif operation == 4:
            target.tag = rng.choice(elements).tag
        else:
            target.text = (target.text or "") * rng.randint(2, 50)
    except ValueError:  # text lxml refuses (control characters): mutate the bytes instead
        return mutate_bytes(data, rng)
    return etree.tostring(root, xml_declaration=rng.random() < 0.8, encoding="UTF-8")


def mutate(data: bytes, rng: random.Random) -> bytes:
    if data[:2] == b"PK" and rng.random() < 0.4:
        return _rezip(data, rng)
    if data[:2] != b"PK" and rng.random() < 0.5:
        return _mutate_xml(data, rng)
    if rng.random() < 0.05:
        return _zip(("f.xml", data))
    return mutate_bytes(data, rng)


def from_recipe(recipe: dict, seeds: dict[str, bytes]) -> bytes | None:
    seed = seeds.get(recipe["seed"])
    if seed is None:
        return None
    rng = random.Random(recipe["rng_seed"])
    data = seed
    for _ in range(recipe["steps"]):
        data = mutate(data, rng)
    return data


# --- the target ------------------------------------------------------------------------
def check_one(data: bytes) -> None:
    """Raises if the reader does anything but return a serialisable ReadResult."""
    result = read_unguarded(data, filename="fuzz", limits=LIMITS)
    payload = json.dumps(result.to_json())
    if result.ok and result.document is None:
        raise AssertionError("ok result without a document")
    if not result.ok and (result.error_code is None or not result.error_message):
        raise AssertionError("refusal without code or message")
    del payload


def save_crash(data: bytes, *, seed: str, rng_seed: int, steps: int) -> Path:
    CRASHES.mkdir(exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:16]
    if seed in synthetic_seeds():
        path = CRASHES / f"crash-{digest}.bin"
        path.write_bytes(data)
    else:
        path = CRASHES / f"crash-{digest}.json"
        recipe = {
            "seed": seed,
            "rng_seed": rng_seed,
            "steps": steps,
            "mutator_version": MUTATOR_VERSION,
        }
        path.write_text(json.dumps(recipe, indent=2) + "\n")
    return path


def plain_loop(
    iterations: int, *, seed: int = 0, max_seconds: float = 60.0, save: bool = True
) -> tuple[int, list[dict]]:
    """Mutate the seeds ``iterations`` times (bounded by ``max_seconds``); return how many
    inputs ran and the crashes."""
    seeds = all_seeds()
    names = sorted(seeds)
    crashes = []
    started = time.monotonic()
    done = 0
    for iteration in range(iterations):
        if time.monotonic() - started > max_seconds:
            break
        done += 1
        rng_seed = seed * 1_000_003 + iteration
        rng = random.Random(rng_seed)
        name = rng.choice(names)
        steps = rng.randint(1, 6)
        data = from_recipe({"seed": name, "rng_seed": rng_seed, "steps": steps}, seeds)
        try:
            check_one(data)
        except Exception as exc:  # noqa: BLE001 - every escape is a finding
            crash = {
                "seed": name,
                "rng_seed": rng_seed,
                "steps": steps,
                "error": type(exc).__name__,
            }
            if save:
                crash["saved"] = str(save_crash(data, seed=name, rng_seed=rng_seed, steps=steps))
            crashes.append(crash)
    return done, crashes


def _atheris_main(argv: list[str]) -> None:  # pragma: no cover - needs atheris
    def test_one_input(data: bytes) -> None:
        check_one(data)

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.5:
            return atheris.Mutate(data, max_size)
        return mutate(data, rng)[:max_size]

    if not any(not arg.startswith("-") for arg in argv[1:]):
        corpus = Path(tempfile.mkdtemp(prefix="auxilios-fuzz-corpus-"))
        for name, data in all_seeds().items():
            (corpus / name).write_bytes(data)
        argv = [*argv, str(corpus)]
    if not any(arg.startswith("-artifact_prefix=") for arg in argv):
        argv = [*argv, f"-artifact_prefix={tempfile.mkdtemp(prefix='auxilios-fuzz-crashes-')}/"]
    atheris.Setup(argv, test_one_input, custom_mutator=custom_mutator)
    atheris.Fuzz()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], add_help=False)
    parser.add_argument("--plain", action="store_true", help="bounded loop without atheris")
    parser.add_argument("--iterations", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    options, rest = parser.parse_known_args(argv[1:])
    if atheris is not None and not options.plain:  # pragma: no cover
        _atheris_main([argv[0], *rest])
        return 0
    max_seconds = options.max_seconds
    for arg in rest:  # honour libFuzzer's time budget (as `make fuzz` passes it) in the plain loop
        if arg.startswith("-max_total_time="):
            max_seconds = float(arg.split("=", 1)[1])
    if not options.plain:
        print("atheris is not installed: running the plain loop (see --help).", file=sys.stderr)
    started = time.monotonic()
    done, crashes = plain_loop(options.iterations, seed=options.seed, max_seconds=max_seconds)
    elapsed = time.monotonic() - started
    print(json.dumps({"iterations": done, "seconds": round(elapsed, 1), "crashes": crashes}))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
