"""Frequency limits, read from the benefits already granted (case.history).

Which year a grant belongs to is a reading each rule set states: the filing
year (COPROCENVA Art. 12 num. 3 "en que sean radicados"), the booking year
(COACREMAT Art. 18 par. 2 "fecha de contabilización") or the event's year.
History entries carry the grant date and, when known, the filing date.
"""

from dataclasses import dataclass

from benefits.rules.blocks.base import Check
from benefits.rules.blocks.beneficiaries import RELATIONSHIP_LABELS
from benefits.rules.blocks.conditions import simplify
from benefits.rules.periods import add_years, age_on
from benefits.rules.wording import format_date

YEAR_BASIS_TEXT = {
    "filing": "año calendario de radicación",
    "booking": "año fiscal de contabilización",
    "event": "año calendario del evento",
}


def entry_year(entry, basis: str) -> int:
    if basis == "filing":
        return entry.filing_year
    if basis == "booking":
        return entry.booking_year
    return entry.event_date.year


def case_year(ctx, basis: str) -> int:
    return ctx.case.event_date.year if basis == "event" else ctx.case.requested_on.year


def _when(entry) -> str:
    return format_date(entry.granted_on or entry.event_date)


def _for_beneficiary(ctx, entries):
    return [e for e in entries if e.beneficiary.same_person(ctx.case.beneficiary)]


@dataclass(frozen=True, kw_only=True)
class OnceEver(Check):
    """Granted once: per associate, per beneficiary (person) or per event (same date and person)."""

    per: str = "associate"
    code = "frequency"

    def check(self, ctx):
        previous = ctx.history()
        if self.per in ("beneficiary", "event"):
            previous = _for_beneficiary(ctx, previous)
        if self.per == "event":
            previous = [e for e in previous if e.event_date == ctx.case.event_date]
        if previous:
            whom = {
                "associate": "una sola vez por asociado",
                "beneficiary": "una sola vez por cada beneficiario",
                "event": "una sola vez por cada evento",
            }[self.per]
            return self.reason(
                False, f"Ya recibiste este auxilio el {_when(previous[0])}: se otorga {whom}."
            )
        return self.reason(
            True,
            "No has recibido antes este auxilio"
            + (" por este beneficiario." if self.per != "associate" else "."),
        )

    def describe(self):
        return {
            "associate": "Se otorga una única vez por asociado.",
            "beneficiary": "Se otorga una única vez por cada beneficiario.",
            "event": "Se otorga una vez por evento (misma fecha y beneficiario).",
        }[self.per]


@dataclass(frozen=True, kw_only=True)
class LimitPerYear(Check):
    max_count: int = 1
    per: str = "associate"  # or "beneficiary"
    year_basis: str = "filing"
    code = "frequency"

    def check(self, ctx):
        year = case_year(ctx, self.year_basis)
        previous = [e for e in ctx.history() if entry_year(e, self.year_basis) == year]
        if self.per == "beneficiary":
            previous = _for_beneficiary(ctx, previous)
        whom = " para este beneficiario" if self.per == "beneficiary" else ""
        times = "una vez" if self.max_count == 1 else f"{self.max_count} veces"
        if len(previous) >= self.max_count:
            return self.reason(
                False,
                f"Ya recibiste este auxilio{whom} en {year} (el {_when(previous[-1])}): se otorga {times} por "
                f"{YEAR_BASIS_TEXT[self.year_basis]}.",
            )
        if not previous:
            return self.reason(
                True,
                f"No has recibido este auxilio{whom} en {year}; se otorga {times} por "
                f"{YEAR_BASIS_TEXT[self.year_basis]}.",
            )
        return self.reason(
            True,
            f"En {year} has recibido este auxilio{whom} {len(previous)} de {self.max_count} veces posibles.",
        )

    def describe(self):
        times = "una vez" if self.max_count == 1 else f"hasta {self.max_count} veces"
        whom = " por beneficiario" if self.per == "beneficiary" else " por asociado"
        return f"Se otorga {times}{whom} en cada {YEAR_BASIS_TEXT[self.year_basis]}."


