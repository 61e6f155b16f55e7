"""What each staff role may do, in one table.

Permissions follow from StaffMembership roles (RoleBackend), per cooperative:
a person who is an analyst at CEMCOP and treasury at San Simón gets each set
only for that cooperative's rows (see cooperatives.admin.TenantAdmin).
National reference data (SMMLV, holidays) is changed only by superusers.

The roles follow the reglamentos: the administration (analyst) reviews and
decides what the rules leave to it and prepares the committee's sessions
(CEMCOP Arts. 9, 44: the social area supports the committee); committee and
council members vote in their body's sessions; the council sets parameters,
budgets and fund policies and designates the committee (CEMCOP Arts. 7, 43);
treasury pays (CEMCOP Art. 11).
"""

from members.models import StaffRole

_VIEW_CASE = [
    "cooperatives.view_cooperative",
    "members.view_associate",
    "members.view_beneficiary",
    "members.view_savingsaccount",
    "benefits.view_benefit",
    "benefits.view_benefitrequest",
    "benefits.view_decision",
    "benefits.view_requestevent",
    "benefits.view_rejectionreason",
    "benefits.view_fund",
    "benefits.view_fundbudget",
    "benefits.view_ledgerentry",
    "benefits.view_reports",
    "benefits.view_backofficepolicy",
    "benefits.view_committeeseat",
    "benefits.view_committeemeeting",
    "benefits.view_agendaitem",
    "invoices.view_document",
    "invoices.view_invoice",
    "cooperatives.view_cooperativeparameter",
    "cooperatives.view_minimumwage",
    "core.view_holidayoverride",
]

# Seated in a body: they see its sessions and vote in them (the services check the body).
_VOTE = [
    "benefits.change_committeemeeting",
    "benefits.change_agendaitem",
]

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    StaffRole.ANALYST: frozenset(
        _VIEW_CASE
        + [
            "members.change_associate",
            "members.add_beneficiary",
            "members.change_beneficiary",
            "benefits.change_benefitrequest",
            "benefits.decide_benefitrequest",
            "benefits.add_committeemeeting",
            "benefits.change_committeemeeting",
            "benefits.add_agendaitem",
            "benefits.view_disbursementbatch",
            "notifications.view_notification",
        ]
    ),
    StaffRole.COMMITTEE: frozenset(_VIEW_CASE + _VOTE),
    StaffRole.COUNCIL: frozenset(
        _VIEW_CASE
        + _VOTE
        + [
            "cooperatives.add_cooperativeparameter",
            "cooperatives.change_cooperativeparameter",
            "benefits.change_benefit",
            "benefits.change_fund",
            "benefits.add_fundbudget",
            "benefits.change_fundbudget",
            "benefits.add_rejectionreason",
            "benefits.change_rejectionreason",
            "benefits.change_backofficepolicy",
            "benefits.add_committeeseat",
            "benefits.change_committeeseat",
            "benefits.view_disbursementbatch",
        ]
    ),
    StaffRole.TREASURY: frozenset(
        [
            "cooperatives.view_cooperative",
            "members.view_associate",
            "members.view_savingsaccount",
            "benefits.view_benefit",
            "benefits.view_benefitrequest",
            "benefits.view_fund",
            "benefits.view_fundbudget",
            "benefits.view_ledgerentry",
            "benefits.view_reports",
            "benefits.view_disbursementbatch",
            "benefits.add_disbursementbatch",
            "benefits.change_disbursementbatch",
            "benefits.pay_disbursementbatch",
            "benefits.view_disbursementline",
        ]
    ),
}


def permissions_for_roles(roles) -> frozenset[str]:
    perms: set[str] = set()
    for role in roles:
        perms |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(perms)
