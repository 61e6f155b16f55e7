"""Hypothesis strategies: any benefit of any cooperative, with arbitrary (well-typed) facts."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from benefits.rules import AssociateFacts, BeneficiaryFacts, Case, HistoryEntry, rule_sets
from benefits.rules.facts import RELATIONSHIPS, ROLES

from .builders import PARAMETERS

SPECS = [
    (rule_set.cooperative, spec.code) for rule_set in rule_sets() for spec in rule_set.benefits
]
CODES = {rule_set.cooperative: rule_set.codes for rule_set in rule_sets()}

money = st.integers(min_value=0, max_value=60_000_000).map(Decimal) | st.decimals(
    min_value=0, max_value=2_000_000, places=2, allow_nan=False, allow_infinity=False
)
maybe = st.booleans()

DETAILS = {
    "participants": st.integers(1, 6),
    "cost_per_person": money,
    "excellence_share": st.decimals(0, 1, places=2),
    "gpa": st.decimals(0, 5, places=1),
    "all_passed": maybe,
    "qualitative_grades": maybe,
    "period": st.sampled_from(["semester", "cuatrimestre", "trimester", "year"]),
    "days": st.integers(0, 60),
    "premature": maybe,
    "level": st.sampled_from(["departmental", "national", "international"]),
    "team": maybe,
    "position": st.integers(1, 30),
    "destination_country": st.sampled_from(["CO", "EC", "US", "ES"]),
    "saber11_score": st.integers(0, 500),
    "saberpro_percent": st.decimals(0, 100, places=1),
    "laureate_thesis": maybe,
    "organ": st.sampled_from(["riñón", "corazón", "hígado", "mano", "uña"]),
    "used_funeral_service": maybe,
    "qualifying_children": st.integers(1, 4),
    "loan_term_months": st.integers(1, 200),
    "received_first_pension_payment": maybe,
    "disease": st.sampled_from(["cáncer", "ELA"]),
    "modality": st.sampled_from(["sismo", "incendio", "accidente de tránsito"]),
    "affected_in_agency": st.integers(1, 8),
    "emergency_type": st.sampled_from(["pandemia", "paro"]),
    "education_level": st.sampled_from(["basic", "higher"]),
    "qualitative_high": maybe,
    "icetex": maybe,
    "organized_by_cooperative": maybe,
    "lost_capacity_percent": st.decimals(0, 100, places=1),
}


@st.composite
def details(draw):
    keys = draw(st.sets(st.sampled_from(sorted(DETAILS)), max_size=len(DETAILS)))
    return {key: draw(DETAILS[key]) for key in keys}


@st.composite
def beneficiaries(draw, around: date):
    return BeneficiaryFacts(
        relationship=draw(st.sampled_from(RELATIONSHIPS)),
        birth_date=draw(st.none() | st.dates(around - timedelta(days=365 * 90), around)),
        disabled=draw(maybe),
        studying=draw(maybe),
        registered_on=draw(
            st.none() | st.dates(around - timedelta(days=365 * 10), around + timedelta(days=30))
        ),
    )


@st.composite
def histories(draw, cooperative: str, around: date):
    entries = draw(
        st.lists(
            st.builds(
                HistoryEntry,
                benefit=st.sampled_from(CODES[cooperative]),
                event_date=st.dates(around - timedelta(days=365 * 4), around),
                granted_on=st.none() | st.dates(around - timedelta(days=365 * 4), around),
                amount=money,
                details=details(),
                beneficiary=beneficiaries(around),
            ),
            max_size=4,
        )
    )
    return tuple(entries)


@st.composite
def cases(draw, *, with_history: bool = True, spec=None):
    cooperative, code = spec or draw(st.sampled_from(SPECS))
    first = date(2026, 3, 1) if cooperative == "coacremat" else date(2024, 1, 1)
    requested_on = draw(st.dates(first, date(2026, 12, 31)))
    event_date = requested_on - timedelta(days=draw(st.integers(0, 150)))
    joined_on = event_date - timedelta(days=draw(st.integers(-60, 365 * 30)))
    associate = AssociateFacts(
        joined_on=joined_on,
        gender=draw(st.sampled_from(["F", "M", "X"])),
        rights_suspended=draw(st.sampled_from([False, False, False, True])),
        arrears_days=draw(st.sampled_from([0, 0, 0, 15, 31, 61])),
        data_updated_on=draw(
            st.none() | st.dates(requested_on - timedelta(days=800), requested_on)
        ),
        inducted=draw(st.sampled_from([True, True, False])),
        sanctioned_on=draw(st.none() | st.dates(requested_on - timedelta(days=800), requested_on)),
        pensioner=draw(maybe),
        married=draw(maybe),
        roles=tuple(draw(st.sets(st.sampled_from(ROLES), max_size=2))),
        relative_roles=tuple(draw(st.sets(st.sampled_from(ROLES), max_size=1))),
    )
    return Case(
        cooperative=cooperative,
        benefit=code,
        requested_on=requested_on,
        event_date=event_date,
        associate=associate,
        beneficiary=draw(st.sampled_from([BeneficiaryFacts()]) | beneficiaries(event_date)),
        amount_claimed=draw(st.none() | money),
        details=draw(details()),
        history=draw(histories(cooperative, requested_on)) if with_history else (),
        parameters=PARAMETERS,
        fund_available=draw(st.none() | money),
    )
