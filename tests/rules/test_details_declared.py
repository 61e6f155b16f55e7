"""Each benefit declares the `details` it reads; the portal asks for exactly those."""

import contextlib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import pytest

from benefits import rules
from benefits.rules.details import DETAIL_PARSERS
from benefits.rules.facts import AssociateFacts, BeneficiaryFacts, Parameters

SAMPLE = {
    "participants": 2,
    "cost_per_person": "100000",
    "excellence_share": "0.9",
    "gpa": "4.5",
    "all_passed": True,
    "qualitative_grades": False,
    "period": "semester",
    "days": 10,
    "premature": False,
    "level": "national",
    "team": False,
    "position": 1,
    "destination_country": "CO",
    "saber11_score": 400,
    "saberpro_percent": "95",
    "laureate_thesis": False,
    "organ": "riñón",
    "used_funeral_service": False,
    "qualifying_children": 1,
    "loan_term_months": 12,
    "received_first_pension_payment": False,
    "disease": "cáncer",
    "incapacity_start": "2026-10-25",  # after the event: the extended window reads "days" too
    "modality": "incendio",
    "affected_in_agency": 1,
    "emergency_type": "inundación",
    "education_level": "higher",
    "qualitative_high": True,
    "icetex": False,
    "organized_by_cooperative": False,
    "lost_capacity_percent": "60",
}


class RecordingDetails(Mapping):
    """Details that remember which keys the rules asked for."""

    def __init__(self, values):
        self.values, self.read = values, set()

    def __getitem__(self, key):
        self.read.add(key)
        return self.values[key]

    def get(self, key, default=None):
        self.read.add(key)
        return self.values.get(key, default)

    def __iter__(self):
        return iter(self.values)

    def __len__(self):
        return len(self.values)


def keys_read(rule_set, spec, values) -> set[str]:
    parameters = Parameters(
        {"smmlv": {2026: Decimal("1750905")}, **rule_set.parameter_defaults}
    ).overridden_by(
        Parameters({name: {2026: Decimal("50")} for name in rule_set.parameter_defaults})
    )
    read = set()
    for relationship in ("self", "child", "spouse", "parent", "pet"):
        details = RecordingDetails(values)
        case = rules.Case(
            cooperative=rule_set.cooperative,
            benefit=spec.code,
            requested_on=date(2026, 11, 2),
            event_date=date(2026, 10, 20),
            associate=AssociateFacts(
                joined_on=date(2000, 1, 1),
                gender="F",
                inducted=True,
                data_updated_on=date(2026, 6, 1),
            ),
            beneficiary=BeneficiaryFacts(
                relationship=relationship,
                birth_date=date(2010, 1, 1),
                registered_on=date(2001, 1, 1),
            ),
            amount_claimed=Decimal(100000),
            details=details,
            parameters=parameters,
        )
        with contextlib.suppress(rules.RuleError):
            rules.evaluate(case)
        read |= details.read
    return read


SPECS = [(rule_set, spec) for rule_set in rules.rule_sets() for spec in rule_set.benefits]


@pytest.mark.parametrize(
    ("rule_set", "spec"), SPECS, ids=[f"{r.cooperative}-{s.code}" for r, s in SPECS]
)
def test_a_benefit_reads_only_the_details_it_declares(rule_set, spec):
    read = keys_read(rule_set, spec, SAMPLE) | keys_read(rule_set, spec, {})
    assert read <= set(spec.details), (
        f"{spec.code} reads {sorted(read - set(spec.details))} undeclared"
    )


@pytest.mark.parametrize(
    ("rule_set", "spec"), SPECS, ids=[f"{r.cooperative}-{s.code}" for r, s in SPECS]
)
def test_every_declared_detail_has_a_parser(rule_set, spec):
    assert set(spec.details) <= set(DETAIL_PARSERS)
