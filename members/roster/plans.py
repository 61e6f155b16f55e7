"""Matching a file's rows to the roster: what to create, what to update, what to reject.

Each planner loads the cooperative's existing rows in one query, keys them in a
dict, and compares every file row in Python; nothing is written until
Plan.write, and then only what changed.
"""

from dataclasses import dataclass, field

from django.db import connection

from members.models import Associate, Beneficiary, SavingsAccount
from members.roster import writers
from members.roster.layouts import fold, normalize_account_number, normalize_document
from members.roster.report import ImportReport


class Existing:
    """One cooperative's rows of a model as plain tuples, loaded in one query."""

    def __init__(self, queryset):
        self.model = queryset.model
        self.names = [f.attname for f in self.model._meta.concrete_fields]
        self.position = {name: i for i, name in enumerate(self.names)}
        self.rows = list(queryset.values_list(*self.names))

    def value(self, row: tuple, name: str):
        return row[self.position[name]]


@dataclass
class Plan:
    """New rows and changed rows, as {attname: value} dicts, and the fields that changed."""

    existing: Existing
    report: ImportReport
    fixed: dict  # what every new row gets: its cooperative
    to_create: list[dict] = field(default_factory=list)
    to_update: list[dict] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)

    def upsert(self, row: tuple | None, values: dict) -> None:
        if row is None:
            self.to_create.append(self.fixed | values)
            self.report.created += 1
            return
        changed = {
            name: value for name, value in values.items() if self.existing.value(row, name) != value
        }
        if not changed:
            self.report.unchanged += 1
            return
        self.to_update.append(dict(zip(self.existing.names, row, strict=True)) | changed)
        self.changed_fields.update(changed)
        self.report.updated += 1

    def write(self, **history) -> None:
        model = self.existing.model
        auto_now = [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        stamp = dict.fromkeys(auto_now, history["default_date"])
        for row in self.to_update:  # bulk updates skip auto_now fields: stamp them here
            row.update(stamp)
        write = writers.copy_write if connection.vendor == "postgresql" else writers.library_write
        fields = sorted(self.changed_fields) + auto_now
        write(model, created=self.to_create, updated=self.to_update, fields=fields, **history)


def _repeated(what: str, first_line: int) -> str:
    return f"fila repetida: {what} ya viene en la línea {first_line}, que es la que se importa"


def _roster_ids(cooperative) -> dict[str, int]:
    return dict(
        Associate.objects.filter(cooperative=cooperative).values_list("document_number", "pk")
    )


def _not_on_roster(cedula: str, cooperative) -> str:
    return f"el asociado con cédula {cedula} no está en el padrón de {cooperative.name}"


def plan_associates(*, cooperative, rows, report) -> Plan:
    """Keyed by cédula within the cooperative."""
    existing = Existing(Associate.objects.filter(cooperative=cooperative))
    by_cedula = {existing.value(row, "document_number"): row for row in existing.rows}
    plan = Plan(existing, report, fixed={"cooperative_id": cooperative.pk})
    first_line: dict[str, int] = {}
    for line, values in rows:
        cedula = values["document_number"]
        if cedula in first_line:
            report.reject(line, _repeated(f"la cédula {cedula}", first_line[cedula]))
            continue
        first_line[cedula] = line
        plan.upsert(by_cedula.get(cedula), values)
    return plan


def plan_beneficiaries(*, cooperative, rows, report) -> Plan:
    """Keyed by associate and document; without a document (pets) by relationship and name."""
    associate_ids = _roster_ids(cooperative)
    existing = Existing(Beneficiary.objects.filter(cooperative=cooperative))
    by_document, by_name = {}, {}
    for row in existing.rows:
        associate_id = existing.value(row, "associate_id")
        # Rows typed in the admin may carry dots or spaces: compare as the import stores.
        document = normalize_document(existing.value(row, "document_number"))
        if document:
            by_document.setdefault((associate_id, document), row)
        else:
            name = fold(existing.value(row, "first_names"))
            by_name.setdefault((associate_id, existing.value(row, "relationship"), name), row)
    plan = Plan(existing, report, fixed={"cooperative_id": cooperative.pk})
    first_line: dict[tuple, int] = {}
    claimed: set[int] = set()
    for line, values in rows:
        cedula = values.pop("associate_document_number")
        associate_id = associate_ids.get(cedula)
        if associate_id is None:
            report.reject(line, _not_on_roster(cedula, cooperative))
            continue
        document = values["document_number"]
        name_key = (associate_id, values["relationship"], fold(values["first_names"]))
        key = (associate_id, document) if document else name_key
        if key in first_line:
            what = (
                f"el documento {document}"
                if document
                else f"«{values['first_names']}» ({values['relationship']})"
            )
            report.reject(line, _repeated(f"{what} del asociado {cedula}", first_line[key]))
            continue
        first_line[key] = line
        row = by_document.get(key) if document else by_name.get(name_key)
        if row is None and document:
            # A relative registered without a document who now has one (a newborn's
            # registro civil) is the same beneficiary, not a new one.
            row = by_name.get(name_key)
        if row is not None and existing.value(row, "id") in claimed:
            row = None  # already matched by an earlier line of this file
        if row is not None:
            claimed.add(existing.value(row, "id"))
        values["associate_id"] = associate_id
        plan.upsert(row, values)
    return plan


def plan_accounts(*, cooperative, rows, report) -> Plan:
    """Keyed by account number within the cooperative; an account never changes hands."""
    associate_ids = _roster_ids(cooperative)
    cedulas = {pk: cedula for cedula, pk in associate_ids.items()}
    existing = Existing(SavingsAccount.objects.filter(cooperative=cooperative))
    by_number = {}
    for row in existing.rows:
        by_number.setdefault(normalize_account_number(existing.value(row, "number")), row)
    plan = Plan(existing, report, fixed={"cooperative_id": cooperative.pk})
    first_line: dict[str, int] = {}
    for line, values in rows:
        cedula = values.pop("associate_document_number")
        associate_id = associate_ids.get(cedula)
        if associate_id is None:
            report.reject(line, _not_on_roster(cedula, cooperative))
            continue
        number = values["number"]
        if number in first_line:
            report.reject(line, _repeated(f"la cuenta {number}", first_line[number]))
            continue
        row = by_number.get(number)
        if row is not None and existing.value(row, "associate_id") != associate_id:
            owner = cedulas.get(existing.value(row, "associate_id"), "?")
            report.reject(line, f"la cuenta {number} pertenece a otro asociado (cédula {owner})")
            continue
        first_line[number] = line
        values["associate_id"] = associate_id
        plan.upsert(row, values)
    return plan


PLANNERS = {
    "associates": plan_associates,
    "beneficiaries": plan_beneficiaries,
    "accounts": plan_accounts,
}
