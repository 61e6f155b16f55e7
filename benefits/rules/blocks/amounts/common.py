"""Helpers the amount blocks share: the seniority band in force and how an SMMLV share reads."""

from decimal import Decimal

from benefits.rules.blocks.seniority import SeniorityTable
from benefits.rules.context import Unavailable
from benefits.rules.wording import format_pesos, share_of_smmlv


def join_readings(*readings: str) -> str:
    return " ".join(r for r in readings if r)


def band_in_force(ctx, table: SeniorityTable):
    seniority = ctx.seniority()
    band = table.select(seniority)
    if band is None:
        first = table.bands[0].label
        raise Unavailable(
            f"Con {seniority.text} de antigüedad no alcanzas la primera banda de la tabla («{first}»).",
            code="seniority",
        )
    return seniority, band


def smmlv_text(ctx, factor: Decimal) -> str:
    return f"{share_of_smmlv(factor)} (SMMLV {ctx.smmlv_year}: {format_pesos(ctx.smmlv())})"
