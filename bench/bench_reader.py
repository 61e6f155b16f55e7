"""Benchmark: documents read per second on the real samples, against the floor.

The floor is the least any reader must do with the same bytes, using plain zipfile +
lxml: open each ZIP and read every entry, parse every XML document, and parse the
documents embedded in an AttachedDocument (the invoice and DIAN's response). The
reader adds the safety caps, the DOCTYPE scan, the fact extraction and the checks;
the target is at most 2× the floor. XMLDSig verification is measured separately.

    .venv/bin/python bench/bench_reader.py [--seconds 3]

Passes are interleaved and the best pass of each counts (the median is shown too),
so other load on the machine does not decide the ratio. The last line printed is
one JSON object for machines.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "dian-samples"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from invoices.reader import Limits, read_upload  # noqa: E402

TARGET_RATIO = 2.0
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"


def load_samples() -> list[tuple[str, bytes]]:
    files = sorted(path for path in SAMPLES.iterdir() if path.suffix in (".xml", ".zip"))
    return [(path.name, path.read_bytes()) for path in files]


def floor_read(data: bytes, parser: etree.XMLParser) -> int:
    """Unzip and parse with nothing else; returns the number of XML documents parsed."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            documents = [archive.read(info) for info in archive.infolist()]
        documents = [d for d in documents if d.lstrip()[:1] == b"<"]
    else:
        documents = [data]
    parsed = 0
    for document in documents:
        root = etree.fromstring(document, parser)
        parsed += 1
        if root.tag.endswith("}AttachedDocument"):
            for description in root.iter(f"{CBC}Description"):
                if description.getparent().tag == f"{CAC}ExternalReference" and description.text:
                    text = description.text
                    etree.fromstring(text[text.find("<") :].encode(), parser)
                    parsed += 1
    return parsed


def measure(functions: dict, files: list[tuple[str, bytes]], seconds: float) -> dict[str, dict]:
    """Documents per second for each function, over whole passes of ``files``.

    Passes of the different functions are interleaved, so load from other processes
    hits them alike; the best pass and the median pass are both reported.
    """
    for function in functions.values():  # warm-up: imports, schema caches, parser creation
        for _, data in files:
            function(data)
    passes: dict[str, list[float]] = {name: [] for name in functions}
    started = time.perf_counter()
    while (
        time.perf_counter() - started < seconds * len(functions)
        or len(passes[next(iter(passes))]) < 5
    ):
        for name, function in functions.items():
            begin = time.perf_counter()
            for _, data in files:
                function(data)
            passes[name].append(time.perf_counter() - begin)
    return {
        name: {
            "best": len(files) / min(times),
            "median": len(files) / statistics.median(times),
            "passes": len(times),
        }
        for name, times in passes.items()
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="invoice reader benchmark")
    parser.add_argument("--seconds", type=float, default=3.0, help="minimum time per measurement")
    options = parser.parse_args(argv[1:])

    files = load_samples()
    if not files:
        print(f"no samples in {SAMPLES}", file=sys.stderr)
        return 2
    limits = Limits()
    for name, data in files:
        result = read_upload(data, filename=name, limits=limits)
        if not result.ok:
            print(
                f"{name}: refused ({result.error_code}); the benchmark needs readable samples",
                file=sys.stderr,
            )
            return 2

    lxml_parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    rates = measure(
        {
            "floor": lambda data: floor_read(data, lxml_parser),
            "reader": lambda data: read_upload(data, limits=limits, verify_signatures=False),
            "signed": lambda data: read_upload(data, limits=limits),
        },
        files,
        options.seconds,
    )
    floor, reader, signed = (rates[name]["best"] for name in ("floor", "reader", "signed"))
    ratio = floor / reader
    median_ratio = rates["floor"]["median"] / rates["reader"]["median"]
    signature_ms = (1 / signed - 1 / reader) * 1000
    print(
        f"samples: {len(files)} files from {SAMPLES} ({rates['floor']['passes']} interleaved passes)"
    )
    print(f"floor (zipfile + lxml only):        {floor:9.1f} documents/s")
    print(
        f"reader, no signature verification:  {reader:9.1f} documents/s  ({ratio:.2f}x the floor's time)"
    )
    print(
        f"reader, with XMLDSig verification:  {signed:9.1f} documents/s  (+{signature_ms:.2f} ms per document)"
    )
    print(f"median passes: ratio {median_ratio:.2f}x")
    print(
        f"target: at most {TARGET_RATIO:.0f}x the floor: {'met' if ratio <= TARGET_RATIO else 'NOT met'}"
    )
    print(
        json.dumps(
            {
                "bench": "invoice_reader",
                "files": len(files),
                "floor_docs_per_s": round(floor, 1),
                "reader_docs_per_s": round(reader, 1),
                "ratio_to_floor": round(ratio, 3),
                "median_ratio_to_floor": round(median_ratio, 3),
                "target_ratio": TARGET_RATIO,
                "ok": ratio <= TARGET_RATIO,
                "with_signatures_docs_per_s": round(signed, 1),
                "signature_ms_per_doc": round(signature_ms, 3),
                "python": platform.python_version(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
