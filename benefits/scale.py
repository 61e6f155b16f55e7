"""A realistic database at a cooperative network's full size, in minutes (`manage.py seed_scale`).

Associates with their families and accounts, portal users for a sample of
them, and five years of requests in every status with what the services would
have written along the way: the RequestEvent timeline, documents and the
invoices read from them (facts shaped like invoices.reader output, one CUFE
each), the rules' proposal and the staff's or committee's Decision, LedgerEntry
rows whose sums are FundBudget.committed and QuotaAccount.used, and the emails
of the outbox. It exists for the load and fault benchmarks (bench/, faults/).

Speed comes from PostgreSQL COPY (psycopg 3), one connection per table, all
streams open at once and committed together at the end; rows reference each
other by ids allocated here, so foreign-key triggers are switched off for
those sessions (session_replication_role = replica) and the generator keeps
every reference consistent itself. The catalog, funds, staff and parameters go
through the ordinary demo seeds and the ORM. Audit history (simple-history)
and the uploaded files themselves are not generated: a seeded document's file
does not exist on disk.
"""

import json
import random
import time
import uuid
from bisect import bisect
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Max

from benefits import rules
from benefits.demo import DEMO_PARAMETERS, benefits_demo_seed
from benefits.models import (
    Benefit,
    BenefitRequest,
    Decision,
    FilingSequence,
    Fund,
    FundBudget,
    LedgerEntry,
    QuotaAccount,
    RejectionReason,
    RequestEvent,
)
from benefits.parameters import parameters_for
from cooperatives.demo import COOPERATIVES, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES
from cooperatives.models import Cooperative, CooperativeParameter
from cooperatives.services import cooperative_upsert, minimum_wages_seed
from core.models import HolidayOverride
from invoices.models import Document, Invoice
from members.models import Associate, Beneficiary, SavingsAccount, StaffMembership, StaffRole, User
from notifications.models import Notification

LOAD_PASSWORD = "carga-auxilios-2026"  # noqa: S105  (load-test accounts only; refused in production)
DEFAULT_MIX = {"cemcop": 30, "san-simon": 25, "coprocenva": 30, "coacremat": 15}
YEARS = 5
SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "dian-samples"
TEMPLATE_SAMPLE = "inv_siigo_FE254_prod.xml"
BOGOTA = -5 * 3600  # UTC-5 all year (no daylight saving)
STAFF_LOGINS = {
    StaffRole.ANALYST: "analista",
    StaffRole.COMMITTEE: "comite",
    StaffRole.TREASURY: "tesoreria",
}
SUPPLIERS = [
    ("900123456", "IPS SALUD INTEGRAL S.A.S."),
    ("800234567", "DROGUERIA LA ECONOMIA"),
    ("901345678", "OPTICA VISION CLARA"),
    ("830456789", "CLINICA VETERINARIA PATITAS"),
    ("900567890", "LIGA DEPORTIVA DEL VALLE"),
    ("860678901", "AGENCIA DE VIAJES SOL Y MAR"),
    ("890789012", "LABORATORIO CLINICO CENTRAL"),
    ("901890123", "ODONTOLOGIA SONRISAS"),
]
# More names than the demo's, so a search by name finds a few people, as in a real roster.
MORE_LAST_NAMES = [
    "Acosta",
    "Aguirre",
    "Arango",
    "Arias",
    "Barrera",
    "Bedoya",
    "Benítez",
    "Bermúdez",
    "Betancur",
    "Bonilla",
    "Botero",
    "Buitrago",
    "Caicedo",
    "Calderón",
    "Camacho",
    "Cano",
    "Carmona",
    "Carvajal",
    "Castaño",
    "Castillo",
    "Cifuentes",
    "Correa",
    "Cortés",
    "Cruz",
    "Delgado",
    "Duque",
    "Escobar",
    "Estrada",
    "Franco",
    "Gallego",
    "Giraldo",
    "Guerrero",
    "Guzmán",
    "Henao",
    "Herrera",
    "Hoyos",
    "Jaramillo",
    "Londoño",
    "Lozano",
    "Marín",
    "Mejía",
    "Mendoza",
    "Molina",
    "Montoya",
    "Mora",
    "Murillo",
    "Navarro",
    "Nieto",
    "Orozco",
    "Osorio",
    "Pardo",
    "Parra",
    "Patiño",
    "Peña",
    "Pineda",
    "Posada",
    "Quiceno",
    "Restrepo",
    "Reyes",
    "Rincón",
    "Ríos",
    "Rivera",
    "Rodríguez",
    "Rojas",
    "Salazar",
    "Sánchez",
    "Sierra",
    "Suárez",
    "Tabares",
    "Toro",
    "Trujillo",
    "Urrego",
    "Valencia",
    "Vásquez",
    "Velásquez",
    "Vélez",
    "Villa",
    "Zapata",
    "Zuluaga",
]
MORE_FIRST_NAMES_F = [
    "María José",
    "Ana Lucía",
    "Gloria Inés",
    "Beatriz",
    "Natalia",
    "Juliana",
    "Adriana",
    "Carolina",
    "Liliana",
    "Marcela",
    "Sofía",
    "Valentina",
    "Mónica",
    "Patricia",
]
MORE_FIRST_NAMES_M = [
    "Juan Pablo",
    "José Luis",
    "Diego",
    "Camilo",
    "Sebastián",
    "Mauricio",
    "Fabio",
    "Alejandro",
    "Gustavo",
    "Ricardo",
    "Santiago",
    "Daniel",
    "Jaime",
    "William",
]
AGENCIES = ["Principal", "Agencia Norte", "Agencia Sur", "Agencia Centro", "Agencia Occidente"]
EMAIL_TEMPLATES = {
    "submitted": "request_submitted",
    "approved": "request_approved",
    "rejected": "request_rejected",
    "needs_documents": "request_needs_documents",
    "paid": "request_paid",
}
SILENT = {"draft", "in_review"}
STATUS_LABELS = {
    "draft": "Borrador",
    "submitted": "Radicada",
    "in_review": "En revisión",
    "needs_documents": "Documentos solicitados",
    "committee": "En comité",
    "approved": "Aprobada",
    "rejected": "Rechazada",
    "paid": "Pagada",
    "withdrawn": "Desistida",
}
COMMENTS = {
    "submitted": "Solicitud radicada.",
    "in_review": "Documentos leídos y reglas evaluadas: la solicitud pasa a revisión.",
    "needs_documents": "Adjunte la orden médica o la historia clínica.",
    "committee": "Enviada al órgano (por reglamento decide el órgano): monto superior al tope.",
    "approved": "Solicitud aprobada.",
    "paid": "Pagada en el lote de desembolso.",
    "withdrawn": "El asociado desistió de la solicitud.",
}


