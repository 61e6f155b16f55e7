"""Every file in ../shared/dian-samples gives the facts of REFERENCE.md §6."""

from dataclasses import dataclass

import pytest
from reader_builders import SAMPLES, sample

from invoices.reader import Limits, read_upload


@dataclass(frozen=True)
class Expected:
    file: str
    wrapper: str | None
    root: str
    type_code: str | None
    env: str
    number: str
    uuid: str
    scheme: str
    issue: str
    supplier: tuple  # id, check digit, schemeName, name
    ciiu: list
    buyer: tuple  # id, schemeName, name
    totals: tuple  # line extension, tax exclusive, tax inclusive, payable
    iva: str | None
    lines: int
    provider: str
    signature_valid: bool | None


KIND = {"Invoice": "invoice", "CreditNote": "credit_note", "DebitNote": "debit_note"}
H = "HUMBERTO GUERRERO SOTO"
EXAMPLE = ("901210113", "31")

REFERENCE_6 = [
    Expected(
        "ad_cadena_FAC1020_prod.xml", "AttachedDocument", "Invoice", "01", "production", "FAC1020",
        "f22fad936818283b33649100c01932c6a89de9a5121b31db8c99f794fc3be380759be5acb4a667f6db87b76afa636c4f",
        "CUFE-SHA384", "2025-09-04 18:40:30-05:00", ("79389881", "1", "31", H), [],
        ("79865112", "13", "JHON FREDY CORTES FORERO"),
        ("6355700.00", "6355700.00", "6355700.00", "6355700.00"), "0.00", 6, "890930534", True,
    ),
    Expected(
        "ad_p900390126_NC424_anonymized_tampered_prod.xml", "AttachedDocument", "Invoice", "01", "production",
        "NC424",
        "e79f0bd45e5c0494ad03f6dc0d5ae3f7eff36324420feb8cca67419669c05e661eb056fd70dab877aed93451ad2511d7",
        "CUFE-SHA384", "2022-04-05 10:02:49-05:00", ("3141592654", "1", "31", "JOHN DOE"), ["2399", "2599"],
        ("161803398875", "13", "JANE DOE"),
        ("1065000.00", "1065000.00", "1065000.00", "1065000.00"), "0.00", 1, "900390126", False,
    ),
    Expected(
        "dian_sample_generica_SETP990000008_unsigned_test.xml", None, "Invoice", "01", "test", "SETP990000008",
        "e633d09279badff1414e7e00f0c9322c01879754c0349e2ea8acd357a474962e17729d393a8bb4094ff3f29dbf0e3af1",
        "CUFE-SHA384", "2019-06-12 12:53:36-05:00", ("901210113", "3", "31", "FACTURADOR DE EJEMPLO"), [],
        (*EXAMPLE, "ADQUIRIENTE DE EJEMPLO"),
        ("1720000.00", "1800000.00", "2062060.00", "2023060.00"), "342000.00", 6, "901210113", None,
    ),
    Expected(
        "dian_sample_inv_SETP990000002_signed_test.xml", None, "Invoice", "01", "test", "SETP990000002",
        "941cf36af62dbbc06f105d2a80e9bfe683a90e84960eae4d351cc3afbe8f848c26c39bac4fbc80fa254824c6369ea694",
        "CUFE-SHA384", "2019-06-20 09:15:23-05:00", ("800197268", "4", "31", "DIAN"), [],
        ("900108281", "31", "OPTICAS GMO COLOMBIA S A S"),
        ("12600.06", "12787.56", "15024.07", "14024.07"), "2424.01", 2, "800197268", True,
    ),
    Expected(
        "dian_sample_nc_NC3_signed_test.xml", None, "CreditNote", "91", "test", "NC3",
        "da3af05f963db5cff231d1171a810f5f55eb08615f22dc239fff55fa927be5cf6caade8bfa4f1f70c067dbb9ed30c009",
        "CUDE-SHA384", "2019-06-21 09:15:23-05:00", ("800197268", "4", "31", "FACTURADOR DE EJEMPLO"), [],
        ("900108281", "31", "ADQUIRIENTE DE EJEMPLO"),
        ("12600.06", "12600.06", "14994.07", "14994.07"), "2394.01", 1, "800197268", True,
    ),
    Expected(
        "dian_sample_nd_ND1_signed_test.xml", None, "DebitNote", None, "test", "ND1",
        "9d9ab37faf74a9d2e978e9f62221a7c07da4426588c7acf388938774448a93f6d36b49f3cfab564bdecaed0bed853d28",
        "CUDE-SHA384", "2019-06-21 09:15:23-05:00", ("800197268", "4", "31", "FACTURADOR DE EJEMPLO"), [],
        ("900108281", "31", "ADQUIRIENTE DE EJEMPLO"),
        ("12600.06", "12600.06", "14994.07", "14994.07"), "2394.01", 1, "800197268", True,
    ),
    Expected(
        "hab_apidiango_SETP990000002_signed_test.xml", None, "Invoice", "01", "test", "SETP990000002",
        "a28968b405a92000c3cd46cd1c7ac58612a2016e2877490d817f72e44edc1a2086143f9a10b66171b80abb5db35ecec4",
        "CUFE-SHA384", "2026-02-05 23:01:50-05:00", ("6382356", "1", "13", "MONTOYA VALLEJO DIEGO FERNANDO"),
        ["0020", "6201"], ("900123458", "31", "Cliente Ejemplo SAS"),
        ("454650.00", "454650.00", "496260.00", "496260.00"), None, 3, "6382356", False,
    ),
    Expected(
        "inv_cadena_FAC1036_prod.xml", None, "Invoice", "01", "production", "FAC1036",
        "90d5d249d3d313200068724c5cd0c04b5eeb893e2207a9893b51e7ba05845b1e5c457e95fa24904637a5e2c67bfeece0",
        "CUFE-SHA384", "2025-10-02 13:33:34-05:00", ("79389881", "1", "31", H), [],
        ("79865112", "13", "JHON FREDY CORTES FORERO"),
        ("6010200.00", "6010200.00", "6010200.00", "6010200.00"), "0.00", 5, "890930534", True,
    ),
    Expected(
        "inv_facture_EMH15818_prod.xml", None, "Invoice", "01", "production", "EMH15818",
        "1259dfa22710ee21977f2ce025e29319454c295af456aca2695fcb1c81f3a6a6d838fdc8fcc8c96d705877c9037ee026",
        "CUFE-SHA384", "2025-10-01 17:55:20-05:00", ("832001292", "7", "31", "EMPOLLADORA COLOMBIANA SA"),
        ["0145"], ("79865112", "31", "CORTES FORERO JHON FREDY"),
        ("5040000.00", "0.00", "5040000.00", "5040000.00"), None, 1, "900399741", True,
    ),
    Expected(
        "inv_ownsoftware_IP9629_prod.xml", None, "Invoice", "01", "production", "IP9629",
        "2b08223b3417b2fb69b0c37eb8f60feff74f1f9e47079523911dc0b249b868659d651dd1fb533331e4187e89eb935e34",
        "CUFE-SHA384", "2025-10-02 16:20:44-05:00", ("13955460", "0", "13", "PARDO DIAZ IVAN"), ["0145"],
        ("79865112", "13", "CORTES FORERO JHON FREDY"),
        ("13440000.00", "0.00", "13440000.00", "13440000.00"), None, 3, "13955460", True,
    ),
    Expected(
        "inv_p900965992_FV12765_prod.xml", None, "Invoice", "01", "production", "FV12765",
        "d4d687e2edbf5a96c9db30c2dbd09cd597a9f7c78883c607ed959004b39895669c2ed865c586438f6342e1f319ebdcad",
        "CUFE-SHA384", "2025-10-04 12:35:24-05:00", ("9518343", "9", "31", "VARGAS HERNANDEZ ALVARO"), [],
        ("79865112", "13", "CORTES CONTRERAS JHON"),
        ("9051000.00", "0.00", "9051000.00", "9051000.00"), None, 6, "900965992", True,
    ),
    Expected(
        "inv_siigo_FE254_prod.xml", None, "Invoice", "01", "production", "FE254",
        "48b2eedd832a2be242c9ffbbe147fc405b225ed1fdeeff0ade8334956eadf81401217c851d0a1c96e2f6d8c86b5b8c65",
        "CUFE-SHA384", "2025-10-03 18:00:00-05:00", ("1001095652", "4", "31", "VALENTINA GUERRERO CORTES"),
        ["0145"], ("79865112", "13", "JHON FREDDY CORTES FORERO"),
        ("2557500.00", "2557500.00", "2557500.00", "2557500.00"), "0", 2, "830048145", True,
    ),
    Expected(
        "hab_apidiango_SETP990000002_dian_submission_test.zip", None, "Invoice", "01", "test", "SETP990000002",
        "a28968b405a92000c3cd46cd1c7ac58612a2016e2877490d817f72e44edc1a2086143f9a10b66171b80abb5db35ecec4",
        "CUFE-SHA384", "2026-02-05 23:01:50-05:00", ("6382356", "1", "13", "MONTOYA VALLEJO DIEGO FERNANDO"),
        ["0020", "6201"], ("900123458", "31", "Cliente Ejemplo SAS"),
        ("454650.00", "454650.00", "496260.00", "496260.00"), None, 3, "6382356", False,
    ),
    Expected(
        "zip_cufe_named_siigo_FE239_prod.zip", None, "Invoice", "01", "production", "FE239",
        "0ac7da638f037abb9b92dd9fb8ce8a9002bfe692f8ea188806c67b3962457528b1868990e36dc841804b5c891c789860",
        "CUFE-SHA384", "2025-09-12 13:58:00-05:00", ("1001095652", "4", "31", "VALENTINA GUERRERO CORTES"),
        ["0145"], ("79865112", "13", "JHON FREDDY CORTES FORERO"),
        ("2604300.00", "2604300.00", "2604300.00", "2604300.00"), "0", 2, "830048145", True,
    ),
]  # fmt: skip


