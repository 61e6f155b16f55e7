"""CSRF on every POST, the CSP and security headers, and no public path to uploads."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.security.test_url_sweep import OBJECTS, portal_patterns

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    from benefits.models import Benefit
    from benefits.services import Actor, request_create
    from invoices.models import Document
    from tests.portal.conftest import make_associate, make_cooperative
    from tests.security.test_url_sweep import victim as _  # noqa: F401  (documentation only)

    coop = make_cooperative("cemcop", "CEMCOP", "CEM")
    owner = make_associate(coop)
    request = request_create(
        associate=owner, benefit=Benefit.objects.get(cooperative=coop, code="salud"), actor=Actor()
    )
    document = Document.objects.create(
        cooperative=coop,
        request=request,
        kind="support",
        original_name="a.pdf",
        size=1,
        sha256="q",
        uploaded_at=request.created_at,
        status="read",
    )
    return {"owner": owner, "user": owner.user, "request": request, "document": document}


def test_every_portal_post_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["user"], backend="members.backends.AssociateBackend")
    for name, _route in portal_patterns():
        kwargs = OBJECTS[name](world) if name in OBJECTS else {}
        url = reverse(name, kwargs={"coop": "cemcop", **kwargs})
        response = client.post(url, {})
        assert response.status_code == 403, (name, response.status_code)
        assert "La página venció" in response.text


@pytest.mark.parametrize("path", ["/", "/cemcop/", "/cemcop/registro/", "/admin/login/"])
def test_pages_carry_the_csp_with_a_nonce_and_the_security_headers(client, world, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "object-src 'none'" in csp
        and "frame-ancestors 'none'" in csp
    )
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_page_with_a_script_gets_a_fresh_nonce_that_matches_its_script_tag(client, world):
    import re

    client.force_login(world["user"], backend="members.backends.AssociateBackend")
    url = reverse(
        "request_edit", kwargs={"coop": "cemcop", "public_id": world["request"].public_id}
    )
    first, second = client.get(url), client.get(url)
    nonce = re.search(r"'nonce-([^']+)'", first["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in first.text
    assert nonce not in second["Content-Security-Policy"]


def test_uploads_are_never_served_from_a_public_path(client, world):
    document = world["document"]
    document.file.save(
        "x", __import__("django.core.files.base", fromlist=["ContentFile"]).ContentFile(b"%PDF-x")
    )
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404
    assert client.get("/media/" + document.file.name).status_code == 404
    assert client.get("/static/../var/media/" + document.file.name).status_code == 404
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))
