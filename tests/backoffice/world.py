"""One cooperative with one object of every back-office model, each carrying data no one else has.

MARKERS are strings that appear only in this cooperative's rows (a cédula, a
name, radicados, a CUFE, a file name, a meeting's place…): a page shown to
someone who must not see this cooperative must contain none of them.
"""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from benefits.models import (
    AgendaItem,
    BackOfficePolicy,
    Body,
    CommitteeSeat,
    Decision,
    Fund,
    FundBudget,
    LedgerEntry,
    Referral,
    RejectionReason,
    ReportExport,
    Vote,
)
from benefits.services.backoffice import policy_for
from benefits.services.committee import (
    agenda_add,
    meeting_create,
    meeting_set_attendance,
    vote_cast,
)
from benefits.services.payouts import batch_build
from benefits.services.requests import Actor, request_approve, request_refer, request_reject
from cooperatives.models import CooperativeParameter
from invoices.models import Document, Invoice
from members.models import Beneficiary, SavingsAccount
from notifications.models import Notification
from tests.backoffice.helpers import file_request
from tests.factories import BeneficiaryFactory
from tests.portal.conftest import make_associate

CUFE = "f00dcafe" * 12


def build_world(cooperative, staff) -> dict:
    ana = make_associate(
        cooperative,
        first_names="Zenobia",
        last_names="Quintanilla Urrego",
        document_number="52123456",
        email="zenobia@example.co",
    )
    relative = BeneficiaryFactory(
        associate=ana, first_names="Eufrasio", document_number="1122334455"
    )
    analyst = Actor(staff.analyst)

    approved = file_request(ana, "plan_exequial", amount=123_457)
    request_approve(request=approved, actor=analyst)
    rejected = file_request(ana, "plan_exequial", amount=45_678)
    request_reject(
        request=rejected,
        actor=analyst,
        reason=RejectionReason.objects.get(cooperative=cooperative, code="documento_faltante"),
    )
    in_committee = file_request(ana, "plan_exequial", amount=98_765, eligible=False)
    request_refer(
        request=in_committee, actor=analyst, referral=Referral.EXCEPTION, reason="Caso Zenobia."
    )

    document = Document(
        cooperative=cooperative,
        request=approved,
        kind="einvoice",
        original_name="secreto-zenobia.zip",
        size=7,
        sha256="b" * 64,
        uploaded_at=timezone.now(),
        status="read",
        warnings=[
            {
                "code": "supplier_mismatch",
                "message": "m",
                "staff_message": "Proveedor Zenobia-CIIU",
                "associate": True,
                "blocking": False,
            }
        ],
    )
    document.file.save(str(document.public_id), ContentFile(b"secreto"), save=False)
    document.save()
    invoice = Invoice.objects.create(
        cooperative=cooperative,
        document=document,
        request=approved,
        uuid=CUFE,
        kind="invoice",
        number="ZQ-777",
        issue_date=date(2026, 2, 1),
        environment="production",
        issuer_id="900999888",
        issuer_name="Clínica Zenobia",
        buyer_id=ana.document_number,
        payable=Decimal("123457.00"),
        signature_valid=True,
        dian_validated=True,
    )

    meeting = meeting_create(
        cooperative=cooperative,
        body=Body.COMMITTEE,
        held_on=date(2026, 3, 10),
        place="Sala Zenobia",
        actor=analyst,
    )
    meeting_set_attendance(
        meeting=meeting,
        members=staff.committee,
        president=staff.committee[0],
        secretary=staff.committee[1],
        actor=analyst,
    )
    item = agenda_add(
        meeting=meeting,
        request=in_committee,
        actor=analyst,
        amount=Decimal(50_000),
        summary="Presentación Zenobia",
    )
    vote_cast(
        item=item,
        member=staff.committee[0],
        choice=Vote.Choice.FOR,
        actor=Actor(staff.committee[0]),
    )
    seat = CommitteeSeat.objects.create(
        cooperative=cooperative, body=Body.COMMITTEE, user=staff.committee[2], group="Grupo Zenobia"
    )
    batch = batch_build(cooperative=cooperative, actor=Actor(staff.treasury)).batch
    budget = (
        FundBudget.objects.filter(cooperative=cooperative, fund__kind="welfare")
        .order_by("-year")
        .first()
    )
    parameter = CooperativeParameter.objects.create(
        cooperative=cooperative,
        key="zenobia_parametro",
        year=2026,
        value=Decimal("31415"),
        note="Acta Zenobia",
    )
    notification = Notification.objects.create(
        cooperative=cooperative,
        key="zenobia-1",
        template="request_status",
        to="zenobia@example.co",
        context={"associate_name": "Zenobia"},
    )
    policy = policy_for(cooperative)
    BackOfficePolicy.objects.filter(pk=policy.pk).update(exceptions_article="Art. Zenobia")
    report_export = ReportExport(
        cooperative=cooperative,
        year=2026,
        quarter=1,
        requested_at=timezone.now(),
        status=ReportExport.Status.READY,
    )
    report_export.file.save("informe.pdf", ContentFile(b"%PDF-1.7 Zenobia 52123456"))
    return {
        "cooperative": cooperative,
        "associate": ana,
        "beneficiary": relative,
        "account": SavingsAccount.objects.filter(associate=ana).first(),
        "approved": approved,
        "rejected": rejected,
        "in_committee": in_committee,
        "document": document,
        "invoice": invoice,
        "meeting": meeting,
        "item": item,
        "seat": seat,
        "batch": batch,
        "line": batch.lines.first(),
        "budget": budget,
        "fund": Fund.objects.get(cooperative=cooperative, kind="welfare"),
        "ledger": LedgerEntry.objects.filter(request=approved).first(),
        "decision": approved.decisions.exclude(kind=Decision.Kind.PROPOSAL).first(),
        "reason": RejectionReason.objects.filter(cooperative=cooperative).first(),
        "benefit": approved.benefit,
        "parameter": parameter,
        "notification": notification,
        "policy": policy,
        "beneficiary_model": Beneficiary,
        "report_export": report_export,
    }