class ScaleError(Exception):
    """The scale seed cannot run here; the message says why."""


@dataclass
class ScaleReport:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    users: int = 0
    staff: list[str] = field(default_factory=list)

    def __str__(self):
        counts = ", ".join(
            f"{name} {count:,}".replace(",", ".") for name, count in self.rows.items()
        )
        return f"{counts} en {self.seconds:.0f} s"


# --- the COPY streams ----------------------------------------------------------------


class Stream:
    """One table's COPY on its own connection; columns the generator does not know get their model default.

    The back office may add NOT NULL columns to these tables: a constant taken
    from the model field's default fills them, so the seed keeps working.
    """

    def __init__(self, stack: ExitStack, model, columns: list[str], params: dict):
        import psycopg

        self.model, self.count = model, 0
        extra_columns, extra = [], []
        for model_field in model._meta.concrete_fields:
            if model_field.column in columns or model_field.null or model_field.primary_key:
                continue
            value = model_field.get_default()
            extra_columns.append(model_field.column)
            extra.append(json.dumps(value) if isinstance(value, dict | list) else value)
        self.extra = tuple(extra)
        self.connection = psycopg.connect(**params)
        stack.callback(self.connection.close)  # closing without a commit rolls back
        with self.connection.cursor() as cursor:
            try:
                # Rows reference ids handed out here, across streams that commit together:
                # foreign-key triggers (deferred to each commit) could not see the other streams.
                cursor.execute("SET session_replication_role = replica")
            except psycopg.errors.InsufficientPrivilege:
                raise ScaleError(
                    "seed_scale necesita un usuario superusuario de PostgreSQL (COPY sin "
                    "disparadores de llaves foráneas)."
                ) from None
            cursor.execute("SET synchronous_commit = off")
        names = ", ".join(f'"{c}"' for c in [*columns, *extra_columns])
        self._copying = ExitStack()
        cursor = self._copying.enter_context(self.connection.cursor())
        self.copy = self._copying.enter_context(
            cursor.copy(f'COPY "{model._meta.db_table}" ({names}) FROM STDIN')
        )

    def write(self, row: tuple) -> None:
        self.copy.write_row(row + self.extra if self.extra else row)
        self.count += 1

    def finish(self) -> None:
        self._copying.close()


def _connection_params() -> dict:
    params = dict(connection.get_connection_params())
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    return params


class Ids:
    """Primary keys handed out here (after the table's current maximum); sequences are moved past them at the end."""

    def __init__(self, model):
        self.model = model
        self.next = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


# --- time ------------------------------------------------------------------------------


class Clock:
    """Seconds since the start of the period (UTC), written as PostgreSQL timestamps."""

    def __init__(self, today: date):
        self.start_day = today - timedelta(days=YEARS * 365)
        self.start = datetime(
            self.start_day.year, self.start_day.month, self.start_day.day, tzinfo=UTC
        )
        self.now = int((datetime.now(UTC) - self.start).total_seconds())
        self.days = [
            (self.start_day + timedelta(days=n)).isoformat() for n in range(YEARS * 366 + 40)
        ]

    def text(self, seconds: int) -> str:
        day, rest = divmod(seconds, 86400)
        hours, rest = divmod(rest, 3600)
        return f"{self.days[day]} {hours:02d}:{rest // 60:02d}:{rest % 60:02d}+00"

    def local_day(self, seconds: int) -> int:
        return (seconds + BOGOTA) // 86400

    def local_date(self, seconds: int) -> date:
        return self.start_day + timedelta(days=self.local_day(seconds))


# --- what the generator knows about each cooperative -------------------------------------


