"""Redis stopped, then Redis hung (kill -STOP), 30 s each, while 100 associates file requests.

The portal runs as in production: gunicorn, one Celery worker with beat, and
Redis (our own redis-server on another port — never the machine's) as the
broker and, by default, also as the cache (REDIS_URL).
During each outage 50 associates press «Solicitar auxilio» in their browser
(an HTTP POST through gunicorn, then the page it leads to). Redis is stopped
without persistence, so whatever was queued in it is gone when it comes back:
the rows in PostgreSQL and the sweepers must bring every request to its
proposal and every email to the mail server, once.

    .venv/bin/python faults/redis_down.py [--broker-only] [--seconds 30]

--broker-only points only Celery at Redis (CELERY_BROKER_URL) and leaves the
cache in memory. Sessions are in PostgreSQL either way (config/settings.py).
"""

import argparse
import signal
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faults import world  # noqa: E402
from faults.harness import Scenario, say, summary, wait_for_port, wait_until  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--broker-only", action="store_true")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    name = "redis_down_broker_only" if args.broker_only else "redis_down"
    with Scenario(name, shared_cache=not args.broker_only) as scenario:
        from django.utils import timezone

        from benefits.models import BenefitRequest
        from faults import invariants
        from notifications.models import Notification

        today = timezone.localdate()
        coop = world.cemcop(today=today)
        people = [world.log_in(m) for m in world.members(coop, args.requests, today=today)]
        drafts = [world.draft(m, "obsequio_navideno", event_date=today) for m in people]
        first_request = min(d.pk for d in drafts)
        scenario.worker().start()
        web = scenario.gunicorn(
            workers=3,
        ).start()
        wait_for_port(web.port)
        time.sleep(3)
        warm = world.Browser(web.url, people[0], []).request(
            "Auxilios", "GET", f"/{coop.slug}/auxilios/"
        )
        if warm is None or warm.status_code != 200:
            raise SystemExit(
                f"the portal does not answer before the fault: {warm}\n{scenario.tail('gunicorn')}"
            )
        half = args.requests // 2
        stopped = Phase("detenido", web.url, people[:half], drafts[:half], coop.slug)
        hung = Phase("colgado", web.url, people[half:], drafts[half:], coop.slug)

        say(f"Redis detenido {args.seconds} s (sin persistencia: lo encolado se pierde)…")
        scenario.redis.stop()
        stopped.run(args.seconds)
        scenario.redis.start()
        say("Redis de vuelta (vacío).")
        phases = [stopped.finish()]
        time.sleep(5)

        say(f"Redis colgado (kill -STOP) {args.seconds} s…")
        scenario.redis.signal(signal.SIGSTOP)
        hung.run(args.seconds)
        scenario.redis.signal(signal.SIGCONT)
        say("Redis responde otra vez (kill -CONT).")
        phases.append(hung.finish())
        outcomes = stopped.outcomes + hung.outcomes
        for phase in phases:
            say(
                f"  {phase['phase']}: {phase['filed']}/{phase['tried']} radicadas desde el navegador, "
                f"{phase['errors']} errores; «Solicitar» tardó p50 {phase['p50']} s, máx {phase['max']} s"
            )

        filed = BenefitRequest.objects.filter(pk__gte=first_request, status="submitted")
        not_filed = BenefitRequest.objects.filter(pk__gte=first_request, status="draft")
        pending = Notification.objects.filter(status="pending")
        say(
            f"{not_filed.count()} solicitudes quedaron en borrador (el asociado vio un error y no se radicó)."
        )
        recovery = wait_until(
            lambda: not filed.exists() and not pending.exists(),
            timeout=600,
            every=2,
            what="propuestas y correos",
        )
        say(f"Todo en estado final {recovery:.0f} s después de que Redis volvió.")
        # What an associate who saw an error would do: press the button again.
        retried = 0
        for browser, draft in zip(stopped.browsers + hung.browsers, drafts, strict=True):
            draft.refresh_from_db()
            if draft.status == "draft":
                retried += browser.file_request(coop.slug, draft) == "filed"
        if retried:
            say(f"{retried} asociados volvieron a pulsar «Solicitar» con Redis sano.")
            wait_until(
                lambda: not filed.exists() and not pending.exists(),
                timeout=600,
                every=2,
                what="propuestas y correos de los reintentos",
            )
        results = invariants.check_all(
            since_request_id=first_request, smtp_log=scenario.smtp.received, outcomes=outcomes
        )
        ok = invariants.report(results)
        errors = [o for o in outcomes if o["status"] is None or o["status"] >= 500]
        summary(
            name,
            ok,
            requests=args.requests,
            outage_seconds=args.seconds,
            recovered_seconds=round(recovery),
            errors_seen=len(errors),
            friendly_errors=sum(1 for o in errors if o["friendly"]),
            retried_by_associates=retried,
            phases=phases,
            invariants={r.name: r.ok for r in results},
        )
        return 0 if ok else 1


class Phase:
    """The associates who press «Solicitar» during one outage, spread over it, each in their own browser."""

    def __init__(self, name: str, base_url: str, members, drafts, slug: str):
        self.name, self.slug, self.drafts = name, slug, drafts
        self.outcomes: list[dict] = []
        self.browsers = [world.Browser(base_url, m, self.outcomes) for m in members]
        self.filed: list[bool] = []
        self.threads: list[threading.Thread] = []

    def run(self, seconds: int) -> None:
        """Starts the presses over `seconds`; returns when the outage should end (some may still wait)."""
        spacing = seconds / max(len(self.browsers), 1)
        started = time.monotonic()
        for n, (browser, draft) in enumerate(zip(self.browsers, self.drafts, strict=True)):
            time.sleep(max(0.0, started + n * spacing - time.monotonic()))
            thread = threading.Thread(
                target=lambda b=browser, d=draft: self.filed.append(
                    b.file_request(self.slug, d) == "filed"
                )
            )
            thread.start()
            self.threads.append(thread)
        time.sleep(max(0.0, started + seconds - time.monotonic()))

    def finish(self) -> dict:
        for thread in self.threads:
            thread.join()
        pressed = [o["seconds"] for o in self.outcomes if o["page"] == "radicar"]
        errors = [o for o in self.outcomes if o["status"] is None or o["status"] >= 500]
        return {
            "phase": self.name,
            "tried": len(self.browsers),
            "filed": sum(self.filed),
            "errors": len(errors),
            "p50": round(statistics.median(pressed), 2) if pressed else None,
            "max": round(max(pressed), 2) if pressed else None,
        }


if __name__ == "__main__":
    sys.exit(main())
