"""The staff document of a cooperative's rule set (docs/rules/<slug>.md), generated from the rule set.

Everything comes from the same objects the engine runs: each benefit's checks
in evaluation order, its amount (with the full tables), who decides, the
documents asked for, and every reading chosen where the text is ambiguous.
"""

from benefits.rules.registry import versions_of
from benefits.rules.wording import format_date, format_pesos, number

FUNDS = {
    "welfare": "Fondo de bienestar social",
    "solidarity": "Fondo de solidaridad",
    "mutual": "Fondo mutual",
    "social": "Fondo social",
}
EVIDENCE = {
    "invoice": "factura electrónica",
    "documents": "documentos de soporte",
    "none": "sin soportes (pago directo o en especie)",
}
SUPPLIERS = {
    "health": "salud",
    "pharmacy": "farmacia",
    "optics": "óptica",
    "veterinary": "veterinaria",
    "sports": "deportes",
    "education": "educación",
    "tourism": "turismo",
}
DATES = {"requested_on": "la fecha de radicación", "event_date": "la fecha del evento"}
APPROVERS = {"staff": "administración", "committee": "comité", "council": "consejo"}


def _value(spec, value) -> str:
    if spec.unit == "percent":
        return f"{number(value)} %"
    if spec.unit == "count":
        return number(value)
    return format_pesos(value)


def _defaults(spec) -> str:
    text = ", ".join(
        f"{year}: {_value(spec, value)}" for year, value in sorted(spec.defaults.items())
    )
    if not text:
        return f"sin valor por defecto: lo registra {spec.set_by} cada año"
    return text + (" (rige hasta que se registre otro)" if spec.carry_forward else "")


def _readings(block) -> list[str]:
    found = []
    for item in (block, getattr(block, "inner", None), getattr(block, "table", None)):
        reading = getattr(item, "reading", "") if item is not None else ""
        if reading and reading not in found:
            found.append(reading)
    return found


def _table(rows) -> list[str]:
    if not rows:
        return []
    lines = ["", "| Condición | Monto |", "| --- | --- |"]
    lines += [f"| {condition} | {amount} |" for condition, amount in rows]
    return [*lines, ""]


def _benefit(spec, rule_set) -> list[str]:
    lines = [f"### `{spec.code}` — {spec.name}", ""]
    facts = [
        f"Artículo: {spec.article}",
        f"Fondo: {FUNDS[spec.fund_kind]}",
        f"Soportes: {EVIDENCE[spec.evidence]}",
    ]
    if spec.quota_group:
        facts.append(f"Cupo: grupo {spec.quota_group} (monto único anual)")
    if spec.supplier_kind:
        facts.append(f"Proveedor esperado: {SUPPLIERS[spec.supplier_kind]}")
    lines.append(" · ".join(facts))
    lines.append("")
    if spec.description:
        lines += [spec.description, ""]
    readings: list[str] = []
    lines.append("**Requisitos**, en el orden en que se verifican:")
    lines.append("")
    for index, check in enumerate(spec.checks, start=1):
        lines.append(f"{index}. {check.describe()} ({check.article}) — código `{check.code}`")
        readings += [r for r in _readings(check) if r not in readings]
    lines.append("")
    if spec.quota_group:
        lines.append(f"**Cupo**: ver «Cupo anual» arriba ({rule_set.quota.article}).")
        lines.append("")
    lines.append(f"**Monto** ({spec.amount.article}): {spec.amount.describe()}")
    lines += _table(spec.amount.table_rows())
    used = [rule_set.parameter(name) for name in spec.amount.parameter_names]
    if used:
        lines.append("")
        lines.append("Valores: " + "; ".join(f"`{p.name}` = {_defaults(p)}" for p in used) + ".")
    readings += [r for r in _readings(spec.amount) if r not in readings]
    lines.append("")
    lines.append(
        f"**Quién decide** ({APPROVERS[spec.approver.default]}): {spec.approver.describe()}"
    )
    readings += [r for r in _readings(spec.approver) if r not in readings]
    lines.append("")
    if spec.required_documents:
        lines.append("**Documentos**:")
        lines.append("")
        lines += [f"- {doc}" for doc in spec.required_documents]
        lines.append("")
    if readings:
        lines.append("**Interpretaciones**:")
        lines.append("")
        lines += [f"- {reading}" for reading in readings]
        lines.append("")
    return lines


def _version(rule_set) -> list[str]:
    lines = [
        f"## Versión `{rule_set.id}`",
        "",
        f"- Texto: {rule_set.title} (`../shared/reglamentos/{rule_set.source}`).",
        f"- Rige desde el {format_date(rule_set.effective_from)}; la versión se elige por "
        f"{DATES[rule_set.chosen_by]} ({rule_set.version_article}).",
        f"- La antigüedad se mide, salvo que un auxilio diga otra cosa, a {DATES[rule_set.seniority_at]}.",
        (
            f"- SMMLV: el del año de {DATES[rule_set.smmlv_year_of]} ({rule_set.smmlv_article}); SMDLV = SMMLV / 30."
            if rule_set.smmlv_article
            else "- No usa el SMMLV: sus montos están en pesos."
        ),
        f"- Disponibilidad de recursos ({rule_set.budget_article}): se verifica al aprobar, contra el "
        "presupuesto del fondo (código `budget`).",
        "",
    ]
    if rule_set.parameters:
        lines += [
            "### Parámetros",
            "",
            "Valores anuales que el personal registra en «Parámetros anuales» (un registro gana sobre el valor por defecto).",
            "",
            "| Parámetro | Qué es | Lo fija | Artículo | Por defecto |",
            "| --- | --- | --- | --- | --- |",
        ]
        for spec in rule_set.parameters:
            defaults = ", ".join(
                f"{year}: {_value(spec, value)}" for year, value in sorted(spec.defaults.items())
            )
            if spec.carry_forward and defaults:
                defaults += " (rige hasta que se registre otro)"
            lines.append(
                f"| `{spec.name}` | {spec.label} | {spec.set_by} | {spec.article} | {defaults or '— (obligatorio registrarlo)'} |"
            )
        lines.append("")
    if rule_set.quota is not None:
        lines += [f"### Cupo anual ({rule_set.quota.article})", "", rule_set.quota.describe()]
        lines += _table(rule_set.quota.table_rows())
        lines.append("")
    lines += ["### Auxilios", ""]
    for spec in rule_set.benefits:
        lines += _benefit(spec, rule_set)
    lines += ["### Interpretaciones adoptadas para todo el reglamento", ""]
    lines += [f"- {reading}" for reading in rule_set.readings]
    lines.append("")
    return lines


def render(cooperative_slug: str) -> str:
    versions = versions_of(cooperative_slug)
    name = versions[-1].name
    lines = [
        f"# {name} — reglas de auxilios",
        "",
        "<!-- Generado por `python manage.py describe_rules` desde benefits/rules/rulesets/. No editar a mano. -->",
        "",
        "Cada solicitud se evalúa con estas reglas, en este orden; la respuesta dice, regla por regla, el "
        "artículo y por qué se cumple o no. Códigos de las reglas: los de `manage.py quote`. Donde el texto "
        "es ambiguo, la lectura adoptada aparece junto a la regla (abajo, «Interpretaciones») y en la traza "
        "de cada decisión (campo `interpretation`).",
        "",
    ]
    for rule_set in reversed(versions):
        lines += _version(rule_set)
    return "\n".join(lines).rstrip() + "\n"
