"""The parameters in force for a cooperative, read from the database once.

SMMLV by year comes from MinimumWage (national); every other parameter from
CooperativeParameter rows over the rule set's defaults (a row wins). The rule
engine then receives them as plain values: it never queries by itself. Which
year's value a rule uses is the rule set's reading (COPROCENVA: the event's
year, Art. 12 num. 7; the others: the filing year), applied by the engine.
"""

from decimal import Decimal

from benefits.rules import Parameters, versions_of
from core.reference_cache import remembered


def defaults_for(cooperative_slug: str) -> dict[str, dict[int, Decimal]]:
    """Every version's declared defaults; a later version's value wins for the same year."""
    merged: dict[str, dict[int, Decimal]] = {}
    for rule_set in versions_of(cooperative_slug):
        for name, by_year in rule_set.parameter_defaults.items():
            merged.setdefault(name, {}).update(by_year)
    return merged


def parameters_for(cooperative_slug: str) -> Parameters:
    """SMMLV rows and the cooperative's parameter rows over its rule sets' defaults.

    Two queries, then kept in the process for a minute (core.reference_cache).
    """
    return remembered(("parameters", cooperative_slug), lambda: _read(cooperative_slug))


def _read(cooperative_slug: str) -> Parameters:
    from cooperatives.models import CooperativeParameter, MinimumWage

    values = defaults_for(cooperative_slug)
    values["smmlv"] = dict(MinimumWage.objects.values_list("year", "monthly_value"))
    rows = CooperativeParameter.objects.filter(cooperative__slug=cooperative_slug).values_list(
        "key", "year", "value"
    )
    for key, year, value in rows:
        values.setdefault(key, {})[year] = value
    return Parameters(values)
