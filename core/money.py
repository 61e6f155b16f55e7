"""Money is Decimal, in whole Colombian pesos, rounded in one place."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ONE_PESO = Decimal("1")


def to_decimal(value) -> Decimal:
    """A Decimal from a string, int or Decimal; never from a float."""
    if isinstance(value, float):
        raise TypeError("Money must not be a float")
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"Not an amount: {value!r}") from exc


def round_pesos(value) -> Decimal:
    """Whole pesos, ROUND_HALF_UP (the reglamentos' amounts are paid in whole pesos)."""
    return to_decimal(value).quantize(ONE_PESO, rounding=ROUND_HALF_UP)


def format_pesos(value) -> str:
    """'$1.750.905' — Colombian thousands separator, no decimals, sign first."""
    if value is None or value == "":
        return ""
    amount = round_pesos(value)
    sign = "-" if amount < 0 else ""
    digits = f"{abs(amount):,.0f}".replace(",", ".")
    return f"{sign}${digits}"
