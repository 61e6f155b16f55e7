"""Amounts bound to what was paid: caps at the invoice, the annual quota, shares of a cost per person."""

from dataclasses import dataclass
from decimal import Decimal

from benefits.rules.blocks.amounts.common import band_in_force, smmlv_text
from benefits.rules.blocks.base import Amount, AmountRule
from benefits.rules.blocks.seniority import SeniorityTable
from benefits.rules.decision import Reason
from benefits.rules.wording import format_pesos, percent, share_of_smmlv


@dataclass(frozen=True, kw_only=True)
class CapAtClaimed(AmountRule):
    """Another block's amount, never more than what was paid."""

    inner: AmountRule
    what: str = "valor pagado"

    @property
    def parameter_names(self):
        return self.inner.parameter_names

    def compute(self, ctx):
        inner = self.inner.evaluate(ctx)
        if not all(r.ok for r in inner.reasons):
            return inner
        claimed = ctx.claimed()
        if claimed < inner.value:
            note = Reason(
                "amount",
                True,
                self.article,
                f"El auxilio no puede superar el {self.what} ({format_pesos(claimed)}): se reconocen {format_pesos(claimed)}.",
                self.reading,
            )
            return Amount(claimed, (*inner.reasons, note))
        return inner

    def ceiling(self, ctx):
        inner = self.inner.ceiling(ctx)
        if ctx.case.amount_claimed is None:
            return inner
        return ctx.case.amount_claimed if inner is None else min(inner, ctx.case.amount_claimed)

    def describe(self):
        return f"{self.inner.describe()} Nunca más que el {self.what}."

    def table_rows(self):
        return self.inner.table_rows() if hasattr(self.inner, "table_rows") else []


@dataclass(frozen=True, kw_only=True)
class ClaimedAmount(AmountRule):
    """What was paid, as supported (services the cooperative gives free of charge)."""

    what: str

    def compute(self, ctx):
        claimed = ctx.claimed()
        return self.paid(claimed, f"Se reconoce el {self.what}: {format_pesos(claimed)}.")

    def ceiling(self, ctx):
        return ctx.case.amount_claimed

    def describe(self):
        return f"El {self.what} soportado."


@dataclass(frozen=True, kw_only=True)
class ShareOfClaimed(AmountRule):
    """A percentage (a parameter the council sets) of the claimed base."""

    share_parameter: str
    what: str

    @property
    def parameter_names(self):
        return (self.share_parameter,)

    def compute(self, ctx):
        base = ctx.claimed()
        year, pct = ctx.param(self.share_parameter)
        share = min(pct, Decimal(100)) / 100
        value = base * share
        return self.paid(
            value,
            f"El {self.what} es {format_pesos(base)}; el subsidio fijado para {year} es el {percent(share)}: {format_pesos(value)}.",
        )

    def ceiling(self, ctx):
        return ctx.case.amount_claimed

    def describe(self):
        return f"El porcentaje que fije la partida del año (parámetro «{self.share_parameter}») del {self.what}."


