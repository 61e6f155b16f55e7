"""The real shapes an upload takes (REFERENCE §1, §5.2), rebuilt in memory from the samples."""

import pytest
from reader_builders import Entry, attached_parts, build_zip, pdf, sample, with_embedded_text

from invoices.reader import Limits, read_upload

AD = "ad_cadena_FAC1020_prod.xml"
FAC1020_CUFE = "f22fad936818283b33649100c01932c6a89de9a5121b31db8c99f794fc3be380759be5acb4a667f6db87b76afa636c4f"
STS_OFFICIAL = b"dian:gov:co:facturaelectronica:Structures-2-1"
STS_NAMESPACES = [
    b"dian:gov:co:facturaelectronica:Structures-2-1",
    b"http://www.dian.gov.co/contratos/facturaelectronica/v1/Structures",
    b"urn:dian:gov:co:facturaelectronica:Structures-2-1",
]


def read(data: bytes):
    return read_upload(data, filename="upload", limits=Limits())


def test_a_supplier_zip_with_pdf_annexes_folders_and_macos_junk_is_read():
    annexes = build_zip(
        ("anx-orden.pdf", pdf("orden")), ("anx-notas.xml", b"<notas><n>ok</n></notas>")
    )
    upload = build_zip(
        ("ad0079389881000250000123.xml", sample(AD)),
        ("ad0079389881000250000123.pdf", pdf()),
        ("anexos/", b""),
        ("anexos/anx-0079389881.zip", annexes),
        ("__MACOSX/._ad0079389881000250000123.xml", b"\x00\x05\x16\x07junk"),
        (".DS_Store", b"\x00\x00\x00\x01Bud1"),
    )
    result = read(upload)
    assert result.ok
    assert result.document["uuid"] == FAC1020_CUFE
    assert result.dian_validation["response_code"] == "02"
    assert result.container == {**result.container, "format": "zip", "wrapper": "AttachedDocument"}
    assert result.attachments == [
        "ad0079389881000250000123.xml",
        "ad0079389881000250000123.pdf",
        "anexos/anx-0079389881.zip",
        "anexos/anx-0079389881.zip!anx-orden.pdf",
        "anexos/anx-0079389881.zip!anx-notas.xml",
    ]


def test_a_supplier_zip_zipped_again_by_the_associate_is_read():
    inner = build_zip(("ad.xml", sample(AD)), ("ad.pdf", pdf()))
    result = read(build_zip(("factura.zip", inner)))
    assert result.ok and result.document["number"] == "FAC1020"


def test_an_invoice_stored_without_compression_is_read():
    import zipfile

    result = read(
        build_zip(Entry("f.xml", sample("inv_siigo_FE254_prod.xml"), method=zipfile.ZIP_STORED))
    )
    assert result.ok and result.document["number"] == "FE254"


def test_the_content_decides_not_the_name():
    upload = build_zip(("factura.pdf", sample("inv_siigo_FE254_prod.xml")), ("leeme.xml", pdf()))
    result = read(upload)
    assert result.ok and result.document["number"] == "FE254"


@pytest.mark.parametrize("prefix", ["\n   ", "\ufeff", "\n\ufeff  \t", "basura "])
def test_blanks_a_bom_or_stray_text_before_the_embedded_xml_are_tolerated(prefix):
    data = with_embedded_text(sample(AD), lambda text: prefix + text.lstrip())
    result = read(data)
    assert result.ok
    assert result.document["uuid"] == FAC1020_CUFE
    # The embedded invoice is unchanged, so its own signature still verifies.
    assert result.signature["valid"] is True


def test_an_embedded_invoice_escaped_as_plain_text_instead_of_cdata_is_read():
    result = read(with_embedded_text(sample(AD), lambda text: text, cdata=False))
    assert result.ok and result.signature["valid"] is True


def test_a_bom_and_blanks_before_the_whole_file_are_tolerated():
    result = read(b"\xef\xbb\xbf\r\n  " + sample("inv_siigo_FE254_prod.xml"))
    assert result.ok
    assert result.signature["valid"] is True


def test_any_namespace_prefixes_give_the_same_facts():
    original = sample("inv_siigo_FE254_prod.xml")
    renamed = (
        original.replace(b"cbc:", b"basic:")
        .replace(b"xmlns:cbc=", b"xmlns:basic=")
        .replace(b"cac:", b"agg:")
        .replace(b"xmlns:cac=", b"xmlns:agg=")
        .replace(b"sts:", b"dian:")
        .replace(b"xmlns:sts=", b"xmlns:dian=")
    )
    assert renamed != original
    before, after = read(original).document, read(renamed).document
    assert after == before


@pytest.mark.parametrize("namespace", STS_NAMESPACES)
def test_each_of_the_three_sts_namespaces_gives_the_dian_extensions(namespace):
    data = sample("inv_siigo_FE254_prod.xml").replace(STS_OFFICIAL, namespace)
    document = read(data).document
    assert document["software_provider"]["id"] == "830048145"
    assert document["uuid"] in document["qr_code"]


