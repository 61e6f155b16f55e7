"""kill -9 of the Celery worker in the middle of 500 ingests.

500 associates each upload an e-invoice (the real DIAN samples) and file their
request, as the portal does: document_upload() writes the row and queues the
reading on commit; request_submit() files it and the worker records the rules'
proposal once the documents are read. When about a third of the documents
are read, the whole worker (main process, pool children and beat) gets
SIGKILL; two seconds later it is started again, as a supervisor would. Nothing
else is done by hand: the sweepers (beat) hand back what the dead worker held.

    .venv/bin/python faults/worker_kill.py [--uploads 500]

Prints the timeline, the recovery time and the invariants; exits 1 if one fails.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faults.harness import Scenario, late_work, say, summary, wait_until  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=500)
    parser.add_argument(
        "--kill-at", type=float, default=0.3, help="Fraction of documents read when the kill comes."
    )
    args = parser.parse_args()
    with Scenario("worker_kill") as scenario:
        from django.utils import timezone

        from benefits.services import Actor, request_submit
        from faults import invariants, world
        from invoices.models import Document
        from invoices.services import document_upload

        today = timezone.localdate()
        coop = world.cemcop(today=today)
        people = world.members(coop, args.uploads, today=today)
        drafts = [world.draft(member, "salud") for member in people]
        first_request = min(d.pk for d in drafts)
        worker = scenario.worker().start()
        time.sleep(4)  # the worker connects and forks its pool
        say(
            f"Subiendo {args.uploads} facturas y radicando cada solicitud (worker pid {worker.pid})…"
        )
        started = time.monotonic()
        killed_at = None
        read = Document.objects.filter(status__in=["read", "rejected", "failed"])
        for n, (member, draft) in enumerate(zip(people, drafts, strict=True)):
            document_upload(
                request=draft,
                uploaded_file=world.sample_file(n),
                kind="einvoice",
                category="health",
                actor=Actor(user=member.user),
            )
            request_submit(request=draft, actor=Actor(user=member.user))
            if killed_at is None and read.count() >= args.uploads * args.kill_at:
                killed_at = _kill_and_restart(worker, read.count())
        if killed_at is None:
            wait_until(
                lambda: read.count() >= args.uploads * args.kill_at,
                timeout=300,
                every=0.05,
                what="un tercio de las lecturas",
            )
            killed_at = _kill_and_restart(worker, read.count())
        uploaded = time.monotonic() - started
        say(
            f"Subidas y radicadas en {uploaded:.1f} s. Esperando a que los barridos recojan lo pendiente…"
        )
        unsettled = Document.objects.filter(status__in=["pending", "processing"])
        from benefits.models import BenefitRequest

        filed = BenefitRequest.objects.filter(pk__gte=first_request, status="submitted")
        pending_mail = _pending_mail()
        recovery = wait_until(
            lambda: not unsettled.exists() and not filed.exists() and not pending_mail.exists(),
            timeout=900,
            every=2,
            what="todo en estado final",
        )
        total = time.monotonic() - killed_at
        say(f"Todo en estado final {total:.0f} s después del kill -9.")
        held = Document.objects.filter(attempts__gt=1).count()
        late = late_work(first_request)
        say(
            f"Recogido por los barridos o reintentos: {held} documentos leídos en un segundo intento; "
            f"más de 60 s: {late['documents_late']} lecturas, {late['proposals_late']} propuestas, "
            f"{late['emails_late']} correos."
        )
        results = invariants.check_all(
            since_request_id=first_request, smtp_log=scenario.smtp.received
        )
        ok = invariants.report(results)
        summary(
            "worker_kill",
            ok,
            uploads=args.uploads,
            recovered_after_kill_seconds=round(total),
            waited_after_last_upload_seconds=round(recovery),
            documents_retried=held,
            **late,
            invariants={r.name: r.ok for r in results},
        )
        return 0 if ok else 1


def _kill_and_restart(worker, read: int) -> float:
    say(f"{read} documentos leídos: kill -9 al worker (grupo {worker.pid}: proceso, hijos y beat).")
    worker.kill()
    killed = time.monotonic()
    time.sleep(2)
    worker.start()
    say(f"Worker reiniciado (pid {worker.pid}).")
    return killed


def _pending_mail():
    from notifications.models import Notification

    return Notification.objects.filter(status="pending")


if __name__ == "__main__":
    sys.exit(main())
