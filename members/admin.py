from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from cooperatives.admin import TenantAdmin
from members.models import Associate, Beneficiary, SavingsAccount, StaffMembership, User


class OfTheAssociatesCooperative(BaseInlineFormSet):
    """Rows added on an associate's page: of the associate's cooperative, checked against its constraints.

    The cooperative is not a field of these inlines, so Django would neither
    set it (a new row was a 500 from NOT NULL) nor check the constraints that
    name it (a repeated account number, a 500 from the unique index).
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        row = form.instance
        row.cooperative_id = self.instance.cooperative_id
        if isinstance(row, Beneficiary) and row.registered_on is None:
            row.registered_on = timezone.localdate()
        return form

    def clean(self):
        super().clean()
        for form in self.forms:
            if form.has_changed() and not self._should_delete_form(form):
                try:
                    form.instance.validate_constraints()
                except ValidationError as error:
                    form.add_error(None, error)


class BeneficiaryInline(admin.TabularInline):
    model = Beneficiary
    formset = OfTheAssociatesCooperative
    extra = 0
    fields = [
        "relationship",
        "first_names",
        "last_names",
        "document_number",
        "birth_date",
        "status",
    ]
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        return False


class SavingsAccountInline(admin.TabularInline):
    model = SavingsAccount
    formset = OfTheAssociatesCooperative
    extra = 0
    fields = ["number", "kind", "active"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Associate)
class AssociateAdmin(TenantAdmin):
    list_display = [
        "document_number",
        "last_names",
        "first_names",
        "cooperative",
        "joined_on",
        "status",
    ]
    list_filter = ["cooperative", "status", "pensioner"]
    list_select_related = ["cooperative"]
    search_fields = ["=document_number", "last_names", "first_names", "email"]
    readonly_fields = ["public_id", "updated_at"]
    inlines = [BeneficiaryInline, SavingsAccountInline]

    def get_urls(self):
        from members.admin_import import roster_import_urls

        return roster_import_urls(self) + super().get_urls()  # before the admin's catch-all


@admin.register(Beneficiary)
class BeneficiaryAdmin(TenantAdmin):
    list_display = ["full_name", "relationship", "associate", "status", "registered_on"]
    list_filter = ["cooperative", "status", "relationship"]
    list_select_related = ["associate", "cooperative"]
    search_fields = ["=document_number", "first_names", "last_names", "=associate__document_number"]
    autocomplete_fields = ["associate"]


@admin.register(SavingsAccount)
class SavingsAccountAdmin(TenantAdmin):
    list_display = ["number", "kind", "associate", "active"]
    list_filter = ["cooperative", "active"]
    list_select_related = ["associate"]
    search_fields = ["=number", "=associate__document_number"]
    autocomplete_fields = ["associate"]


class StaffMembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are managed by superusers (the platform operator) only."""

    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    readonly_fields = ["associate", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Datos personales", {"fields": ["first_name", "last_name", "email", "associate"]}),
        ("Permisos", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Fechas", {"fields": ["last_login", "date_joined"]}),
    ]
    inlines = [StaffMembershipInline]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