@dataclass
class CoopPlan:
    cooperative: Cooperative
    share: float
    benefits: list  # (benefit, weight, reasons_json)
    cumulative: list
    budgets: dict  # (fund kind, year) → FundBudget
    reasons: dict
    staff: dict  # role → user id
    annual_quota: dict  # year → Decimal (CEMCOP group A)
    rule_set_ids: dict = field(default_factory=dict)

    def pick_benefit(self, rng):
        return self.benefits[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _benefit_weight(benefit: Benefit) -> float:
    # Invoice-backed health and similar auxilios are most of the traffic.
    return {"invoice": 6.0, "documents": 1.5, "none": 1.0}.get(benefit.evidence, 1.0)


def _sample_reasons(cooperative: Cooperative, benefit: Benefit, today: date) -> tuple[str, str]:
    """The rules' reasons for a typical associate (ten years, up to date), as the proposal's trace."""
    case = rules.Case(
        cooperative=cooperative.slug,
        benefit=benefit.code,
        requested_on=today,
        event_date=today,
        associate=rules.AssociateFacts(
            joined_on=today.replace(year=today.year - 10),
            data_updated_on=today,
            inducted=True,
            gender="F",
            married=True,
        ),
        amount_claimed=Decimal(500000),
        parameters=parameters_for(cooperative.slug),
        calendar=HolidayOverride.calendar(),
    )
    try:
        decision = rules.evaluate(case)
        return json.dumps(decision.to_json()["reasons"], ensure_ascii=False), decision.rule_set
    except rules.RuleError:
        return json.dumps(
            [
                {
                    "code": "rule_set",
                    "ok": True,
                    "article": benefit.article or "Reglamento",
                    "message": f"Reglamento de {cooperative.name}.",
                }
            ],
            ensure_ascii=False,
        ), ""


def _prepare_cooperatives(
    mix: dict[str, float], *, today: date, password_hash: str
) -> list[CoopPlan]:
    specs = {spec["slug"]: spec for spec in COOPERATIVES}
    unknown = set(mix) - set(specs)
    if unknown:
        raise ScaleError(f"Cooperativas desconocidas: {', '.join(sorted(unknown))}.")
    minimum_wages_seed()
    cooperatives = {slug: cooperative_upsert(**specs[slug])[0] for slug in mix}
    busy = [
        c.name for c in cooperatives.values() if Associate.objects.filter(cooperative=c).exists()
    ]
    if busy:
        raise ScaleError(
            f"{', '.join(busy)} ya tiene(n) asociados: seed_scale solo llena cooperativas vacías "
            "(use una base de datos nueva)."
        )
    benefits_demo_seed(today=today)
    years = range(today.year - YEARS, today.year + 1)
    plans = []
    total = sum(mix.values())
    for slug, share in mix.items():
        cooperative = cooperatives[slug]
        for key, value in DEMO_PARAMETERS.get(slug, {}).items():
            for year in years:
                CooperativeParameter.objects.get_or_create(
                    cooperative=cooperative,
                    key=key,
                    year=year,
                    defaults={"value": value, "note": "Carga"},
                )
        budgets = {}
        for fund in Fund.objects.filter(cooperative=cooperative):
            for year in years:
                budgets[(fund.kind, year)], _ = FundBudget.objects.get_or_create(
                    cooperative=cooperative, fund=fund, year=year, defaults={"budget": Decimal(0)}
                )
        benefits = []
        for benefit in Benefit.objects.for_cooperative(cooperative).active().order_by("pk"):
            reasons, _ = _sample_reasons(cooperative, benefit, today)
            benefits.append((benefit, _benefit_weight(benefit), reasons))
        staff = {}
        for role, label in STAFF_LOGINS.items():
            user, _ = User.objects.get_or_create(
                username=f"carga-{slug}-{label}",
                defaults={
                    "is_staff": True,
                    "password": password_hash,
                    "first_name": label.capitalize(),
                    "last_name": cooperative.name,
                    "email": f"{label}@{slug}.carga.example.co",
                },
            )
            StaffMembership.objects.get_or_create(user=user, cooperative=cooperative, role=role)
            staff[role] = user.pk
        parameters = parameters_for(slug)
        annual = {year: parameters.exact("annual_amount", year) for year in years}
        plans.append(
            CoopPlan(
                cooperative=cooperative,
                share=share / total,
                benefits=benefits,
                cumulative=list(accumulate(weight for _, weight, _ in benefits)),
                budgets=budgets,
                reasons={
                    r.code: r for r in RejectionReason.objects.filter(cooperative=cooperative)
                },
                staff=staff,
                annual_quota={y: v for y, v in annual.items() if v is not None},
            )
        )
    return plans


# --- the facts of a seeded invoice -----------------------------------------------------


def _facts_template() -> str:
    """A real reader output as a format string of the values each seeded invoice changes."""
    from invoices.reader import Limits, read_upload

    path = SAMPLES / TEMPLATE_SAMPLE
    if path.exists():
        facts = read_upload(
            path.read_bytes(), filename=TEMPLATE_SAMPLE, limits=Limits.from_settings()
        ).to_json()
    else:  # without the samples: the same shape, fewer fields
        facts = {
            "file": TEMPLATE_SAMPLE,
            "ok": True,
            "document": {
                "kind": "invoice",
                "type_code": "01",
                "uuid_scheme": "CUFE-SHA384",
                "environment": "production",
                "currency": "COP",
                "issuer": {"id_type": "31"},
                "buyer": {"id_type": "13"},
                "totals": {},
            },
            "signature": {"present": True, "valid": True},
            "checks": [],
        }
    sheet = facts["document"]
    sheet.update(uuid="@UUID@", number="@NUMBER@", issue_date="@DATE@", qr_code=None)
    sheet["issuer"].update(id="@ISSUER@", name="@ISSUERNAME@")
    sheet["buyer"].update(id="@BUYER@", name="@BUYERNAME@")
    sheet["totals"] = dict.fromkeys(
        ("line_extension", "tax_exclusive", "tax_inclusive", "payable"), "@TOTAL@"
    )
    text = json.dumps(facts, ensure_ascii=False).replace("{", "{{").replace("}", "}}")
    for token in ("UUID", "NUMBER", "DATE", "ISSUERNAME", "ISSUER", "BUYERNAME", "BUYER", "TOTAL"):
        text = text.replace(f"@{token}@", "{" + token.lower() + "}")
    return text


# --- the generator ----------------------------------------------------------------------


@dataclass(slots=True)
class Person:
    id: int
    plan: CoopPlan
    document_number: str
    first_names: str
    last_names: str
    email: str
    joined_day: int
    account_id: int
    beneficiaries: list
    user_id: int | None = None


class Generator:
    def __init__(
        self, *, associates: int, requests: int, users: int, mix: dict, today: date, seed: int, out
    ):
        self.n_associates, self.n_requests, self.n_users = associates, requests, users
        self.mix, self.today, self.rng, self.out = mix, today, random.Random(seed), out
        self.clock = Clock(today)
        self.calendar = HolidayOverride.calendar()
        self.due_memo: dict = {}
        self.fund_sums: dict = defaultdict(int)
        self.quota: dict = {}  # (associate id, year) → [quota id, used]
        self.filing: dict = defaultdict(int)
        self.cufe = 0

    # -- plumbing
    def _open(self, stack: ExitStack) -> dict[str, Stream]:
        params = _connection_params()
        layout = {
            "associate": (
                Associate,
                [
                    "id",
                    "public_id",
                    "cooperative_id",
                    "document_number",
                    "first_names",
                    "last_names",
                    "email",
                    "phone",
                    "birth_date",
                    "gender",
                    "joined_on",
                    "status",
                    "arrears_days",
                    "data_updated_on",
                    "inducted",
                    "pensioner",
                    "married",
                    "roles",
                    "agency",
                    "updated_at",
                ],
            ),
            "beneficiary": (
                Beneficiary,
                [
                    "id",
                    "public_id",
                    "cooperative_id",
                    "associate_id",
                    "relationship",
                    "document_type",
                    "document_number",
                    "first_names",
                    "last_names",
                    "birth_date",
                    "gender",
                    "disabled",
                    "studying",
                    "registered_on",
                    "status",
                    "support_document",
                    "review_note",
                ],
            ),
            "account": (
                SavingsAccount,
                ["id", "public_id", "cooperative_id", "associate_id", "number", "kind", "active"],
            ),
            "user": (
                User,
                [
                    "id",
                    "password",
                    "is_superuser",
                    "public_id",
                    "username",
                    "email",
                    "first_name",
                    "last_name",
                    "is_staff",
                    "is_active",
                    "date_joined",
                    "associate_id",
                ],
            ),
            "request": (
                BenefitRequest,
                [
                    "id",
                    "public_id",
                    "cooperative_id",
                    "associate_id",
                    "benefit_id",
                    "beneficiary_id",
                    "savings_account_id",
                    "filing_number",
                    "status",
                    "event_date",
                    "amount_claimed",
                    "details",
                    "amount_proposed",
                    "amount_approved",
                    "approver",
                    "has_warnings",
                    "is_exception",
                    "rejection_reason_id",
                    "rejection_fixable",
                    "no_resources",
                    "referral",
                    "decision_comment",
                    "created_at",
                    "submitted_at",
                    "due_on",
                    "decided_at",
                    "paid_at",
                    "updated_at",
                ],
            ),
            "event": (
                RequestEvent,
                ["id", "request_id", "from_status", "to_status", "at", "actor_id", "comment"],
            ),
            "decision": (
                Decision,
                [
                    "id",
                    "request_id",
                    "kind",
                    "eligible",
                    "amount",
                    "approver",
                    "rule_set",
                    "reasons",
                    "quota",
                    "decided_by_id",
                    "comment",
                    "rejection_reason_id",
                    "fixable",
                    "no_resources",
                    "event_id",
                    "created_at",
                ],
            ),
            "ledger": (
                LedgerEntry,
                [
                    "id",
                    "cooperative_id",
                    "request_id",
                    "fund_budget_id",
                    "quota_account_id",
                    "kind",
                    "amount",
                    "created_at",
                    "created_by_id",
                ],
            ),
            "document": (
                Document,
                [
                    "id",
                    "public_id",
                    "cooperative_id",
                    "request_id",
                    "kind",
                    "category",
                    "file",
                    "original_name",
                    "size",
                    "sha256",
                    "uploaded_by_id",
                    "uploaded_at",
                    "status",
                    "attempts",
                    "processed_at",
                    "error_code",
                    "error_message",
                    "facts",
                    "warnings",
                ],
            ),
            "invoice": (
                Invoice,
                [
                    "id",
                    "cooperative_id",
                    "document_id",
                    "request_id",
                    "uuid",
                    "uuid_scheme",
                    "kind",
                    "type_code",
                    "number",
                    "issue_date",
                    "environment",
                    "issuer_id",
                    "issuer_name",
                    "buyer_id",
                    "buyer_id_type",
                    "buyer_name",
                    "currency",
                    "payable",
                    "signature_valid",
                    "dian_validated",
                    "billing_reference",
                ],
            ),
            "notification": (
                Notification,
                [
                    "id",
                    "public_id",
                    "cooperative_id",
                    "key",
                    "template",
                    "to",
                    "context",
                    "subject",
                    "status",
                    "attempts",
                    "last_error",
                    "created_at",
                    "sent_at",
                ],
            ),
        }
        self.ids = {name: Ids(model) for name, (model, _) in layout.items()}
        self.ids["quota"] = Ids(QuotaAccount)
        return {
            name: Stream(stack, model, columns, params) for name, (model, columns) in layout.items()
        }

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- people
    def people(self, plans: list[CoopPlan], streams, password_hash: str) -> list[Person]:
        rng, clock, now = self.rng, self.clock, self.clock.text(self.clock.now)
        last_names = [*LAST_NAMES, *MORE_LAST_NAMES]
        women, men = [*FIRST_NAMES_F, *MORE_FIRST_NAMES_F], [*FIRST_NAMES_M, *MORE_FIRST_NAMES_M]
        people = []
        counts = [round(self.n_associates * plan.share) for plan in plans]
        counts[0] += self.n_associates - sum(counts)
        user_quota = [round(self.n_users * plan.share) for plan in plans]
        user_quota[0] += self.n_users - sum(user_quota)
        for coop_index, (plan, count) in enumerate(zip(plans, counts, strict=True)):
            coop = plan.cooperative
            for local in range(count):
                female = rng.random() < 0.55
                first = rng.choice(women if female else men)
                last = f"{rng.choice(last_names)} {rng.choice(last_names)}"
                document_number = str(1_000_000_000 + coop_index * 100_000_000 + local)
                # Seniority from three weeks to thirty years, more of the recent ones.
                joined = self.today - timedelta(days=20 + int(rng.random() ** 1.3 * 30 * 365))
                has_user = local < user_quota[coop_index]
                # Portal users: active, up to date, with an email; the others as a roster is.
                email = (
                    f"asociado{document_number}@carga.example.co"
                    if has_user or rng.random() < 0.8
                    else ""
                )
                status = (
                    "active"
                    if has_user or rng.random() < 0.92
                    else rng.choice(["suspended", "retired"])
                )
                married = rng.random() < 0.6
                associate_id = self.ids["associate"].take()
                streams["associate"].write(
                    (
                        associate_id,
                        self._uuid(),
                        coop.pk,
                        document_number,
                        first,
                        last,
                        email,
                        f"3{rng.randrange(100_000_000, 199_999_999)}",
                        joined - timedelta(days=rng.randrange(8000, 18000)),
                        "F" if female else "M",
                        joined,
                        status,
                        0 if has_user or rng.random() < 0.95 else 45,
                        clock.local_date(clock.now) - timedelta(days=rng.randrange(10, 700)),
                        rng.random() < 0.95,
                        rng.random() < 0.1,
                        married,
                        "[]",
                        rng.choice(AGENCIES),
                        now,
                    )
                )
                family = []
                if married:
                    family.append(("spouse", "13", "Cónyuge", 40 * 365))
                for child in range(rng.choice((0, 0, 1, 1, 2, 2, 3))):
                    family.append(("child", "12", f"Hijo {child + 1}", rng.randrange(1, 24) * 365))
                if rng.random() < 0.15:
                    family.append(("parent", "13", "Madre", 70 * 365))
                if coop.slug == "cemcop" and rng.random() < 0.08:
                    family.append(("pet", "", "Mascota", 5 * 365))
                beneficiary_ids = []
                for position, (relationship, doc_type, name, age_days) in enumerate(family):
                    beneficiary_id = self.ids["beneficiary"].take()
                    beneficiary_ids.append(beneficiary_id)
                    streams["beneficiary"].write(
                        (
                            beneficiary_id,
                            self._uuid(),
                            coop.pk,
                            associate_id,
                            relationship,
                            doc_type,
                            ""
                            if relationship == "pet"
                            else f"{document_number}{position:02d}"[-12:],
                            name,
                            last,
                            self.today - timedelta(days=age_days),
                            "",
                            False,
                            relationship == "child" and rng.random() < 0.3,
                            joined,
                            "approved",
                            "",
                            "",
                        )
                    )
                account_id = self.ids["account"].take()
                streams["account"].write(
                    (
                        account_id,
                        self._uuid(),
                        coop.pk,
                        associate_id,
                        f"{coop.filing_prefix}{document_number}01",
                        "Ahorro a la vista",
                        True,
                    )
                )
                if rng.random() < 0.2:
                    streams["account"].write(
                        (
                            self.ids["account"].take(),
                            self._uuid(),
                            coop.pk,
                            associate_id,
                            f"{coop.filing_prefix}{document_number}02",
                            "Ahorro programado",
                            True,
                        )
                    )
                person = Person(
                    associate_id,
                    plan,
                    document_number,
                    first,
                    last,
                    email,
                    (joined - clock.start_day).days,
                    account_id,
                    beneficiary_ids,
                )
                if has_user:
                    person.user_id = self.ids["user"].take()
                    streams["user"].write(
                        (
                            person.user_id,
                            password_hash,
                            False,
                            self._uuid(),
                            f"{coop.slug}:{document_number}",
                            email,
                            first,
                            last,
                            False,
                            True,
                            now,
                            associate_id,
                        )
                    )
                people.append(person)
        return people

    # -- requests
    def _due_on(self, plan: CoopPlan, submitted: int) -> date:
        key = (self.clock.local_day(submitted), plan.cooperative.review_business_days)
        if key not in self.due_memo:
            self.due_memo[key] = self.calendar.add_business_days(
                self.clock.local_date(submitted), key[1]
            )
        return self.due_memo[key]

    def _path(self) -> list[str]:
        """The statuses a request goes through; time cuts it short for the recent ones."""
        r = self.rng.random()
        if r < 0.04:
            return ["draft"]  # abandoned draft
        if r < 0.06:
            return ["draft", "withdrawn"]
        if r < 0.62:
            return ["draft", "submitted", "in_review", "approved", "paid"]
        if r < 0.70:
            return ["draft", "submitted", "in_review", "committee", "approved", "paid"]
        if r < 0.84:
            return ["draft", "submitted", "in_review", "rejected"]
        if r < 0.87:
            return ["draft", "submitted", "in_review", "committee", "rejected"]
        if r < 0.88:
            return [
                "draft",
                "submitted",
                "in_review",
                "approved",
                "rejected",
            ]  # revoked before payment
        if r < 0.96:
            return [
                "draft",
                "submitted",
                "in_review",
                "needs_documents",
                "submitted",
                "in_review",
                "approved",
                "paid",
            ]
        return ["draft", "submitted", "in_review", "needs_documents", "withdrawn"]

    def _step(self, to_status: str) -> int:
        rng = self.rng
        return {
            "submitted": rng.randrange(300, 3 * 86400),
            "in_review": rng.randrange(5, 240),
            "approved": rng.randrange(3600, 12 * 86400),
            "rejected": rng.randrange(3600, 12 * 86400),
            "committee": rng.randrange(3600, 6 * 86400),
            "needs_documents": rng.randrange(3600, 6 * 86400),
            "paid": rng.randrange(2 * 86400, 20 * 86400),
            "withdrawn": rng.randrange(86400, 30 * 86400),
        }[to_status]

    def requests(self, people: list[Person], streams, facts_template: str) -> None:
        rng, clock = self.rng, self.clock
        span = YEARS * 365 * 86400
        with_users = [p for p in people if p.user_id is not None]
        started = time.monotonic()
        for index in range(self.n_requests):
            # Every portal user gets a few requests of their own; the rest spread over the roster.
            person = (
                with_users[index % len(with_users)]
                if index < 4 * len(with_users)
                else rng.choice(people)
            )
            # More requests lately than five years ago (the network grows).
            created = int(span * (1 - rng.random() ** 1.6)) + rng.randrange(0, 3600)
            created = min(
                max(created, person.joined_day * 86400 + 86400),
                clock.now - rng.randrange(600, 7200),
            )
            self._request(person, created, self._path(), streams, facts_template)
            if index and index % 100_000 == 0:
                rate = index / (time.monotonic() - started)
                self.out(f"  {index:,} solicitudes ({rate:,.0f}/s)".replace(",", "."))

    def _request(
        self, person: Person, created: int, path: list[str], streams, facts_template
    ) -> None:
        rng, clock, plan = self.rng, self.clock, person.plan
        coop = plan.cooperative
        benefit, _, reasons_json = plan.pick_benefit(rng)
        request_id = self.ids["request"].take()
        invoice_backed = benefit.evidence == "invoice"
        event_day = clock.local_date(created) - timedelta(days=rng.randrange(0, 20))
        claimed = rng.randrange(40, 3000) * 1000
        if invoice_backed:
            proposed = min(int(claimed * 0.7) // 1000 * 1000, 1_500_000)
        else:
            proposed = rng.randrange(10, 120) * 10_000
        # CEMCOP Art. 7: group A auxilios share the associate's annual amount.
        quota_year, quota_json = event_day.year, None
        annual = plan.annual_quota.get(quota_year) if benefit.quota_group else None
        if annual is not None:
            used = self.quota.get((person.id, quota_year), (None, 0))[1]
            available = max(int(annual) - used, 0)
            quota_json = json.dumps(
                {"annual": str(int(annual)), "used": str(used), "available": str(available)}
            )
            proposed = min(proposed, available)
        eligible = proposed > 0
        if not eligible and "approved" in path:
            path = ["draft", "submitted", "in_review", "rejected"]
        approver = "committee" if "committee" in path else "staff"
        # The timeline, cut where "now" is: recent requests are still open.
        moments, at = [("draft", created)], created
        for status in path[1:]:
            at += self._step(status)
            if at >= clock.now:
                break
            moments.append((status, at))
        status = moments[-1][0]
        reviewed = any(s == "in_review" for s, _ in moments)
        submitted = next((t for s, t in moments if s == "submitted"), None)
        filing_number = None
        if submitted is not None:
            year = clock.local_date(submitted).year
            self.filing[(coop.pk, year)] += 1
            filing_number = f"{coop.filing_prefix}-{year}-{self.filing[(coop.pk, year)]:06d}"
        # Documents: the associate uploads them while preparing the draft.
        has_warnings, documents = False, 0
        if benefit.evidence != "none" and (status != "draft" or rng.random() < 0.5):
            documents = 2 if rng.random() < 0.1 else 1
        for n in range(documents):
            uploaded = created + rng.randrange(30, 600) + n * 60
            if invoice_backed:
                has_warnings |= self._invoice(
                    person,
                    coop,
                    request_id,
                    uploaded,
                    event_day,
                    claimed // documents,
                    streams,
                    facts_template,
                    benefit,
                )
            else:
                streams["document"].write(
                    (
                        self.ids["document"].take(),
                        self._uuid(),
                        coop.pk,
                        request_id,
                        "support",
                        "",
                        f"{coop.slug}/{clock.days[uploaded // 86400][:7].replace('-', '/')}/{self._uuid()}",
                        "soporte.pdf",
                        rng.randrange(40_000, 900_000),
                        f"{rng.getrandbits(256):064x}",
                        person.user_id,
                        clock.text(uploaded),
                        "read",
                        0,
                        clock.text(uploaded),
                        "",
                        "",
                        '{"content_type": "application/pdf"}',
                        "[]",
                    )
                )
        # Each step: its event, the decision it records, the ledger it moves, the email it sends.
        reason, decided, paid, approved_amount, charges = None, None, None, None, []
        previous = "draft"
        for status_here, at in moments[1:]:
            event_id = self.ids["event"].take()
            actor = None
            if status_here in ("submitted", "withdrawn"):
                actor = person.user_id
            elif status_here != "in_review":
                role = StaffRole.ANALYST
                if status_here == "paid":
                    role = StaffRole.TREASURY
                elif previous == "committee":
                    role = StaffRole.COMMITTEE
                actor = plan.staff[role]
            comment = COMMENTS.get(status_here, "")
            if status_here == "rejected":
                reason = self._reason(plan, previous)
                comment = reason.text
            streams["event"].write(
                (event_id, request_id, previous, status_here, clock.text(at), actor, comment)
            )
            if status_here == "in_review":
                streams["decision"].write(
                    (
                        self.ids["decision"].take(),
                        request_id,
                        "proposal",
                        eligible,
                        proposed,
                        approver,
                        plan.rule_set_ids.get(benefit.pk, ""),
                        reasons_json,
                        quota_json,
                        None,
                        "",
                        None,
                        None,
                        False,
                        event_id,
                        clock.text(at),
                    )
                )
            elif status_here in ("approved", "rejected"):
                approving = status_here == "approved"
                fixable = None if approving else (reason.fixable and previous != "approved")
                streams["decision"].write(
                    (
                        self.ids["decision"].take(),
                        request_id,
                        "committee" if previous == "committee" else "staff",
                        approving,
                        proposed if approving else 0,
                        approver,
                        "",
                        "[]",
                        None,
                        actor,
                        "" if approving else comment,
                        None if approving else reason.pk,
                        fixable,
                        bool(reason and not approving and reason.code == "sin_recursos"),
                        event_id,
                        clock.text(at),
                    )
                )
                decided = at
                if approving:
                    approved_amount = proposed
                    charges = self._charge(
                        person, plan, benefit, request_id, proposed, at, quota_year, actor, streams
                    )
                elif previous == "approved":  # revoked before payment: compensating entries
                    self._reverse(charges, plan, request_id, at, actor, streams)
                    approved_amount = None
            elif status_here == "paid":
                paid = at
            if status_here not in SILENT and person.email:
                self._email(
                    person,
                    coop,
                    benefit,
                    event_id,
                    status_here,
                    at,
                    filing_number,
                    proposed,
                    approved_amount,
                    reason,
                    comment,
                    streams,
                )
            previous = status_here
        rejected = status == "rejected"
        streams["request"].write(
            (
                request_id,
                self._uuid(),
                coop.pk,
                person.id,
                benefit.pk,
                rng.choice(person.beneficiaries)
                if person.beneficiaries and rng.random() < 0.3
                else None,
                person.account_id if status != "draft" or rng.random() < 0.5 else None,
                filing_number,
                status,
                event_day if submitted is not None or not invoice_backed else None,
                None if invoice_backed else claimed,
                "{}",
                proposed if reviewed else None,
                approved_amount,
                approver if reviewed else "",
                has_warnings,
                False,
                reason.pk if rejected else None,
                bool(rejected and reason.fixable and moments[-2][0] != "approved"),
                bool(rejected and reason.code == "sin_recursos"),
                "rules" if "committee" in path[: len(moments)] else "",
                "",
                clock.text(created),
                clock.text(submitted) if submitted is not None else None,
                self._due_on(plan, submitted) if submitted is not None else None,
                clock.text(decided) if decided is not None else None,
                clock.text(paid) if paid is not None else None,
                clock.text(moments[-1][1]),
            )
        )

    def _reason(self, plan: CoopPlan, previous: str):
        codes = [
            "factura_a_nombre_de_otro",
            "documento_faltante",
            "fuera_de_plazo",
            "no_cumple_antiguedad",
            "mora",
            "sin_cupo",
            "factura_usada",
            "factura_ilegible",
        ]
        if previous == "approved":
            codes = ["documento_faltante", "factura_usada"]
        return plan.reasons.get(self.rng.choice(codes)) or next(iter(plan.reasons.values()))

    def _invoice(
        self, person, coop, request_id, uploaded, event_day, total, streams, template, benefit
    ) -> bool:
        rng, clock = self.rng, self.clock
        document_id = self.ids["document"].take()
        self.cufe += 1
        cufe = f"{(coop.pk * 10**15 + self.cufe) * 0x9E3779B97F4A7C15 % (1 << 384):096x}"
        issuer = SUPPLIERS[rng.randrange(len(SUPPLIERS))]
        name = f"{person.first_names} {person.last_names}".upper()
        number = f"FE{self.cufe}"
        status = "read" if rng.random() < 0.97 else "rejected"
        warnings, has_warnings = "[]", False
        if status == "read" and rng.random() < 0.04:
            has_warnings = True
            warnings = json.dumps(
                [
                    {
                        "code": "supplier_mismatch",
                        "message": "El proveedor no parece ser del tipo que cubre este auxilio.",
                        "staff_message": f"{issuer[1]} no figura como proveedor de {benefit.supplier_kind or 'este tipo'}.",
                        "associate": True,
                        "blocking": False,
                    }
                ],
                ensure_ascii=False,
            )
        facts = None
        if status == "read":
            facts = template.format(
                uuid=cufe,
                number=number,
                date=event_day.isoformat(),
                issuer=issuer[0],
                issuername=issuer[1],
                buyer=person.document_number,
                buyername=name,
                total=f"{total}.00",
            )
        month = clock.days[uploaded // 86400][:7].replace("-", "/")
        streams["document"].write(
            (
                document_id,
                self._uuid(),
                coop.pk,
                request_id,
                "einvoice",
                benefit.supplier_kind or "other",
                f"{coop.slug}/{month}/{self._uuid()}",
                f"{number}.zip",
                rng.randrange(8_000, 90_000),
                f"{rng.getrandbits(256):064x}",
                person.user_id,
                clock.text(uploaded),
                status,
                1,
                clock.text(uploaded + rng.randrange(1, 4)),
                "" if facts else "not_an_einvoice",
                "" if facts else "El archivo no contiene una factura electrónica de la DIAN.",
                facts,
                warnings,
            )
        )
        if facts:
            streams["invoice"].write(
                (
                    self.ids["invoice"].take(),
                    coop.pk,
                    document_id,
                    request_id,
                    cufe,
                    "CUFE-SHA384",
                    "invoice",
                    "01",
                    number,
                    event_day,
                    "production",
                    issuer[0],
                    issuer[1],
                    person.document_number,
                    "13",
                    name,
                    "COP",
                    total,
                    rng.random() < 0.93,
                    rng.random() < 0.6,
                    "",
                )
            )
        return has_warnings

    def _charge(
        self, person, plan, benefit, request_id, amount, at, quota_year, actor, streams
    ) -> list:
        year = self.clock.local_date(at).year
        budget = plan.budgets.get((benefit.fund_kind, year))
        charges = []
        if budget is not None:
            self._ledger(streams, plan, request_id, budget.pk, None, "charge", amount, at, actor)
            self.fund_sums[budget.pk] += amount
            charges.append(("fund", budget.pk, amount))
        if benefit.quota_group and quota_year in plan.annual_quota:
            key = (person.id, quota_year)
            if key not in self.quota:
                self.quota[key] = [
                    self.ids["quota"].take(),
                    0,
                    plan.cooperative.pk,
                    benefit.quota_group,
                ]
            self.quota[key][1] += amount
            self._ledger(
                streams, plan, request_id, None, self.quota[key][0], "charge", amount, at, actor
            )
            charges.append(("quota", key, amount))
        return charges

    def _ledger(self, streams, plan, request_id, budget_id, quota_id, kind, amount, at, actor):
        """One LedgerEntry row: on a fund budget or on a quota account."""
        streams["ledger"].write(
            (
                self.ids["ledger"].take(),
                plan.cooperative.pk,
                request_id,
                budget_id,
                quota_id,
                kind,
                amount,
                self.clock.text(at),
                actor,
            )
        )

    def _reverse(self, charges, plan, request_id, at, actor, streams) -> None:
        for what, key, amount in charges:
            if what == "fund":
                self._ledger(streams, plan, request_id, key, None, "reversal", -amount, at, actor)
                self.fund_sums[key] -= amount
            else:
                self._ledger(
                    streams,
                    plan,
                    request_id,
                    None,
                    self.quota[key][0],
                    "reversal",
                    -amount,
                    at,
                    actor,
                )
                self.quota[key][1] -= amount

    def _email(
        self,
        person,
        coop,
        benefit,
        event_id,
        status,
        at,
        filing_number,
        proposed,
        approved,
        reason,
        comment,
        streams,
    ) -> None:
        template = EMAIL_TEMPLATES.get(status, "request_status")
        context = {
            "associate_name": person.first_names,
            "filing_number": filing_number or "",
            "benefit": benefit.name,
            "status": STATUS_LABELS[status],
            "amount_proposed": f"$ {proposed:,}".replace(",", "."),
            "amount_approved": f"$ {approved:,}".replace(",", ".") if approved else "",
            "comment": comment,
            "reason": reason.text if status == "rejected" and reason else "",
            "event_id": event_id,
            "review_days": coop.review_business_days,
        }
        failed = self.rng.random() < 0.003
        streams["notification"].write(
            (
                self.ids["notification"].take(),
                self._uuid(),
                coop.pk,
                f"request-event:{event_id}",
                template,
                person.email,
                json.dumps(context, ensure_ascii=False),
                f"{coop.name}: tu solicitud {filing_number or ''} está {STATUS_LABELS[status].lower()}",
                "failed" if failed else "sent",
                12 if failed else 1,
                "SMTPRecipientsRefused: buzón inexistente" if failed else "",
                self.clock.text(at),
                None if failed else self.clock.text(at + self.rng.randrange(1, 30)),
            )
        )


# --- the whole seed -----------------------------------------------------------------------


def _finish(generator: Generator, plans: list[CoopPlan], streams: dict[str, Stream]) -> None:
    """Quota accounts, budgets and filing sequences from what was generated; sequences past the ids."""
    with transaction.atomic():
        QuotaAccount.objects.bulk_create(
            [
                QuotaAccount(
                    id=quota_id,
                    cooperative_id=coop_id,
                    associate_id=associate_id,
                    group=group,
                    year=year,
                    used=used,
                )
                for (associate_id, year), (
                    quota_id,
                    used,
                    coop_id,
                    group,
                ) in generator.quota.items()
            ],
            batch_size=5000,
        )
        for plan in plans:
            for budget in plan.budgets.values():
                committed = generator.fund_sums.get(budget.pk, 0)
                # Each year's budget: the demo budget, or what was spent with a margin.
                budget_amount = max(
                    int(budget.budget), int(committed * 1.25) // 1_000_000 * 1_000_000 + 1_000_000
                )
                FundBudget.objects.filter(pk=budget.pk).update(
                    budget=budget_amount, committed=committed
                )
        for (coop_id, year), last in generator.filing.items():
            FilingSequence.objects.update_or_create(
                cooperative_id=coop_id, year=year, defaults={"last": last}
            )
        with connection.cursor() as cursor:
            for model in {*(s.model for s in streams.values()), QuotaAccount}:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608  (our table names)
                    f'GREATEST((SELECT COALESCE(MAX(id), 0) FROM "{table}"), 1))'
                )


def scale_seed(
    *,
    associates: int,
    requests: int,
    users: int = 2000,
    mix: dict | None = None,
    today: date | None = None,
    seed: int = 2026,
    out=print,
) -> ScaleReport:
    """Fills empty cooperatives with `associates` associates and `requests` requests over five years."""
    from django.utils import timezone

    if settings.PRODUCTION:
        raise ScaleError(
            "seed_scale crea datos ficticios y usuarios con una contraseña conocida: no en producción."
        )
    if connection.vendor != "postgresql":
        raise ScaleError("seed_scale usa COPY de PostgreSQL: apunte DATABASE_URL a PostgreSQL.")
    if associates < 1 or requests < 0 or users > associates:
        raise ScaleError("Se necesita al menos un asociado, y no más usuarios que asociados.")
    started = time.monotonic()
    today = today or timezone.localdate()
    password_hash = make_password(LOAD_PASSWORD)  # one Argon2 hash for every load-test account
    mix = mix or DEFAULT_MIX
    plans = _prepare_cooperatives(mix, today=today, password_hash=password_hash)
    for plan in plans:
        for benefit, _, _ in plan.benefits:
            plan.rule_set_ids[benefit.pk] = _sample_reasons(plan.cooperative, benefit, today)[1]
    generator = Generator(
        associates=associates,
        requests=requests,
        users=max(users, 1),
        mix=mix,
        today=today,
        seed=seed,
        out=out,
    )
    template = _facts_template()
    with ExitStack() as stack:
        streams = generator._open(stack)
        out(f"Asociados, familias, cuentas y {users} usuarios del portal…")
        people = generator.people(plans, streams, password_hash)
        out(f"{requests:,} solicitudes con su historia…".replace(",", "."))
        generator.requests(people, streams, template)
        out("Terminando las copias (COPY) y confirmando…")
        for stream in streams.values():
            stream.finish()
        for stream in streams.values():
            stream.connection.commit()
    _finish(generator, plans, streams)
    report = ScaleReport(
        users=users,
        staff=[
            f"carga-{p.cooperative.slug}-{label}" for p in plans for label in STAFF_LOGINS.values()
        ],
    )
    report.rows = {name: stream.count for name, stream in streams.items()}
    report.rows["quota_accounts"] = len(generator.quota)
    report.seconds = time.monotonic() - started
    return report
