import uuid

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from benefits.querysets import BenefitQuerySet, BenefitRequestQuerySet
from benefits.states import BODIES, ON_THE_COOPERATIVE, Status
from cooperatives.models import Cooperative
from cooperatives.querysets import TenantQuerySet
from core.history import AuditedHistory
from members.models import Associate, Beneficiary, SavingsAccount, User


class FundKind(models.TextChoices):
    WELFARE = "welfare", "Fondo de bienestar social"
    SOLIDARITY = "solidarity", "Fondo de solidaridad"
    MUTUAL = "mutual", "Fondo mutual"
    SOCIAL = "social", "Fondo social"


class Approver(models.TextChoices):
    STAFF = "staff", "Gerencia / funcionario"
    COMMITTEE = "committee", "Comité"
    COUNCIL = "council", "Consejo de Administración"


class Evidence(models.TextChoices):
    INVOICE = "invoice", "Facturas electrónicas"
    DOCUMENTS = "documents", "Documentos de soporte"
    NONE = "none", "Sin soportes"


class Benefit(models.Model):
    """A benefit a cooperative offers, as its rule set declares it (one row per code).

    The rows are written from the rule sets by `seed_demo`/`sync_catalog`; the
    rules themselves live in benefits/rules/.
    """

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    code = models.SlugField("código", max_length=40)
    name = models.CharField("nombre", max_length=120)
    fund_kind = models.CharField("fondo", max_length=12, choices=FundKind.choices)
    quota_group = models.CharField(
        "cupo",
        max_length=20,
        blank=True,
        help_text="Se descuenta del monto único anual (CEMCOP grupo A).",
    )
    evidence = models.CharField("soportes", max_length=10, choices=Evidence.choices)
    supplier_kind = models.CharField("tipo de proveedor esperado", max_length=20, blank=True)
    article = models.CharField("artículo", max_length=60, blank=True)
    description = models.TextField("descripción", blank=True)
    active = models.BooleanField("disponible", default=True)
    sort_order = models.PositiveSmallIntegerField("orden", default=0)

    objects = BenefitQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "auxilio del catálogo"
        verbose_name_plural = "catálogo de auxilios"
        ordering = ["cooperative", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "code"], name="one_benefit_per_code")
        ]

    def __str__(self):
        return self.name


class WhenExhausted(models.TextChoices):
    """What an approval does when the fund cannot pay it (the reglamentos differ)."""

    HOLD = "hold", "Detener la aprobación hasta que haya recursos"
    DENY = "deny", "Negar por falta de recursos, sin lugar a nueva solicitud"
    FALLBACK = "fallback", "Otro fondo asume lo que este no alcanza a cubrir"


class Fund(models.Model):
    """A cooperative's fund of one kind, and what happens when it runs out.

    The policy is data the council sets, per fund: CEMCOP Art. 8 denies for lack
    of resources with no second chance; COPROCENVA Art. 6 has the Fondo Social
    take over what the mutual fund cannot cover; the others stop and wait for
    the council to assign resources.
    """

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    kind = models.CharField("tipo", max_length=12, choices=FundKind.choices)
    name = models.CharField("nombre", max_length=120)
    when_exhausted = models.CharField(
        "si no alcanzan los recursos",
        max_length=10,
        choices=WhenExhausted.choices,
        default=WhenExhausted.HOLD,
    )
    fallback = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="covers",
        verbose_name="fondo que asume el faltante",
    )
    exhaustion_article = models.CharField(
        "artículo que lo dispone",
        max_length=80,
        blank=True,
        help_text="Por ejemplo «Art. 8» o «Art. 6».",
    )

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "fondo"
        verbose_name_plural = "fondos"
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "kind"], name="one_fund_per_kind"),
            models.CheckConstraint(
                condition=~Q(when_exhausted="fallback") | Q(fallback__isnull=False),
                name="fallback_policy_names_a_fund",
            ),
            models.CheckConstraint(
                condition=~Q(fallback=F("pk")), name="fund_is_not_its_own_fallback"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.cooperative})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.when_exhausted == WhenExhausted.FALLBACK and self.fallback_id is None:
            raise ValidationError({"fallback": "Indique qué fondo asume el faltante."})
        if self.fallback_id is not None:
            if self.fallback.cooperative_id != self.cooperative_id:
                raise ValidationError(
                    {"fallback": "El fondo que asume debe ser de la misma cooperativa."}
                )
            seen, current = {self.pk}, self.fallback
            while current is not None:  # a chain of funds, never a loop
                if current.pk in seen:
                    raise ValidationError(
                        {"fallback": "Esa cadena de fondos vuelve a este mismo fondo."}
                    )
                seen.add(current.pk)
                current = current.fallback


