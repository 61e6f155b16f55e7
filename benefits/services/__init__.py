"""Every write in the benefits app goes through a service in this package.

requests.py  the life of a request: create, update, submit, proposal, approve, reject
Other modules add the back office's writes (committee, payouts) on the same rules:
keyword-only arguments, one transaction, the audit trail, side effects on commit.
"""

from benefits.services.requests import (
    SYSTEM,
    Actor,
    FundExhausted,
    RequestError,
    request_approve,
    request_create,
    request_record_proposal,
    request_reject,
    request_submit,
    request_update,
    request_withdraw,
)

__all__ = [
    "SYSTEM",
    "Actor",
    "FundExhausted",
    "RequestError",
    "request_approve",
    "request_create",
    "request_record_proposal",
    "request_reject",
    "request_submit",
    "request_update",
    "request_withdraw",
]