def read(name: str):
    return read_upload(sample(name), filename=name, limits=Limits())


@pytest.fixture(scope="module")
def results():
    return {expected.file: read(expected.file) for expected in REFERENCE_6}


def test_the_table_covers_every_sample_file():
    on_disk = {path.name for path in SAMPLES.iterdir() if path.suffix in (".xml", ".zip")}
    assert on_disk == {expected.file for expected in REFERENCE_6}


@pytest.mark.parametrize("expected", REFERENCE_6, ids=lambda e: e.file)
def test_each_sample_gives_its_reference_facts(expected, results):
    result = results[expected.file]
    assert result.ok, result.error_code
    document = result.to_json()["document"]
    assert result.container["wrapper"] == expected.wrapper
    assert document["kind"] == KIND[expected.root]
    assert document["type_code"] == expected.type_code
    assert document["environment"] == expected.env
    assert document["number"] == expected.number
    assert (document["uuid"], document["uuid_scheme"]) == (expected.uuid, expected.scheme)
    assert f"{document['issue_date']} {document['issue_time']}" == expected.issue
    issuer = document["issuer"]
    assert (
        issuer["id"],
        issuer["check_digit"],
        issuer["id_type"],
        issuer["name"],
    ) == expected.supplier
    assert issuer["industry_codes"] == expected.ciiu
    buyer = document["buyer"]
    assert (buyer["id"], buyer["id_type"], buyer["name"]) == expected.buyer
    totals = document["totals"]
    stated = (
        totals["line_extension"],
        totals["tax_exclusive"],
        totals["tax_inclusive"],
        totals["payable"],
    )
    assert stated == expected.totals
    iva = [tax["amount"] for tax in document["taxes"] if tax["scheme"] == "01"]
    assert iva == ([expected.iva] if expected.iva is not None else [])
    assert len(document["lines"]) == expected.lines
    assert document["software_provider"]["id"] == expected.provider


