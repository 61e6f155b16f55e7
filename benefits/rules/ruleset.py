"""A cooperative's reglamento as data: a versioned rule set of benefit specs.

A rule-set file (benefits/rules/rulesets/<slug>.py) builds one RuleSet per
version of the text from the named blocks in benefits/rules/blocks/. The
catalog service and the staff documents read the same objects the engine runs.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from benefits.rules.errors import UnknownBenefit

FUND_KINDS = ("welfare", "solidarity", "mutual", "social")
EVIDENCE = ("invoice", "documents", "none")
SUPPLIER_KINDS = ("health", "pharmacy", "optics", "veterinary", "sports", "education", "tourism")
DATE_FIELDS = ("requested_on", "event_date")


@dataclass(frozen=True)
class ParameterSpec:
    """A yearly value the rule set needs beyond the SMMLV.

    `defaults` seed CooperativeParameter rows; staff edit them in the admin and a
    row in the database wins over the default. `carry_forward` values (amounts
    the reglamento itself fixes) stay in force until a later year sets another;
    the others (what the council sets each year) must exist for the very year.
    """

    name: str
    label: str
    article: str
    set_by: str
    unit: str = "pesos"  # "pesos", "percent" (0-100) or "count"
    defaults: Mapping[int, Decimal] = field(default_factory=dict)
    carry_forward: bool = False
    year_of: str = "requested_on"


@dataclass(frozen=True)
class BenefitSpec:
    code: str
    name: str
    fund_kind: str
    article: str
    evidence: str
    checks: tuple
    amount: object
    approver: object
    supplier_kind: str | None = None
    # The `details` keys the benefit reads (contracts/quote.md table plus the
    # additions in benefits/rules/details.py): the portal asks the associate for
    # exactly these, and a test checks the rules read no others.
    details: tuple[str, ...] = ()
    quota_group: str = ""
    required_documents: tuple[str, ...] = ()
    description: str = ""
    seniority_at: str | None = None  # None: the rule set's choice
    readings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    cooperative: str
    name: str
    title: str
    source: str
    version: str
    effective_from: date
    chosen_by: str  # which date of a case selects the version
    version_article: str
    seniority_at: str
    smmlv_year_of: str
    smmlv_article: str  # empty when the reglamento never uses the SMMLV
    benefits: tuple[BenefitSpec, ...]
    parameters: tuple[ParameterSpec, ...] = ()
    quota: object = None
    budget_article: str = ""
    readings: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.cooperative}@{self.version}"

    @cached_property
    def _by_code(self) -> dict[str, BenefitSpec]:
        return {spec.code: spec for spec in self.benefits}

    @cached_property
    def _parameters(self) -> dict[str, ParameterSpec]:
        return {spec.name: spec for spec in self.parameters}

    @cached_property
    def parameter_defaults(self) -> dict[str, dict[int, Decimal]]:
        """{name: {year: Decimal}} for every declared parameter (empty when the council must set it)."""
        return {spec.name: dict(spec.defaults) for spec in self.parameters}

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(spec.code for spec in self.benefits)

    def benefit(self, code: str) -> BenefitSpec:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownBenefit(
                f"«{code}» no es un auxilio de {self.name} ({self.id}). "
                f"Códigos válidos: {', '.join(self.codes)}."
            ) from None

    def parameter(self, name: str) -> ParameterSpec:
        return self._parameters[name]

    def quota_members(self, group: str) -> tuple[str, ...]:
        return tuple(spec.code for spec in self.benefits if spec.quota_group == group)

    def validate(self) -> None:
        """Raises ValueError when the description is inconsistent (run at discovery)."""
        problems = []
        if self.chosen_by not in DATE_FIELDS or self.seniority_at not in DATE_FIELDS:
            problems.append("chosen_by / seniority_at must be requested_on or event_date")
        if self.smmlv_year_of not in DATE_FIELDS:
            problems.append("smmlv_year_of must be requested_on or event_date")
        if len(self._by_code) != len(self.benefits):
            problems.append("duplicate benefit codes")
        for spec in self.benefits:
            if spec.fund_kind not in FUND_KINDS:
                problems.append(f"{spec.code}: fund_kind {spec.fund_kind!r}")
            if spec.evidence not in EVIDENCE:
                problems.append(f"{spec.code}: evidence {spec.evidence!r}")
            if spec.supplier_kind is not None and spec.supplier_kind not in SUPPLIER_KINDS:
                problems.append(f"{spec.code}: supplier_kind {spec.supplier_kind!r}")
            if len(spec.article) > 60:
                problems.append(f"{spec.code}: article longer than 60 characters")
            if spec.quota_group and self.quota is None:
                problems.append(f"{spec.code}: quota_group without a quota policy")
            for block in (*spec.checks, spec.amount, spec.approver):
                if not getattr(block, "article", ""):
                    problems.append(f"{spec.code}: {type(block).__name__} cites no article")
                for name in getattr(block, "parameter_names", ()):
                    if name not in self._parameters:
                        problems.append(f"{spec.code}: undeclared parameter {name!r}")
        if problems:
            raise ValueError(f"{self.id}: " + "; ".join(problems))
