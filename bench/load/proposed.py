"""Changes this bench proposes for code it does not own, applied only to the "propuesto" run.

bench/bench_load.py runs the mix twice: as the portal is, and with these
changes, so each proposal comes with its measured gain. Nothing here is
imported by the portal itself.

1. BenefitRequestAdmin.get_search_results (benefits/admin/requests.py): the
   admin's own search ORs five fields across three joined tables
   (request ⋈ associate ⟕ invoice) with SELECT DISTINCT, which PostgreSQL can
   only answer by joining every request of the cooperative (0.8–2 s at one
   million requests). Looking up each kind of term where its index is —
   radicado in the request, CUFE in the invoices, cédula and names in the
   associates (members migration 0003) — and then filtering the requests by
   those ids keeps the same results.
2. An index on BenefitRequest (cooperative, -created_at, -id) (benefits
   models): every list ordered newest first (the default list, the
   "rechazadas subsanables" and "aprobadas por pagar" queues, the warning
   filters) sorted all of a cooperative's requests.
3. SESSION_SAVE_EVERY_REQUEST = False (config/settings.py): every page wrote
   the session to PostgreSQL (an UPDATE and a COMMIT) and to Redis. Keeping
   the 30-minute idle timeout then needs the session touched at most once a
   few minutes (a small middleware), not on every request.
"""

from django.db.models import Q

PROPOSED_INDEXES = {
    "proposed_request_recent": "benefits_benefitrequest (cooperative_id, created_at DESC, id DESC)",
}


def search_results(model_admin, request, queryset, search_term):
    """Same matches as search_fields, each term looked up through its own index."""
    from invoices.models import Invoice
    from members.models import Associate

    for term in search_term.split():
        by_request = set(queryset.filter(filing_number=term.upper()).values_list("pk", flat=True))
        by_request |= set(
            Invoice.objects.filter(uuid=term.lower()).values_list("request_id", flat=True)
        )
        people = list(
            Associate.objects.filter(
                Q(document_number__iexact=term)
                | Q(first_names__icontains=term)
                | Q(last_names__icontains=term)
            ).values_list("pk", flat=True)
        )
        queryset = queryset.filter(Q(pk__in=by_request) | Q(associate_id__in=people))
    return queryset, False