@dataclass(frozen=True, kw_only=True)
class PerPerson(AmountRule):
    """A share of the cost per participant, with a per-person cap and a maximum of people.

    The share comes from a seniority table, a fixed share, or a percentage
    parameter (capped by `max_share`); `cap_smmlv` caps each person's amount.
    """

    max_people: int
    table: SeniorityTable | None = None
    share: Decimal | None = None
    share_parameter: str | None = None
    max_share: Decimal | None = None
    cap_smmlv: Decimal | None = None
    people_label: str = "participantes"

    @property
    def parameter_names(self):
        return (self.share_parameter,) if self.share_parameter else ()

    def _share(self, ctx) -> tuple[Decimal, str]:
        if self.table is not None:
            seniority, band = band_in_force(ctx, self.table)
            return (
                band.value,
                f"con {seniority.text} de antigüedad (banda «{band.label}») el auxilio es el {percent(band.value)} del costo",
            )
        if self.share_parameter is not None:
            year, pct = ctx.param(self.share_parameter)
            share = pct / 100
            note = f"el auxilio fijado para {year} es el {percent(share)} del costo"
            if self.max_share is not None and share > self.max_share:
                note += f", limitado al {percent(self.max_share)} que permite el reglamento"
                share = self.max_share
            return share, note
        return self.share, f"el auxilio es el {percent(self.share)} del costo"

    def compute(self, ctx):
        cost = ctx.detail("cost_per_person")
        people = ctx.detail("participants", required=self.max_people > 1, default=1)
        share, note = self._share(ctx)
        per_person = cost * share
        parts = [f"Costo por persona {format_pesos(cost)}; {note}: {format_pesos(per_person)}"]
        if self.cap_smmlv is not None:
            cap = self.cap_smmlv * ctx.smmlv()
            if per_person > cap:
                parts.append(
                    f"tope por persona {smmlv_text(ctx, self.cap_smmlv)} = {format_pesos(cap)}"
                )
                per_person = cap
        counted = min(people, self.max_people)
        if people > self.max_people:
            parts.append(
                f"se auxilian máximo {self.max_people} {self.people_label} de los {people} inscritos"
            )
        value = per_person * counted
        parts.append(f"{counted} × {format_pesos(per_person)} = {format_pesos(value)}")
        return self.paid(value, "; ".join(parts) + ".", code="amount")

    def ceiling(self, ctx):
        if self.cap_smmlv is not None:
            return self.cap_smmlv * ctx.smmlv() * self.max_people
        cost = ctx.case.details.get("cost_per_person")
        if cost is None:
            return None
        if self.table is not None:
            top = max(b.value for b in self.table.bands)
        elif self.share_parameter is not None:
            top = ctx.param(self.share_parameter)[1] / 100
            top = min(top, self.max_share) if self.max_share is not None else top
        else:
            top = self.share
        return Decimal(cost) * top * self.max_people

    def describe(self):
        if self.table is not None:
            share = "un porcentaje del costo por persona según la antigüedad"
        elif self.share_parameter is not None:
            share = f"el porcentaje del costo que fije la convocatoria (parámetro «{self.share_parameter}»)"
            if self.max_share is not None:
                share += f", hasta el {percent(self.max_share)}"
        else:
            share = f"el {percent(self.share)} del costo por persona"
        text = f"Por persona, {share}"
        if self.cap_smmlv is not None:
            text += f", sin exceder {share_of_smmlv(self.cap_smmlv)} por persona"
        people = (
            "una persona"
            if self.max_people == 1
            else f"hasta {self.max_people} {self.people_label}"
        )
        return f"{text}; {people}."

    def table_rows(self):
        if self.table is None:
            return []
        return [(band.label, f"{percent(band.value)} del costo") for band in self.table.bands]


@dataclass(frozen=True, kw_only=True)
class QuotaCharged(AmountRule):
    """Charged to the annual quota: the claimed value (or the whole quota) up to what is available."""

    base: str = "claimed"  # or "quota": the benefit is 'hasta el 100 % del monto único'
    what: str = "valor de la factura"

    def compute(self, ctx):
        available = ctx.quota.available
        if self.base == "quota":
            return self.paid(
                available,
                f"El auxilio es hasta el 100 % del monto único: se reconoce tu cupo disponible, {format_pesos(available)}.",
            )
        claimed = ctx.claimed()
        if claimed > available:
            return self.paid(
                available,
                f"El {self.what} es {format_pesos(claimed)}; el auxilio no puede exceder tu cupo disponible "
                f"({format_pesos(available)}): se reconocen {format_pesos(available)}.",
            )
        return self.paid(
            claimed,
            f"El {self.what} es {format_pesos(claimed)}, dentro de tu cupo disponible ({format_pesos(available)}).",
        )

    def ceiling(self, ctx):
        return ctx.quota.available if ctx.quota is not None else None

    def describe(self):
        if self.base == "quota":
            return "Hasta el 100 % del monto único anual, dentro del cupo disponible del asociado."
        return f"El {self.what}, sin exceder el cupo disponible del monto único anual."
