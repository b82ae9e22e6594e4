"""Business actions on documents (STYLE.md habit 2): one function per action, each audited.

The SOP integration hook is ``generate_document``: it fills a kind with the case's data, numbers it, records
the sign-offs, renders the DOCX, archives it (with ``label``/``kind``/``case``/``step_no`` so the step's
kelengkapan is satisfied), and queues the PDF conversion as a background task.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from terbuka.core import audit
from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.people import today_in

from . import archive, kinds, numbering, rendering, signoff
from .models import BodyTemplate, Document, FileAccess, NumberPattern, SignOff, StoredFile

if TYPE_CHECKING:
    pass


def _template_for(body: PublicBody, kind: str) -> bytes | None:
    row = BodyTemplate.objects.filter(body=body, kind=kind, is_active=True).first()
    if row is None:
        return None
    with default_storage.open(row.file.name, "rb") as fh:
        return fh.read()


def document_context(document: Document) -> dict[str, Any]:
    """The full template context of a document, as it is (re-)rendered."""
    body = document.body
    kind = kinds.get(document.kind)
    ctx = rendering.base_context(
        body,
        day=document.date,
        number=document.number,
        register_number=document.register_number,
        verify_url=rendering.verify_url(document.verify_token)
        if document.status == Document.Status.FINAL
        else "",
    )
    ctx = kinds.common.merge(ctx, document.context)
    ctx.update(signoff.signature_context(document.signoffs.all(), body, ctx["ttd"]))
    if document.number:
        ctx["nomor"] = document.number
    if kind.register and document.register_number:
        ctx["nomor_register"] = document.register_number
    return ctx


@transaction.atomic
def generate_document(
    *,
    actor: User | None,
    body: PublicBody,
    kind: str,
    context: dict[str, Any],
    case: Any = None,
    step_no: int | None = None,
    label: str = "",
    signers: Iterable[signoff.Signer] = (),
    unit: Unit | None = None,
    classification: str = "internal",
    day: dt.date | None = None,
    number: str = "",
) -> StoredFile:
    """Generate, number, sign and archive a document of ``kind``; returns the archived DOCX.

    ``context`` holds the kind's own fields (see the kind's ``SAMPLE``); the letterhead, number, date,
    signature block, paraf table and QR code are added here. A document with a signer (``ttd``) is final
    and carries a QR code to its public verification page. PDF follows in a background task.
    """
    spec = kinds.get(kind)
    if case is not None and getattr(case, "body_id", body.pk) != body.pk:
        raise ValidationError("Kasus ini milik badan publik lain.")
    day = day or today_in(body)
    own = spec.build(body=body, case=case, data=context)
    signers = list(signers)
    final = any(s.kind == SignOff.Kind.TTD for s in signers)
    if not number:
        number = numbering.allocate(body=body, kind=kind, day=day, unit=unit).text
    register = ""
    if spec.register and final:
        register = numbering.allocate(body=body, kind=kind, day=day, unit=unit, series="register").text
    document = Document.objects.create(
        body=body,
        unit=unit,
        kind=kind,
        number=number,
        register_number=register,
        date=day,
        subject=str(own.get("hal") or own.get("tentang") or spec.title)[:500],
        context=own,
        case=case,
        step_no=step_no,
        label=label or spec.title,
        classification=classification,
        status=Document.Status.FINAL if final else Document.Status.DRAFT,
        created_by=actor if actor is not None and actor.pk else None,
    )
    signoff.record(document=document, body=body, signers=signers)
    data = rendering.render_docx(
        spec, document_context(document), body=body, template=_template_for(body, kind)
    )
    stored = archive.store_bytes(
        actor=actor,
        body=body,
        data=data,
        name=f"{kind}-{document.pk}.docx",
        label=document.label,
        kind=kind,
        case=case,
        step_no=step_no,
        classification=classification,
        unit=unit,
        document=document,
    )
    audit.record(
        actor=actor,
        body=body,
        action="documents.document_generated",
        obj=document,
        new={
            "kind": kind,
            "number": number,
            "register": register,
            "status": document.status,
            "sha256": stored.sha256,
            "signers": [s.user.pk for s in signers],
        },
    )
    if rendering.pdf_available():
        from .tasks import render_pdf

        doc_id = document.pk
        transaction.on_commit(lambda: render_pdf.enqueue(doc_id))
    return stored


@transaction.atomic
def document_render_pdf(*, document: Document, actor: User | None = None) -> StoredFile:
    """Convert the document's current DOCX to PDF and archive it beside the DOCX."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    docx_file = document.docx()
    if docx_file is None:
        raise ValidationError("Naskah ini belum punya berkas DOCX.")
    existing = document.pdf()
    if existing is not None and existing.note == f"dari DOCX {docx_file.sha256}":
        return existing  # idempotent: the task may run twice
    with default_storage.open(docx_file.file.name, "rb") as fh:
        pdf = rendering.docx_to_pdf(fh.read())
    stored = archive.store_bytes(
        actor=actor,
        body=document.body,
        data=pdf,
        name=f"{document.kind}-{document.pk}.pdf",
        label=document.label,
        kind=document.kind,
        case=document.case,
        step_no=document.step_no,
        classification=document.classification,
        unit=document.unit,
        document=document,
        previous=existing,
        note=f"dari DOCX {docx_file.sha256}",
    )
    Document.objects.filter(pk=document.pk).update(render_error="")
    return stored


