"""The invariants every fault scenario (and the load bench) ends with.

Each check is one SQL aggregate, so it runs the same on a scenario's few
hundred rows and on the 1 000 000-request scale database:

- every upload reached a final state (read, rejected or failed), none twice;
- every filed request got past the rule engine (no SUBMITTED left), its
  timeline is a chain of allowed moves ending in its status, one proposal per
  evaluation;
- fund budgets and quota accounts equal the sums of their ledger entries, no
  budget over its amount, and each request holds exactly what was approved;
- every status change the associate is told about has exactly one email row,
  all of them SENT; with a mail-server log, each message arrived exactly once;
- with HTTP results, no response an associate saw was an unfriendly failure
  (a 5xx without the portal's Spanish "Intenta de nuevo" page, a reset, a
  timeout).

Use: `results = check_all(...)`; `report(results)` prints them and returns
whether all hold.
"""

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from benefits.states import TRANSITIONS

FRIENDLY_MARK = "Intenta de nuevo"


@dataclass
class Result:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"  {'OK   ' if self.ok else 'FALLA'} {self.name}: {self.detail}"


def _one(sql: str, params=()) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


# The moves the state machine allows, as SQL rows: (from, to).
ALLOWED_MOVES = ", ".join(f"('{a}', '{b}')" for a, targets in TRANSITIONS.items() for b in targets)


def uploads(since_request_id: int = 0) -> list[Result]:
    params = {"since": since_request_id}
    unsettled, failed, total = _one(
        """SELECT COUNT(*) FILTER (WHERE status IN ('pending', 'processing')),
                  COUNT(*) FILTER (WHERE status = 'failed'), COUNT(*)
           FROM invoices_document WHERE request_id >= %(since)s""",
        params,
    )
    twice = _one(
        """SELECT COUNT(*) FROM (SELECT request_id, sha256 FROM invoices_document
           WHERE request_id >= %(since)s GROUP BY 1, 2 HAVING COUNT(*) > 1) x""",
        params,
    )[0]
    cufe_twice = _one(
        """SELECT COUNT(*) FROM (SELECT cooperative_id, uuid FROM invoices_invoice
           GROUP BY 1, 2 HAVING COUNT(*) > 1) x"""
    )[0]
    return [
        Result(
            "subidas en estado final",
            unsettled == 0,
            f"{total - unsettled}/{total} leídas, rechazadas o fallidas ({failed} fallidas)",
        ),
        Result(
            "ninguna subida dos veces",
            twice == 0 and cufe_twice == 0,
            f"{twice} archivos repetidos en una solicitud, {cufe_twice} CUFE usados dos veces",
        ),
    ]


def requests(since_request_id: int = 0) -> list[Result]:
    params = {"since": since_request_id}
    stuck, total = _one(
        """SELECT COUNT(*) FILTER (WHERE status = 'submitted'), COUNT(*)
           FROM benefits_benefitrequest WHERE id >= %(since)s""",
        params,
    )
    bad_moves, broken_chain, wrong_last = _one(
        """
        WITH e AS (
            SELECT e.request_id, e.from_status, e.to_status,
                   LAG(e.to_status) OVER w AS previous,
                   ROW_NUMBER() OVER (PARTITION BY e.request_id ORDER BY e.at DESC, e.id DESC) AS from_end
            FROM benefits_requestevent e
            WHERE e.request_id >= %(since)s
            WINDOW w AS (PARTITION BY e.request_id ORDER BY e.at, e.id)
        )
        SELECT
            COUNT(*) FILTER (WHERE (from_status, to_status) NOT IN (SELECT * FROM allowed)),
            COUNT(*) FILTER (WHERE previous IS NOT NULL AND previous <> from_status),
            (SELECT COUNT(*) FROM benefits_benefitrequest r
              JOIN e ON e.request_id = r.id AND e.from_end = 1 WHERE r.status <> e.to_status)
        FROM e
        """.replace("(SELECT * FROM allowed)", f"({ALLOWED_MOVES})"),
        params,
    )
    proposals_off = _one(
        """
        SELECT COUNT(*) FROM benefits_benefitrequest r
        WHERE r.id >= %(since)s AND
          (SELECT COUNT(*) FROM benefits_decision d WHERE d.request_id = r.id AND d.kind = 'proposal')
          <> (SELECT COUNT(*) FROM benefits_requestevent e
              WHERE e.request_id = r.id AND e.to_status = 'in_review')
        """,
        params,
    )[0]
    return [
        Result(
            "solicitudes radicadas evaluadas",
            stuck == 0,
            f"{stuck} de {total} siguen «radicada» sin propuesta",
        ),
        Result(
            "historia de cada solicitud coherente",
            bad_moves == broken_chain == wrong_last == 0,
            f"{bad_moves} pasos no permitidos, {broken_chain} saltos, "
            f"{wrong_last} estados distintos del último paso",
        ),
        Result(
            "una propuesta por evaluación",
            proposals_off == 0,
            f"{proposals_off} solicitudes con propuestas de más o de menos",
        ),
    ]


