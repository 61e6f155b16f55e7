"""General requirements about the associate: rights, arrears, data update, induction, sanctions."""

from dataclasses import dataclass

from benefits.rules.blocks.base import Check
from benefits.rules.periods import add_months
from benefits.rules.wording import format_date


@dataclass(frozen=True, kw_only=True)
class NotSuspended(Check):
    code = "suspended"

    def check(self, ctx):
        if ctx.case.associate.rights_suspended:
            return self.reason(
                False, "Tus derechos de asociado están suspendidos: no puedes acceder a auxilios."
            )
        return self.reason(True, "Tus derechos de asociado no están suspendidos.")

    def describe(self):
        return "El asociado no debe tener suspendidos sus derechos."


@dataclass(frozen=True, kw_only=True)
class ArrearsAtMost(Check):
    """Days in arrears allowed: 0 means 'al día'; 30 is COPROCENVA's 'hábil'."""

    max_days: int
    at: str = "requested_on"  # when the text reads the arrears (wording only: the fact is given)
    code = "arrears"

    WHEN = {
        "requested_on": "al radicar",
        "event_date": "en la fecha del evento",
        "day_before_event": "el día anterior al evento",
    }

    def check(self, ctx):
        associate = ctx.case.associate
        days = associate.arrears_days
        if self.at != "requested_on" and associate.arrears_days_at_event is not None:
            days = associate.arrears_days_at_event
            if self.at == "day_before_event":
                days = max(0, days - 1)
        when = self.WHEN[self.at]
        if self.max_days == 0:
            if days > 0:
                return self.reason(
                    False,
                    f"Tienes {days} días de mora {when}: debes estar al día con todas tus obligaciones.",
                )
            return self.reason(True, f"Estás al día con tus obligaciones {when}.")
        if days > self.max_days:
            return self.reason(
                False,
                f"Tienes {days} días de mora {when}: se admiten como máximo {self.max_days} días.",
            )
        if days:
            return self.reason(
                True, f"Tienes {days} días de mora {when}; se admiten hasta {self.max_days}."
            )
        return self.reason(True, f"Estás al día con tus obligaciones {when}.")

    def describe(self):
        when = self.WHEN[self.at]
        if self.max_days == 0:
            return f"Estar al día (cero días de mora) con todas las obligaciones {when}."
        return f"No tener más de {self.max_days} días de mora {when}."


@dataclass(frozen=True, kw_only=True)
class DataUpdatedWithin(Check):
    months: int = 12
    code = "data_update"

    def check(self, ctx):
        updated = ctx.case.associate.data_updated_on
        since = add_months(ctx.case.requested_on, -self.months)
        if updated is None:
            return self.reason(
                False, "No hay registro de tu actualización de datos: actualízalos para solicitar."
            )
        if updated < since:
            return self.reason(
                False,
                f"Tu última actualización de datos fue el {format_date(updated)}; debe ser posterior al "
                f"{format_date(since)} (últimos {self.months} meses).",
            )
        return self.reason(True, f"Actualizaste tus datos el {format_date(updated)}.")

    def describe(self):
        return f"Haber actualizado los datos en los {self.months} meses anteriores a la solicitud."


@dataclass(frozen=True, kw_only=True)
class Inducted(Check):
    code = "induction"

    def check(self, ctx):
        if not ctx.case.associate.inducted:
            return self.reason(
                False, "No has recibido la inducción cooperativa: tómala antes de radicar."
            )
        return self.reason(True, "Recibiste la inducción cooperativa.")

    def describe(self):
        return "Haber recibido la inducción cooperativa (presencial o virtual) antes de radicar."


@dataclass(frozen=True, kw_only=True)
class NoRecentSanction(Check):
    months: int = 12
    code = "sanction"

    def check(self, ctx):
        sanctioned = ctx.case.associate.sanctioned_on
        since = add_months(ctx.case.requested_on, -self.months)
        if sanctioned is not None and since < sanctioned <= ctx.case.requested_on:
            return self.reason(
                False,
                f"Fuiste sancionado disciplinariamente el {format_date(sanctioned)}, dentro de los "
                f"{self.months} meses anteriores a la solicitud.",
            )
        return self.reason(
            True, f"No tienes sanciones disciplinarias en los últimos {self.months} meses."
        )

    def describe(self):
        return f"No haber sido sancionado disciplinariamente en los {self.months} meses previos a la solicitud."


@dataclass(frozen=True, kw_only=True)
class IsPensioner(Check):
    code = "not_covered"

    def check(self, ctx):
        if not ctx.case.associate.pensioner:
            return self.reason(False, "Este auxilio es solo para asociados pensionados.")
        return self.reason(True, "Eres asociado pensionado.")

    def describe(self):
        return "El asociado debe ser pensionado."


@dataclass(frozen=True, kw_only=True)
class AssociateGender(Check):
    gender: str  # "F" or "M"
    code = "beneficiary"

    def check(self, ctx):
        who = "asociadas (mujeres)" if self.gender == "F" else "asociados (hombres)"
        if ctx.case.associate.gender != self.gender:
            return self.reason(False, f"Este auxilio es para {who}.")
        return self.reason(True, f"Cumples: el auxilio es para {who}.")

    def describe(self):
        return (
            "Solo para asociadas (mujeres)."
            if self.gender == "F"
            else "Solo para asociados (hombres)."
        )
