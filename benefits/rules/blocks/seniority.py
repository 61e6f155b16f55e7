"""Seniority: minimums and the bands amounts depend on."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from benefits.rules.blocks.base import Check
from benefits.rules.periods import Seniority
from benefits.rules.wording import format_date


@dataclass(frozen=True)
class Band:
    """One row of a seniority table, labelled as the text labels it.

    Either `from_months` (the band starts once that many whole months are
    completed) or `up_to_years` (the band lasts up to and including the
    anniversary; None on the last, open band).
    """

    label: str
    value: Decimal
    from_months: int | None = None
    up_to_years: int | None = None


def from_months(months: int, label: str, value) -> Band:
    return Band(label=label, value=Decimal(str(value)), from_months=months)


def up_to_years(years: int | None, label: str, value) -> Band:
    return Band(label=label, value=Decimal(str(value)), up_to_years=years)


@dataclass(frozen=True)
class SeniorityTable:
    """Bands by seniority, in the text's order from the lowest seniority up.

    kind "from_months": whole months completed pick the last band reached.
    kind "up_to_years": the first band whose anniversary has not been passed.
    """

    kind: str
    bands: tuple[Band, ...]
    reading: str = ""

    def select(self, seniority: Seniority) -> Band | None:
        if self.kind == "from_months":
            reached = [band for band in self.bands if seniority.months >= band.from_months]
            return reached[-1] if reached else None
        for band in self.bands:
            if band.up_to_years is None or not seniority.exceeds_years(band.up_to_years):
                return band
        return None  # pragma: no cover - the last band is open

    @property
    def minimum_months(self) -> int:
        return self.bands[0].from_months if self.kind == "from_months" else 0

    def sample_dates(self, joined_on: date) -> list[tuple[Band, date]]:
        """A date inside each band, for tests and documents."""
        from benefits.rules.periods import add_months, add_years

        samples = []
        previous = 0
        for band in self.bands:
            if self.kind == "from_months":
                samples.append((band, add_months(joined_on, band.from_months)))
            else:
                samples.append((band, add_months(add_years(joined_on, previous), 1)))
                previous = band.up_to_years or previous
        return samples


def _when(at: str, day: date) -> str:
    return (
        f"a la fecha del evento ({format_date(day)})"
        if at == "event_date"
        else f"al radicar ({format_date(day)})"
    )


@dataclass(frozen=True, kw_only=True)
class MinimumSeniority(Check):
    """At least `months` whole months or `days` calendar days as an associate.

    `premature_days` replaces `days` when details.premature is true (COPROCENVA
    Art. 11 num. 2: premature births need 180 days instead of 270).
    """

    months: int | None = None
    days: int | None = None
    at: str | None = None  # None: the benefit's / rule set's seniority date
    premature_days: int | None = None
    code = "seniority"

    def check(self, ctx):
        at = self.at or ctx.spec.seniority_at or ctx.rule_set.seniority_at
        seniority = ctx.seniority(at)
        when = _when(at, seniority.as_of)
        if self.months is not None:
            needed, have, unit = self.months, seniority.months, "meses"
        else:
            needed, have, unit = self.days, seniority.days, "días"
            if self.premature_days is not None and ctx.detail(
                "premature", required=False, default=False
            ):
                needed = self.premature_days
        if seniority.as_of < seniority.joined_on:
            return self.reason(
                False,
                f"Tu afiliación ({format_date(seniority.joined_on)}) es posterior a la fecha en que se mide "
                f"la antigüedad ({format_date(seniority.as_of)}).",
            )
        if have < needed:
            return self.reason(
                False,
                f"Tienes {seniority.text} de antigüedad {when}: este auxilio exige {needed} {unit}.",
            )
        return self.reason(
            True, f"Tienes {seniority.text} de antigüedad {when}; se exigen {needed} {unit}."
        )

    def describe(self):
        at = {"event_date": " a la fecha del evento", "requested_on": " al radicar"}.get(
            self.at or "", ""
        )
        if self.months is not None:
            return f"Antigüedad mínima de {self.months} meses{at}."
        text = f"Antigüedad mínima de {self.days} días calendario{at}"
        if self.premature_days is not None:
            text += f" ({self.premature_days} días en caso de parto prematuro)"
        return text + "."


@dataclass(frozen=True, kw_only=True)
class JoinedByEndOfPreviousYear(Check):
    """Affiliated on or before 31 December of the year before the event's year (COACREMAT Art. 34)."""

    code = "seniority"

    def check(self, ctx):
        cutoff = date(ctx.case.event_date.year - 1, 12, 31)
        joined = ctx.case.associate.joined_on
        if joined > cutoff:
            return self.reason(
                False,
                f"Te afiliaste el {format_date(joined)}; debías estar afiliado a más tardar el {format_date(cutoff)}.",
            )
        return self.reason(
            True, f"Te afiliaste el {format_date(joined)}, antes del {format_date(cutoff)}."
        )

    def describe(self):
        return "Haberse afiliado a más tardar el 31 de diciembre de la vigencia anterior."
