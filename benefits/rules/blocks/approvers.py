"""Who decides: staff (gerencia, funcionario, director de agencia), committee or council."""

from dataclasses import dataclass
from decimal import Decimal

from benefits.rules.decision import Reason

RANK = {"staff": 0, "committee": 1, "council": 2}
ROLE_LABELS = {
    "council": "del Consejo de Administración",
    "oversight_board": "de la Junta de Vigilancia",
    "committee": "del Comité de Solidaridad",
    "agency_director": "de la dirección de una agencia",
    "operations_chief": "de la jefatura de operaciones",
    "employee": "de la planta de empleados",
}


@dataclass(frozen=True, kw_only=True)
class RoleConflict:
    """Requests by holders of some roles (or their relatives) go to another body."""

    roles: tuple[str, ...]
    to: str
    article: str
    note: str = ""

    def applies(self, ctx) -> str | None:
        associate = ctx.case.associate
        note = f" ({self.note})" if self.note else ""
        own = [r for r in associate.roles if r in self.roles]
        if own:
            return f"eres integrante {ROLE_LABELS[own[0]]}{note}"
        relatives = [r for r in associate.relative_roles if r in self.roles]
        if relatives:
            return f"un familiar tuyo es integrante {ROLE_LABELS[relatives[0]]}{note}"
        return None

    def describe(self) -> str:
        roles = " o ".join(ROLE_LABELS[r] for r in self.roles)
        text = f"Si el asociado o un familiar es integrante {roles}"
        return text + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True, kw_only=True)
class DetailAbove:
    """A number in the details above a threshold moves the decision up (COPROCENVA catastrophes)."""

    key: str
    threshold: Decimal
    to: str
    article: str
    text: str

    def applies(self, ctx) -> str | None:
        value = ctx.case.details.get(self.key)
        if (
            isinstance(value, int | Decimal)
            and not isinstance(value, bool)
            and value > self.threshold
        ):
            return self.text.format(value=value)
        return None

    def describe(self) -> str:
        return self.text.format(value=f"más de {self.threshold}")


@dataclass(frozen=True, kw_only=True)
class BeneficiaryIs:
    relationships: tuple[str, ...]
    to: str
    article: str
    text: str

    def applies(self, ctx) -> str | None:
        return self.text if ctx.case.beneficiary.relationship in self.relationships else None

    def describe(self) -> str:
        return self.text


@dataclass(frozen=True, kw_only=True)
class Approver:
    """The body the reglamento names, moved up by the first applicable escalation of higher rank."""

    default: str
    body: str
    article: str
    escalations: tuple = ()
    reading: str = ""
    bodies: tuple[tuple[str, str], ...] = (
        ("committee", "el Comité de Solidaridad"),
        ("council", "el Consejo de Administración"),
    )

    def decide(self, ctx) -> tuple[str, Reason]:
        who, body, article, why = self.default, self.body, self.article, ""
        for escalation in self.escalations:
            because = escalation.applies(ctx)
            if not because:
                continue
            # A higher body takes the decision; the same body keeps it but the
            # first reason for it is still told (a committee member's request).
            if RANK[escalation.to] > RANK[who] or (RANK[escalation.to] == RANK[who] and not why):
                who, why, article = escalation.to, because, escalation.article
                body = dict(self.bodies).get(who, body)
        message = f"Decide {body}" + (f" porque {why}." if why else ".")
        return who, Reason("approver", True, article, message, self.reading)

    def describe(self) -> str:
        text = f"Decide {self.body}."
        for escalation in self.escalations:
            text += f" {escalation.describe()}: decide {dict(self.bodies)[escalation.to]} ({escalation.article})."
        return text
