"""Legal reference values, seeded into the database where staff can correct them.

SMMLV by year (../shared/notes/RELIABILITY.md §4.5). Rules read the database
rows (cooperatives.models.MinimumWage), never these constants directly.
"""

from decimal import Decimal

MINIMUM_WAGES = {
    2021: (Decimal("908526"), "Decreto 1785 de 2020"),
    2022: (Decimal("1000000"), "Decreto 1724 de 2021"),
    2023: (Decimal("1160000"), "Decreto 2613 de 2022"),
    2024: (Decimal("1300000"), "Decreto 2292 de 2023"),
    2025: (Decimal("1423500"), "Decreto 1572 de 2024"),
    2026: (Decimal("1750905"), "Decreto 1469 de 2025; transitorio Decreto 0159 de 2026"),
}
