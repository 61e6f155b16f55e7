"""Date arithmetic the reglamentos need: months and years from a date, ages, seniority.

core.dates has months_between and describe_duration; this adds the other
direction (a date N months or years later) and a Seniority value.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from core.dates import describe_duration, months_between


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (or earlier); the last day when it does not exist."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def age_on(birth_date: date, day: date) -> int:
    """Completed years of age on `day`."""
    return max(months_between(birth_date, day), 0) // 12


@dataclass(frozen=True, slots=True)
class Seniority:
    """Time as an associate from joined_on to as_of."""

    joined_on: date
    as_of: date

    @property
    def months(self) -> int:
        """Whole months completed (the day of the month must be reached)."""
        return max(months_between(self.joined_on, self.as_of), 0)

    @property
    def days(self) -> int:
        """Calendar days elapsed (joining day not counted)."""
        return max((self.as_of - self.joined_on).days, 0)

    def exceeds_years(self, years: int) -> bool:
        """More than `years` years: the day after the anniversary onwards."""
        return self.as_of > add_years(self.joined_on, years)

    @property
    def text(self) -> str:
        if self.as_of < self.joined_on:
            return "0 meses (la afiliación es posterior a la fecha)"
        if self.months == 0:
            return f"{self.days} días" if self.days != 1 else "1 día"
        return describe_duration(self.joined_on, self.as_of)
