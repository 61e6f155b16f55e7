from pathlib import Path

from django.contrib import admin

from benefits.admin.base import BackOfficeAdmin, known_values_filter
from notifications.models import Notification

TEMPLATES = sorted(
    path.name.removesuffix(".subject.txt")
    for path in (Path(__file__).parent / "templates" / "notifications" / "emails").glob(
        "*.subject.txt"
    )
)


@admin.register(Notification)
class NotificationAdmin(BackOfficeAdmin):
    """The outbox: millions of rows, so bounded counts and no DISTINCT for the template filter."""

    actions = []  # no CSV of people's email addresses
    list_display = ["template", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = [
        "cooperative",
        "status",
        known_values_filter("template", "plantilla", [(name, name) for name in TEMPLATES]),
    ]
    search_fields = ["=to", "key"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False
