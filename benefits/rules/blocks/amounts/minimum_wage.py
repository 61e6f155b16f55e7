"""Amounts expressed in minimum wages: by seniority band, by cost bracket, per day, by milestone."""

from dataclasses import dataclass
from decimal import Decimal

from benefits.rules.blocks.amounts.common import band_in_force, join_readings, smmlv_text
from benefits.rules.blocks.base import Amount, AmountRule
from benefits.rules.blocks.seniority import SeniorityTable
from benefits.rules.context import Unavailable
from benefits.rules.decision import Reason
from benefits.rules.periods import add_years
from benefits.rules.wording import format_pesos, percent, share_of_smmlv
from core.money import round_pesos


@dataclass(frozen=True, kw_only=True)
class SmmlvBySeniority(AmountRule):
    """A share (or multiple) of the SMMLV chosen by the associate's seniority band."""

    table: SeniorityTable

    def compute(self, ctx):
        seniority, band = band_in_force(ctx, self.table)
        value = band.value * ctx.smmlv()
        message = (
            f"Tienes {seniority.text} de antigüedad (banda «{band.label}»): te corresponde "
            f"{smmlv_text(ctx, band.value)} = {format_pesos(value)}."
        )
        return Amount(
            value,
            (
                Reason(
                    "amount",
                    True,
                    self.article,
                    message,
                    join_readings(self.reading, self.table.reading),
                ),
            ),
        )

    def ceiling(self, ctx):
        return max(b.value for b in self.table.bands) * ctx.smmlv()

    def describe(self):
        return "Un porcentaje o múltiplo del SMMLV según la antigüedad del asociado:"

    def table_rows(self):
        return [(band.label, share_of_smmlv(band.value)) for band in self.table.bands]


@dataclass(frozen=True, kw_only=True)
class SmmlvShare(AmountRule):
    """A fixed share of the SMMLV."""

    factor: Decimal

    def compute(self, ctx):
        value = self.factor * ctx.smmlv()
        return self.paid(
            value, f"Te corresponde {smmlv_text(ctx, self.factor)} = {format_pesos(value)}."
        )

    def ceiling(self, ctx):
        return self.factor * ctx.smmlv()

    def describe(self):
        return f"{share_of_smmlv(self.factor)}."


@dataclass(frozen=True, kw_only=True)
class LesserOfShareAndCap(AmountRule):
    """COPROCENVA Art. 13: 'la cifra menor entre el 70 % del valor pagado y' a cap by seniority band."""

    share: Decimal
    table: SeniorityTable
    base_label: str = "valor pagado"

    def compute(self, ctx):
        claimed = ctx.claimed()
        seniority, band = band_in_force(ctx, self.table)
        part = claimed * self.share
        cap = band.value * ctx.smmlv()
        value = min(part, cap)
        which = "se reconoce el menor" if part != cap else "son iguales"
        message = (
            f"{percent(self.share)} del {self.base_label} ({format_pesos(claimed)}) = {format_pesos(part)}; tope de la "
            f"banda «{band.label}» (tienes {seniority.text}): {smmlv_text(ctx, band.value)} = {format_pesos(cap)}; "
            f"{which}: {format_pesos(value)}."
        )
        return Amount(
            value,
            (
                Reason(
                    "amount",
                    True,
                    self.article,
                    message,
                    join_readings(self.reading, self.table.reading),
                ),
            ),
        )

    def ceiling(self, ctx):
        cap = max(b.value for b in self.table.bands) * ctx.smmlv()
        if ctx.case.amount_claimed is None:
            return cap
        return min(cap, ctx.case.amount_claimed * self.share)

    def describe(self):
        return f"La cifra menor entre el {percent(self.share)} del {self.base_label} y el tope según antigüedad:"

    def table_rows(self):
        return [(band.label, share_of_smmlv(band.value)) for band in self.table.bands]


@dataclass(frozen=True)
class Bracket:
    """A cost bracket: up to `up_to` (in pesos, or SMMLV when in_smmlv) the benefit pays
    `pays` of the cost (of_cost) or of one SMMLV."""

    label: str
    up_to: Decimal | None
    pays: Decimal
    in_smmlv: bool = False
    of_cost: bool = False


@dataclass(frozen=True, kw_only=True)
class CostBrackets(AmountRule):
    brackets: tuple[Bracket, ...]
    base_label: str = "costo"

    def _limit(self, ctx, bracket):
        return bracket.up_to * ctx.smmlv() if bracket.in_smmlv else bracket.up_to

    def compute(self, ctx):
        cost = ctx.claimed()
        for bracket in self.brackets:
            if bracket.up_to is None or cost <= self._limit(ctx, bracket):
                break
        if bracket.of_cost:
            value = cost * bracket.pays
            pays = f"el {percent(bracket.pays)} de ese valor"
        else:
            value = bracket.pays * ctx.smmlv()
            pays = smmlv_text(ctx, bracket.pays)
        limit = (
            f" (hasta {format_pesos(self._limit(ctx, bracket))})"
            if bracket.up_to is not None
            else ""
        )
        message = (
            f"El {self.base_label} es {format_pesos(cost)}: rango «{bracket.label}»{limit}; te corresponde {pays} = "
            f"{format_pesos(value)}."
        )
        return self.paid(value, message)

    def ceiling(self, ctx):
        values = []
        for bracket in self.brackets:
            if bracket.of_cost:
                values.append(
                    self._limit(ctx, bracket) * bracket.pays if bracket.up_to is not None else None
                )
            else:
                values.append(bracket.pays * ctx.smmlv())
        return None if None in values else max(values)

    def describe(self):
        return f"Según el {self.base_label}:"

    def table_rows(self):
        rows = []
        for bracket in self.brackets:
            pays = (
                f"{percent(bracket.pays)} del {self.base_label}"
                if bracket.of_cost
                else share_of_smmlv(bracket.pays)
            )
            rows.append((bracket.label, pays))
        return rows


