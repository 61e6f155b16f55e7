"""Demo requests in every status, written through the same services staff and associates use.

For each cooperative, one associate per status gets a request for the first
benefit the rules would grant them that needs no e-invoice (the demo never
copies real invoices into the database). "Radicada" is not among them: the
worker moves a filed request to review within seconds. Idempotent: a
cooperative that already has requests gets no more.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from benefits import rules
from benefits.evaluation import request_evaluate
from benefits.facts import associate_facts, beneficiary_facts, history_of
from benefits.models import Benefit, BenefitRequest, RejectionReason
from benefits.parameters import parameters_for
from benefits.services import (
    Actor,
    request_approve,
    request_create,
    request_reject,
    request_submit,
    request_update,
    request_withdraw,
)
from benefits.services.payouts import batch_build, batch_mark_paid
from benefits.services.requests import request_ask_documents, request_refer
from core.models import HolidayOverride
from invoices.models import Document
from invoices.services import document_upload
from members.models import Associate, User

PLAN = [
    "draft",
    "in_review",
    "needs_documents",
    "committee",
    "approved",
    "rejected",
    "paid",
    "withdrawn",
]
# Plausible answers for the benefits that ask for details (rule-set `details`).
DEMO_DETAILS = {
    "participants": 2,
    "cost_per_person": "120000",
    "days": 12,
    "premature": False,
    "gpa": "4.3",
    "qualifying_children": 1,
    "excellence_share": "0.9",
    "used_funeral_service": False,
    "loan_term_months": 24,
    "received_first_pension_payment": False,
    "modality": "inundación",
    "affected_in_agency": 1,
    "emergency_type": "inundación",
    "disease": "cáncer",
    "education_level": "basic",
    "qualitative_high": True,
    "icetex": False,
    "period": "semester",
    "all_passed": True,
    "qualitative_grades": False,
    "level": "national",
    "team": False,
    "position": 1,
    "organized_by_cooperative": False,
    "destination_country": "CO",
    "saber11_score": 420,
    "saberpro_percent": "95",
    "laureate_thesis": False,
    "organ": "riñón",
    "lost_capacity_percent": "60",
}
DEMO_PDF = b"%PDF-1.4\n% soporte de demostracion\n"


def demo_requests_seed(*, cooperative, today: date) -> int:
    if BenefitRequest.objects.for_cooperative(cooperative).exists():
        return 0  # seeded before (or real requests exist): never add more
    analyst = User.objects.get(username=f"{cooperative.slug}-analista")
    treasury = User.objects.get(username=f"{cooperative.slug}-tesoreria")
    candidates = iter(
        Associate.objects.for_cooperative(cooperative)
        .filter(
            status=Associate.Status.ACTIVE,
            arrears_days=0,
            joined_on__lte=today - timedelta(days=3 * 365),
        )
        .order_by("document_number")
    )
    created = 0
    for status in PLAN:
        for associate in candidates:
            choice = _grantable(associate, today=today)
            if choice is not None:
                _walk(associate, choice, status=status, analyst=analyst, treasury=treasury)
                created += 1
                break
    return created


def _grantable(associate: Associate, *, today: date):
    """(benefit, beneficiary, event date) of the first benefit the administration would grant now."""
    slug = associate.cooperative.slug
    parameters, calendar = parameters_for(slug), HolidayOverride.calendar()
    facts, history = associate_facts(associate), history_of(associate)
    event_date = today - timedelta(days=10)
    people = [None, *associate.beneficiaries.filter(status="approved")]
    for benefit in (
        Benefit.objects.for_cooperative(associate.cooperative).active().exclude(evidence="invoice")
    ):
        for person in people:
            case = rules.Case(
                cooperative=slug,
                benefit=benefit.code,
                requested_on=today,
                event_date=event_date,
                associate=facts,
                beneficiary=beneficiary_facts(person),
                amount_claimed=Decimal("800000"),
                details=DEMO_DETAILS,
                history=history,
                parameters=parameters,
                calendar=calendar,
            )
            try:
                decision = rules.evaluate(case)
            except rules.RuleError:
                break
            if decision.eligible and decision.approver == "staff" and decision.amount > 0:
                return benefit, person, event_date
    return None


def _walk(associate, choice, *, status: str, analyst: User, treasury: User) -> BenefitRequest:
    benefit, person, event_date = choice
    actor, staff = Actor(user=getattr(associate, "user", None)), Actor(user=analyst)
    request = request_create(associate=associate, benefit=benefit, actor=actor)
    request = request_update(
        request=request,
        actor=actor,
        beneficiary=person,
        savings_account=associate.accounts.filter(active=True).first(),
        event_date=event_date,
        amount_claimed=Decimal("800000"),
        details=DEMO_DETAILS,
    )
    if benefit.evidence == "documents":
        document_upload(
            request=request,
            uploaded_file=SimpleUploadedFile("soporte.pdf", DEMO_PDF),
            kind=Document.Kind.SUPPORT,
            actor=actor,
        )
    if status == "draft":
        return request
    if status == "withdrawn":
        return request_withdraw(request=request, actor=actor)
    request_submit(request=request, actor=actor)
    request_evaluate(request_id=request.pk)
    request.refresh_from_db()
    if status == "needs_documents":
        return request_ask_documents(
            request=request,
            actor=staff,
            needed="Copia legible del documento de identidad del beneficiario.",
        )
    if status == "committee":
        return request_refer(
            request=request,
            actor=staff,
            referral="exception",
            reason="El asociado pide un monto mayor al del reglamento.",
        )
    if status == "rejected":
        reason = RejectionReason.objects.get(
            cooperative=associate.cooperative, code="documento_faltante"
        )
        return request_reject(
            request=request, actor=staff, reason=reason, comment="Falta el certificado."
        )
    if status in ("approved", "paid"):
        request = request_approve(request=request, actor=staff, comment="Cumple el reglamento.")
    if status == "paid":
        build = batch_build(
            cooperative=associate.cooperative, actor=Actor(user=treasury), request_ids=[request.pk]
        )
        if build.batch is not None:
            batch_mark_paid(
                batch=build.batch, actor=Actor(user=treasury), bank_reference="DEMO-0001"
            )
    return request
