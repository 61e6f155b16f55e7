"""Conditions on the event itself, read from the request's details and amount.

Missing data fails with code "details"; data that does not qualify fails with
"not_covered" (or "min_amount" for COPROCENVA's minimum expense).
"""

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from benefits.rules.blocks.base import Check
from benefits.rules.wording import format_pesos, number, percent


@dataclass(frozen=True, kw_only=True)
class DetailAtLeast(Check):
    """A number in the details must reach a minimum (`strict`: must exceed it)."""

    key: str
    minimum: Decimal
    label: str
    strict: bool = False
    as_percent: bool = False
    code = "not_covered"

    def _show(self, value) -> str:
        return percent(value) if self.as_percent else number(value)

    def check(self, ctx):
        value = Decimal(ctx.detail(self.key))
        ok = value > self.minimum if self.strict else value >= self.minimum
        relation = "superior a" if self.strict else "de al menos"
        if not ok:
            return self.reason(
                False,
                f"{self.label.capitalize()}: {self._show(value)}; se exige {relation} {self._show(self.minimum)}.",
            )
        return self.reason(
            True,
            f"{self.label.capitalize()}: {self._show(value)} (se exige {relation} {self._show(self.minimum)}).",
        )

    def describe(self):
        relation = "superior a" if self.strict else "igual o superior a"
        return f"{self.label.capitalize()} {relation} {self._show(self.minimum)}."


@dataclass(frozen=True, kw_only=True)
class DetailFlag(Check):
    """A yes/no fact in the details must have the expected value.

    default: the value assumed when the detail is absent (None: the detail is required).
    """

    key: str
    expected: bool
    ok_text: str
    fail_text: str
    default: bool | None = None
    code = "not_covered"

    def check(self, ctx):
        value = ctx.detail(self.key, required=self.default is None, default=self.default)
        if value != self.expected:
            return self.reason(False, self.fail_text)
        return self.reason(True, self.ok_text)

    def describe(self):
        return self.ok_text


