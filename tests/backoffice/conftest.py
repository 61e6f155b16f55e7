"""Two complete cooperatives for the back office: staff in every role, requests in every state.

The builders live in tests/backoffice/helpers.py.
"""

from datetime import date

import pytest

from tests.backoffice.helpers import Staff
from tests.portal.conftest import make_associate, make_cooperative


@pytest.fixture
def cemcop(db):
    return make_cooperative("cemcop", "CEMCOP", "CEM")


@pytest.fixture
def san_simon(db):
    return make_cooperative("san-simon", "San Simón", "SSI")


@pytest.fixture
def coprocenva(db):
    return make_cooperative("coprocenva", "COPROCENVA", "CPV")


@pytest.fixture
def staff(cemcop):
    return Staff(cemcop, 70_000_000)


@pytest.fixture
def ana(cemcop):
    return make_associate(
        cemcop,
        first_names="Ana Lucía",
        last_names="Zúñiga Prieto",
        document_number="52123456",
        email="ana@example.co",
        joined_on=date(2015, 3, 1),
    )


@pytest.fixture
def no_tasks(monkeypatch):
    """Transactional tests run on_commit hooks: keep their tasks off the shared broker."""
    monkeypatch.setattr("benefits.tasks.evaluate_request.delay", lambda *args, **kwargs: None)
    monkeypatch.setattr("notifications.tasks.send_notification.delay", lambda *args, **kwargs: None)
