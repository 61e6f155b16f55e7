"""Demo funds, budgets, rejection reasons and the benefit catalog (part of seed_demo)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from benefits.catalog import catalog_sync
from benefits.models import (
    BackOfficePolicy,
    Benefit,
    Body,
    Fund,
    FundBudget,
    FundKind,
    RejectionReason,
    WhenExhausted,
)
from cooperatives.models import Cooperative, CooperativeParameter
from core.db import upsert

DEMO_BUDGETS = {  # yearly budget per fund kind, in pesos (demo values)
    FundKind.WELFARE: Decimal("400000000"),
    FundKind.SOLIDARITY: Decimal("250000000"),
    FundKind.MUTUAL: Decimal("300000000"),
    FundKind.SOCIAL: Decimal("100000000"),
}

# COPROCENVA Art. 6: when the mutual fund runs out, the Fondo Social takes over.
EXTRA_FUNDS = {"coprocenva": [FundKind.SOCIAL]}

# What an approval does when the fund runs out (benefits.services.requests._charge_plan);
# funds not listed stop and wait for the council (WhenExhausted.HOLD).
FUND_POLICIES = {
    # CEMCOP Art. 8: denied for lack of resources, with no new request.
    ("cemcop", FundKind.WELFARE): {
        "when_exhausted": WhenExhausted.DENY,
        "exhaustion_article": "Art. 8",
    },
    # COPROCENVA Art. 6: the Fondo Social takes over what the mutual fund cannot cover.
    ("coprocenva", FundKind.MUTUAL): {
        "when_exhausted": WhenExhausted.FALLBACK,
        "fallback_kind": FundKind.SOCIAL,
        "exhaustion_article": "Art. 6",
    },
}

# The back-office readings per cooperative (benefits.models.BackOfficePolicy).
BACKOFFICE_POLICIES = {
    "cemcop": {
        "committee_name": "Comité de solidaridad y bienestar social",  # Arts. 9–10
        "exceptions_article": "Art. 10 lit. a",
        "payout_article": "Art. 6 lit. b",
    },
    # San Simón's requirements say «Comité de solidaridad»; COACREMAT's reglamento names
    # no committee (its council approved it), so it keeps the default, which the council edits.
    "san-simon": {"committee_name": "Comité de solidaridad"},
    "coprocenva": {
        "committee_name": "Comité de Solidaridad",  # Art. 7; Art. 12 num. 15
        "exceptions_body": Body.COUNCIL,
        "exceptions_article": "Art. 7",
        "committee_groups_article": "Art. 12 num. 15",
        "payout_max_arrears_days": 30,
        "payout_article": "Art. 11 num. 1; Art. 1 num. 6",
    },
}

# Values the reglamentos leave to the council or the committee each year
# (docs/rules/*.md, "Parámetros"); these are demo decisions, not real ones.
DEMO_PARAMETERS = {
    "cemcop": {
        "annual_amount": Decimal("1500000"),
        "plan_exequial_percent": Decimal("50"),
        "cultural_percent": Decimal("50"),
        "ceremonia_mejores_budget": Decimal("20000000"),
        "ceremonia_mejores_participants": Decimal("20"),
        "programa_especial_amount": Decimal("150000"),
        "obsequio_navideno_amount": Decimal("80000"),
        "fidelizacion_amount": Decimal("200000"),
    },
    "san-simon": {"desempleo_amount": Decimal("500000")},
    "coacremat": {"navidad_amount": Decimal("100000")},
}

REJECTION_REASONS = [
    (
        "factura_a_nombre_de_otro",
        "La factura no está a nombre del asociado ni de un beneficiario registrado.",
        True,
    ),
    ("factura_ilegible", "No pudimos leer la factura electrónica adjunta.", True),
    ("documento_faltante", "Falta un documento que exige el reglamento.", True),
    ("fuera_de_plazo", "La solicitud se presentó fuera del plazo del reglamento.", False),
    ("no_cumple_antiguedad", "No cumple la antigüedad mínima que exige el reglamento.", False),
    ("mora", "El asociado tiene obligaciones en mora con la cooperativa.", True),
    ("sin_cupo", "El valor solicitado supera el cupo disponible.", False),
    (
        "sin_recursos",
        "El fondo no tiene recursos disponibles (no hay lugar a nueva solicitud).",
        False,
    ),
    ("factura_usada", "La factura ya fue presentada en otra solicitud.", False),
]


@dataclass
class BenefitsSeedReport:
    benefits: int = 0
    funds: int = 0

    def __str__(self):
        return f"{self.benefits} auxilios en catálogo, {self.funds} fondos"


def benefits_demo_seed(*, today: date) -> BenefitsSeedReport:
    report = BenefitsSeedReport()
    with transaction.atomic():
        for cooperative in Cooperative.objects.order_by("slug"):
            catalog_sync(cooperative=cooperative, on=today)
            report.benefits += Benefit.objects.for_cooperative(cooperative).active().count()
            report.funds += _seed_funds(cooperative, today=today)
            for key, value in DEMO_PARAMETERS.get(cooperative.slug, {}).items():
                for year in (today.year - 1, today.year):
                    CooperativeParameter.objects.get_or_create(
                        cooperative=cooperative,
                        key=key,
                        year=year,
                        defaults={"value": value, "note": "Valor de demostración"},
                    )
            upsert(
                BackOfficePolicy,
                lookup={"cooperative": cooperative},
                values=BACKOFFICE_POLICIES.get(cooperative.slug, {}),
            )
            for code, text, fixable in REJECTION_REASONS:
                upsert(
                    RejectionReason,
                    lookup={"cooperative": cooperative, "code": code},
                    values={"text": text, "fixable": fixable},
                )
    return report


def _seed_funds(cooperative: Cooperative, *, today: date) -> int:
    kinds = set(Benefit.objects.for_cooperative(cooperative).values_list("fund_kind", flat=True))
    kinds |= set(EXTRA_FUNDS.get(cooperative.slug, []))
    for kind in sorted(kinds):
        fund, _ = upsert(
            Fund,
            lookup={"cooperative": cooperative, "kind": kind},
            values={"name": FundKind(kind).label},
        )
        for year in (today.year - 1, today.year):
            FundBudget.objects.get_or_create(
                cooperative=cooperative,
                fund=fund,
                year=year,
                defaults={"budget": DEMO_BUDGETS[kind]},
            )
    for (slug, kind), policy in FUND_POLICIES.items():
        if slug != cooperative.slug:
            continue
        values = {key: value for key, value in policy.items() if key != "fallback_kind"}
        if "fallback_kind" in policy:
            values["fallback"] = Fund.objects.get(
                cooperative=cooperative, kind=policy["fallback_kind"]
            )
        upsert(Fund, lookup={"cooperative": cooperative, "kind": kind}, values=values)
    return len(kinds)
