"""Fixed amounts: pesos a reglamento states or a council sets each year, picked by the case."""

from dataclasses import dataclass
from decimal import Decimal

from benefits.rules.blocks.base import AmountRule
from benefits.rules.context import Unavailable
from benefits.rules.wording import format_pesos, number, percent


@dataclass(frozen=True, kw_only=True)
class FixedAmount(AmountRule):
    """A fixed peso amount, a parameter of the rule set (COACREMAT)."""

    parameter: str

    @property
    def parameter_names(self):
        return (self.parameter,)

    def compute(self, ctx):
        year, value = ctx.param(self.parameter)
        return self.paid(
            value, f"El auxilio es de {format_pesos(value)} (valor vigente desde {year})."
        )

    def ceiling(self, ctx):
        return ctx.param(self.parameter)[1]

    def describe(self):
        return f"Valor fijo (parámetro «{self.parameter}»)."


@dataclass(frozen=True, kw_only=True)
class UpToParameter(AmountRule):
    """The amount paid, up to a fixed cap (COACREMAT salud: hasta $300.000)."""

    parameter: str
    what: str = "valor de la factura"

    @property
    def parameter_names(self):
        return (self.parameter,)

    def compute(self, ctx):
        claimed = ctx.claimed()
        _, cap = ctx.param(self.parameter)
        value = min(claimed, cap)
        return self.paid(
            value,
            f"El {self.what} es {format_pesos(claimed)}; el tope es {format_pesos(cap)}: se reconocen {format_pesos(value)}.",
        )

    def ceiling(self, ctx):
        return ctx.param(self.parameter)[1]

    def describe(self):
        return f"El {self.what}, hasta el tope del parámetro «{self.parameter}»."


@dataclass(frozen=True, kw_only=True)
class ParameterAmount(AmountRule):
    """An amount the council or committee sets each year (a programme, a gift)."""

    parameter: str
    set_in: str

    @property
    def parameter_names(self):
        return (self.parameter,)

    def compute(self, ctx):
        year, value = ctx.param(self.parameter)
        return self.paid(
            value, f"El valor fijado en {self.set_in} para {year} es {format_pesos(value)}."
        )

    def ceiling(self, ctx):
        return ctx.param(self.parameter)[1]

    def describe(self):
        return f"El valor que se fije en {self.set_in} (parámetro anual «{self.parameter}»)."


@dataclass(frozen=True, kw_only=True)
class BudgetPerParticipant(AmountRule):
    """CEMCOP ceremonia: the budget (net of logistics) divided by the number of participants."""

    budget_parameter: str
    participants_parameter: str

    @property
    def parameter_names(self):
        return (self.budget_parameter, self.participants_parameter)

    def compute(self, ctx):
        year, budget = ctx.param(self.budget_parameter)
        _, participants = ctx.param(self.participants_parameter)
        if participants < 1:
            raise Unavailable(f"El número de participantes de {year} debe ser al menos 1.")
        value = budget / participants
        return self.paid(
            value,
            f"Presupuesto {year} sin logística {format_pesos(budget)} ÷ {number(participants)} participantes = {format_pesos(value)}.",
        )

    def ceiling(self, ctx):
        _, budget = ctx.param(self.budget_parameter)
        return budget

    def describe(self):
        return (
            f"El presupuesto del evento menos gastos de logística (parámetro «{self.budget_parameter}») dividido "
            f"entre el número de participantes escogidos (parámetro «{self.participants_parameter}»)."
        )


@dataclass(frozen=True, kw_only=True)
class EducationAmount(AmountRule):
    """COACREMAT Art. 20: per semester or cuatrimestre; half for a trimester; a semester per annual request."""

    parameter: str
    trimester_share: Decimal = Decimal("0.5")

    @property
    def parameter_names(self):
        return (self.parameter,)

    def compute(self, ctx):
        period = ctx.detail("period")
        _, semester = ctx.param(self.parameter)
        if period == "trimester":
            value = semester * self.trimester_share
            return self.paid(
                value,
                f"Trimestre: {percent(self.trimester_share)} del valor del semestre ({format_pesos(semester)}) = {format_pesos(value)}.",
            )
        names = {
            "semester": "Semestre",
            "cuatrimestre": "Cuatrimestre (se radica como semestre)",
            "year": "Programa anual (cada solicitud es un semestre)",
        }
        return self.paid(semester, f"{names[period]}: {format_pesos(semester)}.")

    def ceiling(self, ctx):
        return ctx.param(self.parameter)[1]

    def describe(self):
        return (
            f"Por semestre o cuatrimestre el valor del parámetro «{self.parameter}»; por trimestre el "
            f"{percent(self.trimester_share)} de ese valor; en programas anuales, un semestre por solicitud."
        )


@dataclass(frozen=True, kw_only=True)
class ByChoice(AmountRule):
    """A fixed amount picked by a detail's value (sports level, tourism destination)."""

    key: str
    options: tuple[tuple[str, str, str], ...]  # (value, label, parameter)
    fallback: str | None = None  # value used for anything not listed
    also: tuple[tuple[str, str], ...] = ()  # values counted as another (value -> listed value)

    @property
    def parameter_names(self):
        return tuple(p for _, _, p in self.options)

    def pick(self, raw):
        value = dict(self.also).get(raw, raw)
        for option in self.options:
            if option[0] == value:
                return option
        for option in self.options:
            if option[0] == self.fallback:
                return option
        raise Unavailable(f"El valor «{raw}» de {self.key} no tiene incentivo.")  # pragma: no cover

    def compute(self, ctx):
        raw = ctx.detail(self.key)
        value, label, parameter = self.pick(raw)
        _, amount = ctx.param(parameter)
        return self.paid(amount, f"{label}: {format_pesos(amount)}.")

    def ceiling(self, ctx):
        return max(ctx.param(p)[1] for _, _, p in self.options)

    def describe(self):
        return "Según el caso:"

    def table_rows(self):
        return [(label, f"parámetro «{parameter}»") for _, label, parameter in self.options]


@dataclass(frozen=True, kw_only=True)
class TourismIncentive(AmountRule):
    """COACREMAT Art. 32: national or international by destination; Ecuador counts as national."""

    national_parameter: str
    international_parameter: str
    national_countries: tuple[str, ...] = ("CO", "EC")

    @property
    def parameter_names(self):
        return (self.national_parameter, self.international_parameter)

    def compute(self, ctx):
        country = ctx.detail("destination_country")
        national = country in self.national_countries
        _, amount = ctx.param(self.national_parameter if national else self.international_parameter)
        kind = "nacional" if national else "internacional"
        note = " (Ecuador se toma como nacional)" if country == "EC" else ""
        return self.paid(
            amount, f"Destino {country}: plan {kind}{note}, incentivo de {format_pesos(amount)}."
        )

    def ceiling(self, ctx):
        return max(
            ctx.param(self.national_parameter)[1], ctx.param(self.international_parameter)[1]
        )

    def describe(self):
        return "Según el destino (los planes a Ecuador se toman como nacionales):"

    def table_rows(self):
        return [
            ("Nacional", f"parámetro «{self.national_parameter}»"),
            ("Internacional", f"parámetro «{self.international_parameter}»"),
        ]