MARKERS = [
    "52123456",
    "Zenobia",
    "Quintanilla",
    "1122334455",
    "Eufrasio",
    CUFE,
    "secreto-zenobia",
    "ZQ-777",
    "Sala Zenobia",
    "Grupo Zenobia",
    "123.457",
    "123457",
    "98.765",
    "31415",
]


def filing_numbers(world) -> list[str]:
    return [world[name].filing_number for name in ("approved", "rejected", "in_committee")]


def leaked(content: bytes, world, *, echo: str = "") -> list[str]:
    """Markers found in a page; `echo` is what the page may repeat back (a search term typed by the user)."""
    text = content.decode("utf-8", errors="replace")
    if echo:
        text = text.replace(echo, "")
    return [marker for marker in [*MARKERS, *filing_numbers(world)] if marker in text]


def objects_by_model(world) -> dict:
    """The object of this cooperative to point each admin's object URLs at."""
    from benefits.models import (
        BenefitRequest,
        CommitteeMeeting,
        DisbursementBatch,
    )
    from cooperatives.models import Cooperative
    from members.models import Associate

    return {
        Cooperative: world["cooperative"],
        CooperativeParameter: world["parameter"],
        Associate: world["associate"],
        Beneficiary: world["beneficiary"],
        SavingsAccount: world["account"],
        BenefitRequest: world["approved"],
        Document: world["document"],
        Invoice: world["invoice"],
        CommitteeMeeting: world["meeting"],
        AgendaItem: world["item"],
        CommitteeSeat: world["seat"],
        DisbursementBatch: world["batch"],
        FundBudget: world["budget"],
        Fund: world["fund"],
        LedgerEntry: world["ledger"],
        RejectionReason: world["reason"],
        world["benefit"].__class__: world["benefit"],
        Notification: world["notification"],
        BackOfficePolicy: world["policy"],
    }
