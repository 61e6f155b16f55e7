"""How numbers read in the trace: '$1.750.905', '75 %', '1,5 SMMLV', '20 de febrero de 2026'."""

from decimal import Decimal

from core.dates import format_date
from core.money import format_pesos

__all__ = ["format_date", "format_pesos", "number", "percent", "share_of_smmlv"]


def number(value) -> str:
    """A plain number the Colombian way: '1,5', '4', '0,25' (no trailing zeros)."""
    value = Decimal(value)
    text = format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
    return text.replace(".", ",")


def percent(fraction) -> str:
    """A fraction as a percentage: Decimal('0.75') -> '75 %'."""
    return f"{number(Decimal(fraction) * 100)} %"


def share_of_smmlv(factor) -> str:
    """How the texts write a multiple of the minimum wage: '60 % de un SMMLV', '1,5 SMMLV'."""
    factor = Decimal(factor)
    if factor >= 1:
        return f"{number(factor)} SMMLV"
    return f"{percent(factor)} de un SMMLV"
