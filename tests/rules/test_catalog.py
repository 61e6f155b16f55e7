"""The rule sets as data: the contract's catalog, versions, metadata for the catalog service, discovery."""

import textwrap
from datetime import date
from decimal import Decimal

import pytest

from benefits.rules import (
    NoRuleSetInForce,
    UnknownBenefit,
    UnknownCooperative,
    rule_set_for,
    rule_sets,
)
from benefits.rules.registry import discover
from benefits.rules.ruleset import EVIDENCE, FUND_KINDS, SUPPLIER_KINDS

# ../shared/contracts/quote.md, "Benefit catalog (codes)", in the contract's order.
CONTRACT_CATALOG = {
    "cemcop": [
        "salud", "maternidad_paternidad", "deportes", "veterinario", "plan_exequial", "gastronomico", "pasadia",
        "cultural", "capacitacion", "ceremonia_mejores", "programa_especial", "obsequio_navideno", "fidelizacion",
    ],
    "san-simon": [
        "vivienda", "vehiculo", "desempleo", "nuevo_pensionado", "educativo_basica", "educativo_universitario",
        "calamidad_domestica", "mutualista", "perseverancia", "enfermedad_alto_costo", "movilidad_asistida",
        "odontologia_especial", "licencia_maternidad", "incapacidad_medica", "medicamentos_hijos", "lentes_monturas",
        "intervencion_quirurgica", "funebre", "examenes_pensionado", "consultas_hijos", "bono_nacimiento",
        "bono_fidelizacion",
    ],
    "coprocenva": [
        "muerte_asociado", "muerte_familiar", "servicios_medicos", "medicamentos", "licencia_maternidad",
        "licencia_paternidad", "incapacidad", "enfermedad_terminal", "catastrofe", "afectacion_economica",
    ],
    "coacremat": [
        "nacimiento", "adopcion", "merito_academico", "muerte_asociado", "muerte_familiar", "enfermedad_terminal",
        "incapacidad_permanente", "trasplante_desmembracion", "educacion", "salud", "deporte", "turismo", "navidad",
    ],
}  # fmt: skip
CEMCOP_GROUP_A = {"salud", "maternidad_paternidad", "deportes", "veterinario"}
COACREMAT_WELFARE = {"educacion", "salud", "deporte", "turismo", "navidad"}


def current(slug):
    return rule_set_for(slug, requested_on=date(2026, 6, 10), event_date=date(2026, 6, 1))


@pytest.mark.parametrize("slug", sorted(CONTRACT_CATALOG))
def test_each_cooperative_offers_exactly_the_contracts_catalog_in_its_order(slug):
    assert list(current(slug).codes) == CONTRACT_CATALOG[slug]


@pytest.mark.parametrize(("slug", "version", "effective"), [
    ("cemcop", "cemcop@2023-04-26", date(2023, 4, 26)),
    ("coacremat", "coacremat@2026-02-28", date(2026, 2, 28)),
    ("coprocenva", "coprocenva@2021-12-01", date(2021, 12, 1)),
    ("san-simon", "san-simon@sin-fecha", date(2000, 1, 1)),
])  # fmt: skip
def test_each_rule_set_is_versioned_with_its_effective_date(slug, version, effective):
    rule_set = current(slug)
    assert rule_set.id == version
    assert rule_set.effective_from == effective
    assert rule_set.cooperative == slug


def test_coprocenva_is_chosen_by_the_event_date_and_the_others_by_the_filing_date():
    assert (
        rule_set_for("coprocenva", requested_on=date(2021, 12, 20), event_date=date(2021, 12, 1)).id
        == "coprocenva@2021-12-01"
    )
    with pytest.raises(NoRuleSetInForce, match="1 de diciembre de 2021"):
        rule_set_for("coprocenva", requested_on=date(2021, 12, 20), event_date=date(2021, 11, 30))
    assert (
        rule_set_for("cemcop", requested_on=date(2023, 4, 26), event_date=date(2023, 1, 1)).id
        == "cemcop@2023-04-26"
    )
    with pytest.raises(NoRuleSetInForce):
        rule_set_for("cemcop", requested_on=date(2023, 4, 25), event_date=date(2023, 4, 1))


def test_unknown_cooperatives_and_benefits_are_errors():
    with pytest.raises(UnknownCooperative):
        rule_set_for("coomeva", requested_on=date(2026, 1, 1), event_date=date(2026, 1, 1))
    with pytest.raises(UnknownBenefit, match="Códigos válidos"):
        current("cemcop").benefit("vivienda")


