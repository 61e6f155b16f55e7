"""The real admin serves the import page (members/admin.py: AssociateAdmin.get_urls)."""

import pytest

from tests.factories import CooperativeFactory, SuperuserFactory

pytestmark = pytest.mark.django_db


def test_the_associate_admin_serves_the_import_page_at_its_url(client):
    CooperativeFactory()
    client.force_login(SuperuserFactory())

    response = client.get("/admin/members/associate/import/")

    assert response.status_code == 200
    assert response.templates[0].name == "admin/members/associate/import_roster.html"
