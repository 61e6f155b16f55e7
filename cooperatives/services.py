from cooperatives.models import Cooperative, MinimumWage
from cooperatives.reference import MINIMUM_WAGES
from core.db import upsert


def minimum_wages_seed() -> int:
    """Adds the SMMLV years that are missing; never overwrites a staff correction."""
    created = 0
    for year, (value, decree) in MINIMUM_WAGES.items():
        _, was_created = MinimumWage.objects.get_or_create(
            year=year, defaults={"monthly_value": value, "decree": decree}
        )
        created += was_created
    return created


def cooperative_upsert(*, slug: str, **fields) -> tuple[Cooperative, str]:
    return upsert(Cooperative, lookup={"slug": slug}, values=fields)


def cooperative_lock(*, cooperative: Cooperative) -> None:
    """Holds the cooperative's row until the transaction ends: one numbering or import at a time.

    FOR NO KEY UPDATE, not FOR UPDATE: every row that references the
    cooperative checks its foreign key with FOR KEY SHARE, which a plain FOR
    UPDATE blocks. Held that way, a payout batch being built stopped every
    filing, email and ledger entry of the cooperative, and a revocation caught
    between the two deadlocked.
    """
    list(
        Cooperative.objects.select_for_update(no_key=True)
        .filter(pk=cooperative.pk)
        .values_list("pk")
    )