class FundBudget(models.Model):
    """A fund's money for one year and what approvals have committed of it.

    `committed` only moves through LedgerEntry rows (benefits.services), under a
    row lock; the CHECK constraints are the last net against overspending.
    """

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="budgets", verbose_name="fondo"
    )
    year = models.PositiveSmallIntegerField("año")
    budget = models.DecimalField("presupuesto", max_digits=14, decimal_places=0)
    committed = models.DecimalField("comprometido", max_digits=14, decimal_places=0, default=0)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "presupuesto anual de fondo"
        verbose_name_plural = "presupuestos anuales de fondos"
        ordering = ["fund", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="one_budget_per_fund_year"),
            models.CheckConstraint(condition=Q(committed__gte=0), name="committed_not_negative"),
            models.CheckConstraint(
                condition=Q(committed__lte=F("budget")), name="committed_within_budget"
            ),
        ]

    def __str__(self):
        return f"{self.fund.name} {self.year}"

    @property
    def available(self):
        return self.budget - self.committed


class QuotaAccount(models.Model):
    """What an associate has used of a yearly quota (CEMCOP Art. 7, monto único anual)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT)
    associate = models.ForeignKey(
        Associate, on_delete=models.CASCADE, related_name="quota_accounts"
    )
    group = models.CharField("cupo", max_length=20)
    year = models.PositiveSmallIntegerField("año")
    used = models.DecimalField("usado", max_digits=14, decimal_places=0, default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "cupo anual de asociado"
        verbose_name_plural = "cupos anuales de asociados"
        constraints = [
            models.UniqueConstraint(
                fields=["associate", "group", "year"], name="one_quota_per_year"
            ),
            models.CheckConstraint(condition=Q(used__gte=0), name="quota_used_not_negative"),
        ]

    def __str__(self):
        return f"Cupo {self.group} {self.year} — {self.associate}"


class RejectionReason(models.Model):
    """A cooperative's list of reasons staff choose from when they reject."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    code = models.SlugField("código", max_length=40)
    text = models.CharField("motivo", max_length=300)
    fixable = models.BooleanField("subsanable", default=True)
    active = models.BooleanField("vigente", default=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "motivo de rechazo"
        verbose_name_plural = "motivos de rechazo"
        ordering = ["cooperative", "text"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "code"], name="one_reason_per_code")
        ]

    def __str__(self):
        return self.text


