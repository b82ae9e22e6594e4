"""Background work (django-tasks): PDF conversion of generated documents. Run with `terbuka db_worker`."""

from __future__ import annotations

from django_tasks import task

from .models import Document


@task()
def render_pdf(document_id: int) -> int | None:
    """Convert a document's DOCX to PDF and archive it; records the error on the document if it fails."""
    from . import rendering, services

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return None
    try:
        return services.document_render_pdf(document=document).pk
    except rendering.PdfUnavailable as exc:
        Document.objects.filter(pk=document_id).update(render_error=str(exc))
        return None
    except Exception as exc:
        Document.objects.filter(pk=document_id).update(render_error=f"PDF gagal dibuat: {exc}"[:2000])
        raise


@task()
def render_batch(document_ids: list[int]) -> int:
    """PDFs for many documents (e.g. a mail-merge of letters) in one worker run."""
    done = 0
    for doc_id in document_ids:
        if render_pdf.call(doc_id) is not None:
            done += 1
    return done
