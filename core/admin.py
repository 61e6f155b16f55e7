from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.models import HolidayOverride


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(SimpleHistoryAdmin):
    list_display = ["date", "is_holiday", "note"]