class FilingSequence(models.Model):
    """The last radicado number given at a cooperative in a year (locked on use)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "year"], name="one_sequence_a_year")
        ]

    def __str__(self):
        return f"{self.cooperative_id}/{self.year}: {self.last}"


class Referral(models.TextChoices):
    """Why a request is before the committee (or the council)."""

    RULES = "rules", "Por reglamento decide el órgano"
    EXCEPTION = "exception", "Excepción"
    RECONSIDERATION = "reconsideration", "Reconsideración"
    # An approval the body gave, sent back to it: only the body that approved revokes it.
    REVOCATION = "revocation", "Revocación de una aprobación del órgano"


class BenefitRequest(models.Model):
    """An associate's application for one benefit (solicitud de auxilio)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    associate = models.ForeignKey(
        Associate, on_delete=models.PROTECT, related_name="requests", verbose_name="asociado"
    )
    benefit = models.ForeignKey(Benefit, on_delete=models.PROTECT, verbose_name="auxilio")
    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="beneficiario",
        help_text="Vacío: el asociado mismo.",
    )
    savings_account = models.ForeignKey(
        SavingsAccount,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="cuenta para el abono",
    )
    # NULL, not "", until filed: the radicado is unique per cooperative only once given.
    filing_number = models.CharField("radicado", max_length=24, null=True, blank=True)  # noqa: DJ001
    status = models.CharField("estado", max_length=16, choices=Status.choices, default=Status.DRAFT)
    event_date = models.DateField("fecha del evento", null=True, blank=True)
    amount_claimed = models.DecimalField(
        "valor soportado", max_digits=14, decimal_places=2, null=True, blank=True
    )
    details = models.JSONField("datos del auxilio", default=dict, blank=True)
    amount_proposed = models.DecimalField(
        "monto según reglamento", max_digits=14, decimal_places=0, null=True, blank=True
    )
    amount_approved = models.DecimalField(
        "monto aprobado", max_digits=14, decimal_places=0, null=True, blank=True
    )
    approver = models.CharField("decide", max_length=10, choices=Approver.choices, blank=True)
    has_warnings = models.BooleanField("con advertencias", default=False)
    is_exception = models.BooleanField("excepción o reconsideración", default=False)
    rejection_reason = models.ForeignKey(
        RejectionReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="motivo de rechazo",
    )
    rejection_fixable = models.BooleanField("subsanable", default=False)
    no_resources = models.BooleanField(
        "negada por falta de recursos",
        default=False,
        help_text="Sin lugar a nueva solicitud ni reconsideración (p. ej. CEMCOP Art. 8).",
    )
    referral = models.CharField(
        "enviada al órgano como", max_length=16, choices=Referral.choices, blank=True
    )
    decision_comment = models.TextField("comentario de la decisión", blank=True)
    created_at = models.DateTimeField("creada", auto_now_add=True)
    submitted_at = models.DateTimeField("radicada", null=True, blank=True)
    due_on = models.DateField("fecha límite de revisión", null=True, blank=True)
    decided_at = models.DateTimeField("decidida", null=True, blank=True)
    paid_at = models.DateTimeField("pagada", null=True, blank=True)
    updated_at = models.DateTimeField("actualizada", auto_now=True)

    objects = BenefitRequestQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory], excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "solicitud de auxilio"
        verbose_name_plural = "solicitudes de auxilio"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "filing_number"],
                condition=Q(filing_number__isnull=False),
                name="one_filing_number_per_cooperative",
            ),
        ]
        permissions = [
            (
                "decide_benefitrequest",
                "Aprobar o rechazar solicitudes que decide la administración",
            ),
            ("view_reports", "Ver el tablero y los informes trimestrales"),
        ]
        indexes = [
            models.Index(fields=["cooperative", "status", "due_on"], name="request_queue"),
            models.Index(fields=["associate", "-created_at"], name="request_by_associate"),
            # The back office lists newest first; without it every list sorted a
            # cooperative's million requests (docs/benchmarks.md, load).
            models.Index(fields=["cooperative", "-created_at", "-id"], name="request_recent"),
            models.Index(fields=["cooperative", "decided_at"], name="request_by_decision_date"),
            models.Index(fields=["cooperative", "paid_at"], name="request_by_payment_date"),
            # The queues that filter on more than the status (benefits.backoffice.queues):
            # without these, "Para comité" and "Con advertencias" read every request in
            # review of the cooperative to keep a few hundred (docs/benchmarks.md, load).
            models.Index(
                fields=["cooperative", "due_on"],
                name="request_for_a_body",
                condition=Q(status=Status.IN_REVIEW, approver__in=BODIES),
            ),
            models.Index(
                fields=["cooperative", "due_on"],
                name="request_with_warnings",
                condition=Q(status__in=ON_THE_COOPERATIVE, has_warnings=True),
            ),
            models.Index(
                fields=["cooperative", "due_on"],
                name="request_fixable",
                condition=Q(status=Status.REJECTED, rejection_fixable=True),
            ),
        ]

    def __str__(self):
        return self.filing_number or f"Borrador {str(self.public_id)[:8]}"