def simplify(text: str) -> str:
    """Lower case, no accents, single spaces: 'Riñón ' -> 'rinon'."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


@dataclass(frozen=True, kw_only=True)
class DetailInList(Check):
    """A text detail must name one of the listed kinds (synonyms allowed, accents ignored).

    `allowed` maps a canonical name (as the text writes it) to its accepted spellings.
    """

    key: str
    label: str
    allowed: tuple[tuple[str, tuple[str, ...]], ...]
    excluded_note: str = ""
    code = "not_covered"

    def canonical(self, value: str) -> str | None:
        wanted = simplify(value)
        for name, spellings in self.allowed:
            if wanted == simplify(name) or wanted in {simplify(s) for s in spellings}:
                return name
        return None

    def check(self, ctx):
        value = ctx.detail(self.key)
        name = self.canonical(value)
        if name is None:
            listed = ", ".join(name for name, _ in self.allowed)
            note = f" {self.excluded_note}" if self.excluded_note else ""
            return self.reason(
                False, f"«{value}» no es {self.label} cubierto(a). Se cubren: {listed}.{note}"
            )
        return self.reason(
            True, f"{self.label.capitalize()}: {name}, cubierto(a) por el reglamento."
        )

    def describe(self):
        listed = ", ".join(name for name, _ in self.allowed)
        text = f"{self.label.capitalize()} cubiertos: {listed}."
        return f"{text} {self.excluded_note}" if self.excluded_note else text


@dataclass(frozen=True, kw_only=True)
class MinimumClaim(Check):
    """The expense must reach N daily minimum wages (COPROCENVA Art. 12 num. 4 lit. g)."""

    smdlv: int
    code = "min_amount"

    def check(self, ctx):
        claimed = ctx.claimed()
        minimum = ctx.smdlv() * self.smdlv
        if claimed < minimum:
            return self.reason(
                False,
                f"El gasto soportado ({format_pesos(claimed)}) es menor que el mínimo de {self.smdlv} SMDLV "
                f"({format_pesos(minimum)}, SMMLV de {ctx.smmlv_year}).",
            )
        return self.reason(
            True,
            f"El gasto soportado ({format_pesos(claimed)}) alcanza el mínimo de {self.smdlv} SMDLV ({format_pesos(minimum)}).",
        )

    def describe(self):
        return f"El valor mínimo de los gastos para solicitar es {self.smdlv} SMDLV (salarios mínimos diarios)."


@dataclass(frozen=True, kw_only=True)
class ClaimRequired(Check):
    """The request must state the money base the reglamento names (invoice total, cost, damage)."""

    what: str
    code = "details"

    def check(self, ctx):
        claimed = ctx.claimed()
        if claimed <= 0:
            return self.reason(False, f"El {self.what} debe ser mayor que cero.")
        return self.reason(True, f"{self.what.capitalize()}: {format_pesos(claimed)}.")

    def describe(self):
        return f"Indicar el {self.what}."


def merit_kinds(details) -> list[str]:
    """Which of COACREMAT Art. 12's cases a request's details claim."""
    kinds = []
    if details.get("saber11_score") is not None:
        kinds.append("saber11")
    if details.get("saberpro_percent") is not None:
        kinds.append("saberpro")
    if details.get("laureate_thesis"):
        kinds.append("laureate_thesis")
    return kinds


@dataclass(frozen=True, kw_only=True)
class AcademicMerit(Check):
    """Saber 11 above 300, Saber Pro above 60 % of the maximum, or a laureate/meritorious thesis."""

    saber11_above: int = 300
    saberpro_above: Decimal = Decimal(60)
    code = "not_covered"

    def check(self, ctx):
        score = ctx.detail("saber11_score", required=False)
        share = ctx.detail("saberpro_percent", required=False)
        thesis = ctx.detail("laureate_thesis", required=False, default=False)
        if score is None and share is None and not thesis:
            return self.reason(
                False,
                "Indica el puntaje de Saber 11 (saber11_score), el de Saber Pro (saberpro_percent) o la tesis laureada.",
                code="details",
            )
        if score is not None and score > self.saber11_above:
            return self.reason(
                True, f"Puntaje Saber 11 de {score}: supera {self.saber11_above} puntos."
            )
        if share is not None and share > self.saberpro_above:
            return self.reason(
                True,
                f"Saber Pro en el {number(share)} % del puntaje máximo: supera el {number(self.saberpro_above)} %.",
            )
        if thesis:
            return self.reason(True, "Trabajo de grado laureado o meritorio.")
        shown = []
        if score is not None:
            shown.append(f"Saber 11: {score} (se exige más de {self.saber11_above})")
        if share is not None:
            shown.append(
                f"Saber Pro: {number(share)} % (se exige más del {number(self.saberpro_above)} %)"
            )
        return self.reason(False, "No alcanza el mérito académico: " + "; ".join(shown) + ".")

    def describe(self):
        return (
            f"Saber 11 con promedio superior a {self.saber11_above} puntos, Saber Pro superior al "
            f"{number(self.saberpro_above)} % del puntaje máximo, o trabajo de grado laureado o meritorio."
        )


@dataclass(frozen=True, kw_only=True)
class MeritOncePerKind(Check):
    code = "frequency"

    def check(self, ctx):
        kinds = merit_kinds(ctx.case.details)
        for entry in ctx.history():
            repeated = set(kinds) & set(merit_kinds(entry.details))
            if repeated:
                kind = sorted(repeated)[0]
                return self.reason(
                    False, f"Ya recibiste el auxilio por mérito académico por «{kind}»."
                )
        return self.reason(True, "No has recibido antes el auxilio por este mérito.")

    def describe(self):
        return "Una vez por cada mérito (Saber 11, Saber Pro, tesis laureada)."


@dataclass(frozen=True, kw_only=True)
class SportPlacement(Check):
    """COACREMAT Arts. 27-30: level and final place; events abroad count as national."""

    individual_places: tuple[tuple[str, int], ...] = (("departmental", 10), ("national", 20))
    team_places: tuple[tuple[str, int], ...] = (("departmental", 2), ("national", 5))
    code = "not_covered"

    LEVELS = {
        "departmental": "departamental",
        "national": "nacional",
        "international": "internacional",
    }

    def check(self, ctx):
        if ctx.detail("organized_by_cooperative", required=False, default=False):
            return self.reason(
                False, "No aplica para eventos organizados directamente por la cooperativa."
            )
        level = ctx.detail("level")
        team = ctx.detail("team", required=False, default=False)
        position = ctx.detail("position")
        rated = "national" if level == "international" else level
        limit = dict(self.team_places if team else self.individual_places)[rated]
        kind = "de conjunto" if team else "individual"
        shown = self.LEVELS[level] + (
            " (se homologa como nacional)" if level == "international" else ""
        )
        if position > limit:
            return self.reason(
                False,
                f"Puesto {position} en competencia {kind} {shown}: se reconocen los {limit} primeros lugares.",
            )
        return self.reason(
            True,
            f"Puesto {position} en competencia {kind} {shown}: dentro de los {limit} primeros lugares.",
        )

    def describe(self):
        ind = dict(self.individual_places)
        team = dict(self.team_places)
        return (
            f"Individual: {ind['departmental']} primeros lugares a nivel departamental, {ind['national']} a nivel "
            f"nacional; de conjunto: {team['departmental']} y {team['national']}. Los eventos en otros países se "
            "homologan como nacionales. No aplica para eventos organizados por la cooperativa."
        )


@dataclass(frozen=True, kw_only=True)
class CeremonyGrades(Check):
    """CEMCOP Art. 32: the grades the ceremony asks for, by level."""

    basic_minimum: Decimal = Decimal("4.5")
    higher_minimum: Decimal = Decimal("4.0")
    code = "not_covered"

    def check(self, ctx):
        if ctx.detail("icetex", required=False, default=False):
            return self.reason(
                False,
                "Quienes reciben el auxilio de educación formal por ICETEX no pueden participar (Art. 31 par. 1).",
            )
        level = ctx.detail("education_level")
        if level == "basic":
            if ctx.case.beneficiary.disabled:
                return self.reason(
                    True,
                    "Estudiante con capacidades diferentes: no se tiene en cuenta el promedio.",
                )
            if ctx.detail("qualitative_high", required=False, default=False):
                return self.reason(
                    True,
                    "Desempeño final alto, superior o excelente, sin notas en nivel básico o bajo.",
                )
            gpa = ctx.detail("gpa")
            ok = gpa >= self.basic_minimum
            return self.reason(
                ok,
                f"Nota definitiva {number(gpa)} sobre 5,0; se exige {number(self.basic_minimum)} o más.",
            )
        gpa = ctx.detail("gpa")
        ok = gpa >= self.higher_minimum
        return self.reason(
            ok,
            f"Promedio del último semestre {number(gpa)}; se exige {number(self.higher_minimum)} como mínimo.",
        )

    def describe(self):
        return (
            f"Primaria y bachillerato: nota definitiva de {number(self.basic_minimum)} o más sobre 5,0 (o desempeño "
            f"alto/superior/excelente; sin promedio para niños con capacidades diferentes). Educación superior: "
            f"promedio del último semestre de {number(self.higher_minimum)} o más. No pueden participar quienes "
            "reciben el auxilio de educación formal por ICETEX."
        )


@dataclass(frozen=True, kw_only=True)
class EducationGrades(Check):
    """COACREMAT Art. 22: average 4.0 or more, every subject passed, no qualitative grades.

    In annual programmes a re-sat subject does not deny: one semester is paid
    (Art. 22 par. 1), which the period limit and the amount apply.
    """

    minimum: Decimal = Decimal("4.0")
    code = "not_covered"

    def check(self, ctx):
        if ctx.detail("qualitative_grades", required=False, default=False):
            return self.reason(False, "Se niegan los auxilios con notas cualitativas.")
        gpa = ctx.detail("gpa")
        period = ctx.detail("period")
        all_passed = ctx.detail("all_passed")
        if gpa < self.minimum:
            return self.reason(
                False, f"Promedio {number(gpa)}: se exige {number(self.minimum)} o más."
            )
        if not all_passed and period != "year":
            return self.reason(False, "Hay materias perdidas o habilitadas: el auxilio se niega.")
        if not all_passed:
            return self.reason(
                True,
                f"Promedio {number(gpa)}; programa anual con materia habilitada: se reconoce un semestre.",
            )
        return self.reason(True, f"Promedio {number(gpa)} con todas las materias aprobadas.")

    def describe(self):
        return (
            f"Promedio del periodo igual o superior a {number(self.minimum)}, todas las materias aprobadas (en "
            "programas anuales, con una materia habilitada se reconoce un semestre) y sin notas cualitativas."
        )