@dataclass(frozen=True, kw_only=True)
class DistinctTypesPerYear(Check):
    """At most `max_types` different benefits of a group per year (COPROCENVA Art. 12 num. 2)."""

    group: tuple[str, ...]
    max_types: int
    names: tuple[str, ...] = ()
    year_basis: str = "filing"
    code = "frequency"

    def check(self, ctx):
        year = case_year(ctx, self.year_basis)
        used = sorted(
            {
                e.benefit
                for e in ctx.case.history
                if e.benefit in self.group and entry_year(e, self.year_basis) == year
            }
        )
        current = ctx.spec.code
        if current not in used and len(used) >= self.max_types:
            return self.reason(
                False,
                f"En {year} ya recibiste {len(used)} tipos de auxilio de salud ({', '.join(used)}): "
                f"se reconocen máximo {self.max_types} tipos diferentes por año.",
            )
        count = len(set(used) | {current})
        return self.reason(
            True,
            f"Con este auxilio tendrías {count} de {self.max_types} tipos de salud permitidos en {year}.",
        )

    def describe(self):
        listed = ", ".join(self.names or self.group)
        return f"Máximo {self.max_types} tipos diferentes por {YEAR_BASIS_TEXT[self.year_basis]} entre: {listed}."


def _normalized(value) -> str:
    return simplify(value) if value is not None else ""


@dataclass(frozen=True, kw_only=True)
class OncePerDetailValue(Check):
    """Once per value of a detail (organ, catastrophe modality, disease, emergency type), optionally within N years.

    required=False: when the value is missing it is only needed if there are
    earlier grants of this benefit to compare with.
    """

    key: str
    label: str
    window_years: int | None = None
    required: bool = True
    kinds: object = None  # a DetailInList whose canonical() groups synonyms ("terremoto" = "sismo")
    code = "frequency"

    def _same(self, a, b) -> bool:
        if self.kinds is not None:
            a_kind = self.kinds.canonical(str(a or ""))
            b_kind = self.kinds.canonical(str(b or ""))
            if a_kind is not None or b_kind is not None:
                return a_kind == b_kind
        return _normalized(a) == _normalized(b)

    def check(self, ctx):
        previous = ctx.history()
        value = ctx.detail(self.key, required=self.required or bool(previous))
        if value is None:
            return self.reason(
                True, f"No has recibido antes este auxilio (no hay {self.label} que comparar)."
            )
        same = [e for e in previous if self._same(e.details.get(self.key), value)]
        if self.window_years is not None:
            since = add_years(ctx.case.event_date, -self.window_years)
            same = [e for e in same if e.event_date > since]
        if same:
            period = f" en los últimos {self.window_years} años" if self.window_years else ""
            return self.reason(
                False,
                f"Ya recibiste este auxilio por {self.label} «{value}»{period} (el {_when(same[0])}).",
            )
        period = f" en los últimos {self.window_years} años" if self.window_years else ""
        return self.reason(
            True, f"No has recibido este auxilio por {self.label} «{value}»{period}."
        )

    def describe(self):
        if self.window_years:
            return f"Una vez por cada {self.label} en periodos de {self.window_years} años."
        return f"Una sola vez por cada {self.label}."


@dataclass(frozen=True, kw_only=True)
class NotAfterOther(Check):
    """Not available when another benefit was granted for the same beneficiary in the same year."""

    other: str
    other_name: str
    code = "frequency"

    def check(self, ctx):
        year = ctx.case.event_date.year
        granted = [
            e for e in _for_beneficiary(ctx, ctx.history(self.other)) if e.event_date.year == year
        ]
        label = RELATIONSHIP_LABELS.get(ctx.case.beneficiary.relationship, "")
        if granted:
            return self.reason(
                False,
                f"En {year} ya se aprobó el auxilio de {self.other_name} para {label}: no se puede pedir este.",
            )
        return self.reason(
            True, f"No hay un auxilio de {self.other_name} aprobado para {label} en {year}."
        )

    def describe(self):
        return f"No procede si en el mismo año ya se aprobó el auxilio de {self.other_name} para el mismo beneficiario."


@dataclass(frozen=True, kw_only=True)
class OncePerMilestone(Check):
    """Seniority awards: once for each milestone reached (San Simón, perseverancia)."""

    milestone_years: tuple[int, ...]
    code = "frequency"

    def _milestone(self, joined_on, day) -> int | None:
        reached = [years for years in self.milestone_years if add_years(joined_on, years) <= day]
        return reached[-1] if reached else None

    def check(self, ctx):
        joined = ctx.case.associate.joined_on
        current = self._milestone(joined, ctx.case.event_date)
        if current is None:
            return self.reason(
                True, "Aún no cumples el primer hito de antigüedad (se verifica en la antigüedad)."
            )
        for entry in ctx.history():
            paid = entry.details.get("milestone_years") or self._milestone(joined, entry.event_date)
            if paid is not None and int(paid) >= current:
                return self.reason(
                    False,
                    f"Ya recibiste el auxilio de perseverancia por {paid} años (el {_when(entry)}).",
                )
        return self.reason(True, f"No has recibido el auxilio por el hito de {current} años.")

    def describe(self):
        hitos = ", ".join(str(y) for y in self.milestone_years)
        return f"Una vez por cada hito de antigüedad ({hitos} años)."


