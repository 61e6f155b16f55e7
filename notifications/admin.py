from django.contrib import admin

from cooperatives.admin import TenantAdmin
from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(TenantAdmin):
    list_display = ["template", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["cooperative", "status", "template"]
    search_fields = ["=to", "key"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False
