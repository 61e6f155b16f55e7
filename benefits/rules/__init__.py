"""The rule engine: every benefit of the cooperatives' reglamentos, explained article by article.

Public API (stable names):

    evaluate(case) -> Decision          pure: no clock, no database
    rule_set_for(slug, *, requested_on, event_date) -> RuleSet
    rule_sets() -> tuple[RuleSet, ...]  every version of every cooperative
    Case, AssociateFacts, BeneficiaryFacts, HistoryEntry, Parameters
    Decision, Reason, Quota
    case_from_json(obj, *, base_parameters=None, calendar=None) -> Case
    budget_reason(rule_set, *, available, amount) -> Reason

The rule sets live in benefits/rules/rulesets/ (one file per cooperative,
discovered by benefits.rules.registry); the blocks they are built from in
benefits/rules/blocks/. Loading parameters from the database is
benefits.parameters.parameters_for, outside this pure package.
"""

from benefits.rules.decision import FAILURE_CODES, Decision, Quota, Reason
from benefits.rules.engine import budget_reason, evaluate
from benefits.rules.errors import (
    CaseError,
    MissingParameter,
    NoRuleSetInForce,
    RuleError,
    UnknownBenefit,
    UnknownCooperative,
)
from benefits.rules.facts import AssociateFacts, BeneficiaryFacts, Case, HistoryEntry, Parameters
from benefits.rules.jsonio import case_from_json
from benefits.rules.registry import cooperatives, rule_set_for, rule_sets, versions_of

__all__ = [
    "FAILURE_CODES",
    "AssociateFacts",
    "BeneficiaryFacts",
    "Case",
    "CaseError",
    "Decision",
    "HistoryEntry",
    "MissingParameter",
    "NoRuleSetInForce",
    "Parameters",
    "Quota",
    "Reason",
    "RuleError",
    "UnknownBenefit",
    "UnknownCooperative",
    "budget_reason",
    "case_from_json",
    "cooperatives",
    "evaluate",
    "rule_set_for",
    "rule_sets",
    "versions_of",
]
