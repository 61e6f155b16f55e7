"""The benefit catalog and parameter defaults, written from the rule sets.

The rule-set files (benefits/rules/rulesets/) are the one place a benefit is
described; the Benefit rows exist so requests can point at them and staff can
switch a benefit off. Parameter defaults become CooperativeParameter rows that
staff may then edit (a staff edit is never overwritten here).
"""

from datetime import date

from benefits import rules
from benefits.models import Benefit
from cooperatives.models import Cooperative, CooperativeParameter
from core.db import upsert

NATIONAL_PARAMETERS = {"smmlv"}  # national: MinimumWage rows, not per cooperative


def current_rule_set(slug: str, on: date):
    """The version in force on `on`; before the first version takes effect, that first version."""
    try:
        return rules.rule_set_for(slug, requested_on=on, event_date=on)
    except rules.NoRuleSetInForce:
        return min(rules.versions_of(slug), key=lambda rule_set: rule_set.effective_from)


def catalog_sync(*, cooperative: Cooperative, on: date) -> dict[str, int]:
    rule_set = current_rule_set(cooperative.slug, on)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    codes = []
    for order, spec in enumerate(rule_set.benefits):
        codes.append(spec.code)
        _, outcome = upsert(
            Benefit,
            lookup={"cooperative": cooperative, "code": spec.code},
            values={
                "name": spec.name,
                "fund_kind": spec.fund_kind,
                "quota_group": spec.quota_group or "",
                "evidence": spec.evidence,
                "supplier_kind": spec.supplier_kind or "",
                "article": spec.article,
                "sort_order": order,
            },
        )
        counts[outcome] += 1
    Benefit.objects.for_cooperative(cooperative).exclude(code__in=codes).update(active=False)
    for key, by_year in rule_set.parameter_defaults.items():
        if key in NATIONAL_PARAMETERS:
            continue
        for year, value in by_year.items():
            CooperativeParameter.objects.get_or_create(
                cooperative=cooperative,
                key=key,
                year=int(year),
                defaults={
                    "value": value,
                    "note": f"Valor por defecto del reglamento ({rule_set.version})",
                },
            )
    return counts
