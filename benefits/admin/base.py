"""What every back-office admin shares on top of cooperatives.admin.TenantAdmin.

- Bounded counts: a changelist never counts a whole table (BoundedPaginator,
  no facets, no full result count).
- (The audit trail on every change page, and read-only history pages that also
  work for models without history, come from TenantAdmin.)
- A CSV export of the rows selected in a list — scoped like the list.
- The row checkboxes written directly, not through the form-widget templates.
"""

import csv
import io
from functools import cached_property

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import label_for_field, lookup_field
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.utils.html import format_html, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cooperatives.admin import TenantAdmin

CAP = 1000


class BoundedPaginator(Paginator):
    """Counts at most CAP + 1 rows: "más de 1.000" instead of a COUNT(*) over a huge table."""

    cap = CAP

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def cap_label(self) -> str:
        return f"{self.cap:,}".replace(",", ".")


@admin.action(description="Exportar las filas seleccionadas (CSV)", permissions=["view"])
def export_csv(modeladmin, request, queryset):
    fields = [f for f in modeladmin.get_list_display(request) if f != "action_checkbox"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [strip_tags(str(label_for_field(f, modeladmin.model, modeladmin))) for f in fields]
    )
    for obj in queryset[: CAP * 10]:
        row = []
        for name in fields:
            _, _, value = lookup_field(name, obj, modeladmin)
            text = strip_tags(str(value if value is not None else ""))
            row.append(f"'{text}" if text[:1] in ("=", "+", "-", "@") else text)
        writer.writerow(row)
    response = HttpResponse(
        buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    name = slugify(str(modeladmin.model._meta.verbose_name_plural))
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "no-store"
    return response


class BackOfficeAdmin(TenantAdmin):
    paginator = BoundedPaginator
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    actions = [export_csv]

    def action_checkbox(self, obj):
        """Django's checkbox, same HTML: rendered as a widget it was a third of a queue page's time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            _("Select this object for an action - {}").format(obj),  # Django's own label
        )


def known_values_filter(field: str, title: str, values: list[tuple[str, str]]):
    """A list filter over values known in advance.

    Django's default filter for a plain column asks the table for its DISTINCT
    values on every page load: hundreds of thousands of invoices, millions of
    emails.
    """

    class KnownValues(admin.SimpleListFilter):
        parameter_name = field

        def lookups(self, request, model_admin):
            return values

        def queryset(self, request, queryset):
            return queryset.filter(**{field: self.value()}) if self.value() else queryset

    KnownValues.title = title
    return KnownValues


class SearchByRadicado:
    """The search box of a list over a request's rows (documents, movements, agenda items).

    Django compiles `=request__filing_number` to UPPER(...) = UPPER(...)
    across the join, which no index serves: a sequential scan of a million
    requests per search. Here a radicado is looked up in the requests of the
    cooperatives the user may read, through their (cooperative, radicado)
    index, as the requests' own list does (benefits.admin.requests), and a
    cédula through the associates' UPPER index. Every word must match.
    """

    search_fields = ["request__filing_number", "request__associate__document_number"]

    def get_search_results(self, request, queryset, search_term):
        from benefits.models import BenefitRequest
        from cooperatives.models import Cooperative

        cooperatives = self._readable_cooperative_ids(request)
        if cooperatives is None:  # a superuser: every cooperative, still through the index
            cooperatives = list(Cooperative.objects.values_list("pk", flat=True))
        for term in search_term.split():
            named = BenefitRequest.objects.filter(
                cooperative__in=cooperatives, filing_number=term.upper()
            ).values_list("pk", flat=True)
            queryset = queryset.filter(self.search_matches(term, list(named)))
        return queryset, False

    def search_matches(self, term: str, requests: list[int]) -> Q:
        """The rows one word names, given the requests whose radicado it is."""
        return Q(request__in=requests) | Q(request__associate__document_number__iexact=term)
