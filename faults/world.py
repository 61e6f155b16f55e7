"""A small CEMCOP for the fault scenarios: catalog, funds, associates with accounts, drafts, sessions.

Built through the same services and demo seeds the portal uses; associates
are logged in by writing their session directly (a login is not what the
scenarios test, and Argon2 costs 0.3 s of CPU each).
"""

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import requests as http

from faults.harness import PROD_SAMPLES, SAMPLES
from faults.invariants import is_friendly


@dataclass
class Member:
    associate: object
    user: object
    session_key: str = ""
    csrf: str = ""


def cemcop(*, today: date):
    from benefits.demo import benefits_demo_seed
    from cooperatives.demo import COOPERATIVES
    from cooperatives.services import cooperative_upsert, minimum_wages_seed

    coop, _ = cooperative_upsert(**COOPERATIVES[0])
    minimum_wages_seed()
    benefits_demo_seed(today=today)
    return coop


def members(coop, count: int, *, today: date, base: int = 70_000_000) -> list[Member]:
    from members.models import Associate, SavingsAccount, User

    found = []
    for n in range(count):
        document_number = str(base + n)
        associate = Associate.objects.create(
            cooperative=coop,
            document_number=document_number,
            first_names="Fallas",
            last_names=f"Prueba {n}",
            email=f"fallas{n}@carga.example.co",
            joined_on=today.replace(year=today.year - 10),
            data_updated_on=today,
            inducted=True,
        )
        SavingsAccount.objects.create(
            cooperative=coop, associate=associate, number=f"F{document_number}"
        )
        user = User.objects.create(
            username=User.associate_username(coop, document_number),
            associate=associate,
            email=associate.email,
            first_name="Fallas",
            last_name=f"Prueba {n}",
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        found.append(Member(associate, user))
    return found


def log_in(member: Member) -> Member:
    """A session as a successful login would leave it (written to the configured session store)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils.module_loading import import_string

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(member.user.pk)
    store[BACKEND_SESSION_KEY] = "members.backends.AssociateBackend"
    store[HASH_SESSION_KEY] = member.user.get_session_auth_hash()
    store.set_expiry(3600)
    store.create()
    member.session_key = store.session_key
    member.csrf = _get_new_csrf_string()
    return member


def draft(member: Member, benefit_code: str, *, event_date: date | None = None):
    from benefits.models import Benefit
    from benefits.services import Actor, request_create, request_update

    associate = member.associate
    benefit = Benefit.objects.get(cooperative=associate.cooperative, code=benefit_code)
    actor = Actor(user=member.user)
    request = request_create(associate=associate, benefit=benefit, actor=actor)
    return request_update(
        request=request,
        actor=actor,
        savings_account=associate.accounts.first(),
        event_date=event_date,
    )


def sample_file(n: int):
    from django.core.files.uploadedfile import SimpleUploadedFile

    name = PROD_SAMPLES[n % len(PROD_SAMPLES)]
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes())


class Browser:
    """An associate's browser: their session cookie, CSRF token, and every response they saw."""

    def __init__(self, base_url: str, member: Member, outcomes: list, *, timeout: float = 60.0):
        self.base, self.member, self.outcomes, self.timeout = base_url, member, outcomes, timeout
        self.session = http.Session()
        self.session.cookies.set("sessionid", member.session_key, domain="127.0.0.1")
        self.session.cookies.set("csrftoken", member.csrf, domain="127.0.0.1")

    def _record(self, page: str, response, seconds: float) -> None:
        self.outcomes.append(
            {
                "page": page,
                "status": None if response is None else response.status_code,
                "friendly": response is not None and is_friendly(response.text),
                "seconds": round(seconds, 3),
            }
        )

    def request(self, page: str, method: str, path: str, **kwargs):
        import time

        started = time.monotonic()
        response = None
        try:
            response = self.session.request(
                method,
                self.base + path,
                timeout=self.timeout,
                allow_redirects=False,
                headers={"X-CSRFToken": self.member.csrf},
                **kwargs,
            )
        except http.RequestException:
            response = None
        self._record(page, response, time.monotonic() - started)
        return response

    def file_request(self, coop_slug: str, request) -> str:
        """«Solicitar auxilio» on a prepared draft, then the page the associate lands on.

        "filed" (the request's page), "refused" (back to the draft with the portal's
        reason, e.g. an invoice someone else already used) or "error" (no answer, 5xx).
        """
        response = self.request(
            "radicar", "POST", f"/{coop_slug}/solicitudes/{request.public_id}/radicar/"
        )
        if response is None or response.status_code != 302:
            return "error"
        location = response.headers["Location"]
        self.request("detalle", "GET", location)
        return "refused" if location.rstrip("/").endswith("/editar") else "filed"


def pick(rng: random.Random, items: list):
    return items[rng.randrange(len(items))]


__all__ = [
    "Browser",
    "Member",
    "cemcop",
    "draft",
    "log_in",
    "members",
    "pick",
    "sample_file",
    "Path",
]