class RequestEvent(models.Model):
    """One step of a request's timeline, shown to the associate and to staff."""

    request = models.ForeignKey(BenefitRequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    at = models.DateTimeField("fecha")
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, verbose_name="quién"
    )
    comment = models.TextField("comentario", blank=True)

    class Meta:
        verbose_name = "evento de la solicitud"
        verbose_name_plural = "eventos de la solicitud"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request}: {self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


class Decision(models.Model):
    """An evaluation of a request: the rule engine's proposal or a person's decision."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", "Propuesta según reglamento"
        STAFF = "staff", "Decisión de la administración"
        COMMITTEE = "committee", "Decisión del comité"
        COUNCIL = "council", "Decisión del consejo"

    request = models.ForeignKey(BenefitRequest, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField("tipo", max_length=10, choices=Kind.choices)
    eligible = models.BooleanField("cumple")
    amount = models.DecimalField("monto", max_digits=14, decimal_places=0)
    approver = models.CharField("decide", max_length=10, choices=Approver.choices)
    rule_set = models.CharField("reglamento aplicado", max_length=60, blank=True)
    reasons = models.JSONField("traza", default=list)
    quota = models.JSONField("cupo antes de la solicitud", null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, verbose_name="quién"
    )
    comment = models.TextField("comentario", blank=True)
    rejection_reason = models.ForeignKey(
        RejectionReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="motivo de rechazo",
    )
    fixable = models.BooleanField("subsanable", null=True, blank=True)
    no_resources = models.BooleanField("negada por falta de recursos", default=False)
    event = models.ForeignKey(
        "RequestEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="cambio de estado",
        help_text="El paso de la solicitud que produjo esta decisión (su carta y su correo).",
    )
    # The moment the service decided (its `now`), the same as the event's.
    created_at = models.DateTimeField("fecha", default=timezone.now, editable=False)

    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "decisión"
        verbose_name_plural = "decisiones"
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.get_kind_display()} — {self.request}"


class LedgerEntry(models.Model):
    """An append-only movement of a fund budget and/or a quota, for one request.

    Reversals are new negative entries, never edits; counters equal the sums of
    their entries (an invariant the fault tests check). Double charging is
    prevented by the request's state machine under its row lock.
    """

    class Kind(models.TextChoices):
        CHARGE = "charge", "Cargo por aprobación"
        REVERSAL = "reversal", "Reverso"

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT)
    request = models.ForeignKey(
        BenefitRequest, on_delete=models.PROTECT, related_name="ledger_entries"
    )
    fund_budget = models.ForeignKey(FundBudget, on_delete=models.PROTECT, null=True, blank=True)
    quota_account = models.ForeignKey(QuotaAccount, on_delete=models.PROTECT, null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=0)
    # The moment of the approval or reversal (the service's `now`): quarterly figures read it.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "movimiento"
        verbose_name_plural = "movimientos"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["fund_budget", "created_at"], name="ledger_by_budget")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} ({self.request})"


class Body(models.TextChoices):
    """The bodies that decide what the administration cannot (CEMCOP Arts. 9–10, COPROCENVA Arts. 7, 12)."""

    # The generic label, for choices; what a document calls the committee is the
    # cooperative's own name for it (BackOfficePolicy.body_name).
    COMMITTEE = "committee", "Comité de solidaridad"
    COUNCIL = "council", "Consejo de Administración"


class BackOfficePolicy(models.Model):
    """How a cooperative runs its back office where the reglamento leaves room (one row each).

    The council edits it; every change is in its history. The defaults are the
    portal's readings where the texts are silent (see docs in the report).
    """

    cooperative = models.OneToOneField(
        Cooperative,
        on_delete=models.PROTECT,
        related_name="backoffice_policy",
        verbose_name="cooperativa",
    )
    committee_quorum = models.PositiveSmallIntegerField(
        "quórum del comité",
        default=3,
        help_text="Integrantes presentes y no impedidos necesarios para decidir (3 de los 5 del comité de CEMCOP).",
    )
    council_quorum = models.PositiveSmallIntegerField("quórum del consejo", default=3)
    committee_name = models.CharField(
        "nombre del comité",
        max_length=120,
        default="Comité de solidaridad",
        help_text="Como lo llama el reglamento, para actas, cartas e informes: CEMCOP Arts. 9–10 "
        "«Comité de solidaridad y bienestar social»; COPROCENVA Art. 7 «Comité de Solidaridad».",
    )
    exceptions_body = models.CharField(
        "decide excepciones y reconsideraciones",
        max_length=10,
        choices=Body.choices,
        default=Body.COMMITTEE,
        help_text="CEMCOP Art. 10 lit. a: el comité. COPROCENVA Art. 7: las desviaciones las aprueba el consejo.",
    )
    exceptions_article = models.CharField("artículo (excepciones)", max_length=80, blank=True)
    committee_groups_article = models.CharField(
        "artículo (comité dividido en grupos)",
        max_length=80,
        blank=True,
        help_text="Si el comité trabaja en grupos, la norma que manda decidir en el grupo del que no hace "
        "parte el interesado (COPROCENVA Art. 12 num. 15).",
    )
    payout_max_arrears_days = models.PositiveSmallIntegerField(
        "días de mora admitidos al desembolso",
        default=0,
        help_text="CEMCOP Art. 6 lit. b: al día también al desembolso (0). COPROCENVA Art. 11: hábil, hasta 30.",
    )
    payout_article = models.CharField("artículo (desembolso)", max_length=80, blank=True)
    deadline_warning_days = models.PositiveSmallIntegerField(
        "aviso de vencimiento (días hábiles antes)", default=2
    )

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "política del back office"
        verbose_name_plural = "políticas del back office"

    def __str__(self):
        return f"Política de {self.cooperative}"

    def quorum_for(self, body: str) -> int:
        return self.council_quorum if body == Body.COUNCIL else self.committee_quorum

    def body_name(self, body: str) -> str:
        """The body as this cooperative's reglamento names it ("Comité de Solidaridad", "Consejo de Administración")."""
        return self.committee_name if body == Body.COMMITTEE else Body(body).label


class CommitteeSeat(models.Model):
    """A staff member's seat in a body that works in groups (COPROCENVA Art. 12 num. 15).

    Who may vote comes from the staff roles (committee, council); a seat only
    adds the group. A body without groups needs no seats.
    """

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    body = models.CharField("órgano", max_length=10, choices=Body.choices, default=Body.COMMITTEE)
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="seats", verbose_name="integrante"
    )
    group = models.CharField("grupo", max_length=20, help_text="Por ejemplo «Grupo 1».")
    active = models.BooleanField("vigente", default=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "integrante de grupo"
        verbose_name_plural = "integrantes de grupos"
        ordering = ["cooperative", "body", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "body", "user"],
                condition=Q(active=True),
                name="one_active_seat_per_body",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.group} ({self.get_body_display()})"


