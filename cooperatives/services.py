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
