"""An admin site wired as members/admin.py is asked to wire the import page.

The lead's AssociateAdmin.get_urls gets the same line; test_roster_admin.py also
checks the real admin at the end.
"""

from django.contrib import admin
from django.urls import path

from members.admin_import import roster_import_urls
from members.models import Associate

site = admin.AdminSite(name="admin")


class AssociateAdmin(admin.ModelAdmin):
    def get_urls(self):
        return roster_import_urls(self) + super().get_urls()


site.register(Associate, AssociateAdmin)

urlpatterns = [path("admin/", site.urls)]
