"""CEMCOP's annual single amount (Art. 7): a yearly per-associate quota scaled by seniority."""

from dataclasses import dataclass

from benefits.rules.blocks.seniority import SeniorityTable
from benefits.rules.decision import Quota, Reason
from benefits.rules.wording import format_pesos, percent
from core.money import round_pesos


@dataclass(frozen=True, kw_only=True)
class AnnualQuota:
    """The quota of a group of benefits: the council's yearly amount times the seniority share,
    minus what the group's benefits already granted in the calendar year.

    Seniority is measured at the filing date and the year is the filing year
    (the year the grant is made, "durante el año calendario").
    """

    group: str
    parameter: str
    table: SeniorityTable
    article: str
    reading: str = ""

    @property
    def parameter_names(self):
        return (self.parameter,)

    def evaluate(self, ctx) -> tuple[Quota, Reason]:
        case = ctx.case
        year = case.requested_on.year
        seniority = ctx.seniority("requested_on")
        band = self.table.select(seniority)
        _, base = ctx.param(self.parameter, year)
        share = band.value if band is not None else 0
        annual = round_pesos(base * share)
        members = set(ctx.rule_set.quota_members(self.group))
        used = round_pesos(
            sum(
                (e.amount for e in case.history if e.benefit in members and e.booking_year == year),
                start=0,
            )
        )
        available = max(annual - used, 0)
        label = band.label if band is not None else "sin banda"
        message = (
            f"Tienes {seniority.text} de antigüedad: te corresponde el {percent(share)} del monto único, "
            f"{format_pesos(annual)} (banda «{label}», monto único {year}: {format_pesos(base)})."
        )
        if used:
            message += f" Ya usaste {format_pesos(used)} en {year}; disponible antes de esta solicitud: {format_pesos(available)}."
        else:
            message += f" No has usado cupo en {year}; disponible: {format_pesos(available)}."
        ok = available > 0
        if not ok:
            message += " No te queda cupo para este auxilio."
        interpretation = " ".join(r for r in (self.reading, self.table.reading) if r)
        return Quota(annual, used, available), Reason(
            "quota", ok, self.article, message, interpretation
        )

    def describe(self) -> str:
        return (
            f"Cupo anual por asociado: el monto único anual (parámetro «{self.parameter}», lo fija el Consejo) "
            "multiplicado por el porcentaje de su antigüedad; lo comparten los auxilios del grupo "
            f"{self.group} otorgados en el año calendario:"
        )

    def table_rows(self):
        return [(band.label, f"monto único × {percent(band.value)}") for band in self.table.bands]
