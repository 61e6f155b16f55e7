"""What the engine answers: eligibility, amount, approver and the trace."""

from dataclasses import dataclass
from decimal import Decimal

APPROVERS = ("staff", "committee", "council")

# The failure codes of the contract (../shared/contracts/quote.md). Passing
# reasons use the same codes, plus "rule_set", "amount" and "approver".
FAILURE_CODES = (
    "suspended",
    "arrears",
    "data_update",
    "induction",
    "sanction",
    "seniority",
    "deadline",
    "fiscal_year",
    "beneficiary",
    "frequency",
    "quota",
    "min_amount",
    "details",
    "not_covered",
    "budget",
)


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule checked: its code, whether it passed, the article and a Spanish sentence.

    `interpretation` is the reading the portal chose where the text is ambiguous;
    it travels with the reason so staff and committee see it next to the result.
    """

    code: str
    ok: bool
    article: str
    message: str
    interpretation: str = ""

    def to_json(self) -> dict:
        data = {"code": self.code, "ok": self.ok, "article": self.article, "message": self.message}
        if self.interpretation:
            data["interpretation"] = self.interpretation
        return data


@dataclass(frozen=True, slots=True)
class Quota:
    """An annual per-associate quota before the request (CEMCOP Art. 7)."""

    annual: Decimal
    used: Decimal
    available: Decimal

    def to_json(self) -> dict:
        return {
            "annual": str(self.annual),
            "used": str(self.used),
            "available": str(self.available),
        }


@dataclass(frozen=True, slots=True)
class Decision:
    eligible: bool
    amount: Decimal
    approver: str
    reasons: tuple[Reason, ...]
    quota: Quota | None
    rule_set: str
    cooperative: str = ""
    benefit: str = ""
    benefit_name: str = ""

    @property
    def failures(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if not reason.ok)

    def to_json(self) -> dict:
        """The contract's output shape (fields may be added, never renamed)."""
        data = {
            "eligible": self.eligible,
            "amount": str(self.amount),
            "approver": self.approver,
            "reasons": [reason.to_json() for reason in self.reasons],
        }
        if self.quota is not None:
            data["quota"] = self.quota.to_json()
        data["rule_set"] = self.rule_set
        data["cooperative"] = self.cooperative
        data["benefit"] = self.benefit
        data["benefit_name"] = self.benefit_name
        return data
