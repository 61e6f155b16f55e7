import uuid
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cooperatives.models import Cooperative
from cooperatives.querysets import TenantQuerySet
from core.history import AuditedHistory
from members.querysets import AssociateQuerySet, BeneficiaryQuerySet, SavingsAccountQuerySet

document_number_validator = RegexValidator(
    r"^\d{4,12}$", "El documento debe tener entre 4 y 12 dígitos."
)


class Relationship(models.TextChoices):
    """The vocabulary of ../shared/contracts/quote.md (beneficiary.relationship)."""

    SELF = "self", "El asociado"
    SPOUSE = "spouse", "Cónyuge o compañero(a) permanente"
    CHILD = "child", "Hijo(a)"
    STEPCHILD = "stepchild", "Hijastro(a)"
    PARENT = "parent", "Padre o madre"
    STEPPARENT = "stepparent", "Padrastro o madrastra"
    SIBLING = "sibling", "Hermano(a)"
    GRANDCHILD = "grandchild", "Nieto(a)"
    GRANDPARENT = "grandparent", "Abuelo(a)"
    PET = "pet", "Mascota"
    OTHER = "other", "Otro"


class Gender(models.TextChoices):
    FEMALE = "F", "Femenino"
    MALE = "M", "Masculino"
    OTHER = "X", "Otro / no informa"


