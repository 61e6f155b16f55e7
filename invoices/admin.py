from django.contrib import admin
from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html

from benefits.admin.base import BackOfficeAdmin, SearchByRadicado, known_values_filter
from invoices import views
from invoices.models import Document, Invoice


@admin.register(Document)
class DocumentAdmin(SearchByRadicado, BackOfficeAdmin):
    list_display = [
        "original_name",
        "request",
        "kind",
        "category",
        "status",
        "uploaded_at",
        "download",
    ]
    list_filter = ["cooperative", "status", "kind"]
    list_select_related = ["request", "cooperative"]
    exclude = ["file"]  # files are downloaded through the authorising view, never a storage URL
    readonly_fields = [
        "public_id",
        "request",
        "kind",
        "category",
        "original_name",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
        "status",
        "attempts",
        "processed_at",
        "error_code",
        "error_message",
        "facts",
        "warnings",
        "download",
    ]

    @admin.display(description="archivo")
    def download(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">Descargar</a>', reverse("admin:invoices_document_download", args=[obj.pk])
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # written by the pipeline; staff read them

    def get_urls(self):
        view = self.admin_site.admin_view(views.staff_document_download)
        return [
            path(
                "<path:object_id>/descargar/",
                view,
                {"model_admin": self},
                name="invoices_document_download",
            ),
        ] + super().get_urls()


@admin.register(Invoice)
class InvoiceAdmin(SearchByRadicado, BackOfficeAdmin):
    list_display = [
        "number",
        "issuer_name",
        "issue_date",
        "payable",
        "request",
        "signature_valid",
        "dian_validated",
    ]
    list_filter = [
        "cooperative",
        known_values_filter(
            "kind",
            "clase",
            [
                ("invoice", "Factura"),
                ("credit_note", "Nota crédito"),
                ("debit_note", "Nota débito"),
                ("support_document", "Documento soporte"),
                ("pos_equivalent", "Documento equivalente (POS)"),
            ],
        ),
        known_values_filter(
            "environment", "ambiente", [("production", "Producción"), ("test", "Pruebas")]
        ),
        "signature_valid",
        "dian_validated",
    ]
    list_select_related = ["request", "cooperative"]
    search_fields = ["uuid", "number", "issuer_id", "request__filing_number"]
    exclude = ["document"]

    def search_matches(self, term, requests):
        # The CUFE as stored (lower case) through invoice_by_cufe; the number as written.
        return (
            Q(request__in=requests)
            | Q(uuid=term.lower())
            | Q(number__in={term, term.upper()})
            | Q(issuer_id=term)
        )

    readonly_fields = [
        "request",
        "uuid",
        "uuid_scheme",
        "kind",
        "type_code",
        "number",
        "issue_date",
        "environment",
        "issuer_id",
        "issuer_name",
        "buyer_id",
        "buyer_id_type",
        "buyer_name",
        "currency",
        "payable",
        "signature_valid",
        "dian_validated",
        "billing_reference",
        "document_link",
    ]

    @admin.display(description="archivo")
    def document_link(self, obj):
        return format_html(
            '<a href="{}">Descargar</a>',
            reverse("admin:invoices_document_download", args=[obj.document_id]),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
