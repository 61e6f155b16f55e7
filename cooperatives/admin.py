from django.contrib import admin
from django.http import Http404, HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin

from cooperatives.models import Cooperative, CooperativeParameter, MinimumWage


class CooperativeFilter(admin.SimpleListFilter):
    """The "cooperativa" filter, listing only the cooperatives the staff member can read.

    (Django's related-field filter would list every tenant; RelatedOnlyFieldListFilter
    would scan the table for them.) Same URL parameter as Django's own filter.
    """

    title = "cooperativa"
    parameter_name = "cooperative__id__exact"

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        ids = model_admin._readable_cooperative_ids(request)
        cooperatives = Cooperative.objects.order_by("name")
        if ids is not None:
            cooperatives = cooperatives.filter(pk__in=ids)
        return [(str(cooperative.pk), cooperative.name) for cooperative in cooperatives]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        return queryset.filter(**{self.model_admin.cooperative_path: int(value)})


class TenantAdmin(SimpleHistoryAdmin):
    """The base of every admin over tenant-owned rows.

    A staff member sees and acts only on the cooperatives where one of their
    roles grants the permission in question: in lists, searches and
    autocompletes (get_queryset), in object pages and history (object-level
    permissions), and in the choices of related fields. Superusers see all.
    `cooperative_path` is the lookup from the model to its cooperative.
    """

    cooperative_path = "cooperative"
    show_full_result_count = False  # no COUNT(*) over the whole table on every list

    # --- which cooperatives ------------------------------------------------------
    def _perm(self, action: str) -> str:
        return f"{self.opts.app_label}.{action}_{self.opts.model_name}"

    def _cooperative_ids(self, request, action: str):
        return request.user.cooperative_ids_with_perm(self._perm(action))

    def _readable_cooperative_ids(self, request):
        view, change = (
            self._cooperative_ids(request, "view"),
            self._cooperative_ids(request, "change"),
        )
        if view is None or change is None:
            return None
        return view | change

    def _cooperative_id_of(self, obj) -> int:
        target = obj
        for part in self.cooperative_path.split("__"):
            target = getattr(target, part)
        return target.pk

    def _allows(self, request, action: str, obj) -> bool:
        ids = self._cooperative_ids(request, action)
        return ids is None or self._cooperative_id_of(obj) in ids

    # --- Django admin hooks --------------------------------------------------------
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = self._readable_cooperative_ids(request)
        if ids is None:
            return queryset
        return queryset.filter(**{f"{self.cooperative_path}__in": ids})

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return (
            obj is None
            or self._allows(request, "view", obj)
            or self._allows(request, "change", obj)
        )

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or self._allows(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        # Tenant data is never deleted from the back office: it is audited history.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def get_list_filter(self, request):
        return [
            CooperativeFilter if name == "cooperative" else name
            for name in super().get_list_filter(request)
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The object's audit trail (who, when, from where, what) on its own page;
        # templates/admin/change_form.html shows it.
        extra_context = dict(extra_context or {})
        if "audit" not in extra_context and self._tracks_history():
            from benefits.backoffice.selectors import audit_trail

            obj = self.get_object(request, object_id)
            if obj is not None and self.has_view_permission(request, obj):
                extra_context["audit"] = audit_trail(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    # --- history pages -------------------------------------------------------------
    def _tracks_history(self) -> bool:
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    def history_view(self, request, object_id, extra_context=None):
        if (
            not self._tracks_history()
        ):  # no HistoricalRecords: Django's own change log, scoped the same way
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a POSTed historical form even with reverts disabled:
        # a record page is read-only here.
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if not self._tracks_history():
            raise Http404("Este registro no lleva historial.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _form_action(self, request) -> str:
        """ "add" on the add form, else "change": the choices follow what the form is for.

        Someone who convenes sessions at one cooperative and only votes at
        another must not be offered the second on the add form.
        """
        match = request.resolver_match
        add_form = f"{self.opts.app_label}_{self.opts.model_name}_add"
        return "add" if match is not None and match.url_name == add_form else "change"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        ids = (
            request.user.cooperative_ids_with_perm(self._perm(self._form_action(request))) or set()
        )
        if request.user.is_superuser:
            pass
        elif related is Cooperative:
            kwargs["queryset"] = Cooperative.objects.filter(pk__in=ids)
        elif any(f.name == "cooperative" for f in related._meta.get_fields()):
            kwargs["queryset"] = related._default_manager.filter(cooperative__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Cooperative)
class CooperativeAdmin(TenantAdmin):
    cooperative_path = "pk"
    list_display = ["name", "slug", "nit_display", "city", "review_business_days", "active"]
    search_fields = ["name", "slug", "nit"]

    def _cooperative_id_of(self, obj):
        return obj.pk

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(CooperativeParameter)
class CooperativeParameterAdmin(TenantAdmin):
    list_display = ["key", "year", "value", "cooperative", "note"]
    list_filter = ["cooperative", "key", "year"]
    list_select_related = ["cooperative"]


@admin.register(MinimumWage)
class MinimumWageAdmin(SimpleHistoryAdmin):
    list_display = ["year", "monthly_value", "decree"]
