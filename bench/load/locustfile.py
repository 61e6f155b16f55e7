"""Associates and staff of the scale database, for locust against gunicorn on loopback.

bench/bench_load.py writes the plan (who logs in, their requests, what staff
search for) to a JSON file and names it in LOAD_PLAN; each virtual user logs
in once in on_start (Argon2 is slow by design), visits its pages once (the
workers' first visit compiles templates: not the steady state; named "login: …"
so the figures leave them out) and then works:

- Associate: the "Auxilios" page, a request's page, the "Solicitar" form,
  starting a request (the POST and the draft's page it redirects to, measured
  apart), and now and then uploading a real DIAN invoice to a new draft
  (CEMCOP associates; the Celery worker reads it).
- Staff: an analyst's queues (the changelist of requests with a bandeja
  filter), the default list, and the admin search by cédula, radicado, name or
  CUFE, with a human's pause between pages.
- Uploader: the pipeline run — start a draft, upload an invoice, wait until it
  is read, file it; paced with constant_throughput so the run holds a rate.

Uploads are the real DIAN XML samples with their CUFE replaced by a fresh one
each time, so every upload is a new invoice (a CUFE supports one request per
cooperative). The signature then no longer verifies: the worker still does
all the reading and checking, and flags it for staff without blocking.
- Floor: /healthz, the framework's floor on the same server.
- SignedInFloor: an associate page that only checks the session
  (bench/load/urls.py), the floor of every associate page.

Pages are named "<who>: <page>" so the report groups them.
"""

import itertools
import json
import os
import random
import re
import secrets
import time
from pathlib import Path

from locust import FastHttpUser, between, constant, constant_throughput, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
UPLOAD_RATE = float(os.environ.get("UPLOAD_RATE_PER_USER", "0.5"))
CUFE = re.compile(rb"<cbc:UUID[^>]*>([0-9a-fA-F]{96})</cbc:UUID>")
SAMPLES = [
    (Path(path).name, data, CUFE.search(data).group(1))
    for path in PLAN["samples"]
    if (data := Path(path).read_bytes()) and CUFE.search(data)
]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACCOUNT_INPUT = re.compile(r'name="savings_account" value="(\d+)"')
# Pages visited before the measurement starts: each gunicorn worker compiles a
# template and imports a module the first time a page needs it (0.3–0.5 s for
# an admin queue), once in its life; the figures are the steady state.
WARM_UP = "login: calentamiento"


def _cooperatives_taking_turns(people: list[dict]) -> list[dict]:
    """Shuffled within each cooperative, then one of each in turn.

    So any eight virtual users include two associates of each of the four
    cooperatives: CEMCOP's (the ones who upload invoices in the mix) are
    always there, whatever the draw.
    """
    by_cooperative: dict[str, list[dict]] = {}
    for person in people:
        by_cooperative.setdefault(person["coop"], []).append(person)
    for group in by_cooperative.values():
        random.shuffle(group)
    turns = itertools.zip_longest(*by_cooperative.values())
    return [person for turn in turns for person in turn if person is not None]


_pool = {
    "associates": _cooperatives_taking_turns(PLAN["associates"]),
    "uploaders": random.sample(PLAN["uploaders"], len(PLAN["uploaders"])),
}


EXPECTED_USERS = int(os.environ.get("EXPECTED_USERS", "0"))
_logged_in = {"count": 0}


def _logged(user) -> None:
    """The measurement starts when the last virtual user has logged in (logins cost Argon2 CPU)."""
    _logged_in["count"] += 1
    if _logged_in["count"] == EXPECTED_USERS:
        user.environment.runner.stats.reset_all()
        print(f"MEASURE-START {time.time():.3f}", flush=True)


def _next(kind: str) -> dict:
    """Each virtual user takes its own login (a real associate is logged in once)."""
    pool = _pool[kind]
    person = pool.pop(0)  # from the front: the cooperatives' turns stay in order
    pool.append(person)
    return person


class PortalUser(FastHttpUser):
    abstract = True

    def csrf(self) -> str:
        return next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")

    def post(self, path: str, name: str, data=None, **kwargs):
        headers = {
            "X-CSRFToken": self.csrf(),
            "Referer": self.host + path,
            **kwargs.pop("headers", {}),
        }
        return self.client.post(path, data=data, name=name, headers=headers, **kwargs)

    def log_in_associate(self, person: dict) -> None:
        self.person = person
        self.coop = person["coop"]
        self.client.get(f"/{self.coop}/", name="login (GET)")
        with self.post(
            f"/{self.coop}/",
            "login (POST)",
            {"document_number": person["cedula"], "password": PLAN["password"]},
            catch_response=True,
        ) as response:
            if (
                f"/{self.coop}/auxilios/" not in (response.url or "")
                and "Cerrar sesión" not in response.text
            ):
                response.failure("login failed")

    def start_draft(self, benefit: str, who: str) -> str | None:
        """POST «Solicitar» (the portal creates or reuses the draft and redirects), then the draft's page.

        Two pages, measured apart as the browser asks for them ("<who>: iniciar
        solicitud", the POST answered with a redirect; "<who>: borrador", the page).
        """
        with self.post(
            f"/{self.coop}/auxilios/solicitar/",
            f"{who}: iniciar solicitud",
            {"benefit": benefit},
            catch_response=True,
            allow_redirects=False,
        ) as response:
            location = response.headers.get("Location") or ""
            match = re.search(r"/solicitudes/([0-9a-f-]{36})/editar/", location)
            if response.status_code != 302 or not match:
                response.failure(f"no draft ({response.status_code})")
                return None
        self.last_edit_page = self.client.get(location, name=f"{who}: borrador").text
        return match.group(1)


