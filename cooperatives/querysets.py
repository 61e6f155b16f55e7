"""The one place tenancy is enforced for reads.

Every tenant-owned model's manager comes from TenantQuerySet, so a view or an
admin always starts from `.for_cooperative(coop)` or `.visible_to(user)`.
"""

from django.db import models


class TenantQuerySet(models.QuerySet):
    cooperative_path = "cooperative"

    def for_cooperative(self, cooperative):
        return self.filter(**{self.cooperative_path: cooperative})

    def visible_to(self, user):
        """Rows of the cooperatives the staff member belongs to (all for superusers)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_associate:
            return self.filter(**{self.cooperative_path: user.associate.cooperative_id})
        return self.filter(**{f"{self.cooperative_path}__in": user.staff_cooperative_ids()})
