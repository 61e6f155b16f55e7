"""The file-only checks: NIT check digit, arithmetic, CUFE shape and consistency, environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from reader_builders import MARKER, sample

from invoices.reader import Limits, read_upload
from invoices.reader.checks import nit_check_digit

ROOT = Path(__file__).resolve().parents[3]
FE254 = "inv_siigo_FE254_prod.xml"
FE254_CUFE = b"48b2eedd832a2be242c9ffbbe147fc405b225ed1fdeeff0ade8334956eadf81401217c851d0a1c96e2f6d8c86b5b8c65"
AD = "ad_cadena_FAC1020_prod.xml"


def checks_of(data: bytes) -> dict:
    result = read_upload(data, limits=Limits())
    assert result.ok, result.error_code
    return {check["code"]: check for check in result.checks}


@pytest.mark.parametrize(
    ("nit", "digit"),
    [("832001292", "7"), ("79389881", "1"), ("1001095652", "4"), ("9518343", "9"), ("800197268", "4"),
     ("890930534", "0"), ("900108281", "3")],
)  # fmt: skip
def test_the_nit_check_digit_matches_the_real_pairs_in_the_samples(nit, digit):
    assert nit_check_digit(nit) == digit


@pytest.mark.parametrize("number", ["", "12a4", "1" * 16, "79.389.881"])
def test_a_nit_that_is_not_1_to_15_digits_has_no_check_digit(number):
    assert nit_check_digit(number) is None


def test_a_wrong_issuer_check_digit_fails_the_nit_check():
    data = sample(FE254).replace(b'schemeID="4" schemeName="31"', b'schemeID="5" schemeName="31"')
    check = checks_of(data)["nit_check_digit"]
    assert check["ok"] is False
    assert "issuer:wrong_check_digit" in check["details"]["problems"]


def test_a_changed_payable_amount_fails_the_arithmetic():
    data = sample(FE254).replace(
        b">2557500.00</cbc:PayableAmount>", b">2657500.00</cbc:PayableAmount>"
    )
    check = checks_of(data)["arithmetic"]
    assert check["ok"] is False
    assert "payable_vs_totals" in check["details"]["problems"]


def test_a_changed_line_amount_fails_the_arithmetic():
    data = sample(FE254).replace(
        b">2512500</cbc:LineExtensionAmount>", b">2612500</cbc:LineExtensionAmount>", 1
    )
    assert "lines_vs_line_extension" in checks_of(data)["arithmetic"]["details"]["problems"]


def test_an_amount_that_is_not_a_plain_decimal_is_null_and_fails_the_arithmetic():
    data = sample(FE254).replace(
        b">2557500.00</cbc:PayableAmount>", b">2.557.500,00</cbc:PayableAmount>"
    )
    result = read_upload(data, limits=Limits())
    assert result.document["totals"]["payable"] is None
    check = {c["code"]: c for c in result.checks}["arithmetic"]
    assert "unreadable:totals.payable" in check["details"]["problems"]


def test_an_uppercase_cufe_fails_the_shape_check():
    data = sample(FE254).replace(FE254_CUFE, FE254_CUFE.upper())
    check = checks_of(data)["cufe_shape"]
    assert check["ok"] is False and check["details"]["problems"] == ["not_96_lowercase_hex"]


def test_a_cude_scheme_on_an_invoice_fails_the_shape_check():
    data = sample(FE254).replace(b'schemeName="CUFE-SHA384"', b'schemeName="CUDE-SHA384"', 1)
    assert checks_of(data)["cufe_shape"]["details"]["problems"] == ["unexpected_scheme"]


def test_a_qr_with_another_cufe_fails_the_consistency_check():
    data = sample(FE254).replace(b"documentkey=" + FE254_CUFE, b"documentkey=" + b"0" * 96)
    check = checks_of(data)["cufe_consistency"]
    assert check["ok"] is False and check["details"]["mismatches"] == ["qr"]


def test_a_container_reference_to_another_cufe_fails_the_consistency_check():
    original = sample(AD)
    head, marker, tail = original.partition(b"<cac:ParentDocumentLineReference>")
    changed = head + marker + tail.replace(b"f22fad93", b"00000000", 1)
    check = checks_of(changed)["cufe_consistency"]
    assert check["ok"] is False
    assert "container_uuid" in check["details"]["mismatches"]


def test_the_container_the_dian_response_and_the_qr_are_all_compared():
    compared = checks_of(sample(AD))["cufe_consistency"]["details"]["compared"]
    assert {
        "container_uuid",
        "container_parent_document_id",
        "dian_response_uuid",
        "dian_response_number",
        "qr",
    } <= set(compared)


def test_a_test_environment_document_fails_the_environment_check_and_says_what_to_do():
    check = checks_of(sample("dian_sample_nc_NC3_signed_test.xml"))["environment"]
    assert check["ok"] is False
    assert "pruebas" in check["message"] and "Pide al proveedor" in check["message"]


def test_a_production_flag_with_a_habilitacion_qr_host_fails_the_environment_check():
    data = sample(FE254).replace(
        b"https://catalogo-vpfe.dian.gov.co", b"https://catalogo-vpfe-hab.dian.gov.co"
    )
    assert checks_of(data)["environment"]["ok"] is False


def test_a_document_without_profile_execution_id_fails_the_environment_check():
    data = sample(FE254).replace(b"<cbc:ProfileExecutionID>1</cbc:ProfileExecutionID>", b"")
    result = read_upload(data, limits=Limits())
    assert result.document["environment"] is None
    assert {c["code"]: c["ok"] for c in result.checks}["environment"] is False


def test_check_messages_are_fixed_texts_that_never_quote_the_document():
    data = (
        sample(FE254)
        .replace(b"HUEVO AA", MARKER.encode())
        .replace(b">FE254<", f">{MARKER}<".encode())
    )
    result = read_upload(data, limits=Limits())
    for check in result.checks:
        assert MARKER not in check["message"]
        assert set(check) == {"code", "ok", "message", "details"}


def test_the_signer_is_compared_with_the_issuer_and_software_provider():
    result = read_upload(sample(FE254), limits=Limits())
    assert result.signature["signer_matches_party"] is True
    assert result.signature["chain_verified"] is False


def test_limits_come_from_django_settings(settings):
    settings.INVOICE_MAX_ENTRIES = 7
    settings.INVOICE_MAX_SECONDS = 2.5
    limits = Limits.from_settings()
    assert (limits.max_entries, limits.max_seconds) == (7, 2.5)
    assert limits.max_upload_bytes == settings.INVOICE_MAX_UPLOAD_BYTES


def test_the_default_limits_are_the_documented_ones():
    assert Limits() == Limits(
        max_upload_bytes=10 * 1024 * 1024,
        max_uncompressed_bytes=20 * 1024 * 1024,
        max_ratio=100,
        max_entries=100,
        max_depth=3,
        max_seconds=5.0,
    )


def test_the_reader_works_without_django_at_all():
    code = (
        "import sys; from invoices.reader import Limits, read_upload;"
        "limits = Limits.from_settings(); assert limits == Limits(), limits;"
        f"r = read_upload(open({str(ROOT.parent / 'shared/dian-samples' / FE254)!r}, 'rb').read());"
        "print(r.ok, r.document['number'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True FE254"