@dataclass(frozen=True, kw_only=True)
class DailyWagePerDay(AmountRule):
    """One SMDLV (SMMLV / 30) per day of incapacity from day `first_paid_day`, at most `max_days` days."""

    first_paid_day: int = 6
    max_days: int = 15

    def compute(self, ctx):
        days = ctx.detail("days")
        paid_days = min(max(days - (self.first_paid_day - 1), 0), self.max_days)
        daily = ctx.smdlv()
        value = daily * paid_days
        message = (
            f"Incapacidad de {days} días: se pagan los días desde el {self.first_paid_day}.º, máximo {self.max_days}: "
            f"{paid_days} días × SMDLV {ctx.smmlv_year} ({format_pesos(daily)}) = {format_pesos(value)}."
        )
        return self.paid(value, message)

    def ceiling(self, ctx):
        return ctx.smdlv() * self.max_days

    def describe(self):
        return (
            f"Un salario mínimo diario (SMMLV/30) por cada día de incapacidad a partir del día "
            f"{self.first_paid_day}, hasta un máximo de {self.max_days} días."
        )


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """Whole-peso shares that add up exactly to round(total); the first shares take the leftover pesos."""
    whole = round_pesos(total)
    base, extra = divmod(int(whole), parts)
    return [Decimal(base + (1 if i < extra else 0)) for i in range(parts)]


@dataclass(frozen=True, kw_only=True)
class SplitAmongChildren(AmountRule):
    """San Simón educativo universitario: 15 % for one child; 18 % shared equally among several."""

    single: Decimal
    several: Decimal

    def compute(self, ctx):
        children = ctx.detail("qualifying_children", required=False, default=1)
        smmlv = ctx.smmlv()
        if children <= 1:
            value = self.single * smmlv
            return self.paid(
                value,
                f"Un beneficiario: te corresponde {smmlv_text(ctx, self.single)} = {format_pesos(value)}.",
            )
        value = self.several * smmlv
        shares = split_evenly(value, children)
        shown = ", ".join(format_pesos(s) for s in shares)
        return self.paid(
            value,
            f"{children} hijos cumplen los requisitos: {smmlv_text(ctx, self.several)} = {format_pesos(value)}, "
            f"repartido por partes iguales: {shown}.",
        )

    def ceiling(self, ctx):
        return max(self.single, self.several) * ctx.smmlv()

    def describe(self):
        return (
            f"{share_of_smmlv(self.single)} si un hijo cumple los requisitos; si son varios, "
            f"{share_of_smmlv(self.several)} repartido por partes iguales entre ellos."
        )


@dataclass(frozen=True, kw_only=True)
class MilestoneShare(AmountRule):
    """San Simón perseverancia: a share of the SMMLV for the highest seniority milestone reached."""

    milestones: tuple[tuple[int, Decimal], ...]

    def compute(self, ctx):
        joined, day = ctx.case.associate.joined_on, ctx.seniority_date
        reached = [
            (years, factor) for years, factor in self.milestones if add_years(joined, years) <= day
        ]
        if not reached:
            raise Unavailable(
                f"Aún no cumples {self.milestones[0][0]} años consecutivos como asociado.",
                code="seniority",
            )
        years, factor = reached[-1]
        value = factor * ctx.smmlv()
        return self.paid(
            value,
            f"Cumpliste {years} años consecutivos: te corresponde {smmlv_text(ctx, factor)} = {format_pesos(value)}.",
        )

    def ceiling(self, ctx):
        return max(f for _, f in self.milestones) * ctx.smmlv()

    def describe(self):
        return "Según los años consecutivos como asociado:"

    def table_rows(self):
        last = len(self.milestones) - 1
        return [
            (f"{years} años consecutivos" + (" o más" if i == last else ""), share_of_smmlv(factor))
            for i, (years, factor) in enumerate(self.milestones)
        ]


@dataclass(frozen=True, kw_only=True)
class LoanTermShare(AmountRule):
    """San Simón bono de fidelización: a share of the last installment by the loan's term, capped."""

    bands: tuple[tuple[int, int, Decimal], ...]  # (from months, to months, share)
    cap_smmlv: Decimal

    def compute(self, ctx):
        term = ctx.detail("loan_term_months")
        installment = ctx.claimed()
        share = next((s for lo, hi, s in self.bands if lo <= term <= hi), self.bands[-1][2])
        value = installment * share
        parts = [
            f"Crédito a {term} meses: se cubre hasta el {percent(share)} de la cuota ({format_pesos(installment)}) = {format_pesos(value)}"
        ]
        cap = self.cap_smmlv * ctx.smmlv()
        if value > cap:
            parts.append(
                f"el bono no puede superar {smmlv_text(ctx, self.cap_smmlv)} = {format_pesos(cap)}"
            )
            value = cap
        return self.paid(value, "; ".join(parts) + ".")

    def ceiling(self, ctx):
        return self.cap_smmlv * ctx.smmlv()

    def describe(self):
        return f"Un porcentaje de la última cuota del crédito según su plazo, sin superar {share_of_smmlv(self.cap_smmlv)}:"

    def table_rows(self):
        return [
            (f"Plazo de {lo} a {hi} meses", f"hasta el {percent(s)} de la cuota")
            for lo, hi, s in self.bands
        ]
