"""How much: the amount blocks the four reglamentos are made of.

Every block works on exact Decimals; the engine rounds once, ROUND_HALF_UP to
whole pesos, on the final amount. Messages show intermediate values rounded
for reading only.
"""

from benefits.rules.blocks.amounts.fixed import (
    BudgetPerParticipant,
    ByChoice,
    EducationAmount,
    FixedAmount,
    ParameterAmount,
    TourismIncentive,
    UpToParameter,
)
from benefits.rules.blocks.amounts.minimum_wage import (
    Bracket,
    CostBrackets,
    DailyWagePerDay,
    LesserOfShareAndCap,
    LoanTermShare,
    MilestoneShare,
    SmmlvBySeniority,
    SmmlvShare,
    SplitAmongChildren,
    split_evenly,
)
from benefits.rules.blocks.amounts.paid import (
    CapAtClaimed,
    ClaimedAmount,
    PerPerson,
    QuotaCharged,
    ShareOfClaimed,
)

__all__ = [
    "Bracket",
    "BudgetPerParticipant",
    "ByChoice",
    "CapAtClaimed",
    "ClaimedAmount",
    "CostBrackets",
    "DailyWagePerDay",
    "EducationAmount",
    "FixedAmount",
    "LesserOfShareAndCap",
    "LoanTermShare",
    "MilestoneShare",
    "ParameterAmount",
    "PerPerson",
    "QuotaCharged",
    "ShareOfClaimed",
    "SmmlvBySeniority",
    "SmmlvShare",
    "SplitAmongChildren",
    "TourismIncentive",
    "UpToParameter",
    "split_evenly",
]
