"""PDFs with WeasyPrint: templates under benefits/templates/pdf/, no remote resources.

The only URLs a document may load are data: URIs (the cooperative's logo is
inlined); anything else is refused, so rendering never touches the network or
the file system outside what we hand it.
"""

import base64
import logging

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

# WeasyPrint reports every rendering step at INFO; the root logger would print them all.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _fetcher():
    from weasyprint.urls import URLFetcher  # imported on first use: it is slow to import

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False, timeout=1)


def logo_data_uri(cooperative) -> str:
    """The cooperative's logo as a data: URI ('' when its file is not an SVG we ship)."""
    path = finders.find(cooperative.logo) if cooperative and cooperative.logo else None
    if not path or not str(path).endswith(".svg"):
        return ""
    with open(path, "rb") as handle:
        return "data:image/svg+xml;base64," + base64.b64encode(handle.read()).decode("ascii")


def render_pdf(template: str, context: dict) -> bytes:
    cooperative = context.get("cooperative")
    html = render_to_string(template, {**context, "logo": logo_data_uri(cooperative)})
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """A download that no cache keeps and no browser sniffs into something else."""
    response = HttpResponse(content, content_type="application/pdf")
    safe = slugify(filename.removesuffix(".pdf")) or "documento"
    response["Content-Disposition"] = f'attachment; filename="{safe}.pdf"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
