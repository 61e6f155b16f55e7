"""Filing windows: when a request may be filed, counted from the event.

Portal-wide reading (../shared/reglamentos/README.md): "N días a partir del
evento" does not count the event day, so 60 calendar days from 10 January 2026
end on 11 March 2026; business days exclude Saturdays, Sundays and Colombian
holidays (the case's BusinessCalendar, with staff corrections).
"""

from dataclasses import dataclass
from datetime import timedelta

from benefits.rules.blocks.base import Check
from benefits.rules.context import Unavailable
from benefits.rules.periods import add_months
from benefits.rules.wording import format_date


def _event_after_filing(check: Check, ctx):
    case = ctx.case
    if case.event_date > case.requested_on:
        return check.reason(
            False,
            f"La fecha del evento ({format_date(case.event_date)}) es posterior a la solicitud "
            f"({format_date(case.requested_on)}).",
        )
    return None


def _verdict(check: Check, ctx, deadline, counted: str):
    filed = ctx.case.requested_on
    if filed > deadline:
        return check.reason(
            False,
            f"El plazo para radicar venció el {format_date(deadline)} ({counted}); radicaste el {format_date(filed)}.",
        )
    return check.reason(
        True,
        f"Radicaste el {format_date(filed)}, dentro del plazo que vence el {format_date(deadline)} ({counted}).",
    )


@dataclass(frozen=True, kw_only=True)
class SameFiscalYear(Check):
    """The service must fall in the fiscal year the request is filed in (CEMCOP Art. 41)."""

    code = "fiscal_year"

    def check(self, ctx):
        early = _event_after_filing(self, ctx)
        if early:
            return early
        event, filed = ctx.case.event_date, ctx.case.requested_on
        if event.year != filed.year:
            return self.reason(
                False,
                f"El servicio es del {format_date(event)}: solo se reconocen servicios del año en que "
                f"se radica ({filed.year}).",
            )
        return self.reason(
            True,
            f"El servicio ({format_date(event)}) es del año fiscal en que radicas ({filed.year}).",
        )

    def describe(self):
        return "El servicio debe haberse prestado en el mismo año fiscal en que se radica la solicitud."


@dataclass(frozen=True, kw_only=True)
class BusinessDaysWindow(Check):
    days: int
    code = "deadline"

    def check(self, ctx):
        early = _event_after_filing(self, ctx)
        if early:
            return early
        deadline = ctx.case.calendar.add_business_days(ctx.case.event_date, self.days)
        return _verdict(self, ctx, deadline, f"{self.days} días hábiles desde el evento")

    def describe(self):
        return (
            f"Radicar dentro de los {self.days} días hábiles siguientes al evento (sin contar el día del evento; "
            "no cuentan sábados, domingos ni festivos)."
        )


@dataclass(frozen=True, kw_only=True)
class CalendarDaysWindow(Check):
    """N calendar days from a starting date, moved to the next business day when it ends on a day off.

    start: "event" (the event date), "incapacity_end" (event date + days - 1:
    the incapacity starts on the event date) or "diagnosis" (the event date,
    extended to N days after the end of an incapacity that starts within N
    days of the diagnosis).
    """

    days: int
    start: str = "event"
    roll_to_business_day: bool = False
    code = "deadline"

    def _incapacity_end(self, ctx, first_day):
        days = ctx.detail("days")
        if days < 1:
            raise Unavailable("Los días de incapacidad (days) deben ser al menos 1.")
        return first_day + timedelta(days=days - 1)

    def check(self, ctx):
        early = _event_after_filing(self, ctx)
        if early:
            return early
        event = ctx.case.event_date
        counted = f"{self.days} días calendario desde el evento"
        start = event
        if self.start == "incapacity_end":
            # Successive incapacities with days off between them (Art. 12 num. 5) end
            # later than their first day plus their days: the stated end wins.
            stated = ctx.detail("incapacity_end", required=False)
            start = stated if stated is not None else self._incapacity_end(ctx, event)
            if start < event:
                raise Unavailable(
                    "La fecha de finalización de la incapacidad es anterior a su inicio."
                )
            counted = f"{self.days} días calendario desde el fin de la incapacidad, el {format_date(start)}"
        elif self.start == "diagnosis":
            incapacity_start = ctx.detail("incapacity_start", required=False)
            if incapacity_start is not None and event <= incapacity_start <= event + timedelta(
                days=self.days
            ):
                start = self._incapacity_end(ctx, incapacity_start)
                counted = (
                    f"{self.days} días calendario desde el fin de la incapacidad iniciada dentro de los "
                    f"{self.days} días siguientes al diagnóstico, el {format_date(start)}"
                )
            else:
                counted = f"{self.days} días calendario desde el diagnóstico"
        deadline = start + timedelta(days=self.days)
        if self.roll_to_business_day:
            moved = ctx.case.calendar.next_business_day(deadline)
            if moved != deadline:
                counted += f"; vencía el {format_date(deadline)}, día no hábil, y pasa al siguiente día hábil"
                deadline = moved
        return _verdict(self, ctx, deadline, counted)

    def describe(self):
        start = {
            "event": "la fecha del evento",
            "incapacity_end": "la fecha de finalización de la incapacidad",
            "diagnosis": (
                "la fecha del diagnóstico; si hay una incapacidad dentro de los "
                f"{self.days} días siguientes al diagnóstico, desde el fin de esa incapacidad"
            ),
        }[self.start]
        text = f"Radicar dentro de los {self.days} días calendario contados desde {start} (sin contar ese día)"
        if self.roll_to_business_day:
            text += (
                "; si el plazo vence en un día no hábil, se puede radicar el siguiente día hábil"
            )
        return text + "."


@dataclass(frozen=True, kw_only=True)
class MonthsWindow(Check):
    months: int
    code = "deadline"

    def check(self, ctx):
        early = _event_after_filing(self, ctx)
        if early:
            return early
        deadline = add_months(ctx.case.event_date, self.months)
        return _verdict(self, ctx, deadline, f"{self.months} meses desde el evento")

    def describe(self):
        return f"Radicar dentro de los {self.months} meses siguientes a la fecha del suceso."


@dataclass(frozen=True, kw_only=True)
class DocumentAge(Check):
    """A supporting document must not be older than N calendar days when filing (event = its issue date)."""

    days: int
    document: str
    code = "deadline"

    def check(self, ctx):
        early = _event_after_filing(self, ctx)
        if early:
            return early
        deadline = ctx.case.event_date + timedelta(days=self.days)
        return _verdict(
            self,
            ctx,
            deadline,
            f"la {self.document} no puede tener más de {self.days} días de expedida",
        )

    def describe(self):
        return f"La {self.document} no debe tener más de {self.days} días de expedición al radicar (fecha del evento = expedición)."