@pytest.mark.parametrize("expected", REFERENCE_6, ids=lambda e: e.file)
def test_each_sample_signature_verifies_or_fails_as_the_reference_says(expected, results):
    signature = results[expected.file].signature
    assert signature["present"] is (expected.signature_valid is not None)
    assert signature["valid"] is expected.signature_valid


def test_the_attached_document_carries_dians_validation_of_the_same_cufe(results):
    validation = results["ad_cadena_FAC1020_prod.xml"].dian_validation
    assert validation["present"] is True
    assert validation["response_code"] == "02"
    assert validation["uuid_matches"] is True
    assert validation["signature_valid"] is True
    assert validation["signed_by_dian"] is True
    assert validation["id"] == "36294591"
    # REFERENCE §6 lists four notes; the file holds a fifth, FAJ43b on LineID 5.
    notes = [(note["line_id"], note["code"]) for note in validation["notes"]]
    assert notes == [
        ("1", "0000"),
        ("2", "RUT01"),
        ("3", "RUT01"),
        ("4", "FAJ44b"),
        ("5", "FAJ43b"),
    ]


def test_the_attached_document_container_signature_verifies_too(results):
    assert results["ad_cadena_FAC1020_prod.xml"].container["signature"]["valid"] is True


def test_a_bare_invoice_has_no_dian_validation(results):
    validation = results["inv_siigo_FE254_prod.xml"].dian_validation
    assert validation["present"] is False
    assert validation["response_code"] is None


def test_every_check_passes_on_a_clean_production_attached_document(results):
    checks = {check["code"]: check["ok"] for check in results["ad_cadena_FAC1020_prod.xml"].checks}
    assert checks == {
        "nit_check_digit": True,
        "arithmetic": True,
        "cufe_shape": True,
        "cufe_consistency": True,
        "environment": True,
        "signature": True,
        "dian_validation": True,
    }


def test_the_tampered_sample_is_read_but_every_signature_is_flagged(results):
    result = results["ad_p900390126_NC424_anonymized_tampered_prod.xml"]
    assert result.ok
    assert result.signature["valid"] is False
    assert result.signature["reason"] == "digest_mismatch"
    assert result.container["signature"]["valid"] is False
    assert result.dian_validation["signature_valid"] is False
    failed = {check["code"] for check in result.checks if not check["ok"]}
    assert {"signature", "dian_validation", "nit_check_digit"} <= failed


