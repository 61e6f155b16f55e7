"""Cases for the rule-engine tests: a well-standing associate unless a test says otherwise.

`quote("coprocenva", "incapacidad", details={"days": 12})` evaluates with the
SMMLV table of the brief and every parameter a rule set leaves to the council,
so a test changes only the fact it is about.
"""

from datetime import date, timedelta
from decimal import Decimal

from benefits.rules import (
    AssociateFacts,
    BeneficiaryFacts,
    Case,
    HistoryEntry,
    Parameters,
    evaluate,
)

D = Decimal
SMMLV = {2023: D("1160000"), 2024: D("1300000"), 2025: D("1423500"), 2026: D("1750905")}
SMMLV_2026 = SMMLV[2026]

# What the councils set each year; present so that every benefit can be quoted.
YEARS = (2023, 2024, 2025, 2026)


def each_year(value, **by_year):
    return {year: D(str(by_year.get(f"y{year}", value))) for year in YEARS}


# What the councils set each year; present so that every benefit can be quoted.
COUNCIL_VALUES = {
    "annual_amount": each_year("1500000", y2023="1300000", y2024="1400000", y2025="1450000"),
    "plan_exequial_percent": each_year(50),
    "cultural_percent": each_year(60),
    "ceremonia_mejores_budget": each_year("10000000", y2025="9000000"),
    "ceremonia_mejores_participants": each_year(40, y2025=30),
    "programa_especial_amount": each_year("100000", y2025="80000"),
    "obsequio_navideno_amount": each_year("150000", y2025="120000"),
    "fidelizacion_amount": each_year("60000", y2025="50000"),
    "desempleo_amount": each_year("500000", y2025="400000"),
    "navidad_amount": each_year("200000"),
}
PARAMETERS = Parameters({"smmlv": SMMLV, **COUNCIL_VALUES})


def day(value) -> date:
    return value if isinstance(value, date) or value is None else date.fromisoformat(value)


def associate(**overrides) -> AssociateFacts:
    facts = {
        "joined_on": date(2015, 1, 1),
        "gender": "F",
        "rights_suspended": False,
        "arrears_days": 0,
        "data_updated_on": date(2026, 1, 15),
        "inducted": True,
        "sanctioned_on": None,
        "pensioner": False,
        "married": True,
        "roles": (),
    }
    facts.update(
        {
            k: day(v) if k in ("joined_on", "data_updated_on", "sanctioned_on") else v
            for k, v in overrides.items()
        }
    )
    return AssociateFacts(**facts)


def beneficiary(relationship="self", **overrides) -> BeneficiaryFacts:
    facts = {"relationship": relationship, "registered_on": date(2016, 1, 1)}
    facts.update(
        {k: day(v) if k in ("birth_date", "registered_on") else v for k, v in overrides.items()}
    )
    return BeneficiaryFacts(**facts)


def granted(
    benefit, event_date, *, granted_on=None, amount="0", details=None, who=None, requested_on=None
) -> HistoryEntry:
    return HistoryEntry(
        benefit=benefit,
        event_date=day(event_date),
        granted_on=day(granted_on) if granted_on else day(event_date) + timedelta(days=10),
        amount=D(amount),
        details=details or {},
        beneficiary=who or BeneficiaryFacts(),
        requested_on=day(requested_on) if requested_on else None,
    )


def case(
    cooperative,
    benefit,
    *,
    requested_on="2026-06-10",
    event_date="2026-06-01",
    joined_on=None,
    amount=None,
    details=None,
    history=(),
    who=None,
    parameters=None,
    fund_available=None,
    **associate_overrides,
) -> Case:
    if joined_on is not None:
        associate_overrides["joined_on"] = joined_on
    return Case(
        cooperative=cooperative,
        benefit=benefit,
        requested_on=day(requested_on),
        event_date=day(event_date),
        associate=associate(**associate_overrides),
        beneficiary=who or BeneficiaryFacts(),
        amount_claimed=None if amount is None else D(str(amount)),
        details=details or {},
        history=tuple(history),
        parameters=parameters if parameters is not None else PARAMETERS,
        fund_available=None if fund_available is None else D(str(fund_available)),
    )


def quote(cooperative, benefit, **kwargs):
    return evaluate(case(cooperative, benefit, **kwargs))


def failed(decision) -> list[str]:
    return [r.code for r in decision.reasons if not r.ok]


def reason(decision, code):
    return next(r for r in decision.reasons if r.code == code)
