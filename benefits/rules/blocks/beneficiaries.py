"""Who a benefit covers: relationships, ages (at the event), studies, disability."""

from dataclasses import dataclass

from benefits.rules.blocks.base import Check
from benefits.rules.periods import age_on
from benefits.rules.wording import format_date

RELATIONSHIP_LABELS = {
    "self": "el asociado",
    "spouse": "cónyuge o compañero(a) permanente",
    "child": "hijo(a)",
    "stepchild": "hijastro(a)",
    "parent": "padre o madre",
    "stepparent": "padrastro o madrastra",
    "sibling": "hermano(a)",
    "grandchild": "nieto(a)",
    "grandparent": "abuelo(a)",
    "pet": "mascota",
    "other": "otro familiar",
}


@dataclass(frozen=True)
class Covered:
    """One relationship a benefit covers, with its limits.

    under: age must be below this (completed years at the event), unless
    `disabled_any_age` and the person is disabled, or `studying_under` and the
    person studies and is below that age. requires_single: only when the
    associate is not married (San Simón funeral, siblings).
    """

    relationship: str
    under: int | None = None
    disabled_any_age: bool = False
    studying_under: int | None = None
    requires_single: bool = False

    def describe(self) -> str:
        text = RELATIONSHIP_LABELS[self.relationship]
        limits = []
        if self.under is not None:
            limits.append(f"menor de {self.under} años")
        if self.studying_under is not None:
            limits.append(f"estudiante hasta los {self.studying_under - 1} años y 364 días")
        if self.disabled_any_age:
            limits.append("con discapacidad certificada sin límite de edad")
        condition = " o ".join(limits)
        if self.requires_single:
            condition = (
                f"{condition}; solo si el asociado es soltero"
                if condition
                else "solo si el asociado es soltero"
            )
        return f"{text} ({condition})" if condition else text


def _age_verdict(rule: Covered, beneficiary, event) -> tuple[bool, str]:
    if rule.under is None:
        return True, ""
    if beneficiary.disabled and rule.disabled_any_age:
        return True, "con discapacidad, sin límite de edad"
    if beneficiary.birth_date is None:
        return False, "falta su fecha de nacimiento para verificar la edad"
    age = age_on(beneficiary.birth_date, event)
    if age < rule.under:
        return True, f"{age} años al {format_date(event)}"
    if rule.studying_under is not None and beneficiary.studying and age < rule.studying_under:
        return True, f"{age} años al {format_date(event)}, estudiante"
    limit = f"menor de {rule.under} años"
    if rule.studying_under is not None:
        limit += f" (o estudiante menor de {rule.studying_under})"
    return False, f"tiene {age} años al {format_date(event)} y el límite es {limit}"


@dataclass(frozen=True, kw_only=True)
class BeneficiaryCovered(Check):
    """The beneficiary's relationship (and age) is one the benefit covers.

    registered_before: "requested_on" — relatives must be registered with the
    cooperative on or before the filing date; registered_days_before: a minimum
    of days between registration and the event.
    """

    covers: tuple[Covered, ...]
    registered_before: str | None = None
    code = "beneficiary"

    def check(self, ctx):
        beneficiary = ctx.case.beneficiary
        label = RELATIONSHIP_LABELS.get(beneficiary.relationship, beneficiary.relationship)
        rule = next((c for c in self.covers if c.relationship == beneficiary.relationship), None)
        if rule is None:
            covered = "; ".join(c.describe() for c in self.covers)
            whom = "al asociado titular" if beneficiary.relationship == "self" else f"a {label}"
            return self.reason(False, f"Este auxilio no cubre {whom}: cubre a {covered}.")
        if rule.requires_single and ctx.case.associate.married:
            return self.reason(False, f"Cubre a {label} solo si el asociado es soltero.")
        ok, detail = _age_verdict(rule, beneficiary, ctx.case.event_date)
        if not ok:
            return self.reason(False, f"No está cubierto: {label}, {detail}.")
        if beneficiary.relationship != "self" and self.registered_before:
            registered = beneficiary.registered_on
            limit = ctx.date_of(self.registered_before)
            if registered is None or registered > limit:
                when = format_date(registered) if registered else "sin fecha de registro"
                return self.reason(
                    False,
                    f"{label.capitalize()} debe estar registrado(a) como beneficiario(a) a más tardar el "
                    f"{format_date(limit)} ({when}).",
                )
        if beneficiary.relationship == "self":
            return self.reason(True, "El auxilio es para ti, el asociado titular.")
        suffix = f" ({detail})" if detail else ""
        return self.reason(True, f"El beneficiario es {label}{suffix}: está cubierto.")

    def describe(self):
        text = "Cubre a: " + "; ".join(c.describe() for c in self.covers) + "."
        if self.registered_before == "requested_on":
            text += " Los familiares deben estar registrados como beneficiarios antes de radicar."
        return text
