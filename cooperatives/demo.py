"""Demo data for the four cooperatives: what `manage.py seed_demo` writes.

Everything here is invented for demonstration (names, cédulas, NITs with valid
check digits, accounts) except the rule sets, which are the real reglamentos.
Seeding is idempotent: rows are keyed by cédula, account number, username…
and re-running the command leaves one copy of each.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction

from cooperatives.models import Cooperative
from cooperatives.services import cooperative_upsert, minimum_wages_seed
from core.db import upsert
from members.models import Associate, Beneficiary, SavingsAccount, StaffMembership, StaffRole, User

# COPROCENVA Art. 15 as business days (the reading is beside its entry below).
COPROCENVA_REVIEW_BUSINESS_DAYS = 37

DEMO_PASSWORD = "auxilios-demo"  # noqa: S105  (demo accounts only; seed_demo refuses to run in production)

COOPERATIVES = [
    {
        "slug": "cemcop",
        "name": "CEMCOP",
        "legal_name": "Cooperativa CEMCOP",
        "nit": "900100101",
        "check_digit": "1",
        "city": "",
        "logo": "cooperatives/cemcop.svg",
        "primary_color": "#0b5394",
        "accent_color": "#f1c232",
        # CEMCOP's portal guide: "el tiempo de revisión del auxilio de bienestar es de 5 días hábiles".
        "review_business_days": 5,
        "filing_prefix": "CEM",
    },
    {
        "slug": "san-simon",
        "name": "San Simón",
        "legal_name": "Cooperativa Multiactiva San Simón",
        "nit": "900200202",
        "check_digit": "4",
        "city": "Ibagué",
        "logo": "cooperatives/san-simon.svg",
        "primary_color": "#1e6b3a",
        "accent_color": "#f6b26b",
        "review_business_days": 10,
        "filing_prefix": "SSI",
    },
    {
        "slug": "coprocenva",
        "name": "COPROCENVA",
        "legal_name": "COPROCENVA Cooperativa de Ahorro y Crédito",
        "nit": "900300303",
        "check_digit": "9",
        "city": "",
        "logo": "cooperatives/coprocenva.svg",
        "primary_color": "#7a1f5c",
        "accent_color": "#9fc5e8",
        # Art. 15: an answer within 2 months of filing. 37 business days never pass
        # two calendar months (checked for every filing day of 2026–2030; 38 did
        # on 14 days, the 40 read before on a quarter of them).
        "review_business_days": COPROCENVA_REVIEW_BUSINESS_DAYS,
        "filing_prefix": "CPV",
    },
    {
        "slug": "coacremat",
        "name": "COACREMAT",
        "legal_name": "Cooperativa Multiactiva del Magisterio de Túquerres",
        "nit": "900400404",
        "check_digit": "3",
        "city": "Túquerres",
        "logo": "cooperatives/coacremat.svg",
        "primary_color": "#b45309",
        "accent_color": "#1f2937",
        "review_business_days": 10,
        "filing_prefix": "CMT",
    },
]

# Document-number ranges keep the four rosters apart; SHARED_PERSON is on two.
CEDULA_BASE = {
    "cemcop": 10_100_000,
    "san-simon": 20_200_000,
    "coprocenva": 30_300_000,
    "coacremat": 40_400_000,
}
SHARED_PERSON = {
    "document_number": "52123456",
    "first_names": "Ana María",
    "last_names": "Rodríguez Peña",
}
SHARED_AT = ("cemcop", "san-simon")

FIRST_NAMES_F = [
    "Luz Marina",
    "Claudia",
    "Diana Carolina",
    "Martha Lucía",
    "Paola",
    "Sandra Milena",
    "Yolanda",
]
FIRST_NAMES_M = [
    "Carlos Andrés",
    "Jorge Enrique",
    "Luis Fernando",
    "Andrés Felipe",
    "Óscar",
    "Hernán",
    "Julián",
]
LAST_NAMES = [
    "García",
    "Martínez",
    "López",
    "Gómez",
    "Hernández",
    "Díaz",
    "Moreno",
    "Álvarez",
    "Romero",
    "Vargas",
    "Castro",
    "Ortiz",
    "Rojas",
    "Ramírez",
    "Torres",
    "Muñoz",
    "Jiménez",
    "Cardona",
    "Ospina",
    "Quintero",
]

# Seniority bands every rule set distinguishes: new, 8 months, 2, 4, 12 and 25 years.
SENIORITY = [
    relativedelta(days=20),
    relativedelta(months=8),
    relativedelta(years=2, months=1),
    relativedelta(years=4, months=2),
    relativedelta(years=12),
    relativedelta(years=25, months=3),
]
ASSOCIATES_PER_COOPERATIVE = 40
# The first associate of each band gets a portal account for the demo.
DEMO_ACCOUNT_INDEXES = range(len(SENIORITY))

STAFF_ROLES = {
    StaffRole.ANALYST: "analista",
    StaffRole.COMMITTEE: "comite",
    StaffRole.COUNCIL: "consejo",
    StaffRole.TREASURY: "tesoreria",
}


@dataclass
class SeedReport:
    cooperatives: int = 0
    associates: int = 0
    beneficiaries: int = 0
    accounts: int = 0
    users: int = 0

    def __str__(self):
        return (
            f"{self.cooperatives} cooperativas, {self.associates} asociados, {self.beneficiaries} beneficiarios, "
            f"{self.accounts} cuentas, {self.users} usuarios"
        )


def demo_seed(*, today: date) -> SeedReport:
    """Writes (or refreshes) the demo data; safe to run any number of times."""
    report = SeedReport()
    with transaction.atomic():
        minimum_wages_seed()
        for spec in COOPERATIVES:
            cooperative, _ = cooperative_upsert(**spec)
            report.cooperatives += 1
            _seed_roster(cooperative, today=today, report=report)
            _seed_staff(cooperative, report=report)
        _seed_superuser(report=report)
    return report


def _seed_roster(cooperative: Cooperative, *, today: date, report: SeedReport) -> None:
    rng = random.Random(cooperative.slug)  # the same people on every run
    for index in range(ASSOCIATES_PER_COOPERATIVE):
        band = SENIORITY[index % len(SENIORITY)]
        female = index % 2 == 0
        if index == 0 and cooperative.slug in SHARED_AT:
            person = dict(SHARED_PERSON)
        else:
            person = {
                "document_number": str(CEDULA_BASE[cooperative.slug] + index * 37),
                "first_names": rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M),
                "last_names": f"{rng.choice(LAST_NAMES)} {rng.choice(LAST_NAMES)}",
            }
        joined_on = today - band
        associate, _ = upsert(
            Associate,
            lookup={"cooperative": cooperative, "document_number": person["document_number"]},
            values={
                "first_names": person["first_names"],
                "last_names": person["last_names"],
                "email": f"asociado{index}.{cooperative.slug}@demo.auxilios.co",
                "phone": f"300{rng.randrange(1_000_000, 9_999_999)}",
                "birth_date": joined_on - relativedelta(years=22 + rng.randrange(0, 20)),
                "gender": "F" if female else "M",
                "joined_on": joined_on,
                "status": _status_for(index),
                "arrears_days": 45 if index % 13 == 7 else 0,
                "data_updated_on": today - timedelta(days=30 + index * 3)
                if index % 11 != 9
                else None,
                "inducted": index % 17 != 5,
                "sanctioned_on": today - relativedelta(months=5) if index % 19 == 11 else None,
                "pensioner": index % 9 == 8,
                "married": index % 3 != 2,
                "roles": _roles_for(index),
                "agency": "Principal" if index % 4 else "Agencia Norte",
            },
        )
        report.associates += 1
        report.beneficiaries += _seed_family(associate, index=index, today=today)
        report.accounts += _seed_accounts(associate, index=index)
        if index in DEMO_ACCOUNT_INDEXES:
            _seed_associate_user(associate)
            report.users += 1


def _status_for(index: int) -> str:
    if index % 20 == 13:
        return Associate.Status.SUSPENDED
    if index % 20 == 19:
        return Associate.Status.RETIRED
    return Associate.Status.ACTIVE


def _roles_for(index: int) -> list[str]:
    return {10: ["council"], 16: ["committee"], 22: ["oversight_board"], 28: ["employee"]}.get(
        index, []
    )


def _family_for(index: int, today: date) -> list[dict]:
    """Every relationship appears at every cooperative; the first in each 6 has the whole family."""

    def born(years: int, months: int = 0) -> date:
        return today - relativedelta(years=years, months=months)

    spouse = {
        "relationship": "spouse",
        "first_names": "Cónyuge",
        "birth_date": born(44),
        "document_type": "13",
    }
    child = {
        "relationship": "child",
        "first_names": "Hijo menor",
        "birth_date": born(9),
        "document_type": "12",
    }
    if index % 6 != 0:
        return [spouse, child]
    return [
        spouse,
        child,
        {
            "relationship": "child",
            "first_names": "Hija universitaria",
            "birth_date": born(21, 4),
            "studying": True,
            "document_type": "13",
        },
        {
            "relationship": "child",
            "first_names": "Hijo con discapacidad",
            "birth_date": born(31),
            "disabled": True,
            "document_type": "13",
        },
        {
            "relationship": "stepchild",
            "first_names": "Hijastra",
            "birth_date": born(15),
            "document_type": "12",
        },
        {
            "relationship": "parent",
            "first_names": "Madre",
            "birth_date": born(72),
            "document_type": "13",
        },
        {
            "relationship": "stepparent",
            "first_names": "Padrastro",
            "birth_date": born(70),
            "document_type": "13",
        },
        {
            "relationship": "sibling",
            "first_names": "Hermano",
            "birth_date": born(40),
            "document_type": "13",
        },
        {
            "relationship": "grandchild",
            "first_names": "Nieta",
            "birth_date": born(3),
            "document_type": "11",
        },
        {
            "relationship": "grandparent",
            "first_names": "Abuelo",
            "birth_date": born(90),
            "document_type": "13",
        },
        {
            "relationship": "pet",
            "first_names": "Lucas (perro)",
            "birth_date": born(5),
            "document_type": "",
        },
    ]


def _seed_family(associate: Associate, *, index: int, today: date) -> int:
    count = 0
    for position, member in enumerate(_family_for(index, today)):
        document_number = (
            ""
            if member["relationship"] == "pet"
            else f"{associate.document_number}{position:02d}"[-12:]
        )
        lookup = {"associate": associate}
        if document_number:
            lookup["document_number"] = document_number
        else:
            lookup.update(relationship=member["relationship"], first_names=member["first_names"])
        upsert(
            Beneficiary,
            lookup=lookup,
            values={
                "cooperative": associate.cooperative,
                "relationship": member["relationship"],
                "document_type": member["document_type"],
                "first_names": member["first_names"],
                "last_names": associate.last_names,
                "birth_date": member["birth_date"],
                "disabled": member.get("disabled", False),
                "studying": member.get("studying", False),
                "registered_on": associate.joined_on,
                "status": Beneficiary.Status.APPROVED,
            },
        )
        count += 1
    return count


def _seed_accounts(associate: Associate, *, index: int) -> int:
    prefix = associate.cooperative.filing_prefix
    accounts = [(f"{prefix}{associate.document_number}01", "Ahorro a la vista", True)]
    if index % 5 == 0:
        accounts += [
            (f"{prefix}{associate.document_number}02", "Ahorro programado", True),
            (f"{prefix}{associate.document_number}03", "Ahorro a la vista", False),
        ]
    for number, kind, active in accounts:
        upsert(
            SavingsAccount,
            lookup={"cooperative": associate.cooperative, "number": number},
            values={"associate": associate, "kind": kind, "active": active},
        )
    return len(accounts)


def _seed_associate_user(associate: Associate) -> None:
    user, created = User.objects.get_or_create(
        username=User.associate_username(associate.cooperative, associate.document_number),
        defaults={
            "associate": associate,
            "email": associate.email,
            "first_name": associate.first_names,
            "last_name": associate.last_names,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


def _seed_staff(cooperative: Cooperative, *, report: SeedReport) -> None:
    for role, label in STAFF_ROLES.items():
        user, created = User.objects.get_or_create(
            username=f"{cooperative.slug}-{label}",
            defaults={
                "is_staff": True,
                "email": f"{label}@{cooperative.slug}.demo.auxilios.co",
                "first_name": label.capitalize(),
                "last_name": cooperative.name,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        StaffMembership.objects.get_or_create(user=user, cooperative=cooperative, role=role)
        report.users += 1


def _seed_superuser(*, report: SeedReport) -> None:
    user, created = User.objects.get_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@demo.auxilios.co"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    report.users += 1


def demo_logins() -> list[tuple[str, str, str]]:
    """(where, login, what) for the README and the console."""
    rows = [("/admin/", "admin", "superusuario: todas las cooperativas")]
    for spec in COOPERATIVES:
        for label in STAFF_ROLES.values():
            rows.append(("/admin/", f"{spec['slug']}-{label}", f"{label} de {spec['name']}"))
    for spec in COOPERATIVES:
        cooperative = Cooperative.objects.get(slug=spec["slug"])
        associates = Associate.objects.filter(cooperative=cooperative, user__isnull=False).order_by(
            "joined_on"
        )
        for associate in associates:
            rows.append(
                (
                    f"/{spec['slug']}/",
                    associate.document_number,
                    f"asociado desde {associate.joined_on}",
                )
            )
    return rows