def test_an_invoice_declared_in_iso_8859_1_is_decoded_by_its_declaration():
    original = sample("ad_cadena_FAC1020_prod.xml")
    invoice, _ = attached_parts(original)
    latin = (
        invoice.decode("utf-8")
        .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"', 1)
        .encode("iso-8859-1")
    )
    result = read(latin)
    assert result.ok
    assert result.document["issuer"]["name"] == "HUMBERTO GUERRERO SOTO"
    assert result.signature["valid"] is True


def test_missing_optional_parts_are_empty_never_invented():
    data = sample("inv_facture_EMH15818_prod.xml")
    document = read(data).document
    assert document["taxes"] == []
    assert document["billing_reference"] is None
    assert document["discrepancy"] is None
    fac = read(sample("inv_cadena_FAC1036_prod.xml")).document
    assert fac["issuer"]["industry_codes"] == []
    assert fac["buyer"]["check_digit"] is None


def test_a_dian_response_sent_as_its_own_file_beside_a_bare_invoice_is_used():
    invoice, response = attached_parts(sample(AD))
    result = read(
        build_zip(("factura.xml", invoice), ("respuesta.xml", response), ("f.pdf", pdf()))
    )
    assert result.ok
    validation = result.dian_validation
    assert (validation["source"], validation["response_code"], validation["uuid_matches"]) == (
        "separate_file",
        "02",
        True,
    )
    assert validation["signature_valid"] is True and validation["signed_by_dian"] is True


def test_the_same_invoice_twice_counts_once_and_the_attached_document_wins():
    invoice, _ = attached_parts(sample(AD))
    result = read(
        build_zip(("bare.xml", invoice), ("ad.xml", sample(AD)), ("copy/ad.xml", sample(AD)))
    )
    assert result.ok
    assert result.container["wrapper"] == "AttachedDocument"


def test_a_damaged_annex_xml_beside_a_good_invoice_is_tolerated():
    result = read(
        build_zip(("ad.xml", sample(AD)), ("anx-roto.xml", b"<?xml version='1.0'?><a><b></a>"))
    )
    assert result.ok and result.document["number"] == "FAC1020"


def test_an_event_beside_the_invoice_is_not_a_second_document():
    invoice, response = attached_parts(sample(AD))
    result = read(build_zip(("fv.xml", sample("inv_siigo_FE254_prod.xml")), ("ar.xml", response)))
    assert result.ok
    assert result.dian_validation["present"] is False  # the response is about another CUFE


def test_a_dian_response_that_does_not_parse_is_reported_as_present_but_unreadable():
    def break_response(data: bytes) -> bytes:
        head, marker, tail = data.partition(b"<cac:ParentDocumentLineReference>")
        return head + marker + tail.replace(b"<ApplicationResponse", b"<ApplicationResponse <<", 1)

    result = read(break_response(sample(AD)))
    assert result.ok
    assert result.dian_validation["present"] is True
    assert result.dian_validation["readable"] is False


def test_reading_without_signature_verification_leaves_valid_null():
    result = read_upload(sample(AD), limits=Limits(), verify_signatures=False)
    assert result.ok
    assert result.signature == {"present": True, "valid": None, "verified": False}
    assert "signature" not in {check["code"] for check in result.checks}


def test_a_response_from_someone_other_than_dian_is_not_taken_as_dians_validation():
    invoice, response = attached_parts(sample(AD))
    event = response.replace(b">800197268<", b">79865112<")
    assert event != response
    result = read(build_zip(("factura.xml", invoice), ("acuse.xml", event)))
    assert result.ok
    assert result.dian_validation["present"] is False


def _without(data: bytes, path: str) -> bytes:
    from lxml import etree

    root = etree.fromstring(data)
    namespaces = {
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    }
    for element in root.xpath(path, namespaces=namespaces):
        element.getparent().remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_a_buyer_without_party_tax_scheme_is_read_from_the_legal_entity():
    data = _without(
        sample("inv_siigo_FE254_prod.xml"),
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme",
    )
    buyer = read(data).document["buyer"]
    assert (buyer["id"], buyer["name"]) == ("79865112", "JHON FREDDY CORTES FORERO")


def test_a_buyer_with_only_an_identification_and_a_trade_name_is_still_read():
    invoice, _ = attached_parts(sample(AD))  # FAC1020's buyer also has PartyIdentification
    party = "cac:AccountingCustomerParty/cac:Party/"
    data = _without(invoice, f"{party}cac:PartyTaxScheme|{party}cac:PartyLegalEntity")
    buyer = read(data).document["buyer"]
    assert (buyer["id"], buyer["id_type"]) == ("79865112", "13")
    assert buyer["name"] is not None  # the trade name (PartyName)
