"""Every portal URL, for every persona, against another associate's and another cooperative's objects.

The sweep discovers the URLconf itself: a new URL that takes an id fails
test_every_id_bearing_url_is_covered until it is added to OBJECTS below.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from benefits.models import Benefit
from benefits.services import Actor, request_create
from invoices.models import Document
from members.models import StaffRole
from tests.factories import StaffMembershipFactory
from tests.portal.conftest import make_associate, make_cooperative

pytestmark = pytest.mark.django_db


def portal_patterns(patterns=None, prefix=""):
    """(name, route) of every URL under a cooperative's prefix."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            route = str(pattern.pattern)
            if route.startswith("admin/"):
                continue
            yield from portal_patterns(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and pattern.name and prefix.startswith("<slug:coop>/"):
            yield pattern.name, prefix + str(pattern.pattern)


ID_KWARGS = {"public_id", "document_id", "uidb64", "token"}

# How to point each id-bearing URL at the victim's objects.
OBJECTS = {
    "request_detail": lambda v: {"public_id": v["request"].public_id},
    "request_edit": lambda v: {"public_id": v["request"].public_id},
    "request_documents": lambda v: {"public_id": v["request"].public_id},
    "document_add": lambda v: {"public_id": v["request"].public_id},
    "request_file": lambda v: {"public_id": v["request"].public_id},
    "request_withdraw": lambda v: {"public_id": v["request"].public_id},
    "request_letter": lambda v: {"public_id": v["request"].public_id},
    "document_delete": lambda v: {
        "public_id": v["request"].public_id,
        "document_id": v["document"].public_id,
    },
    "document_download": lambda v: {"document_id": v["document"].public_id},
    "set_password": lambda v: {
        "uidb64": urlsafe_base64_encode(force_bytes(v["user"].public_id)),
        "token": "0-0",
    },
}


def test_every_id_bearing_url_is_covered():
    for name, route in portal_patterns():
        if any(f":{kwarg}>" in route or f"<{kwarg}>" in route for kwarg in ID_KWARGS):
            assert name in OBJECTS, f"{name} ({route}) takes an id: add it to the sweep"


@pytest.fixture
def victim():
    coop = make_cooperative("cemcop", "CEMCOP", "CEM")
    owner = make_associate(coop, document_number="52000001")
    request = request_create(
        associate=owner, benefit=Benefit.objects.get(cooperative=coop, code="salud"), actor=Actor()
    )
    document = Document.objects.create(
        cooperative=coop,
        request=request,
        kind="support",
        original_name="secreto.pdf",
        size=9,
        sha256="z",
        uploaded_at=request.created_at,
        status="read",
    )
    return {
        "coop": coop,
        "owner": owner,
        "user": owner.user,
        "request": request,
        "document": document,
    }


@pytest.fixture
def personas(victim):
    coop = victim["coop"]
    other_coop = make_cooperative("san-simon", "San Simón", "SSI")
    neighbour = make_associate(coop, document_number="52000002")
    outsider = make_associate(
        other_coop, document_number="52000001"
    )  # same cédula, other cooperative
    staff_elsewhere = StaffMembershipFactory(cooperative=other_coop, role=StaffRole.ANALYST).user
    return {
        "another associate": neighbour.user,
        "the same person at another cooperative": outsider.user,
        "staff of another cooperative": staff_elsewhere,
    }


SWEEP = [name for name in OBJECTS if name != "set_password"]


@pytest.mark.parametrize("name", SWEEP)
@pytest.mark.parametrize("method", ["get", "post"])
def test_nobody_else_reaches_an_associates_objects(client, victim, personas, name, method):
    for persona, user in personas.items():
        client.force_login(user, backend="members.backends.AssociateBackend")
        for coop in ("cemcop", "san-simon"):
            url = reverse(name, kwargs={"coop": coop, **OBJECTS[name](victim)})
            response = getattr(client, method)(url)
            if response.status_code == 302:  # not this cooperative's associate: sent to its login
                assert reverse("cooperative_home", kwargs={"coop": coop}) in response["Location"], (
                    persona,
                    url,
                )
            elif response.status_code != 405:
                assert response.status_code == 404, (persona, method, url, response.status_code)
            assert b"secreto" not in response.content
        client.logout()


@pytest.mark.parametrize("name", SWEEP)
def test_anonymous_visitors_are_sent_to_the_login(client, victim, name):
    url = reverse(name, kwargs={"coop": "cemcop", **OBJECTS[name](victim)})
    response = client.get(url)
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response["Location"].startswith(
            reverse("cooperative_home", kwargs={"coop": "cemcop"})
        )


def test_a_password_link_for_another_cooperatives_account_is_refused(client, victim, personas):
    url = reverse("set_password", kwargs={"coop": "san-simon", **OBJECTS["set_password"](victim)})
    assert client.get(url).status_code == 400
