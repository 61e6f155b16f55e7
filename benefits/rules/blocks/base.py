"""The two kinds of building block: checks (pass/fail with a reason) and amounts.

A block is a frozen dataclass configured in a rule-set file. It cites the
article it implements, may carry the reading chosen where the text is
ambiguous (`reading`, shown in the trace and in docs/rules/), explains itself
to staff (`describe`) and to the associate (the reason's message).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from benefits.rules.context import Context, Unavailable
from benefits.rules.decision import Reason


@dataclass(frozen=True, kw_only=True)
class Check:
    article: str
    reading: str = ""
    code: ClassVar[str] = ""
    parameter_names: ClassVar[tuple[str, ...]] = ()

    def evaluate(self, ctx: Context) -> Reason:
        try:
            return self.check(ctx)
        except Unavailable as missing:
            return Reason(missing.code, False, self.article, missing.message, self.reading)

    def check(self, ctx: Context) -> Reason:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def reason(self, ok: bool, message: str, *, code: str | None = None) -> Reason:
        return Reason(code or self.code, ok, self.article, message, self.reading)


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount before the single final rounding, with the reasons that explain it."""

    value: Decimal
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


@dataclass(frozen=True, kw_only=True)
class AmountRule:
    article: str
    reading: str = ""
    parameter_names: ClassVar[tuple[str, ...]] = ()

    def evaluate(self, ctx: Context) -> Amount:
        try:
            return self.compute(ctx)
        except Unavailable as missing:
            return Amount(
                Decimal(0),
                (Reason(missing.code, False, self.article, missing.message, self.reading),),
            )

    def compute(self, ctx: Context) -> Amount:  # pragma: no cover - abstract
        raise NotImplementedError

    def ceiling(self, ctx: Context) -> Decimal | None:
        """The most this benefit can pay for this case at any seniority (None: no fixed ceiling)."""
        return None

    def describe(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def table_rows(self) -> list[tuple[str, str]]:
        """Rows (condition, amount) for the staff document; empty when describe() says it all."""
        return []

    def paid(
        self, value: Decimal, message: str, *, code: str = "amount", ok: bool = True
    ) -> Amount:
        return Amount(value, (Reason(code, ok, self.article, message, self.reading),))