def ledger() -> list[Result]:
    budgets_off, over = _one(
        """
        SELECT COUNT(*) FILTER (WHERE b.committed <> COALESCE(s.total, 0)), COUNT(*) FILTER (WHERE b.committed > b.budget)
        FROM benefits_fundbudget b
        LEFT JOIN (SELECT fund_budget_id, SUM(amount) total FROM benefits_ledgerentry
                   WHERE fund_budget_id IS NOT NULL GROUP BY 1) s ON s.fund_budget_id = b.id
        """
    )
    quotas_off, negative = _one(
        """
        SELECT COUNT(*) FILTER (WHERE q.used <> COALESCE(s.total, 0)), COUNT(*) FILTER (WHERE q.used < 0)
        FROM benefits_quotaaccount q
        LEFT JOIN (SELECT quota_account_id, SUM(amount) total FROM benefits_ledgerentry
                   WHERE quota_account_id IS NOT NULL GROUP BY 1) s ON s.quota_account_id = q.id
        """
    )
    held_off = _one(
        """
        SELECT COUNT(*) FROM benefits_benefitrequest r
        JOIN (SELECT request_id, SUM(amount) FILTER (WHERE fund_budget_id IS NOT NULL) AS fund,
                     SUM(amount) FILTER (WHERE quota_account_id IS NOT NULL) AS quota
              FROM benefits_ledgerentry GROUP BY 1) l ON l.request_id = r.id
        WHERE COALESCE(l.fund, 0) <> CASE WHEN r.status IN ('approved', 'paid') OR (r.status = 'committee' AND r.referral = 'revocation') THEN r.amount_approved ELSE 0 END
           OR (l.quota IS NOT NULL AND l.quota <> CASE WHEN r.status IN ('approved', 'paid') OR (r.status = 'committee' AND r.referral = 'revocation') THEN r.amount_approved ELSE 0 END)
        """
    )[0]
    counts = _one(
        "SELECT (SELECT COUNT(*) FROM benefits_fundbudget), (SELECT COUNT(*) FROM benefits_quotaaccount)"
    )
    return [
        Result(
            "fondos = suma del libro",
            budgets_off == 0 and over == 0,
            f"{budgets_off} de {counts[0]} presupuestos distintos de su libro, {over} por encima del presupuesto",
        ),
        Result(
            "cupos = suma del libro",
            quotas_off == 0 and negative == 0,
            f"{quotas_off} de {counts[1]} cupos distintos de su libro, {negative} negativos",
        ),
        Result(
            "cada solicitud retiene lo aprobado",
            held_off == 0,
            f"{held_off} solicitudes con cargos que no cuadran",
        ),
    ]