class DocumentType(models.TextChoices):
    """DIAN identity document codes (RELIABILITY.md §4.6)."""

    REGISTRO_CIVIL = "11", "Registro civil"
    TARJETA_IDENTIDAD = "12", "Tarjeta de identidad"
    CEDULA = "13", "Cédula de ciudadanía"
    CEDULA_EXTRANJERIA = "22", "Cédula de extranjería"
    PASAPORTE = "41", "Pasaporte"
    PPT = "48", "Permiso por protección temporal"
    NUIP = "91", "NUIP"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username, password=None, **fields):
        user = self.model(username=username, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(username, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A portal account: an associate's (tied to one roster entry) or a staff member's.

    Associates log in with cédula + password at their cooperative's URL; their
    username is "<cooperative>:<cédula>" so the same person can hold separate
    accounts at two cooperatives. Staff log in to the admin with a username and
    act for the cooperatives of their StaffMembership rows.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    username = models.CharField("usuario", max_length=150, unique=True)
    email = models.EmailField("correo electrónico", blank=True)
    first_name = models.CharField("nombres", max_length=150, blank=True)
    last_name = models.CharField("apellidos", max_length=150, blank=True)
    associate = models.OneToOneField(
        "members.Associate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="user",
        verbose_name="asociado",
    )
    # NULL (not "") for accounts no person is linked to yet.
    document_number = models.CharField(  # noqa: DJ001
        "cédula",
        max_length=12,
        null=True,
        blank=True,
        validators=[document_number_validator],
        help_text="De funcionarios e integrantes de comité y consejo: para detectar impedimentos "
        "(el solicitante o un familiar suyo).",
    )
    is_staff = models.BooleanField("acceso al back office", default=False)
    is_active = models.BooleanField("activo", default=True)
    date_joined = models.DateTimeField("creado", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = "usuario"
        verbose_name_plural = "usuarios"
        constraints = [
            models.CheckConstraint(
                condition=Q(associate__isnull=True) | Q(is_staff=False, is_superuser=False),
                name="associate_accounts_are_not_staff",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.username

    @property
    def is_associate(self) -> bool:
        return self.associate_id is not None

    @cached_property
    def _memberships(self) -> list[tuple[int, str]]:
        return list(self.staff_memberships.values_list("cooperative_id", "role"))

    def staff_cooperative_ids(self) -> set[int]:
        return {coop_id for coop_id, _ in self._memberships}

    def has_role(self, cooperative, role: str) -> bool:
        return self.is_superuser or (cooperative.pk, role) in self._memberships

    def cooperative_ids_with_perm(self, perm: str) -> set[int] | None:
        """Cooperatives where one of the user's roles grants perm; None means all (superuser)."""
        from members.roles import ROLE_PERMISSIONS

        if self.is_superuser:
            return None
        return {
            coop_id for coop_id, role in self._memberships if perm in ROLE_PERMISSIONS.get(role, ())
        }

    @staticmethod
    def associate_username(cooperative: Cooperative, document_number: str) -> str:
        return f"{cooperative.slug}:{document_number}"


class StaffRole(models.TextChoices):
    ANALYST = "analyst", "Analista de auxilios"
    COMMITTEE = "committee", "Miembro del comité"
    COUNCIL = "council", "Miembro del consejo"
    TREASURY = "treasury", "Tesorería"


class StaffMembership(models.Model):
    """A staff member's role at one cooperative; a person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_memberships")
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, verbose_name="cooperativa"
    )
    role = models.CharField("rol", max_length=20, choices=StaffRole.choices)

    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "rol de funcionario"
        verbose_name_plural = "roles de funcionarios"
        constraints = [
            models.UniqueConstraint(fields=["user", "cooperative", "role"], name="one_role_once"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.cooperative})"


class Associate(models.Model):
    """An entry of a cooperative's roster, as its core system exports it."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Activo"
        SUSPENDED = "suspended", "Derechos suspendidos"
        RETIRED = "retired", "Retirado"

    ROLE_CHOICES = (
        ("council", "Consejo de Administración"),
        ("oversight_board", "Junta de Vigilancia"),
        ("committee", "Comité"),
        ("agency_director", "Director de agencia"),
        ("operations_chief", "Jefe de operaciones"),
        ("employee", "Empleado"),
    )

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    document_number = models.CharField(
        "cédula", max_length=12, validators=[document_number_validator]
    )
    first_names = models.CharField("nombres", max_length=120)
    last_names = models.CharField("apellidos", max_length=120)
    email = models.EmailField("correo registrado", blank=True)
    phone = models.CharField("teléfono", max_length=30, blank=True)
    birth_date = models.DateField("fecha de nacimiento", null=True, blank=True)
    gender = models.CharField("sexo", max_length=1, choices=Gender.choices, blank=True)
    joined_on = models.DateField("fecha de afiliación")
    status = models.CharField(
        "estado", max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    arrears_days = models.PositiveIntegerField("días en mora", default=0)
    data_updated_on = models.DateField("última actualización de datos", null=True, blank=True)
    inducted = models.BooleanField("inducción cooperativa", default=False)
    sanctioned_on = models.DateField("fecha de la última sanción", null=True, blank=True)
    pensioner = models.BooleanField("pensionado", default=False)
    married = models.BooleanField("casado o en unión", default=False)
    roles = models.JSONField("cargos", default=list, blank=True)
    agency = models.CharField("agencia", max_length=80, blank=True)
    updated_at = models.DateTimeField("actualizado", auto_now=True)

    objects = AssociateQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory], excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "asociado"
        verbose_name_plural = "asociados"
        ordering = ["last_names", "first_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "document_number"], name="one_roster_entry_per_cedula"
            ),
        ]
        indexes = [models.Index(fields=["cooperative", "last_names"], name="associate_by_name")]

    def __str__(self):
        return f"{self.full_name} ({self.document_number})"

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_names}".strip()


class Beneficiary(models.Model):
    """A relative (or CEMCOP pet, Art. 19) registered with the cooperative."""

    class Status(models.TextChoices):
        PENDING = "pending", "Por aprobar"
        APPROVED = "approved", "Registrado"
        REJECTED = "rejected", "No aprobado"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    associate = models.ForeignKey(
        Associate, on_delete=models.CASCADE, related_name="beneficiaries", verbose_name="asociado"
    )
    relationship = models.CharField(
        "parentesco", max_length=12, choices=[c for c in Relationship.choices if c[0] != "self"]
    )
    document_type = models.CharField(
        "tipo de documento", max_length=2, choices=DocumentType.choices, blank=True
    )
    document_number = models.CharField("documento", max_length=12, blank=True)
    first_names = models.CharField("nombres", max_length=120)
    last_names = models.CharField("apellidos", max_length=120, blank=True)
    birth_date = models.DateField("fecha de nacimiento", null=True, blank=True)
    gender = models.CharField("sexo", max_length=1, choices=Gender.choices, blank=True)
    disabled = models.BooleanField("en situación de discapacidad", default=False)
    studying = models.BooleanField("estudia", default=False)
    registered_on = models.DateField("fecha de registro")
    status = models.CharField(
        "estado", max_length=10, choices=Status.choices, default=Status.APPROVED
    )
    support_document = models.FileField(
        "soporte del parentesco", upload_to="beneficiaries/", blank=True
    )
    review_note = models.CharField("nota de revisión", max_length=300, blank=True)

    objects = BeneficiaryQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "beneficiario"
        verbose_name_plural = "beneficiarios"
        ordering = ["associate", "relationship", "first_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["associate", "document_number"],
                condition=~Q(document_number=""),
                name="one_beneficiary_per_document",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_relationship_display()})"

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_names}".strip()


class SavingsAccount(models.Model):
    """An associate's account at the cooperative, where a payout goes (CEMCOP Art. 40)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, verbose_name="cooperativa"
    )
    associate = models.ForeignKey(
        Associate, on_delete=models.CASCADE, related_name="accounts", verbose_name="asociado"
    )
    number = models.CharField("número", max_length=30)
    kind = models.CharField("tipo", max_length=60, default="Ahorro a la vista")
    active = models.BooleanField("activa", default=True)

    objects = SavingsAccountQuerySet.as_manager()
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "cuenta de ahorros"
        verbose_name_plural = "cuentas de ahorros"
        ordering = ["associate", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "number"], name="one_account_number_per_cooperative"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.masked_number}"

    @property
    def masked_number(self) -> str:
        return "•••• " + self.number[-4:]


class PersonalDataConsent(models.Model):
    """Proof of the associate's authorisation under Ley 1581 de 2012 (art. 9)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT)
    associate = models.ForeignKey(Associate, on_delete=models.CASCADE, related_name="consents")
    policy_version = models.CharField("versión de la política", max_length=20)
    accepted_at = models.DateTimeField("aceptada")
    ip_address = models.GenericIPAddressField("dirección IP", null=True, blank=True)
    user_agent = models.CharField("navegador", max_length=300, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "autorización de datos personales"
        verbose_name_plural = "autorizaciones de datos personales"
        ordering = ["-accepted_at"]

    def __str__(self):
        return f"{self.associate} — política {self.policy_version}"
