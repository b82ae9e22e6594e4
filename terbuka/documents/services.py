"""Business actions on documents (STYLE.md habit 2): one function per action, each audited.

The SOP integration hook is ``generate_document``: it fills a kind with the case's data, plans the sign-off
chain, renders the draft DOCX and archives it (with ``label``/``kind``/``case``/``step_no`` so the step's
kelengkapan is satisfied). ``document_paraf`` / ``document_sign`` / ``document_return`` /
``document_revise`` move the draft along its chain; signing numbers it, archives the final DOCX as a new
version and queues the PDF conversion as a background task.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit
from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.people import today_in
from terbuka.core.policies import is_member
from terbuka.core.roles import role_label
from terbuka.core.workdays import format_date_id

from . import archive, hooks, kinds, numbering, policies, rendering, signoff
from .models import (
    BodyTemplate,
    Classification,
    Document,
    FileAccess,
    NumberPattern,
    SignOff,
    SignStep,
    StoredFile,
)


def _require_manager(actor: User, body: PublicBody) -> None:
    if not policies.can_manage_templates(actor, body):
        raise PermissionDenied(
            _("Hanya PPID atau admin badan publik yang dapat mengatur templat dan pola nomor naskah.")
        )


def _template_for(body: PublicBody, kind: str) -> bytes | None:
    row = BodyTemplate.objects.filter(body=body, kind=kind, is_active=True).first()
    if row is None:
        return None
    with default_storage.open(row.file.name, "rb") as fh:
        data: bytes = fh.read()  # django-stubs type File.read as Any
    return data


def document_context(document: Document) -> dict[str, Any]:
    """The full template context of a document, as it is (re-)rendered.

    A draft (konsep) prints the number with its sequence left open and the date without the day, the
    planned paraf table and the planned signer marked KONSEP; no QR code. A final document prints its
    number, date, sign-offs and the QR code to its public verification page.
    """
    body = document.body
    kind = kinds.get(document.kind)
    final = document.status == Document.Status.FINAL
    ctx = rendering.base_context(
        body,
        day=document.date,
        number=document.number,
        register_number=document.register_number,
        verify_url=rendering.verify_url(document.verify_token) if final else "",
        unit=document.unit,
    )
    ctx = kinds.common.merge(ctx, document.context)
    ctx.update(signoff.signature_context(document, ctx["ttd"]))
    ctx["nomor"] = document.number or numbering.draft_number(
        body=body, kind=document.kind, day=document.date, unit=document.unit
    )
    if kind.register:
        ctx["nomor_register"] = document.register_number
    if not final:
        ctx["tanggal"] = "…… " + format_date_id(document.date).split(" ", 1)[1]
    return ctx


def _render(document: Document) -> bytes:
    return rendering.render_docx(
        kinds.get(document.kind),
        document_context(document),
        body=document.body,
        template=_template_for(document.body, document.kind),
    )


def _queue_pdf(document: Document) -> None:
    if rendering.pdf_available():
        from .tasks import render_pdf

        doc_id = document.pk
        transaction.on_commit(lambda: render_pdf.enqueue(doc_id))


def _locked(document: Document) -> Document:
    """The document row, locked for the rest of the transaction (two clicks cannot both succeed)."""
    return Document.objects.select_for_update(of=("self",)).select_related("body", "unit").get(pk=document.pk)


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
    sign_now: bool = False,
) -> StoredFile:
    """Draft a document of ``kind`` with its planned sign-off chain; returns the archived DOCX.

    ``context`` holds the kind's own fields (see the kind's ``FIELDS``); the kind's standard wording fills
    the rest, never its example values, and every required field must be filled. ``signers`` plan the
    chain: the parafs in the order given, then the signature. The result is a *konsep* without a number;
    the officials paraf and sign it with ``document_paraf`` / ``document_sign``.

    ``sign_now=True`` (tests, SOP integration) performs the whole chain at once, but only for steps whose
    official is the actor, or whose ``Signer.performed_by`` names the official who performed it. The
    returned file is then the final DOCX (numbered, with the QR code).
    """
    if actor is not None and not policies.can_use_documents(actor, body):
        raise PermissionDenied(
            _("Hanya anggota %(body)s yang dapat membuat naskahnya.") % {"body": body.name}
        )
    spec = kinds.get(kind)
    if case is not None and getattr(case, "body_id", body.pk) != body.pk:
        raise ValidationError(_("Proses SOP ini milik badan publik lain."))
    day = day or today_in(body)
    own = spec.build(body=body, case=case, data=context)
    spec.check_required(own)
    signers = list(signers)
    document = Document.objects.create(
        body=body,
        unit=unit,
        kind=kind,
        date=day,
        subject=str(own.get("hal") or own.get("tentang") or spec.title)[:500],
        context=own,
        case=case,
        step_no=step_no,
        label=label or spec.title,
        classification=classification,
        status=Document.Status.DRAFT,
        created_by=actor if actor is not None and actor.pk else None,
    )
    steps = signoff.plan(document=document, body=body, signers=signers)
    stored = archive.store_bytes(
        actor=actor,
        body=body,
        data=_render(document),
        name=f"{kind}-{document.pk}-konsep.docx",
        label=document.label,
        kind=kind,
        case=case,
        step_no=step_no,
        classification=classification,
        unit=unit,
        document=document,
        note="konsep",
    )
    audit.record(
        actor=actor,
        body=body,
        action="documents.document_drafted",
        obj=document,
        new={
            "kind": kind,
            "sha256": stored.sha256,
            "chain": [
                {"order": st.order, "kind": st.kind, "role": st.role, "user": st.user_id, "unit": st.unit_id}
                for st in steps
            ],
        },
    )
    _queue_pdf(document)
    hooks.emit("drafted", document, actor)
    if not sign_now:
        return stored
    if not any(st.kind == SignOff.Kind.TTD for st in steps):
        raise ValidationError("sign_now memerlukan penanda tangan (tanda tangan) dalam rencana.")
    ordered = [s for s in signers if s.kind == SignOff.Kind.PARAF] + [
        s for s in signers if s.kind == SignOff.Kind.TTD
    ]
    for s in ordered:
        performer = s.performed_by or actor
        if performer is None or (s.user is not None and performer.pk != s.user.pk):
            name = s.user.display_name() if s.user is not None else role_label(s.role)
            raise PermissionDenied(
                f"Paraf/tanda tangan {name} hanya dapat dilakukan oleh yang bersangkutan; "
                "tidak seorang pun menandatangani atas nama orang lain."
            )
        if s.kind == SignOff.Kind.PARAF:
            document_paraf(actor=performer, document=document, recorded_by=actor)
        else:
            stored = document_sign(actor=performer, document=document, day=day, recorded_by=actor)
    return stored


@transaction.atomic
def document_paraf(
    *, actor: User, document: Document, note: str = "", recorded_by: User | None = None
) -> SignOff:
    """The actor initials the draft at their step of the chain (in order; acting officials allowed)."""
    document = _locked(document)
    step, grant = signoff.check_turn(document=document, actor=actor, kind=SignOff.Kind.PARAF)
    row = signoff.record(document=document, step=step, actor=actor, grant=grant, note=note)
    audit.record(
        actor=actor,
        body=document.body,
        action="documents.document_paraf",
        obj=document,
        new=_signoff_event(row, step, recorded_by, actor),
        note=note,
        acting=grant.acting,
    )
    hooks.emit("paraf", document, actor, grant)
    return row


@transaction.atomic
def document_sign(
    *, actor: User, document: Document, day: dt.date | None = None, recorded_by: User | None = None
) -> StoredFile:
    """The actor signs: the number (and decree register number) is allocated now, the final DOCX with
    the paraf table, signature block and QR code is archived as a new version of the draft, and the PDF
    is queued. Everything rolls back together (no number is used up by a failed signing)."""
    document = _locked(document)
    step, grant = signoff.check_turn(document=document, actor=actor, kind=SignOff.Kind.TTD)
    body = document.body
    spec = kinds.get(document.kind)
    spec.check_required(document.context)
    day = day or today_in(body)
    document.date = day
    if not document.number:
        document.number = numbering.allocate(body=body, kind=document.kind, day=day, unit=document.unit).text
    if spec.register and not document.register_number:
        document.register_number = numbering.allocate(
            body=body, kind=document.kind, day=day, unit=document.unit, series="register"
        ).text
    row = signoff.record(document=document, step=step, actor=actor, grant=grant)
    document.status = Document.Status.FINAL
    document.signed_at = row.signed_at
    document.save(update_fields=["date", "number", "register_number", "status", "signed_at"])
    draft = document.docx()
    if draft is None:
        raise ValidationError(_("Naskah ini belum punya berkas DOCX."))
    stored = archive.store_document_version(
        actor=actor,
        previous=draft,
        data=_render(document),
        name=f"{document.kind}-{document.pk}.docx",
        note="final, ditandatangani",
    )
    document.final_docx = stored
    document.save(update_fields=["final_docx"])
    audit.record(
        actor=actor,
        body=body,
        action="documents.document_signed",
        obj=document,
        new={
            **_signoff_event(row, step, recorded_by, actor),
            "number": document.number,
            "register": document.register_number,
            "sha256": stored.sha256,
        },
        acting=grant.acting,
    )
    _queue_pdf(document)
    hooks.emit("signed", document, actor, grant)
    return stored


@transaction.atomic
def document_return(*, actor: User, document: Document, note: str) -> Document:
    """The official whose turn it is sends the draft back to the drafter; the chain starts over."""
    document = _locked(document)
    if not note.strip():
        raise ValidationError(
            _("Tuliskan alasan pengembalian agar konseptor tahu apa yang harus diperbaiki.")
        )
    step = signoff.current_step(document)
    if step is None:
        signoff.check_turn(document=document, actor=actor, kind=SignOff.Kind.PARAF)  # raises the reason
        raise ValidationError(_("Naskah ini tidak sedang menunggu paraf atau tanda tangan."))
    grant = signoff.may_perform(actor, step, document.body)
    if grant is None:
        signoff.check_turn(document=document, actor=actor, kind=step.kind)  # raises the clear message
        raise signoff.NotYourTurn("Anda tidak dapat mengembalikan naskah ini.")
    old_round = document.round
    document.status = Document.Status.RETURNED
    document.round = old_round + 1
    document.return_note = note.strip()
    document.save(update_fields=["status", "round", "return_note"])
    audit.record(
        actor=actor,
        body=document.body,
        action="documents.document_returned",
        obj=document,
        new={"step": step.order, "round": old_round, "note": document.return_note},
        note=note,
        acting=grant.acting,
    )
    hooks.emit("returned", document, actor, grant)
    return document


@transaction.atomic
def document_revise(*, actor: User, document: Document, context: dict[str, Any]) -> StoredFile:
    """The drafter revises a returned draft (or a draft nobody has initialled yet): the new text is
    archived as a new version of the draft and the chain starts again from its first step."""
    document = _locked(document)
    policies.check_revise(actor, document)
    spec = kinds.get(document.kind)
    own = spec.build(body=document.body, case=document.case, data=context)
    spec.check_required(own)
    old = document.context
    document.context = own
    document.subject = str(own.get("hal") or own.get("tentang") or spec.title)[:500]
    document.status = Document.Status.DRAFT
    document.save(update_fields=["context", "subject", "status"])
    draft = document.docx()
    if draft is None:
        raise ValidationError(_("Naskah ini belum punya berkas DOCX."))
    stored = archive.store_document_version(
        actor=actor,
        previous=draft,
        data=_render(document),
        name=f"{document.kind}-{document.pk}-konsep.docx",
        note="konsep diperbaiki",
    )
    old_diff, new_diff = audit.diff(old, own)
    if document.classification == Classification.DIKECUALIKAN:
        # The audit trail is read by roles outside the exemption (body admins): which fields changed and a
        # fingerprint of each value, never the exempted text itself (issue #7 item 7).
        old_diff, new_diff = _fingerprints(old_diff), _fingerprints(new_diff)
    audit.record(
        actor=actor,
        body=document.body,
        action="documents.document_revised",
        obj=document,
        old=old_diff,
        new=new_diff,
    )
    _queue_pdf(document)
    hooks.emit("revised", document, actor)
    return stored


def _fingerprints(values: dict[str, Any]) -> dict[str, str]:
    """``{field: "sha256:<first 16 hex>"}``: enough to tell versions apart, nothing of what they say."""
    return {
        key: "sha256:"
        + hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]
        for key, value in values.items()
    }


def _signoff_event(row: SignOff, step: SignStep, recorded_by: User | None, actor: User) -> dict[str, Any]:
    event: dict[str, Any] = {
        "step": step.order,
        "kind": row.kind,
        "round": row.round,
        "position": row.position_title,
        "acting": row.acting_kind,
        "on_behalf_of": row.on_behalf_of,
        "user": actor.pk,
    }
    if recorded_by is not None and recorded_by.pk != actor.pk:
        event["recorded_by"] = recorded_by.pk  # sign_now with performed_by (SOP integration)
    return event


def document_render_pdf(*, document: Document, actor: User | None = None) -> StoredFile | None:
    """Convert the document's current DOCX to PDF and archive it beside the DOCX.

    LibreOffice may take up to two minutes: it runs outside any transaction, so nobody waiting to paraf or
    sign is blocked by the document's row lock. Afterwards the row is locked and the PDF stored only if
    the DOCX it was made from is still the current one; otherwise (revised or signed meanwhile, which
    queued its own conversion) nothing is stored and None is returned.
    """
    docx_file = Document.objects.get(pk=document.pk).docx()
    if docx_file is None:
        raise ValidationError(_("Naskah ini belum punya berkas DOCX."))
    existing = document.pdf()
    if existing is not None and existing.source_id == docx_file.pk:
        return existing  # idempotent: the task may run twice
    with default_storage.open(docx_file.file.name, "rb") as fh:
        pdf = rendering.docx_to_pdf(fh.read())
    with transaction.atomic():
        document = _locked(document)
        current = document.docx()
        if current is None or current.pk != docx_file.pk:
            return None
        existing = document.pdf()
        if existing is not None and existing.source_id == docx_file.pk:
            return existing  # another worker finished first
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
            source=docx_file,
            note=f"PDF dari DOCX versi {docx_file.version}",
        )
        fields: dict[str, Any] = {"render_error": ""}
        if document.final_docx_id == docx_file.pk:
            fields["final_pdf"] = stored
        Document.objects.filter(pk=document.pk).update(**fields)
    return stored


@transaction.atomic
def document_pdf_retry(*, actor: User, document: Document) -> Document:
    """ "Coba lagi": queue the PDF conversion again after it failed (error shown on the document).

    For the officials who may see the document; audited. Refused when nothing failed or PDF is disabled.
    """
    document = _locked(document)
    if not policies.can_see_document(actor, document):
        raise PermissionDenied(_("Anda tidak berwenang atas naskah ini."))
    if not document.render_error:
        raise ValidationError(_("PDF naskah ini tidak sedang gagal; tidak ada yang perlu diulang."))
    if not rendering.pdf_available():
        raise ValidationError(str(rendering.PDF_HINT))
    old_error = document.render_error
    Document.objects.filter(pk=document.pk).update(render_error="")
    document.render_error = ""
    audit.record(
        actor=actor,
        body=document.body,
        action="document.pdf.retry",
        obj=document,
        old={"render_error": old_error},
        new={"render_error": ""},
    )
    _queue_pdf(document)
    return document


@transaction.atomic
def template_upload(*, actor: User, body: PublicBody, kind: str, file: UploadedFile) -> BodyTemplate:
    """A body's own DOCX template for a kind; accepted only if it renders the kind's SAMPLE context."""
    _require_manager(actor, body)
    spec = kinds.get(kind)
    limit = int(body.max_upload_mb) * 1024 * 1024
    data = archive._read_upload(file, limit)
    if archive.sniff(data).content_type != archive.DOCX:
        raise ValidationError(_("Templat harus berupa berkas DOCX."))
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
    _require_manager(actor, body)
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
    """A body's numbering pattern for a kind (validated; audited with the old and new values)."""
    _require_manager(actor, body)
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
def stored_file_set_location(
    *, actor: User, stored: StoredFile, box: str = "", cabinet: str = "", shelf: str = ""
) -> StoredFile:
    """Record where the hard copy of an archived file is kept (lemari, rak, boks). Only the location
    changes (the file and its SHA-256 never do); the old and new location are audited."""
    stored = StoredFile.objects.select_for_update().select_related("body").get(pk=stored.pk)
    if not policies.can_open_file(actor, stored)[0]:
        raise PermissionDenied(_("Anda tidak berwenang mengubah data berkas ini."))
    fields = ["box", "cabinet", "shelf"]
    old = audit.snapshot(stored, fields)
    stored.box, stored.cabinet, stored.shelf = box.strip()[:60], cabinet.strip()[:60], shelf.strip()[:60]
    new = audit.snapshot(stored, fields)
    if new == old:
        return stored
    stored.save(update_fields=fields)
    old_diff, new_diff = audit.diff(old, new)
    audit.record(
        actor=actor,
        body=stored.body,
        action="documents.file_location_set",
        obj=stored,
        old=old_diff,
        new=new_diff,
    )
    return stored