@transaction.atomic
def template_upload(*, actor: User, body: PublicBody, kind: str, file: UploadedFile) -> BodyTemplate:
    """A body's own DOCX template for a kind; accepted only if it renders the kind's SAMPLE context."""
    spec = kinds.get(kind)
    limit = int(body.max_upload_mb) * 1024 * 1024
    data = archive._read_upload(file, limit)
    if archive.sniff(data).content_type != archive.DOCX:
        raise ValidationError("Templat harus berupa berkas DOCX.")
    rendering.check_template(spec, data)
    path = archive.storage_path(body, f"templat-{kind}", "docx").replace("arsip/", "templat/", 1)
    saved = default_storage.save(path, ContentFile(data))
    old = BodyTemplate.objects.filter(body=body, kind=kind, is_active=True)
    old.update(is_active=False)
    row = BodyTemplate.objects.create(
        body=body, kind=kind, file=saved, sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor
    )
    audit.record(
        actor=actor,
        body=body,
        action="documents.template_uploaded",
        obj=row,
        new={"kind": kind, "sha256": row.sha256},
    )
    return row


@transaction.atomic
def template_reset(*, actor: User, body: PublicBody, kind: str) -> None:
    """Back to the built-in template (the uploaded ones stay, inactive)."""
    n = BodyTemplate.objects.filter(body=body, kind=kind, is_active=True).update(is_active=False)
    if n:
        audit.record(actor=actor, body=body, action="documents.template_reset", note=kind)


@transaction.atomic
def pattern_set(
    *,
    actor: User,
    body: PublicBody,
    kind: str,
    pattern: str,
    klasifikasi: str = "",
    register_pattern: str = "",
) -> NumberPattern:
    kinds.get(kind)
    numbering.validate_pattern(pattern)
    if register_pattern:
        numbering.validate_pattern(register_pattern)
    row, created = NumberPattern.objects.get_or_create(body=body, kind=kind, defaults={"pattern": pattern})
    old = audit.snapshot(row)
    row.pattern, row.klasifikasi, row.register_pattern = pattern, klasifikasi, register_pattern
    row.save()
    audit.record(
        actor=actor,
        body=body,
        action="documents.pattern_set",
        obj=row,
        old=None if created else old,
        new=audit.snapshot(row),
    )
    return row


@transaction.atomic
def file_access_log(
    *, user: Any, stored_file: StoredFile, allowed: bool, reason: str = "", ip: str | None = None
) -> FileAccess:
    """Log one opening (or refused opening) of an archived file, with an audit event (Pasal 54)."""
    actor = user if getattr(user, "is_authenticated", False) else None
    row = FileAccess.objects.create(
        stored_file=stored_file,
        user=actor,
        allowed=allowed,
        reason=reason[:200],
        ip_address=ip,
        at=timezone.now(),
    )
    audit.record(
        actor=actor,
        body=stored_file.body,
        action="documents.file_opened" if allowed else "documents.file_open_refused",
        obj=stored_file,
        new={"classification": stored_file.classification, "allowed": allowed},
        note=reason,
    )
    return row
