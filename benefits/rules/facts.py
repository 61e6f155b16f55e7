"""The facts a case carries: plain values, no model instances, no clock.

`Case` mirrors the input of `manage.py quote` (../shared/contracts/quote.md).
Callers (the quote command, the request worker, the portal's preview) build one
from whatever they have and pass the parameters in force; the engine never
looks anything up by itself.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from core.calendar import NATIONAL, BusinessCalendar

RELATIONSHIPS = (
    "self",
    "spouse",
    "child",
    "stepchild",
    "parent",
    "stepparent",
    "sibling",
    "grandchild",
    "grandparent",
    "pet",
    "other",
)
ROLES = (
    "council",
    "oversight_board",
    "committee",
    "agency_director",
    "operations_chief",
    "employee",
)

_EMPTY: Mapping = MappingProxyType({})


class Parameters:
    """Yearly parameter values: name -> {year -> Decimal}.

    `smmlv` is the national minimum wage (MinimumWage rows); the other names are
    the ones a rule set declares (CooperativeParameter rows over its defaults).
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Mapping[int, Decimal]] | None = None):
        self._values = {
            name: {int(year): Decimal(value) for year, value in by_year.items()}
            for name, by_year in (values or {}).items()
        }

    def exact(self, name: str, year: int) -> Decimal | None:
        return self._values.get(name, _EMPTY).get(year)

    def latest(self, name: str, year: int) -> tuple[int, Decimal] | None:
        """The value of the latest year not after `year` (amounts a reglamento fixes once)."""
        years = [y for y in self._values.get(name, _EMPTY) if y <= year]
        if not years:
            return None
        best = max(years)
        return best, self._values[name][best]

    def names(self) -> list[str]:
        return sorted(self._values)

    def overridden_by(self, other: "Parameters") -> "Parameters":
        """These values with `other`'s on top (year by year)."""
        merged = {name: dict(by_year) for name, by_year in self._values.items()}
        for name, by_year in other._values.items():
            merged.setdefault(name, {}).update(by_year)
        return Parameters(merged)

    def as_dict(self) -> dict[str, dict[int, Decimal]]:
        return {name: dict(by_year) for name, by_year in self._values.items()}

    def __eq__(self, other):
        return isinstance(other, Parameters) and self._values == other._values

    def __repr__(self):
        return f"Parameters({self._values!r})"


@dataclass(frozen=True, slots=True)
class AssociateFacts:
    joined_on: date
    gender: str = ""
    rights_suspended: bool = False
    arrears_days: int = 0
    # The arrears at the event, for rules that read them there (COPROCENVA Art. 11
    # num. 1, COACREMAT Art. 13), when the caller knows them apart from those at
    # filing; None means `arrears_days` holds for both (the quote contract).
    arrears_days_at_event: int | None = None
    data_updated_on: date | None = None
    inducted: bool = False
    sanctioned_on: date | None = None
    pensioner: bool = False
    married: bool = False
    roles: tuple[str, ...] = ()
    # Roles held by the associate's relatives (COPROCENVA Art. 12 num. 15-16 and
    # parágrafo: "o familiares de los anteriores"). Not in the contract's example;
    # optional, empty when unknown.
    relative_roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BeneficiaryFacts:
    relationship: str = "self"
    birth_date: date | None = None
    disabled: bool = False
    studying: bool = False
    registered_on: date | None = None
    # Who the person is, when the caller knows (the portal: the registered
    # beneficiary's row); "" when the facts come without it (the quote contract).
    identity: str = ""

    def same_person(self, other: "BeneficiaryFacts") -> bool:
        """Whether two beneficiary descriptions name the same person.

        The associate (`self`) is always the same person. Two registered
        beneficiaries are the same person when they are the same row. Without
        an identity a person is a relationship plus a birth date, and two
        relatives whose birth date is unknown are not taken for one another:
        a father and a mother imported without birth dates are two parents,
        each with their own «once per beneficiary» (COACREMAT Art. 14; San
        Simón, auxilio fúnebre and educativo «por cada uno de los hijos»). A
        known equal birth date still makes one person, so a relative registered
        twice (two rows, or two spellings of a document) is not paid twice.
        """
        if self.relationship != other.relationship:
            return False
        if self.relationship == "self":
            return True
        if self.identity and self.identity == other.identity:
            return True
        return self.birth_date is not None and self.birth_date == other.birth_date


SELF = BeneficiaryFacts()


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A benefit already granted to the associate."""

    benefit: str
    event_date: date
    granted_on: date | None = None
    amount: Decimal = Decimal(0)
    details: Mapping = field(default_factory=dict)
    beneficiary: BeneficiaryFacts = SELF
    requested_on: date | None = None

    @property
    def filing_year(self) -> int:
        """The year it was filed (radicado); granted_on stands in when unknown."""
        return (self.requested_on or self.granted_on or self.event_date).year

    @property
    def booking_year(self) -> int:
        """The year it was booked (contabilizado): granted_on, else the filing date."""
        return (self.granted_on or self.requested_on or self.event_date).year


@dataclass(frozen=True, slots=True)
class Case:
    cooperative: str
    benefit: str
    requested_on: date
    event_date: date
    associate: AssociateFacts
    beneficiary: BeneficiaryFacts = SELF
    amount_claimed: Decimal | None = None
    details: Mapping = field(default_factory=dict)
    history: tuple[HistoryEntry, ...] = ()
    parameters: Parameters = field(default_factory=Parameters)
    calendar: BusinessCalendar = NATIONAL
    # What the benefit's fund still has this year, when the caller knows it
    # (CEMCOP Art. 6 lit. e, Art. 8; COPROCENVA Art. 6). None: not checked here;
    # the approval service checks the FundBudget under a lock.
    fund_available: Decimal | None = None
