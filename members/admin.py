from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from cooperatives.admin import TenantAdmin
from members.models import Associate, Beneficiary, SavingsAccount, StaffMembership, User


class BeneficiaryInline(admin.TabularInline):
    model = Beneficiary
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
