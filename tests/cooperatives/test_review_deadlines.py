"""Each cooperative's review deadline in business days keeps what its reglamento promises."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from cooperatives.demo import COOPERATIVES
from core.calendar import BusinessCalendar


def review_days(slug: str) -> int:
    return next(c for c in COOPERATIVES if c["slug"] == slug)["review_business_days"]


@pytest.mark.parametrize("year", range(2026, 2031))
def test_coprocenva_answers_within_two_months_of_every_filing_day(year):
    """COPROCENVA Art. 15: «un plazo máximo … de 2 meses a partir de la fecha de radicación»."""
    calendar, days = BusinessCalendar(), review_days("coprocenva")
    filed = date(year, 1, 1)
    late = []
    while filed.year == year:
        if calendar.add_business_days(filed, days) > filed + relativedelta(months=2):
            late.append(filed)
        filed += timedelta(days=1)
    assert late == []
