from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from core.calendar import NATIONAL, BusinessCalendar


def test_weekends_and_colombian_holidays_are_not_business_days():
    assert not NATIONAL.is_business_day(date(2026, 3, 21))  # Saturday
    assert not NATIONAL.is_business_day(date(2026, 3, 23))  # San José, moved to Monday
    assert not NATIONAL.is_business_day(date(2026, 7, 13))  # Ley 2578 de 2026
    assert NATIONAL.is_business_day(date(2026, 3, 24))


def test_business_days_are_counted_after_the_start_day():
    # RELIABILITY.md §6.18: 10 business days from 2026-07-08 is 2026-07-24.
    assert NATIONAL.add_business_days(date(2026, 7, 8), 10) == date(2026, 7, 24)


def test_five_business_days_from_a_thursday_before_holy_week():
    # 2026-04-02 and 04-03 are Jueves and Viernes Santo.
    assert NATIONAL.add_business_days(date(2026, 3, 31), 5) == date(2026, 4, 9)


def test_staff_corrections_add_and_remove_holidays():
    calendar = BusinessCalendar(
        added=frozenset({date(2026, 3, 24)}), removed=frozenset({date(2026, 3, 23)})
    )
    assert calendar.is_business_day(date(2026, 3, 23))
    assert not calendar.is_business_day(date(2026, 3, 24))


def test_next_business_day_rolls_over_weekends_and_holidays():
    assert NATIONAL.next_business_day(date(2026, 3, 21)) == date(2026, 3, 24)
    assert NATIONAL.next_business_day(date(2026, 3, 24)) == date(2026, 3, 24)


def test_business_days_between_two_dates():
    assert NATIONAL.business_days_between(date(2026, 3, 20), date(2026, 3, 27)) == 4
    assert NATIONAL.business_days_between(date(2026, 3, 27), date(2026, 3, 20)) == 0


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31)),
    span=st.integers(min_value=-10, max_value=1500),
    added=st.frozensets(
        st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31)), max_size=5
    ),
    removed=st.frozensets(
        st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31)), max_size=5
    ),
)
def test_business_days_between_counts_what_walking_day_by_day_counts(start, span, added, removed):
    calendar = BusinessCalendar(added=added, removed=removed)
    end = start + timedelta(days=span)
    walked = sum(
        1 for n in range(1, span + 1) if calendar.is_business_day(start + timedelta(days=n))
    )
    assert calendar.business_days_between(start, end) == walked