@dataclass(frozen=True, kw_only=True)
class WelfareOncePerFiscalYear(Check):
    """One welfare benefit per fiscal year, the Christmas incentive excepted (COACREMAT Art. 18).

    A second request of the same benefit in the year is judged by that
    benefit's own limit (education periods, once a year); this block only
    refuses a different welfare benefit.
    """

    group: tuple[str, ...]
    names: tuple[str, ...] = ()
    year_basis: str = "booking"
    code = "frequency"

    def check(self, ctx):
        year = case_year(ctx, self.year_basis)
        others = [
            e
            for e in ctx.case.history
            if e.benefit in self.group
            and e.benefit != ctx.spec.code
            and entry_year(e, self.year_basis) == year
        ]
        if others:
            return self.reason(
                False,
                f"En el año fiscal {year} ya recibiste el auxilio de bienestar «{others[0].benefit}» "
                f"(el {_when(others[0])}): solo se otorga un auxilio de bienestar por año, salvo el incentivo de navidad.",
            )
        return self.reason(
            True, f"No has recibido otro auxilio de bienestar en el año fiscal {year}."
        )

    def describe(self):
        listed = ", ".join(self.names or self.group)
        return f"Un solo auxilio de bienestar por año fiscal entre: {listed} (se exceptúa el incentivo de navidad)."


@dataclass(frozen=True, kw_only=True)
class EducationPeriodsPerYear(Check):
    """COACREMAT Art. 18 par. 1 and Art. 22 par. 1-2: how many academic periods a fiscal year pays.

    Semesters and cuatrimestres: 2; trimesters: 4; annual programmes: 2
    requests (the year's two semesters), only 1 when a subject was failed or
    re-sat (all_passed false).
    """

    year_basis: str = "booking"
    code = "frequency"

    def allowed(self, period: str, all_passed: bool) -> int:
        if period == "trimester":
            return 4
        if period == "year" and not all_passed:
            return 1
        return 2

    def check(self, ctx):
        period = ctx.detail("period")
        all_passed = ctx.detail("all_passed")
        allowed = self.allowed(period, all_passed)
        year = case_year(ctx, self.year_basis)
        used = [e for e in ctx.history() if entry_year(e, self.year_basis) == year]
        if len(used) >= allowed:
            return self.reason(
                False,
                f"En el año fiscal {year} ya recibiste {len(used)} auxilios de educación: el máximo para tu periodo es {allowed}.",
            )
        return self.reason(
            True,
            f"En {year} llevas {len(used)} de {allowed} auxilios de educación posibles para tu periodo.",
        )

    def describe(self):
        return (
            "Por año fiscal: hasta 2 semestres o cuatrimestres, hasta 4 trimestres; en programas anuales 2 "
            "solicitudes (una si hubo una materia habilitada)."
        )


@dataclass(frozen=True, kw_only=True)
class ConsultationsPerYear(Check):
    """San Simón: three general consultations a year under 12, two specialised from 12."""

    under_12: int = 3
    from_12: int = 2
    code = "frequency"

    def check(self, ctx):
        birth = ctx.case.beneficiary.birth_date
        if birth is None:
            return self.reason(
                False,
                "Falta la fecha de nacimiento del hijo(a) para saber qué consultas le corresponden.",
                code="details",
            )
        young = age_on(birth, ctx.case.event_date) < 12
        allowed = self.under_12 if young else self.from_12
        kind = "consultas médicas generales" if young else "consultas especializadas"
        year = ctx.case.event_date.year
        used = [e for e in _for_beneficiary(ctx, ctx.history()) if e.event_date.year == year]
        if len(used) >= allowed:
            return self.reason(False, f"Este hijo(a) ya usó sus {allowed} {kind} de {year}.")
        return self.reason(True, f"Este hijo(a) lleva {len(used)} de {allowed} {kind} en {year}.")

    def describe(self):
        return (
            f"Por hijo(a) y año calendario: {self.under_12} consultas generales si es menor de 12 años; "
            f"{self.from_12} especializadas desde los 12 años."
        )
