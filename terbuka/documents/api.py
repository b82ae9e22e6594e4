"""Documents endpoints under /api/v1/: the archive of a body (scoped), document kinds, public verification."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from terbuka.api.auth import PUBLIC
from terbuka.core import policies as core_policies

from . import kinds, selectors, services, signoff
from . import policies as doc_policies
from .models import Document

router = Router(tags=["documents"])


class KindOut(Schema):
    slug: str
    title: str
    has_register_number: bool


class StoredFileOut(Schema):
    id: int
    label: str
    kind: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    classification: str
    version: int
    previous_id: int | None
    case_id: int | None
    step_no: int | None
    retention_until: dt.date | None
    physical_location: str
    document_number: str
    created_at: dt.datetime


class SignerOut(Schema):
    kind: str
    title: str
    on_behalf_of: str
    name: str
    signed_at: dt.datetime


class VerifyOut(Schema):
    body: str
    kind: str
    number: str
    register_number: str
    date: dt.date
    signers: list[SignerOut]
    files: dict[str, str]


@router.get("/document-kinds", response=list[KindOut], auth=None, openapi_extra=PUBLIC)
def kind_list(request: HttpRequest) -> list[KindOut]:
    return [
        KindOut(slug=k.slug, title=k.title, has_register_number=k.register) for k in kinds.REGISTRY.values()
    ]


@router.get("/bodies/{slug}/files", response=list[StoredFileOut])
def archive(
    request: HttpRequest, slug: str, kind: str = "", classification: str = "", case: int | None = None
) -> list[StoredFileOut]:
    """The archive as the caller may see it (exempted files only for those allowed to open them)."""
    body = core_policies.get_body_for_user(request.user, slug, doc_policies.can_use_documents)
    rows = selectors.archive_for_user(
        request.user, body, kind=kind, classification=classification, case_id=case
    )
    return [
        StoredFileOut(
            id=f.pk,
            label=f.label,
            kind=f.kind,
            original_name=f.original_name,
            content_type=f.content_type,
            size=f.size,
            sha256=f.sha256,
            classification=f.classification,
            version=f.version,
            previous_id=f.previous_id,
            case_id=f.case_id,
            step_no=f.step_no,
            retention_until=f.retention_until,
            physical_location=f.physical_location,
            document_number=f.document.number if f.document else "",
            created_at=f.created_at,
        )
        for f in rows[:500]
    ]


@router.get("/verify/{token}", response=VerifyOut, auth=None, openapi_extra=PUBLIC)
def verify(request: HttpRequest, token: str) -> VerifyOut:
    """Public check of a printed document: number, date, signers and SHA-256 of its final files."""
    d = selectors.document_by_token(token)
    if d is None:
        raise Http404
    return VerifyOut(
        body=d.body.name,
        kind=d.kind,
        number=d.number,
        register_number=d.register_number,
        date=d.date,
        signers=[
            SignerOut(
                kind=s.kind,
                title=s.title_line,
                on_behalf_of=s.on_behalf_of,
                name=s.name,
                signed_at=s.signed_at,
            )
            for s in d.current_signoffs().order_by("signed_at", "pk")
        ],
        files={f.original_name: f.sha256 for f in d.final_files()},
    )


# -- sign-off chain -----------------------------------------------------------------------------------


class SignStepOut(Schema):
    order: int
    kind: str
    role: str
    official: str
    state: str  # done | current | pending
    done_by: str | None = None
    acting: str | None = None
    done_at: dt.datetime | None = None


class DocumentOut(Schema):
    id: int
    body: str
    kind: str
    label: str
    status: str
    round: int
    number: str
    register_number: str
    date: dt.date | None
    return_note: str
    steps: list[SignStepOut]


class NoteIn(Schema):
    note: str = ""


def _document_out(d: Document) -> DocumentOut:
    body = d.body
    steps = [
        SignStepOut(
            order=r["step"].order,
            kind=r["step"].kind,
            role=r["step"].role,
            official=r["title"],
            state=r["state"],
            done_by=r["signoff"].name if r["signoff"] else None,
            acting=(r["signoff"].acting_kind or None) if r["signoff"] else None,
            done_at=r["signoff"].signed_at if r["signoff"] else None,
        )
        for r in signoff.chain_state(d)
    ]
    return DocumentOut(
        id=d.pk,
        body=body.slug,
        kind=d.kind,
        label=d.label,
        status=d.status,
        round=d.round,
        number=d.number,
        register_number=d.register_number,
        date=d.date if d.status == Document.Status.FINAL else None,
        return_note=d.return_note,
        steps=steps,
    )


@router.get("/documents/{document_id}", response=DocumentOut)
def document_detail(request: HttpRequest, document_id: int) -> DocumentOut:
    """A document with its sign-off chain (404 outside its body)."""
    return _document_out(selectors.document_by_id_for_user(request.user, document_id))


@router.post("/documents/{document_id}/initial", response=DocumentOut)
def document_paraf(request: HttpRequest, document_id: int, payload: NoteIn | None = None) -> DocumentOut:
    """Initial the draft at your step of the chain (in order)."""
    d = selectors.document_by_id_for_user(request.user, document_id)
    services.document_paraf(actor=request.user, document=d, note=payload.note if payload else "")  # type: ignore[arg-type]
    d.refresh_from_db()
    return _document_out(d)


@router.post("/documents/{document_id}/sign", response=DocumentOut)
def document_sign(request: HttpRequest, document_id: int) -> DocumentOut:
    """Sign the draft (after every paraf): the number is allocated now and the final DOCX archived."""
    d = selectors.document_by_id_for_user(request.user, document_id)
    services.document_sign(actor=request.user, document=d)  # type: ignore[arg-type]
    d.refresh_from_db()
    return _document_out(d)


@router.post("/documents/{document_id}/return", response=DocumentOut)
def document_return(request: HttpRequest, document_id: int, payload: NoteIn) -> DocumentOut:
    """Send the draft back to its drafter with a note; the chain starts over after the revision."""
    d = selectors.document_by_id_for_user(request.user, document_id)
    services.document_return(actor=request.user, document=d, note=payload.note)  # type: ignore[arg-type]
    d.refresh_from_db()
    return _document_out(d)
