"""The life of a benefit request, as an explicit table of allowed transitions.

A TextChoices field plus this table and a compare-and-set update (see
services.request_transition) instead of a state-machine library: the whole
machine fits on one screen and every move is recorded as a RequestEvent.
"""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Borrador"
    SUBMITTED = "submitted", "Radicada"
    IN_REVIEW = "in_review", "En revisión"
    NEEDS_DOCUMENTS = "needs_documents", "Documentos solicitados"
    COMMITTEE = "committee", "En comité"
    APPROVED = "approved", "Aprobada"
    REJECTED = "rejected", "Rechazada"
    PAID = "paid", "Pagada"
    WITHDRAWN = "withdrawn", "Desistida"


TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
    # The worker reads the documents and records a proposal: staff review it.
    Status.SUBMITTED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset(
        {Status.APPROVED, Status.REJECTED, Status.NEEDS_DOCUMENTS, Status.COMMITTEE}
    ),
    Status.NEEDS_DOCUMENTS: frozenset({Status.SUBMITTED, Status.WITHDRAWN, Status.REJECTED}),
    Status.COMMITTEE: frozenset({Status.APPROVED, Status.REJECTED}),
    # A fixable rejection is amended and filed again; any rejection may be
    # taken to the committee as a reconsideration.
    Status.REJECTED: frozenset({Status.SUBMITTED, Status.COMMITTEE}),
    # An approval is undone (compensating ledger entry) only before payment: by
    # staff when staff gave it, or sent back to the body that gave it.
    Status.APPROVED: frozenset({Status.PAID, Status.REJECTED, Status.COMMITTEE}),
    Status.PAID: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

FINAL_STATUSES = frozenset({Status.PAID, Status.WITHDRAWN})
# Filed and not yet decided: the cooperative holds the next step (the staff's queues).
ON_THE_COOPERATIVE = (Status.SUBMITTED, Status.IN_REVIEW, Status.COMMITTEE)
# Approvers that are a body of the cooperative rather than its administration.
BODIES = ("committee", "council")


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


# Statuses in which the associate may still add or remove documents and change
# the request (a rejection only when it was marked fixable).
EDITABLE_BY_ASSOCIATE = frozenset({Status.DRAFT, Status.NEEDS_DOCUMENTS, Status.REJECTED})


def editable_by_associate(request) -> bool:
    if request.status == Status.REJECTED:
        return request.rejection_fixable
    return request.status in EDITABLE_BY_ASSOCIATE


# Statuses the associate may give up (desistir): before the cooperative has
# started deciding, or while it waits on the associate's documents.
WITHDRAWABLE_BY_ASSOCIATE = frozenset({Status.DRAFT, Status.NEEDS_DOCUMENTS})


def withdrawable_by_associate(request) -> bool:
    return request.status in WITHDRAWABLE_BY_ASSOCIATE


# The roster import marks who left the cooperative as retired
# (docs/roster-import.md): they keep their login to follow what they asked
# before, but they no longer start or file requests.
NOT_AN_ACTIVE_ASSOCIATE = (
    "Según el registro de la cooperativa ya no figuras como asociado(a) activo(a), "
    "así que no puedes solicitar auxilios. Si es un error, comunícate con la cooperativa."
)


def why_cannot_request(associate) -> str:
    """Why the associate may not start or file any request ('' when they may)."""
    # Imported here: this module is read before Django's apps are (faults/invariants.py).
    from members.models import Associate

    if associate.status == Associate.Status.RETIRED:
        return NOT_AN_ACTIVE_ASSOCIATE
    return ""


def why_cannot_file(request) -> str:
    """Why the associate may not file this request now ('' when they may).

    Only a first filing is refused: a request filed before the associate
    retired may still be sent back with what staff asked (NEEDS_DOCUMENTS, a
    fixable rejection).
    """
    return "" if request.filing_number else why_cannot_request(request.associate)
