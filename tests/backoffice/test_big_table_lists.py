"""Lists over the biggest tables (emails, invoices) never ask for DISTINCT values or a full count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:notifications_notification_changelist",
        "admin:invoices_invoice_changelist",
        "admin:invoices_document_changelist",
    ],
)
def test_a_big_tables_list_reads_no_distinct_values_and_counts_a_bounded_number(client, changelist):
    client.force_login(SuperuserFactory())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(changelist)).status_code == 200
    sql = [q["sql"] for q in queries]
    assert not [s for s in sql if "DISTINCT" in s]
    assert all("LIMIT" in s for s in sql if "COUNT(" in s)


def test_the_outbox_filters_by_template(client):
    from notifications.models import Notification

    for n, template in enumerate(["request_approved", "request_paid"]):
        Notification.objects.create(
            key=f"k{n}", template=template, to=f"{template}@example.co", context={}
        )
    client.force_login(SuperuserFactory())
    url = reverse("admin:notifications_notification_changelist")
    page = client.get(url, {"template": "request_approved"})
    assert "request_approved@example.co" in page.text
    assert "request_paid@example.co" not in page.text
