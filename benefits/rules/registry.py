"""Finds the rule sets: every module in benefits/rules/rulesets/ that defines RULE_SETS.

Adding a cooperative is a new module there (plus its tests); nothing else
lists them. Discovery runs once, on first use, so importing benefits.rules
stays cheap for callers that never evaluate.
"""

import importlib
import pkgutil
from datetime import date
from functools import lru_cache

from benefits.rules.errors import NoRuleSetInForce, UnknownCooperative
from benefits.rules.ruleset import RuleSet
from benefits.rules.wording import format_date

PACKAGE = "benefits.rules.rulesets"


def discover(package: str = PACKAGE) -> tuple[RuleSet, ...]:
    """All RuleSet versions defined by the modules of `package`, validated, in a stable order."""
    found: list[RuleSet] = []
    module = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        submodule = importlib.import_module(f"{package}.{info.name}")
        found.extend(getattr(submodule, "RULE_SETS", ()))
    seen = set()
    for rule_set in found:
        rule_set.validate()
        if rule_set.id in seen:
            raise ValueError(f"Two rule sets are called {rule_set.id}")
        seen.add(rule_set.id)
    return tuple(sorted(found, key=lambda rs: (rs.cooperative, rs.effective_from)))


@lru_cache(maxsize=1)
def rule_sets() -> tuple[RuleSet, ...]:
    """Every version of every cooperative's rule set."""
    return discover()


@lru_cache(maxsize=1)
def _by_cooperative() -> dict[str, tuple[RuleSet, ...]]:
    grouped: dict[str, list[RuleSet]] = {}
    for rule_set in rule_sets():
        grouped.setdefault(rule_set.cooperative, []).append(rule_set)
    return {slug: tuple(versions) for slug, versions in grouped.items()}


def cooperatives() -> tuple[str, ...]:
    return tuple(_by_cooperative())


def versions_of(cooperative_slug: str) -> tuple[RuleSet, ...]:
    try:
        return _by_cooperative()[cooperative_slug]
    except KeyError:
        raise UnknownCooperative(
            f"«{cooperative_slug}» no es una cooperativa con reglamento en el portal "
            f"({', '.join(cooperatives())})."
        ) from None


def rule_set_for(cooperative_slug: str, *, requested_on: date, event_date: date) -> RuleSet:
    """The version in force for a case: each version says which date selects it
    (COPROCENVA the event date, Art. 19; CEMCOP and COACREMAT the filing date).
    A case no version covers is an error, never a guess."""
    dates = {"requested_on": requested_on, "event_date": event_date}
    in_force = [
        rs for rs in versions_of(cooperative_slug) if rs.effective_from <= dates[rs.chosen_by]
    ]
    if not in_force:
        first = versions_of(cooperative_slug)[0]
        which = (
            "la fecha del evento" if first.chosen_by == "event_date" else "la fecha de radicación"
        )
        raise NoRuleSetInForce(
            f"Ningún reglamento de {first.name} cubre {which} {format_date(dates[first.chosen_by])}: "
            f"el primero registrado rige desde el {format_date(first.effective_from)}."
        )
    return max(in_force, key=lambda rs: rs.effective_from)
