"""factory-boy factories for the whole suite.

Each factory builds a consistent cooperative: a beneficiary or an account belongs
to the cooperative of its associate, an associate's portal account is named after
its cooperative and cédula. Fixed dates keep tests deterministic; pass your own
(e.g. `joined_on=`) when a test is about time.

    coop = CooperativeFactory(roster=3)         # three associates, each with a child and an account
    ana = AssociateFactory(cooperative=coop, beneficiaries=2, accounts=1)
    staff = StaffMembershipFactory(cooperative=coop, role=StaffRole.ANALYST).user
"""

from datetime import date

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory, Password

from cooperatives.models import Cooperative
from members.models import (
    Associate,
    Beneficiary,
    DocumentType,
    Gender,
    Relationship,
    SavingsAccount,
    StaffMembership,
    StaffRole,
    User,
)

PASSWORD = "clave-de-prueba-2026"


class CooperativeFactory(DjangoModelFactory):
    class Meta:
        model = Cooperative
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"coop-{n}")
    name = factory.Sequence(lambda n: f"Cooperativa {n}")
    legal_name = factory.LazyAttribute(lambda o: f"{o.name} Cooperativa de Ahorro y Crédito")
    nit = factory.Sequence(lambda n: str(900_500_000 + n))
    check_digit = "7"
    city = "Bogotá"
    contact_email = factory.LazyAttribute(lambda o: f"contacto@{o.slug}.example.com")
    logo = "cooperatives/default.svg"
    primary_color = "#1a5fb4"
    accent_color = "#e5a50a"
    filing_prefix = factory.Sequence(lambda n: f"C{n % 100_000:05d}")

    @factory.post_generation
    def roster(obj, create, extracted, **kwargs):
        """CooperativeFactory(roster=N): N associates, each with a child and a savings account."""
        for _ in range(extracted or 0):
            AssociateFactory(cooperative=obj, beneficiaries=1, accounts=1)


class AssociateFactory(DjangoModelFactory):
    class Meta:
        model = Associate
        skip_postgeneration_save = True

    cooperative = factory.SubFactory(CooperativeFactory)
    document_number = factory.Sequence(lambda n: str(52_000_000 + n))
    first_names = factory.Faker("first_name", locale="es_CO")
    last_names = factory.Faker("last_name", locale="es_CO")
    email = factory.LazyAttribute(
        lambda o: f"{slugify(o.first_names)}.{o.document_number}@example.com"
    )
    phone = "3001234567"
    birth_date = date(1980, 5, 17)
    gender = Gender.FEMALE
    joined_on = date(2015, 3, 1)
    status = Associate.Status.ACTIVE
    agency = "Principal"

    @factory.post_generation
    def beneficiaries(obj, create, extracted, **kwargs):
        """AssociateFactory(beneficiaries=N): N children registered with the associate."""
        for _ in range(extracted or 0):
            BeneficiaryFactory(associate=obj)

    @factory.post_generation
    def accounts(obj, create, extracted, **kwargs):
        """AssociateFactory(accounts=N): N active savings accounts."""
        for _ in range(extracted or 0):
            SavingsAccountFactory(associate=obj)


class BeneficiaryFactory(DjangoModelFactory):
    class Meta:
        model = Beneficiary

    associate = factory.SubFactory(AssociateFactory)
    cooperative = factory.SelfAttribute("associate.cooperative")
    relationship = Relationship.CHILD
    document_type = DocumentType.REGISTRO_CIVIL
    document_number = factory.Sequence(lambda n: str(1_100_000_000 + n))
    first_names = factory.Faker("first_name", locale="es_CO")
    last_names = factory.SelfAttribute("associate.last_names")
    birth_date = date(2015, 8, 10)
    gender = Gender.MALE
    registered_on = date(2020, 1, 15)
    status = Beneficiary.Status.APPROVED

    class Params:
        # BeneficiaryFactory(pet=True): CEMCOP Art. 19, a pet has no document.
        pet = factory.Trait(
            relationship=Relationship.PET,
            document_type="",
            document_number="",
            first_names="Firulais",
            last_names="",
            gender="",
        )
        spouse = factory.Trait(
            relationship=Relationship.SPOUSE,
            document_type=DocumentType.CEDULA,
            birth_date=date(1979, 2, 3),
        )


class SavingsAccountFactory(DjangoModelFactory):
    class Meta:
        model = SavingsAccount

    associate = factory.SubFactory(AssociateFactory)
    cooperative = factory.SelfAttribute("associate.cooperative")
    number = factory.Sequence(lambda n: str(4_001_000_000 + n))
    kind = "Ahorro a la vista"
    active = True


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    first_name = factory.Faker("first_name", locale="es_CO")
    last_name = factory.Faker("last_name", locale="es_CO")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = Password(PASSWORD)


class StaffUserFactory(UserFactory):
    """A back-office account; give it cooperatives with StaffMembershipFactory."""

    username = factory.Sequence(lambda n: f"funcionario{n}")
    is_staff = True


class SuperuserFactory(StaffUserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_superuser = True


class AssociateUserFactory(UserFactory):
    """An associate's portal account: logs in with cédula + password at its cooperative."""

    associate = factory.SubFactory(AssociateFactory)
    username = factory.LazyAttribute(
        lambda o: User.associate_username(o.associate.cooperative, o.associate.document_number)
    )
    first_name = factory.SelfAttribute("associate.first_names")
    last_name = factory.SelfAttribute("associate.last_names")
    email = factory.SelfAttribute("associate.email")


class StaffMembershipFactory(DjangoModelFactory):
    class Meta:
        model = StaffMembership

    user = factory.SubFactory(StaffUserFactory)
    cooperative = factory.SubFactory(CooperativeFactory)
    role = StaffRole.ANALYST