class CommitteeMeeting(models.Model):
    """A session of the committee (or the council) that decides requests; its acta is a PDF."""

    class Status(models.TextChoices):
        OPEN = "open", "Convocada"
        CLOSED = "closed", "Cerrada (acta firmada)"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    body = models.CharField("órgano", max_length=10, choices=Body.choices, default=Body.COMMITTEE)
    group = models.CharField(
        "grupo", max_length=20, blank=True, help_text="Vacío: sesión plenaria."
    )
    number = models.PositiveIntegerField("acta n.º")
    held_on = models.DateField("fecha")
    place = models.CharField("lugar", max_length=200, blank=True)
    status = models.CharField("estado", max_length=8, choices=Status.choices, default=Status.OPEN)
    president = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="presidente",
    )
    secretary = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="secretario",
    )
    notes = models.TextField("otras constancias", blank=True)
    # What the session decided with, fixed at its first decision (services.committee.
    # session_terms): the acta printed later says what applied, whatever the
    # council changes in the cooperative's policy afterwards.
    quorum = models.PositiveSmallIntegerField("quórum aplicado", null=True, blank=True)
    body_name = models.CharField("nombre del órgano en el acta", max_length=120, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField("creada", auto_now_add=True)
    closed_at = models.DateTimeField("cerrada", null=True, blank=True)
    closed_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cerrada por",
    )

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "sesión de comité"
        verbose_name_plural = "sesiones de comité"
        ordering = ["-held_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "body", "number"], name="one_acta_number_per_body"
            ),
        ]

    def __str__(self):
        return f"Acta {self.number} — {self.get_body_display()}{f' ({self.group})' if self.group else ''}"