def test_rule_sets_lists_every_version():
    assert {rs.id for rs in rule_sets()} == {
        "cemcop@2023-04-26",
        "coacremat@2026-02-28",
        "coprocenva@2021-12-01",
        "san-simon@sin-fecha",
    }


@pytest.mark.parametrize("rule_set", rule_sets(), ids=lambda rs: rs.id)
def test_every_benefit_carries_the_metadata_the_catalog_service_needs(rule_set):
    for spec in rule_set.benefits:
        assert spec.name and spec.article and len(spec.article) <= 60
        assert spec.fund_kind in FUND_KINDS
        assert spec.evidence in EVIDENCE
        assert spec.supplier_kind is None or spec.supplier_kind in SUPPLIER_KINDS
        assert all(isinstance(doc, str) and doc for doc in spec.required_documents)
        assert spec.quota_group in ("", "A")


def test_cemcop_charges_exactly_group_a_to_the_annual_quota():
    assert {s.code for s in current("cemcop").benefits if s.quota_group == "A"} == CEMCOP_GROUP_A


def test_coacremat_splits_solidarity_and_welfare_funds():
    kinds = {s.code: s.fund_kind for s in current("coacremat").benefits}
    assert {code for code, kind in kinds.items() if kind == "welfare"} == COACREMAT_WELFARE
    assert {kind for code, kind in kinds.items() if code not in COACREMAT_WELFARE} == {"solidarity"}


def test_coprocenva_pays_from_the_mutual_fund():
    assert {s.fund_kind for s in current("coprocenva").benefits} == {"mutual"}


def test_parameter_defaults_are_plain_years_and_decimals():
    defaults = current("cemcop").parameter_defaults
    assert defaults["annual_amount"] == {2026: Decimal("1500000")}
    assert defaults["obsequio_navideno_amount"] == {}
    assert current("coacremat").parameter_defaults["salud_cap"] == {2026: Decimal("300000")}
    for rule_set in rule_sets():
        for by_year in rule_set.parameter_defaults.values():
            assert all(isinstance(y, int) and isinstance(v, Decimal) for y, v in by_year.items())


def test_a_fifth_cooperative_is_one_new_rule_set_module(tmp_path, monkeypatch):
    package = tmp_path / "more_rulesets"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "coopfive.py").write_text(
        textwrap.dedent(
            """
            from datetime import date
            from decimal import Decimal
            from benefits.rules import blocks as b
            from benefits.rules.ruleset import BenefitSpec, ParameterSpec, RuleSet

            RULE_SETS = (
                RuleSet(
                    cooperative="coopfive", name="Coop Five", title="el reglamento de prueba", source="005.txt",
                    version="2027-01-01", effective_from=date(2027, 1, 1), chosen_by="requested_on",
                    version_article="Art. 9", seniority_at="requested_on", smmlv_year_of="requested_on",
                    smmlv_article="Art. 2",
                    parameters=(ParameterSpec(name="bono", label="Bono", article="Art. 3", set_by="el Consejo",
                                              defaults={2027: Decimal(100000)}, carry_forward=True),),
                    benefits=(
                        BenefitSpec(
                            code="bono", name="Bono", fund_kind="welfare", article="Art. 3", evidence="none",
                            checks=(b.MinimumSeniority(months=6, article="Art. 4"),),
                            amount=b.FixedAmount(parameter="bono", article="Art. 3"),
                            approver=b.Approver(default="staff", body="la gerencia", article="Art. 5"),
                        ),
                    ),
                ),
            )
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    (found,) = discover("more_rulesets")
    assert found.id == "coopfive@2027-01-01"
    assert found.benefit("bono").amount.parameter_names == ("bono",)


def test_discovery_rejects_a_rule_set_that_uses_an_undeclared_parameter(tmp_path, monkeypatch):
    package = tmp_path / "broken_rulesets"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "bad.py").write_text(
        textwrap.dedent(
            """
            from datetime import date
            from benefits.rules import blocks as b
            from benefits.rules.ruleset import BenefitSpec, RuleSet

            RULE_SETS = (
                RuleSet(
                    cooperative="bad", name="Bad", title="t", source="s", version="1", effective_from=date(2027, 1, 1),
                    chosen_by="requested_on", version_article="Art. 1", seniority_at="requested_on",
                    smmlv_year_of="requested_on", smmlv_article="Art. 1",
                    benefits=(
                        BenefitSpec(code="x", name="X", fund_kind="welfare", article="Art. 1", evidence="none", checks=(),
                                    amount=b.FixedAmount(parameter="nope", article="Art. 1"),
                                    approver=b.Approver(default="staff", body="g", article="Art. 1")),
                    ),
                ),
            )
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ValueError, match="undeclared parameter 'nope'"):
        discover("broken_rulesets")
