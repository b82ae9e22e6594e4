"""Background work (django-tasks): PDF conversion of generated documents. Run with `terbuka db_worker`."""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

from terbuka.core.task_recovery import on_abandoned

from .models import Document

logger = logging.getLogger(__name__)


@task()
def render_pdf(document_id: int) -> int | None:
    """Convert a document's DOCX to PDF and archive it; records the error on the document if it fails."""
    from . import rendering, services

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return None
    try:
        stored = services.document_render_pdf(document=document)
        return stored.pk if stored is not None else None
    except (rendering.PdfUnavailable, rendering.PdfFailed) as exc:
        Document.objects.filter(pk=document_id).update(render_error=str(exc))
        return None
    except Exception:
        # The details are for the administrator (log); the document page gets a short Indonesian message.
        logger.exception("PDF conversion of document %s failed", document_id)
        Document.objects.filter(pk=document_id).update(render_error=str(rendering.PDF_FAILED))
        raise


@on_abandoned(render_pdf.module_path)
def render_pdf_abandoned(args: list[Any], kwargs: dict[str, Any]) -> None:
    """The worker died under this job too often: say so on the document, whose page offers "Coba lagi"."""
    from . import rendering

    document_id = args[0] if args else kwargs.get("document_id")
    if isinstance(document_id, int):
        Document.objects.filter(pk=document_id).update(render_error=str(rendering.PDF_LOST))