class MeetingMember(models.Model):
    """A member present at a meeting (the acta lists them)."""

    meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.CASCADE, related_name="attendance"
    )
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="integrante"
    )

    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "asistente"
        verbose_name_plural = "asistentes"
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="present_once")]

    def __str__(self):
        return str(self.user)


class AgendaItem(models.Model):
    """A request on a meeting's agenda, its members' votes and the outcome."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Por decidir"
        APPROVED = "approved", "Aprobada"
        REJECTED = "rejected", "Negada"
        POSTPONED = "postponed", "Aplazada"

    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.PROTECT, related_name="items")
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    request = models.ForeignKey(
        BenefitRequest,
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name="solicitud",
    )
    position = models.PositiveSmallIntegerField("orden")
    referral = models.CharField("asunto", max_length=16, choices=Referral.choices)
    amount = models.DecimalField(
        "monto a votar",
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        help_text="El monto que se somete a votación; vacío: el del reglamento.",
    )
    summary = models.TextField("presentación del caso", blank=True)
    outcome = models.CharField(
        "resultado", max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    votes_for = models.PositiveSmallIntegerField("votos a favor", default=0)
    votes_against = models.PositiveSmallIntegerField("votos en contra", default=0)
    abstentions = models.PositiveSmallIntegerField("abstenciones", default=0)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="decisión",
    )
    outcome_note = models.TextField("constancia", blank=True)
    decided_at = models.DateTimeField("decidida", null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "punto del orden del día"
        verbose_name_plural = "orden del día"
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "request"], name="request_once_per_meeting"),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(outcome="pending"),
                name="one_pending_agenda_item_per_request",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.request}"


class Vote(models.Model):
    """One member's vote on an agenda item, or their recusal (impedimento)."""

    class Choice(models.TextChoices):
        FOR = "for", "A favor"
        AGAINST = "against", "En contra"
        ABSTAIN = "abstain", "Se abstiene"
        RECUSED = "recused", "Se declara impedido"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="integrante"
    )
    choice = models.CharField("voto", max_length=8, choices=Choice.choices)
    reason = models.CharField("motivo", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="registrado por"
    )
    recorded_at = models.DateTimeField("registrado")

    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "voto"
        verbose_name_plural = "votos"
        ordering = ["item", "member__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_vote_per_member")
        ]

    def __str__(self):
        return f"{self.member}: {self.get_choice_display()}"


