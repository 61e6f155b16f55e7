"""Dates as people in Colombia read them: '20 de febrero de 2026'."""

from datetime import date, datetime

MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)


def format_date(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # an ISO date from stored JSON facts
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return f"{value.day} de {MONTHS[value.month - 1]} de {value.year}"


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    from django.utils import timezone

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local.date())}, {local:%H:%M}"


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (the day of month must be reached)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def describe_duration(start: date, end: date) -> str:
    """'3 años y 1 mes' — seniority as the associate reads it."""
    total = max(months_between(start, end), 0)
    years, months = divmod(total, 12)
    parts = []
    if years:
        parts.append(f"{years} año" if years == 1 else f"{years} años")
    if months or not years:
        parts.append(f"{months} mes" if months == 1 else f"{months} meses")
    return " y ".join(parts)
