"""Staff downloads of the associates' files, through an authorising view (never a storage URL).

The file is served only to staff whose role at the document's cooperative lets
them see documents (another cooperative's document is a 404), as an
attachment that no cache keeps and no browser renders inline (RELIABILITY §1.7).
"""

import logging

from django.http import FileResponse, Http404

from benefits.backoffice import access
from invoices.models import Document

logger = logging.getLogger(__name__)


def staff_document_download(request, object_id, model_admin=None):
    document = access.get_visible(
        Document.objects.select_related("request"),
        request.user,
        view_perm="invoices.view_document",
        pk=object_id,
    )
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("El archivo ya no está disponible.") from None
    logger.info(
        "Staff user %s downloaded document %s of request %s",
        request.user.pk,
        document.pk,
        document.request_id,
    )
    response = FileResponse(handle, as_attachment=True, filename=document.original_name)
    response["Content-Type"] = "application/octet-stream"
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