class DisbursementBatch(models.Model):
    """A treasury payout run: approved requests for the core banking system, then marked paid."""

    class Status(models.TextChoices):
        OPEN = "open", "Armado, por pagar"
        PAID = "paid", "Pagado"
        CANCELLED = "cancelled", "Anulado"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    number = models.PositiveIntegerField("lote n.º")
    status = models.CharField("estado", max_length=10, choices=Status.choices, default=Status.OPEN)
    total = models.DecimalField("total", max_digits=16, decimal_places=0, default=0)
    line_count = models.PositiveIntegerField("solicitudes", default=0)
    created_at = models.DateTimeField("armado", auto_now_add=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="armado por"
    )
    paid_at = models.DateTimeField("pagado", null=True, blank=True)
    paid_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="pagado por",
    )
    bank_reference = models.CharField(
        "soporte del pago",
        max_length=120,
        blank=True,
        help_text="Referencia del proceso en el sistema central.",
    )
    # From the first download of its file on, the core banking system may have
    # paid the batch: annulling it, or taking a request out, then needs
    # treasury's word that it did not (or the requests would be paid twice).
    exported_at = models.DateTimeField("archivo descargado", null=True, blank=True)
    exported_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="descargado por",
    )

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "lote de desembolso"
        verbose_name_plural = "lotes de desembolso"
        ordering = ["-created_at"]
        permissions = [("pay_disbursementbatch", "Marcar lotes de desembolso como pagados")]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "number"], name="one_batch_number_per_cooperative"
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="batch_total_not_negative"),
        ]

    def __str__(self):
        return f"Lote {self.number} ({self.cooperative})"


class DisbursementLine(models.Model):
    """One request in a batch, as it was when the batch was built (what the CSV says)."""

    batch = models.ForeignKey(DisbursementBatch, on_delete=models.PROTECT, related_name="lines")
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT)
    request = models.ForeignKey(
        BenefitRequest, on_delete=models.PROTECT, related_name="disbursement_lines"
    )
    document_number = models.CharField("cédula", max_length=12)
    associate_name = models.CharField("asociado", max_length=250)
    account_number = models.CharField("cuenta", max_length=30)
    account_kind = models.CharField("tipo de cuenta", max_length=60)
    amount = models.DecimalField("valor", max_digits=14, decimal_places=0)
    filing_number = models.CharField("radicado", max_length=24)
    active = models.BooleanField("en el lote", default=True)
    removed_reason = models.CharField("motivo del retiro", max_length=300, blank=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "línea de desembolso"
        verbose_name_plural = "líneas de desembolso"
        ordering = ["batch", "filing_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=Q(active=True), name="request_in_one_open_line"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="line_amount_positive"),
        ]

    def __str__(self):
        return f"{self.filing_number} — {self.amount}"


def report_file_key(instance, filename):
    return f"{instance.cooperative.slug}/informes/{instance.year}-T{instance.quarter}-{instance.public_id}.pdf"


class ReportExport(models.Model):
    """A quarterly report's PDF (CEMCOP Art. 10 lit. c), laid out by a worker.

    WeasyPrint takes about 7 ms a row on this hardware, and the report lists
    every grant of the quarter: thousands of rows would hold a web request past
    gunicorn's timeout. Staff ask for it, a worker claims the row (PENDING →
    PROCESSING, with a lease a sweeper takes back from a dead worker) and
    leaves it READY with its file, or FAILED with a message.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "En cola"
        PROCESSING = "processing", "Preparándose"
        READY = "ready", "Listo"
        FAILED = "failed", "No se pudo generar"

    IN_PROGRESS = (Status.PENDING, Status.PROCESSING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    year = models.PositiveSmallIntegerField("año")
    quarter = models.PositiveSmallIntegerField("trimestre")
    requested_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="pedido por"
    )
    requested_at = models.DateTimeField("pedido")
    status = models.CharField(
        "estado", max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField("intentos", default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField("terminado", null=True, blank=True)
    file = models.FileField("archivo", upload_to=report_file_key, max_length=200, blank=True)
    error_message = models.CharField("mensaje", max_length=500, blank=True)

    class Meta:
        verbose_name = "PDF de informe trimestral"
        verbose_name_plural = "PDF de informes trimestrales"
        constraints = [
            # A double click, or two staff at once, share one PDF in the making.
            models.UniqueConstraint(
                fields=["cooperative", "year", "quarter"],
                condition=Q(status__in=["pending", "processing"]),
                name="one_report_export_in_progress",
            )
        ]
        indexes = [
            models.Index(
                fields=["cooperative", "year", "quarter", "-requested_at"],
                name="report_export_by_quarter",
            )
        ]

    def __str__(self):
        return f"Informe {self.year}-T{self.quarter} ({self.get_status_display()})"
