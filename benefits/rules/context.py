"""One evaluation's view of a case: typed details, parameters by year, seniority.

Everything a building block needs to read goes through here, so the blocks stay
small and the lookups (which SMMLV year, which date seniority is measured at)
are decided once per rule set and written down next to it.
"""

from datetime import date
from decimal import Decimal

from benefits.rules.details import parse_detail
from benefits.rules.errors import MissingParameter
from benefits.rules.facts import Case, HistoryEntry
from benefits.rules.periods import Seniority


class Unavailable(Exception):
    """A block cannot decide because a fact is missing or invalid (a failing reason, not an error)."""

    def __init__(self, message: str, code: str = "details"):
        super().__init__(message)
        self.code = code
        self.message = message


class Context:
    __slots__ = ("case", "rule_set", "spec", "quota", "_smmlv")

    def __init__(self, case: Case, rule_set, spec):
        self.case = case
        self.rule_set = rule_set
        self.spec = spec
        self.quota = None  # set by the engine for quota benefits, before the amount
        self._smmlv = None

    # --- dates -------------------------------------------------------------
    def date_of(self, which: str) -> date:
        """'event_date' or 'requested_on' of the case."""
        return self.case.event_date if which == "event_date" else self.case.requested_on

    @property
    def seniority_date(self) -> date:
        return self.date_of(self.spec.seniority_at or self.rule_set.seniority_at)

    def seniority(self, at: str | None = None) -> Seniority:
        day = self.date_of(at) if at else self.seniority_date
        return Seniority(self.case.associate.joined_on, day)

    # --- parameters --------------------------------------------------------
    @property
    def smmlv_year(self) -> int:
        return self.date_of(self.rule_set.smmlv_year_of).year

    def smmlv(self) -> Decimal:
        if self._smmlv is None:
            year = self.smmlv_year
            value = self.case.parameters.exact("smmlv", year)
            if value is None:
                raise MissingParameter(
                    f"No hay SMMLV registrado para {year}: regístrelo en «Salarios mínimos» "
                    f"o inclúyalo en parameters.smmlv del caso."
                )
            self._smmlv = value
        return self._smmlv

    def smdlv(self) -> Decimal:
        return self.smmlv() / 30

    def param(self, name: str, year: int | None = None) -> tuple[int, Decimal]:
        """(year the value belongs to, value) of a rule-set parameter; the case's values win."""
        spec = self.rule_set.parameter(name)
        year = year if year is not None else self.date_of(spec.year_of).year
        case_params = self.case.parameters
        value = case_params.exact(name, year)
        if value is None:
            value = spec.defaults.get(year)
        if value is not None:
            return year, value
        if spec.carry_forward:
            found = case_params.latest(name, year)
            default_years = [y for y in spec.defaults if y <= year]
            if default_years and (found is None or max(default_years) > found[0]):
                best = max(default_years)
                found = (best, spec.defaults[best])
            if found is not None:
                return found
        raise MissingParameter(
            f"No hay valor de «{spec.label}» ({name}) para {year}: lo fija {spec.set_by} "
            f"({spec.article}). Regístrelo en «Parámetros anuales» o inclúyalo en parameters del caso."
        )

    # --- the claim ---------------------------------------------------------
    def detail(self, key: str, *, required: bool = True, default=None):
        raw = self.case.details.get(key)
        if raw is None:
            if required:
                raise Unavailable(f"Falta el dato «{key}» en los detalles de la solicitud.")
            return default
        try:
            return parse_detail(key, raw)
        except ValueError as exc:
            raise Unavailable(f"El dato «{key}» no es válido: {exc}.") from None

    def claimed(self) -> Decimal:
        if self.case.amount_claimed is None:
            raise Unavailable("Falta el valor soportado (amount_claimed) de la solicitud.")
        return self.case.amount_claimed

    def history(self, *codes: str) -> list[HistoryEntry]:
        wanted = set(codes) if codes else {self.spec.code}
        return [entry for entry in self.case.history if entry.benefit in wanted]