class Associate(PortalUser):
    wait_time = constant(0)
    weight = int(os.environ.get("ASSOCIATE_WEIGHT", "10"))

    def on_start(self):
        self.log_in_associate(_next("associates"))
        self.client.get(f"/{self.coop}/auxilios/", name=WARM_UP)
        self.client.get(f"/{self.coop}/auxilios/solicitar/", name=WARM_UP)
        for public_id in self.person["requests"][:1]:
            self.client.get(f"/{self.coop}/solicitudes/{public_id}/", name=WARM_UP)
        _logged(self)

    @task(8)
    def dashboard(self):
        self.client.get(f"/{self.coop}/auxilios/", name="asociado: Auxilios")

    @task(6)
    def request_page(self):
        if self.person["requests"]:
            public_id = random.choice(self.person["requests"])
            self.client.get(
                f"/{self.coop}/solicitudes/{public_id}/", name="asociado: una solicitud"
            )

    @task(2)
    def new_request_form(self):
        self.client.get(f"/{self.coop}/auxilios/solicitar/", name="asociado: formulario Solicitar")

    @task(1)
    def start_request(self):
        self.start_draft(random.choice(self.person["benefits"]), "asociado")

    @task(1)
    def upload_invoice(self):
        if self.coop != "cemcop" or random.random() > float(
            os.environ.get("MIX_UPLOAD_SHARE", "0.5")
        ):
            return
        draft = self.start_draft("salud", "asociado")
        if draft:
            _upload(self, draft, "asociado: subir factura")


def _upload(user: PortalUser, draft: str, name: str):
    file_name, data, cufe = random.choice(SAMPLES)
    data = data.replace(cufe, secrets.token_hex(48).encode())
    return user.post(
        f"/{user.coop}/solicitudes/{draft}/documentos/subir/",
        name,
        data={"category": "health"},
        files={"file": (file_name, data, "application/octet-stream")},
        headers={"X-Requested-With": "fetch"},
    )


class Staff(PortalUser):
    # The back office's own server (bench_load.py, docker-compose.yml); the portal's when unset.
    host = os.environ.get("BACKOFFICE_URL") or None
    wait_time = between(
        float(os.environ.get("STAFF_WAIT_MIN", "1")), float(os.environ.get("STAFF_WAIT_MAX", "3"))
    )
    fixed_count = int(os.environ.get("STAFF_FIXED", "1"))

    def on_start(self):
        staff = random.choice(PLAN["staff"])
        page = self.client.get("/admin/login/", name="login staff (GET)")
        token = CSRF_INPUT.search(page.text)
        with self.client.post(
            "/admin/login/?next=/admin/",
            name="login staff (POST)",
            catch_response=True,
            data={
                "username": staff,
                "password": PLAN["password"],
                "next": "/admin/",
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/admin/login/"},
        ) as response:
            if "/admin/login/" in (response.url or ""):
                response.failure("staff login failed")
        for queue in PLAN["queues"]:
            self.client.get(f"/admin/benefits/benefitrequest/?bandeja={queue}", name=WARM_UP)
        for term in dict(PLAN["search"]).values():  # one search of each kind
            self.client.get("/admin/benefits/benefitrequest/", params={"q": term}, name=WARM_UP)
        _logged(self)

    @task(6)
    def queue(self):
        queue = random.choice(PLAN["queues"])
        self.client.get(f"/admin/benefits/benefitrequest/?bandeja={queue}", name="staff: bandeja")

    @task(1)
    def default_list(self):
        self.client.get("/admin/benefits/benefitrequest/", name="staff: lista de solicitudes")

    @task(3)
    def search(self):
        kind, term = random.choice(PLAN["search"])
        self.client.get(
            "/admin/benefits/benefitrequest/", params={"q": term}, name=f"staff: búsqueda ({kind})"
        )


class Uploader(PortalUser):
    """The pipeline run: one upload (and filing) per iteration at a fixed pace."""

    wait_time = constant_throughput(UPLOAD_RATE)

    def on_start(self):
        self.log_in_associate(_next("uploaders"))
        _logged(self)

    @task
    def upload_and_file(self):
        draft = self.start_draft("salud", "subida")
        if not draft:
            return
        account = ACCOUNT_INPUT.search(self.last_edit_page or "")
        if account:
            self.post(
                f"/{self.coop}/solicitudes/{draft}/editar/",
                "subida: escoger cuenta",
                {"savings_account": account.group(1)},
            )
        fragment = _upload(self, draft, "subida: subir factura")
        deadline = time.monotonic() + 30
        # The page polls while the worker reads (data-poll holds the URL); empty when done.
        while 'data-poll=""' not in (fragment.text or "") and time.monotonic() < deadline:
            time.sleep(0.2)
            fragment = self.client.get(
                f"/{self.coop}/solicitudes/{draft}/documentos/", name="subida: ¿ya se leyó?"
            )
        self.post(f"/{self.coop}/solicitudes/{draft}/radicar/", "subida: radicar", {})


class Floor(FastHttpUser):
    wait_time = constant(0)

    @task
    def healthz(self):
        self.client.get("/healthz", name="piso: /healthz")


class SignedInFloor(PortalUser):
    """Logged-in associates asking for a page that only checks who they are, without pause."""

    wait_time = constant(0)

    def on_start(self):
        self.log_in_associate(_next("associates"))
        self.client.get(f"/{self.coop}/{PLAN['signed_in_floor']}", name=WARM_UP)
        _logged(self)

    @task
    def signed_in(self):
        self.client.get(f"/{self.coop}/{PLAN['signed_in_floor']}", name="piso con sesión")


@events.init_command_line_parser.add_listener
def _(parser):
    parser.add_argument("--plan-note", default="", help="free text kept in the run's log")
