"""PostgreSQL restarted under load.

The portal runs on a PostgreSQL cluster of its own (initdb in a temp dir,
another port — never the machine's), with gunicorn, one Celery worker with
beat and Redis. Associates work in their browsers: the "Auxilios" page, a
request's page, uploading an e-invoice, waiting for it to be read and filing
the request, filing a request without documents. Fifteen seconds in,
PostgreSQL is stopped (fast shutdown: every connection is cut), stays down
for --down seconds and is started again. An associate whose page failed does
what a person does: tries again once it works. Then the invariants.

    .venv/bin/python faults/postgres_restart.py [--associates 20] [--down 8]
"""

import argparse
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faults import world  # noqa: E402
from faults.harness import Scenario, late_work, say, summary, wait_for_port, wait_until  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--associates", type=int, default=20)
    parser.add_argument("--down", type=float, default=8.0, help="Seconds PostgreSQL stays stopped.")
    parser.add_argument("--seconds", type=int, default=45, help="Length of the load.")
    args = parser.parse_args()
    with Scenario("postgres_restart", own_postgres=True) as scenario:
        from django.db import connections
        from django.utils import timezone

        from benefits.models import BenefitRequest
        from faults import invariants
        from invoices.models import Document
        from notifications.models import Notification

        today = timezone.localdate()
        coop = world.cemcop(today=today)
        people = [world.log_in(m) for m in world.members(coop, args.associates, today=today)]
        work = [
            (m, world.draft(m, "salud"), world.draft(m, "obsequio_navideno", event_date=today))
            for m in people
        ]
        first_request = min(w[1].pk for w in work)
        scenario.worker().start()
        web = scenario.gunicorn(workers=3).start()
        wait_for_port(web.port)
        time.sleep(3)
        outcomes: list[dict] = []
        stop = threading.Event()
        threads = [
            threading.Thread(
                target=_associate,
                args=(
                    world.Browser(web.url, m, outcomes, timeout=30),
                    coop.slug,
                    salud,
                    gift,
                    stop,
                    n,
                ),
            )
            for n, (m, salud, gift) in enumerate(work)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(15)
        say(
            f"PostgreSQL: parada rápida (pg_ctl stop -m fast) con {len(outcomes)} páginas servidas…"
        )
        scenario.cluster.stop("fast")
        down_at = time.monotonic()
        time.sleep(args.down)
        scenario.cluster.start()
        say(f"PostgreSQL arriba otra vez tras {time.monotonic() - down_at:.1f} s.")
        time.sleep(max(0.0, started + args.seconds - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join()
        connections.close_all()
        errors = [o for o in outcomes if o["status"] is None or o["status"] >= 500]
        say(
            f"{len(outcomes)} páginas; {len(errors)} errores durante la caída "
            f"({sum(1 for o in errors if o['friendly'])} con la página «Intenta de nuevo»)."
        )
        unsettled = Document.objects.filter(status__in=["pending", "processing"])
        filed = BenefitRequest.objects.filter(pk__gte=first_request, status="submitted")
        pending = Notification.objects.filter(status="pending")
        recovery = wait_until(
            lambda: not unsettled.exists() and not filed.exists() and not pending.exists(),
            timeout=600,
            every=2,
            what="documentos, propuestas y correos",
        )
        say(f"Todo en estado final {recovery:.0f} s después de la carga.")
        drafts_left = BenefitRequest.objects.filter(pk__gte=first_request, status="draft").count()
        portal_refused = sum(1 for outcome in refused.values() if outcome == "refused")
        say(
            f"{drafts_left} borradores sin radicar: {portal_refused} los rechazó el portal con su motivo "
            "(la misma factura real ya usada por otro asociado de prueba), el resto quedó pendiente."
        )
        late = late_work(first_request)
        results = invariants.check_all(
            since_request_id=first_request, smtp_log=scenario.smtp.received, outcomes=outcomes
        )
        ok = invariants.report(results)
        summary(
            "postgres_restart",
            ok,
            associates=args.associates,
            down_seconds=args.down,
            pages=len(outcomes),
            errors_seen=len(errors),
            friendly_errors=sum(1 for o in errors if o["friendly"]),
            recovered_seconds=round(recovery),
            drafts_not_filed=drafts_left,
            refused_by_portal=portal_refused,
            **late,
            invariants={r.name: r.ok for r in results},
        )
        return 0 if ok else 1


# Salud drafts the portal refused to file (the same real invoice uploaded by several test
# associates is "already used" for all but the first): request pk → outcome of the last try.
refused: dict[int, str] = {}


def _associate(browser, slug: str, salud, gift, stop: threading.Event, seed: int) -> None:
    """One associate: looks around, uploads and files; retries what failed, as a person would."""
    rng = random.Random(seed)
    todo = ["upload", "file_salud", "file_gift"]
    while not stop.is_set():
        if todo and rng.random() < 0.3:
            if _step(todo[0], browser, slug, salud, gift, seed):
                todo.pop(0)
        elif rng.random() < 0.5:
            browser.request("Auxilios", "GET", f"/{slug}/auxilios/")
        else:
            browser.request("una solicitud", "GET", f"/{slug}/solicitudes/{gift.public_id}/")
        time.sleep(rng.uniform(0.1, 0.4))
    # After the load: whatever is still to do, once the portal answers again.
    deadline = time.monotonic() + 120
    while todo and time.monotonic() < deadline:
        if _step(todo[0], browser, slug, salud, gift, seed):
            todo.pop(0)
        else:
            time.sleep(1)


def _step(step: str, browser, slug: str, salud, gift, seed: int) -> bool:
    """One step of the associate's errand; True when it is done (else it is tried again later)."""
    if step == "upload":
        response = browser.request(
            "subir factura",
            "POST",
            f"/{slug}/solicitudes/{salud.public_id}/documentos/subir/",
            data={"category": "health"},
            files={"file": _sample(seed)},
        )
        return response is not None and response.status_code in (200, 302)
    if step == "file_salud":
        fragment = browser.request(
            "¿ya se leyó?", "GET", f"/{slug}/solicitudes/{salud.public_id}/documentos/"
        )
        return (
            fragment is not None and 'data-poll=""' in fragment.text and _file(browser, slug, salud)
        )
    return _file(browser, slug, gift)


def _file(browser, slug: str, request) -> bool:
    """«Solicitar»; done when filed or refused by the portal with its reason, not on an error."""
    refused[request.pk] = browser.file_request(slug, request)
    return refused[request.pk] != "error"


def _sample(n: int):
    name = world.PROD_SAMPLES[n % len(world.PROD_SAMPLES)]
    return (name, (world.SAMPLES / name).read_bytes(), "application/octet-stream")


if __name__ == "__main__":
    sys.exit(main())
