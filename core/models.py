from django.db import models
from simple_history.models import HistoricalRecords

from core.calendar import BusinessCalendar
from core.history import AuditedHistory
from core.reference_cache import remembered


class HolidayOverride(models.Model):
    """A correction to the national holiday calendar, for every cooperative."""

    date = models.DateField("fecha", unique=True)
    is_holiday = models.BooleanField(
        "es festivo", default=True, help_text="Desmarque para quitar un festivo que ya no aplica."
    )
    note = models.CharField("norma o motivo", max_length=200)

    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "ajuste de festivo"
        verbose_name_plural = "ajustes de festivos"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} ({'festivo' if self.is_holiday else 'hábil'})"

    @classmethod
    def calendar(cls) -> BusinessCalendar:
        return remembered(("holidays",), cls._read_calendar)

    @classmethod
    def _read_calendar(cls) -> BusinessCalendar:
        rows = list(cls.objects.values_list("date", "is_holiday"))
        return BusinessCalendar(
            added=frozenset(d for d, h in rows if h),
            removed=frozenset(d for d, h in rows if not h),
        )
