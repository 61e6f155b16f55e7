"""The mail server down for a while.

Our own SMTP sink (aiosmtpd on loopback) is stopped; 50 associates file
requests and staff approve the ones the rules find in order (the approval
email carries the decision letter, a PDF rendered when the email is sent).
Every email fails to send and waits in the outbox with its backoff. After
--down seconds the mail server comes back on the same port; the sweeper
(beat) sends what is due. Each message must arrive exactly once (the sink
logs the Message-ID every notification keeps across attempts).

    .venv/bin/python faults/smtp_down.py [--requests 50] [--down 60]
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faults import world  # noqa: E402
from faults.harness import Scenario, late_work, say, summary, wait_until  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--down", type=int, default=60)
    args = parser.parse_args()
    with Scenario("smtp_down") as scenario:
        from django.db.models import Count
        from django.utils import timezone

        from benefits.models import BenefitRequest
        from benefits.services import Actor, RequestError, request_approve, request_submit
        from faults import invariants
        from members.models import StaffMembership, StaffRole, User
        from notifications.models import Notification

        today = timezone.localdate()
        coop = world.cemcop(today=today)
        people = world.members(coop, args.requests, today=today)
        drafts = [world.draft(m, "obsequio_navideno", event_date=today) for m in people]
        first_request = min(d.pk for d in drafts)
        analyst = User.objects.create(username="fallas-analista", is_staff=True)
        StaffMembership.objects.create(user=analyst, cooperative=coop, role=StaffRole.ANALYST)
        scenario.worker().start()
        time.sleep(4)
        say(f"Servidor de correo detenido; {args.requests} asociados radican…")
        scenario.smtp.stop()
        down_at = time.monotonic()
        for member, draft in zip(people, drafts, strict=True):
            request_submit(request=draft, actor=Actor(user=member.user))
        reviewed = BenefitRequest.objects.filter(pk__gte=first_request, status="in_review")
        wait_until(
            lambda: reviewed.count() == args.requests,
            timeout=120,
            every=1,
            what="las propuestas del reglamento",
        )
        approved = 0
        for request in reviewed:
            try:
                request_approve(request=request, actor=Actor(user=analyst))
                approved += 1
            except RequestError:
                pass
        say(f"{approved} aprobadas por la administración (correo con la carta de decisión en PDF).")
        time.sleep(max(0.0, down_at + args.down - time.monotonic()))
        failing = Notification.objects.filter(status="pending", attempts__gte=1).count()
        say(
            f"Tras {args.down} s sin servidor: {failing} correos esperan su próximo intento. "
            "El servidor vuelve en el mismo puerto."
        )
        scenario.smtp.start()
        pending = Notification.objects.filter(status="pending")
        recovery = wait_until(
            lambda: not pending.exists(), timeout=900, every=2, what="los correos pendientes"
        )
        say(
            f"Todos los correos enviados {recovery:.0f} s después de que volvió el servidor; "
            f"el servidor recibió {scenario.smtp.count()}."
        )
        late = late_work(first_request)
        attempts = dict(Notification.objects.values_list("attempts").annotate(n=Count("id")))
        results = invariants.check_all(
            since_request_id=first_request, smtp_log=scenario.smtp.received
        )
        ok = invariants.report(results)
        summary(
            "smtp_down",
            ok,
            requests=args.requests,
            approved=approved,
            down_seconds=args.down,
            sent_after_return_seconds=round(recovery),
            emails=scenario.smtp.count(),
            attempts_histogram={str(k): v for k, v in sorted(attempts.items())},
            **late,
            invariants={r.name: r.ok for r in results},
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