def test_the_broken_signature_sample_is_read_but_flagged(results):
    result = results["hab_apidiango_SETP990000002_signed_test.xml"]
    assert result.ok
    assert result.signature["valid"] is False
    failed = {check["code"] for check in result.checks if not check["ok"]}
    # Its document-level TaxTotal is missing and its DVs are wrong (PROVENANCE #12).
    assert {"signature", "arithmetic", "nit_check_digit", "environment"} <= failed


@pytest.mark.parametrize(
    "expected", [e for e in REFERENCE_6 if e.env == "test"], ids=lambda e: e.file
)
def test_test_environment_samples_fail_the_environment_check(expected, results):
    checks = {check["code"]: check for check in results[expected.file].checks}
    assert checks["environment"]["ok"] is False


@pytest.mark.parametrize(
    "expected", [e for e in REFERENCE_6 if e.env == "production"], ids=lambda e: e.file
)
def test_production_samples_pass_the_environment_and_cufe_checks(expected, results):
    checks = {check["code"]: check["ok"] for check in results[expected.file].checks}
    assert checks["environment"] and checks["cufe_shape"] and checks["cufe_consistency"]


def test_fac1020_lines_are_stated_exactly(results):
    lines = results["ad_cadena_FAC1020_prod.xml"].document["lines"]
    assert {line["description"] for line in lines} == {"Huevos"}
    assert {line["unit_code"] for line in lines} == {"C62"}
    assert (lines[0]["quantity"], lines[0]["amount"], lines[0]["price"]) == (
        "8100.00",
        "2430000.00",
        "300.00",
    )


def test_fac1020_iva_is_zero_on_the_whole_base(results):
    taxes = results["ad_cadena_FAC1020_prod.xml"].document["taxes"]
    assert taxes == [
        {"scheme": "01", "name": "IVA", "amount": "0.00", "taxable_amount": "6355700.00"}
    ]


def test_emh15818_keeps_numbers_without_decimals(results):
    line = results["inv_facture_EMH15818_prod.xml"].document["lines"][0]
    assert line == {**line, "description": "HUEVO TIPO A", "quantity": "18000", "unit_code": "94"}
    assert (line["amount"], line["price"]) == ("5040000", "280")


def test_fe254_lines_are_stated_exactly(results):
    lines = results["inv_siigo_FE254_prod.xml"].document["lines"]
    stated = [
        (line["description"], line["quantity"], line["price"], line["amount"]) for line in lines
    ]
    assert stated == [
        ("HUEVO AA", "7500", "335.00", "2512500"),
        ("HUEVO JUMBO", "90", "500.00", "45000"),
    ]


def test_the_credit_note_points_to_the_invoice_it_corrects(results):
    document = results["dian_sample_nc_NC3_signed_test.xml"].document
    reference = document["billing_reference"]
    assert reference["number"] == "SETP990000015"
    assert reference["uuid"].startswith("e988c01f") and reference["uuid"].endswith("b0c8b0fc")
    assert reference["issue_date"] == "2019-06-21"
    assert document["discrepancy"]["code"] == "1"


def test_the_debit_note_reads_its_requested_monetary_total_and_the_same_reference(results):
    debit = results["dian_sample_nd_ND1_signed_test.xml"].document
    credit = results["dian_sample_nc_NC3_signed_test.xml"].document
    assert debit["totals"]["payable"] == "14994.07"
    assert debit["billing_reference"] == credit["billing_reference"]


def test_the_six_decimal_quantities_are_kept_as_stated(results):
    line = results["dian_sample_inv_SETP990000002_signed_test.xml"].document["lines"][0]
    assert line["quantity"] == "1.000000"


def test_prepaid_is_stated_and_missing_optional_totals_are_null(results):
    totals = results["dian_sample_inv_SETP990000002_signed_test.xml"].document["totals"]
    assert totals["prepaid"] == "1000.00"
    assert totals["allowances"] is None and totals["charges"] is None


def test_the_generica_sample_sums_each_tax_scheme_including_the_nominal_bag_tax(results):
    taxes = {
        tax["scheme"]: tax["amount"]
        for tax in results["dian_sample_generica_SETP990000008_unsigned_test.xml"].document["taxes"]
    }
    assert taxes == {"01": "342000.00", "02": "0.00", "03": "0.00", "22": "60.00"}


def test_the_cufe_named_zip_lists_its_pdf_and_xml(results):
    result = results["zip_cufe_named_siigo_FE239_prod.zip"]
    assert sorted(name.rsplit(".", 1)[1] for name in result.attachments) == ["pdf", "xml"]
    assert result.dian_validation["present"] is False


def test_the_qr_cufe_is_compared(results):
    check = next(
        c for c in results["inv_siigo_FE254_prod.xml"].checks if c["code"] == "cufe_consistency"
    )
    assert check["ok"] and "qr" in check["details"]["compared"]
