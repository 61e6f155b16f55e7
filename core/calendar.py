"""Colombian business days ("días hábiles"): no Saturdays, Sundays or holidays.

Holidays come from the `holidays` package (Ley 51 de 1983, "Ley Emiliani", and
later laws), corrected by staff through HolidayOverride rows when a law changes
faster than a release (../shared/notes/RELIABILITY.md §4.3). The calendar is a
plain value: rule evaluation receives one and never reads the database itself.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("CO", years=year).keys())


@dataclass(frozen=True)
class BusinessCalendar:
    added: frozenset[date] = field(default_factory=frozenset)
    removed: frozenset[date] = field(default_factory=frozenset)

    def is_holiday(self, day: date) -> bool:
        if day in self.removed:
            return False
        return day in self.added or day in _national_holidays(day.year)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def add_business_days(self, start: date, days: int) -> date:
        """The n-th business day after start; start itself is not counted."""
        return _add_business_days(self, start, days)

    def next_business_day(self, day: date) -> date:
        """day itself when it is a business day, else the next one."""
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """Business days after start up to and including end (0 when end <= start).

        Weekdays by arithmetic, less the holidays that fall on one: a request
        overdue for years is one line of the staff's queue, not a thousand-day loop.
        """
        if end <= start:
            return 0
        weeks, extra = divmod((end - start).days, 7)
        weekdays = weeks * 5 + sum(
            1 for n in range(1, extra + 1) if (start + timedelta(days=n)).weekday() < 5
        )
        candidates = self.added.union(
            *(_national_holidays(year) for year in range(start.year, end.year + 1))
        )
        holidays_on_weekdays = sum(
            1
            for day in candidates
            if start < day <= end and day.weekday() < 5 and self.is_holiday(day)
        )
        return weekdays - holidays_on_weekdays


@lru_cache(maxsize=4096)
def _add_business_days(calendar: BusinessCalendar, start: date, days: int) -> date:
    # Remembered: the "Auxilios" page asks the same filing-window deadlines of
    # every benefit for every associate (today + N business days), day by day.
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if calendar.is_business_day(current):
            remaining -= 1
    return current


NATIONAL = BusinessCalendar()