def emails(
    since_request_id: int = 0, *, smtp_log: Path | None = None, require_sent: bool = True
) -> list[Result]:
    from benefits.notify import SILENT  # the steps that send no email (after django.setup())

    missing, duplicated = _one(
        """
        SELECT COUNT(*) FILTER (WHERE n.c IS NULL), COUNT(*) FILTER (WHERE n.c > 1)
        FROM benefits_requestevent e
        JOIN benefits_benefitrequest r ON r.id = e.request_id
        JOIN members_associate a ON a.id = r.associate_id
        LEFT JOIN (SELECT key, COUNT(*) c FROM notifications_notification GROUP BY 1) n
               ON n.key = 'request-event:' || e.id
        WHERE r.id >= %(since)s AND NOT (e.to_status = ANY(%(silent)s)) AND a.email <> ''
        """,
        {"since": since_request_id, "silent": sorted(str(status) for status in SILENT)},
    )
    statuses = dict(
        _rows(
            "SELECT status, COUNT(*) FROM notifications_notification WHERE created_at > now() - interval '1 day' GROUP BY 1"
        )
    )
    unsent = statuses.get("pending", 0) + statuses.get("failed", 0)
    results = [
        Result(
            "un correo por cambio de estado",
            missing == 0 and duplicated == 0,
            f"{missing} cambios sin correo, {duplicated} con más de uno",
        ),
    ]
    if require_sent:
        results.append(
            Result("correos enviados", unsent == 0, f"estados de hoy: {statuses or '{}'}")
        )
    if smtp_log is not None:
        received = Counter()
        if smtp_log.exists():
            for line in smtp_log.read_text().splitlines():
                received[json.loads(line)["message_id"]] += 1
        attempts = {
            f"<{public_id}@auxilios>": tries
            for public_id, tries in _rows(
                "SELECT public_id, attempts FROM notifications_notification WHERE status = 'sent' "
                "AND created_at > now() - interval '1 day'"
            )
        }
        sent_ids = set(attempts)
        repeated = {message_id for message_id, count in received.items() if count > 1}
        # The one repeat no sender can rule out: killed after the mail server's
        # "250 OK" and before the row says "sent", the next attempt delivers the
        # same message again, with the same Message-ID (notifications.composer), so
        # the recipient's mail system shows it once. A repeat of a message sent at
        # the first attempt, or two messages for one status change (checked
        # above), is a real duplicate.
        redelivered = {m for m in repeated if attempts.get(m, 0) > 1}
        twice = len(repeated - redelivered)
        lost = len(sent_ids - set(received))
        phantom = len(set(received) - sent_ids)
        results.append(
            Result(
                "servidor de correo: cada mensaje una vez",
                twice == 0 and lost == 0 and phantom == 0,
                f"{sum(received.values())} recibidos, {len(sent_ids)} marcados enviados; {twice} repetidos, "
                f"{len(redelivered)} reentregados con el mismo Message-ID tras una caída a mitad de envío, "
                f"{lost} marcados enviados y no recibidos, {phantom} recibidos sin marcar",
            )
        )
    return results


def http(outcomes: list[dict]) -> list[Result]:
    """outcomes: {"page": name, "status": int or None, "friendly": bool} as the associate saw them."""
    errors = [o for o in outcomes if o["status"] is None or o["status"] >= 500]
    unfriendly = [o for o in errors if not o.get("friendly")]
    by_kind = Counter(f"{o['page']}:{o['status'] or 'sin respuesta'}" for o in errors)
    return [
        Result(
            "ningún error crudo al asociado",
            not unfriendly,
            f"{len(outcomes)} respuestas; {len(errors)} errores ({len(errors) - len(unfriendly)} con la página "
            f"«Intenta de nuevo»): {dict(by_kind) or 'ninguno'}",
        ),
    ]


def _rows(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def check_all(
    *,
    since_request_id: int = 0,
    smtp_log: Path | None = None,
    outcomes: list[dict] | None = None,
    require_sent: bool = True,
) -> list[Result]:
    results = [
        *uploads(since_request_id),
        *requests(since_request_id),
        *ledger(),
        *emails(since_request_id, smtp_log=smtp_log, require_sent=require_sent),
    ]
    if outcomes is not None:
        results += http(outcomes)
    return results


def report(results: list[Result], *, title: str = "Invariantes") -> bool:
    print(f"{title}:")
    for result in results:
        print(result.line())
    return all(result.ok for result in results)


def is_friendly(body: str) -> bool:
    return FRIENDLY_MARK.lower() in body.lower()