# Outsiders' refused openings: one log row and one site-chain event per user, file and window.
OUTSIDER_REFUSAL_WINDOW = dt.timedelta(minutes=10)


@transaction.atomic
def file_access_log(
    *, user: Any, stored_file: StoredFile, allowed: bool, reason: str = "", ip: str | None = None
) -> FileAccess:
    """Log one opening (or refused opening) of an archived file, with an audit event (Pasal 54).

    Openings and refusals of the body's own members go to the body's chain, every time: the body's auditors
    want them. A refusal of someone outside the body (another body's officer, a requester) goes to the
    ``site`` chain instead, once per user, file and ``OUTSIDER_REFUSAL_WINDOW``; further tries in the window
    only count on that one ``FileAccess`` row. So an outsider can neither grow the body's chain nor queue on
    its lock, however often they try (issue #7 item 9).
    """
    actor = user if getattr(user, "is_authenticated", False) else None
    now = timezone.now()
    if not allowed and not is_member(user, stored_file.body):
        return _outsider_refusal(actor=actor, stored_file=stored_file, reason=reason, ip=ip, now=now)
    row = FileAccess.objects.create(
        stored_file=stored_file,
        user=actor,
        allowed=allowed,
        reason=reason[:200],
        ip_address=ip,
        at=now,
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


def _outsider_refusal(
    *, actor: User | None, stored_file: StoredFile, reason: str, ip: str | None, now: dt.datetime
) -> FileAccess:
    recent = FileAccess.objects.filter(
        stored_file=stored_file, user=actor, allowed=False, at__gte=now - OUTSIDER_REFUSAL_WINDOW
    )
    if actor is None:
        recent = recent.filter(ip_address=ip)
    row = recent.order_by("-at", "-pk").first()
    if row is not None:
        FileAccess.objects.filter(pk=row.pk).update(count=F("count") + 1, last_at=now)
        row.refresh_from_db(fields=["count", "last_at"])
        return row
    row = FileAccess.objects.create(
        stored_file=stored_file, user=actor, allowed=False, reason=reason[:200], ip_address=ip, at=now
    )
    audit.record(
        actor=actor,
        body=None,  # the site chain: an outsider never writes to (nor waits on) the body's chain
        action="documents.file_open_refused",
        obj=stored_file,
        new={
            "body": stored_file.body.slug,
            "classification": stored_file.classification,
            "allowed": False,
            "window_minutes": int(OUTSIDER_REFUSAL_WINDOW.total_seconds() // 60),
        },
        note=reason,
    )
    return row


@transaction.atomic
def exempt_content_viewed(
    *, user: Any, obj: StoredFile | Document, where: str, ip: str | None = None
) -> None:
    """Log that an allowed official saw an exempted row's content outside the archive (the Django admin):
    like a file opening, a ``FileAccess`` row for a file and an audit event in the body's chain (Pasal 54)."""
    actor = user if getattr(user, "is_authenticated", False) else None
    body = obj.body
    reason = f"{policies.exempt_reason(user, obj)} ({where})"
    if isinstance(obj, StoredFile):
        FileAccess.objects.create(
            stored_file=obj, user=actor, allowed=True, reason=reason[:200], ip_address=ip
        )
    audit.record(
        actor=actor,
        body=body,
        action="documents.exempt_content_viewed",
        obj=obj,
        new={"classification": obj.classification, "where": where},
        note=reason,
    )
