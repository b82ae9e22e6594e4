"""SOP endpoints under /api/v1/: public SOP listings; processes, tasks and SOP versions for officials.

Every workflow operation of the web pages is here too: start, complete (with the action's input as JSON),
draft a paraf step's letter, return, reassign, comment, cancel, close a fan-out, upload and approve SOP
versions. Errors are JSON (``{"message": ...}``) with 400, 401, 403 or 404.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from terbuka.api.auth import PUBLIC
from terbuka.core import clocks
from terbuka.core.models import PublicBody, User
from terbuka.core.policies import get_body_for_user, get_public_body

from . import selectors, services
from .models import Case, Sop, SopVersion, Task
from .policies import get_case_for_user, get_sop_for_member, get_task_for_user
from .steps import kind_of

router = Router(tags=["sop"])


class LaneOut(Schema):
    kode: str
    nama: str
    peran: str


class StepOut(Schema):
    no: int
    kegiatan: str
    pelaksana: str
    jenis: str
    kelengkapan: list[str]
    waktu: str
    hari_kerja: int | None
    output: list[str]
    keterangan: str
    pertanyaan: str | None = None
    ya: int | str | None = None
    tidak: int | str | None = None
    lanjut: int | str | None = None
    aksi: str | None = None
    aksi_parameter: dict[str, Any] = {}


class SopOut(Schema):
    id: int
    body: str
    slug: str
    title: str
    version: int
    nomor: str
    total_hari_kerja: int
    jam_hukum: list[str]
    pelaksana: list[LaneOut]
    langkah: list[StepOut]


class VersionOut(Schema):
    id: int
    sop_id: int
    sop: str
    body: str
    number: int
    status: str
    sha256: str
    created_at: dt.datetime
    decided_at: dt.datetime | None
    decision_note: str


class ClockOut(Schema):
    kind: str
    label: str
    basis: str
    status: str
    start: dt.date
    days: int
    extension_days: int
    paused_days: int
    due_date: dt.date | None
    due_at: dt.datetime | None
    late: bool
    explanation: list[str]


class OutputOut(Schema):
    step_no: int
    name: str
    unit: str | None
    document_id: int | None
    file_id: int | None
    item: str | None
    summary: str
    late: bool


class TaskOut(Schema):
    id: int
    case_id: int
    case_title: str
    sop: str
    body: str
    step_no: int
    phase: str
    kegiatan: str
    lane: str
    role: str
    unit: str | None
    status: str
    opened_at: dt.datetime
    due_date: dt.date | None
    due_at: dt.datetime | None
    overdue: bool
    completed_at: dt.datetime | None
    completed_by: str | None
    acting_kind: str
    decision: bool | None
    note: str
    input: dict[str, Any] | None
    late: bool
    document_id: int | None
    assigned_to: str | None
    action: str | None


class SubjectOut(Schema):
    type: str
    id: int
    label: str
    url: str | None


class CaseOut(Schema):
    id: int
    title: str
    body: str
    sop: str
    sop_id: int
    version: int
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    cancel_reason: str
    unit: str | None
    subject: SubjectOut | None
    elapsed_working_days: int
    total_working_days: int
    clocks: list[ClockOut]
    outputs: list[OutputOut]
    tasks: list[TaskOut]


class CaseSummaryOut(Schema):
    id: int
    title: str
    body: str
    sop: str
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None


class StartIn(Schema):
    title: str


class CompleteIn(Schema):
    decision: bool | None = None
    note: str = ""
    input: dict[str, Any] | None = None
    unit: int | None = None


class CompleteOut(Schema):
    task: TaskOut
    opened: list[TaskOut]
    result: dict[str, Any] | None


class ReasonIn(Schema):
    note: str


class ReturnIn(Schema):
    to_step: int
    note: str


class ReassignIn(Schema):
    user: str  # username
    note: str = ""


class CommentIn(Schema):
    text: str


class CommentOut(Schema):
    id: int
    author: str
    text: str
    created_at: dt.datetime


class DraftIn(Schema):
    kind: str | None = None
    context: dict[str, Any] = {}
    classification: str = "internal"
    document_id: int | None = None


class DraftOut(Schema):
    document_id: int
    kind: str
    status: str


class SopUploadIn(Schema):
    body: str
    slug: str
    source: str
    filename: str = "sop.yaml"
    approve: bool = False


def _sop_out(sop: Sop) -> dict[str, Any]:
    version = sop.current_version
    if version is None:
        raise Http404
    defn = version.definition
    return {
        "id": sop.pk,
        "body": sop.body.slug,
        "slug": sop.slug,
        "title": sop.title,
        "version": version.number,
        "nomor": defn.identitas.nomor,
        "total_hari_kerja": defn.total_working_days(),
        "jam_hukum": defn.jam_hukum,
        "pelaksana": [{"kode": lane.kode, "nama": lane.nama, "peran": lane.peran} for lane in defn.pelaksana],
        "langkah": [
            {
                "no": s.no,
                "kegiatan": s.kegiatan,
                "pelaksana": s.pelaksana,
                "jenis": kind_of(s).jenis,
                "kelengkapan": s.kelengkapan,
                "waktu": s.waktu,
                "hari_kerja": s.duration.working_days(),
                "output": s.output,
                "keterangan": s.keterangan,
                "pertanyaan": getattr(s, "pertanyaan", None),
                "ya": getattr(s, "ya", None),
                "tidak": getattr(s, "tidak", None),
                "lanjut": getattr(s, "lanjut", None),
                "aksi": s.action_name,
                "aksi_parameter": s.action_params,
            }
            for s in defn.langkah
        ],
    }


def _task_out(task: Task, now: dt.datetime | None = None) -> dict[str, Any]:
    case = task.case
    step = case.definition.step(task.step_no)
    return {
        "id": task.pk,
        "case_id": case.pk,
        "case_title": case.title,
        "sop": case.sop_version.sop.slug,
        "body": case.body.slug,
        "step_no": task.step_no,
        "phase": task.phase,
        "kegiatan": step.kegiatan,
        "lane": task.lane,
        "role": task.role,
        "unit": task.unit.slug if task.unit_id and task.unit else None,
        "status": task.status,
        "opened_at": task.opened_at,
        "due_date": task.due_date,
        "due_at": task.due_at,
        "overdue": task.is_overdue(now),
        "completed_at": task.completed_at,
        "completed_by": task.completed_by.username if task.completed_by_id and task.completed_by else None,
        "acting_kind": task.acting_kind,
        "decision": task.decision,
        "note": task.note,
        "input": task.data,
        "late": task.late,
        "document_id": task.document_id,
        "assigned_to": task.assigned_to.username if task.assigned_to_id and task.assigned_to else None,
        "action": step.action_name,
    }


def _clock_out(clock: Any) -> dict[str, Any]:
    ex = clocks.explain(clock)
    return {
        "kind": clock.kind,
        "label": str(ex.kind.label),
        "basis": ex.kind.basis,
        "status": clock.status,
        "start": clock.received_on,
        "days": clock.days,
        "extension_days": clock.extension_days,
        "paused_days": clock.paused_days,
        "due_date": clock.due_date,
        "due_at": clock.due_at,
        "late": clocks.is_late(clock),
        "explanation": ex.lines,
    }


def _subject_out(case: Case) -> dict[str, Any] | None:
    subject = case.subject
    if subject is None:
        return None
    url = subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else None
    return {"type": subject._meta.label_lower, "id": subject.pk, "label": str(subject), "url": url}


def _case_out(case: Case) -> dict[str, Any]:
    sla = selectors.case_sla(case)
    now = timezone.now()
    tasks = case.tasks.select_related("unit", "completed_by", "assigned_to").order_by("opened_at", "pk")
    out = []
    for t in tasks:
        t.case = case
        out.append(_task_out(t, now))
    outputs = [
        {
            "step_no": o.step_no,
            "name": o.name,
            "unit": o.unit.slug if o.unit else None,
            "document_id": o.document_id,
            "file_id": o.stored_file_id,
            "item": str(o.item) if o.item_id else None,
            "summary": o.summary,
            "late": o.late,
        }
        for o in case.outputs.select_related("unit").order_by("step_no", "pk")
    ]
    return {
        "id": case.pk,
        "title": case.title,
        "body": case.body.slug,
        "sop": case.sop_version.sop.slug,
        "sop_id": case.sop_version.sop_id,
        "version": case.sop_version.number,
        "status": case.status,
        "started_at": case.started_at,
        "finished_at": case.finished_at,
        "cancel_reason": case.cancel_reason,
        "unit": case.unit.slug if case.unit_id and case.unit else None,
        "subject": _subject_out(case),
        "elapsed_working_days": sla.elapsed,
        "total_working_days": sla.limit,
        "clocks": [_clock_out(c) for c in clocks.clocks_of(case, case.subject)],
        "outputs": outputs,
        "tasks": out,
    }


def _version_out(v: SopVersion) -> dict[str, Any]:
    return {
        "id": v.pk,
        "sop_id": v.sop_id,
        "sop": v.sop.slug,
        "body": v.sop.body.slug,
        "number": v.number,
        "status": v.status,
        "sha256": v.sha256,
        "created_at": v.created_at,
        "decided_at": v.decided_at,
        "decision_note": v.decision_note,
    }


def _reload(task_id: int) -> Task:
    return Task.objects.select_related(
        "case__body", "case__sop_version__sop", "unit", "completed_by", "assigned_to"
    ).get(pk=task_id)


# -- public -------------------------------------------------------------------------------------------------


@router.get(
    "/sops",
    response=list[SopOut],
    auth=None,
    openapi_extra=PUBLIC,
    summary="SOP yang berlaku di badan publik",
)
def list_sops(request: HttpRequest, body: str) -> list[dict[str, Any]]:
    public_body = get_public_body(body)
    return [_sop_out(s) for s in selectors.current_sops(public_body).select_related("body")]


@router.get("/sops/{sop_id}", response=SopOut, auth=None, openapi_extra=PUBLIC, summary="Satu SOP")
def get_sop(request: HttpRequest, sop_id: int) -> dict[str, Any]:
    sop = get_object_or_404(
        Sop.objects.select_related("body", "current_version"),
        pk=sop_id,
        is_active=True,
        body__is_active=True,
        current_version__isnull=False,
    )
    return _sop_out(sop)


# -- SOP versions -----------------------------------------------------------------------------------------


@router.post(
    "/sops", response={201: VersionOut}, summary="Unggah versi SOP baru (konsep, menunggu persetujuan)"
)
def upload_sop(request: HttpRequest, payload: SopUploadIn) -> Status[dict[str, Any]]:
    body = get_body_for_user(request.user, payload.body)
    if len(payload.source) > 512 * 1024:
        raise HttpError(400, "Berkas SOP terlalu besar (maksimal 512 KB).")
    actor: User = request.user  # type: ignore[assignment]
    upload = services.sop_adopt if payload.approve else services.sop_upload
    version = upload(
        actor=actor, body=body, slug=payload.slug, source=payload.source, filename=payload.filename
    )
    return Status(201, _version_out(version))


@router.post("/sop-versions/{version_id}/approve", response=VersionOut, summary="Setujui versi SOP")
def approve_version(request: HttpRequest, version_id: int, payload: ReasonIn | None = None) -> dict[str, Any]:
    version = _version_for(request, version_id)
    done = services.sop_approve(actor=request.user, version=version, note=payload.note if payload else "")  # type: ignore[arg-type]
    return _version_out(done)


@router.post("/sop-versions/{version_id}/reject", response=VersionOut, summary="Tolak versi SOP")
def reject_version(request: HttpRequest, version_id: int, payload: ReasonIn) -> dict[str, Any]:
    version = _version_for(request, version_id)
    done = services.sop_reject(actor=request.user, version=version, note=payload.note)  # type: ignore[arg-type]
    return _version_out(done)


def _version_for(request: HttpRequest, version_id: int) -> SopVersion:
    version = get_object_or_404(SopVersion.objects.select_related("sop__body"), pk=version_id)
    get_body_for_user(request.user, version.sop.body.slug)
    return version


# -- processes ----------------------------------------------------------------------------------------------


@router.get("/cases", response=list[CaseSummaryOut], summary="Daftar proses SOP sebuah badan publik")
def list_cases(
    request: HttpRequest, body: str, status: str | None = None, sop: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    public_body: PublicBody = get_body_for_user(request.user, body)
    qs = Case.objects.filter(body=public_body).select_related("sop_version__sop").order_by("-started_at")
    if status:
        if status not in Case.Status.values:
            raise HttpError(400, f"status harus salah satu dari: {', '.join(Case.Status.values)}")
        qs = qs.filter(status=status)
    if sop:
        qs = qs.filter(sop_version__sop__slug=sop)
    return [
        {
            "id": c.pk,
            "title": c.title,
            "body": public_body.slug,
            "sop": c.sop_version.sop.slug,
            "status": c.status,
            "started_at": c.started_at,
            "finished_at": c.finished_at,
        }
        for c in qs[: max(1, min(limit, 500))]
    ]


@router.post("/sops/{sop_id}/cases", response={201: CaseOut}, summary="Mulai proses SOP")
def start_case(request: HttpRequest, sop_id: int, payload: StartIn) -> Status[dict[str, Any]]:
    sop = get_sop_for_member(request.user, sop_id)
    case = services.case_start(actor=request.user, sop=sop, title=payload.title)  # type: ignore[arg-type]
    return Status(201, _case_out(case))


@router.get("/cases/{case_id}", response=CaseOut, summary="Proses dengan tugas, tenggat dan outputnya")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _case_out(get_case_for_user(request.user, case_id))


@router.post("/cases/{case_id}/cancel", response=CaseOut, summary="Batalkan proses")
def cancel_case(request: HttpRequest, case_id: int, payload: ReasonIn) -> dict[str, Any]:
    case = get_case_for_user(request.user, case_id)
    services.case_cancel(actor=request.user, case=case, reason=payload.note)  # type: ignore[arg-type]
    return _case_out(get_case_for_user(request.user, case_id))


@router.post("/cases/{case_id}/fanout/{step_no}/close", response=CaseOut, summary="Tutup pengumpulan sebar")
def close_fanout(
    request: HttpRequest, case_id: int, step_no: int, payload: ReasonIn | None = None
) -> dict[str, Any]:
    case = get_case_for_user(request.user, case_id)
    actor: User = request.user  # type: ignore[assignment]
    services.fanout_close(actor=actor, case=case, step_no=step_no, reason=payload.note if payload else "")
    return _case_out(get_case_for_user(request.user, case_id))


# -- tasks --------------------------------------------------------------------------------------------------


@router.get("/tasks/mine", response=list[TaskOut], summary="Tugas saya (terbuka)")
def my_tasks(request: HttpRequest, sop: int | None = None) -> list[dict[str, Any]]:
    now = timezone.now()
    return [_task_out(t, now) for t in selectors.my_tasks(request.user, sop_id=sop)]  # type: ignore[arg-type]


@router.get("/tasks/{task_id}", response=TaskOut, summary="Satu tugas")
def get_task(request: HttpRequest, task_id: int) -> dict[str, Any]:
    return _task_out(get_task_for_user(request.user, task_id))


_COMPLETE_DOC = {
    "requestBody": {
        "content": {
            "application/json": {"schema": CompleteIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "decision": {"type": "string", "enum": ["ya", "tidak"]},
                        "note": {"type": "string"},
                        "input": {"type": "string", "description": "isian aksi sebagai JSON"},
                        "unit": {"type": "integer"},
                        "labels": {"type": "array", "items": {"type": "string"}},
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    },
                }
            },
        }
    }
}


def _decision(value: Any) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"ya", "true", "1", "yes"}:
        return True
    if text in {"tidak", "false", "0", "no"}:
        return False
    raise HttpError(400, "Jawaban keputusan harus 'ya' atau 'tidak'.")


@router.post(
    "/tasks/{task_id}/complete",
    response=CompleteOut,
    summary="Selesaikan tugas (JSON, atau multipart bila melampirkan berkas)",
    openapi_extra=_COMPLETE_DOC,
)
def complete_task(request: HttpRequest, task_id: int) -> dict[str, Any]:
    """JSON: ``{"decision": true, "note": "", "input": {...}, "unit": 3}``. Multipart: the same fields as form
    fields (``input`` as a JSON string), plus ``files`` with one ``labels`` entry per file naming the output
    or kelengkapan it is for."""
    task = get_task_for_user(request.user, task_id)
    files: list[tuple[str, Any]] = []
    if request.content_type == "application/json":
        try:
            raw = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise HttpError(400, "Badan permintaan bukan JSON yang sah.") from exc
        if not isinstance(raw, dict):
            raise HttpError(400, "Badan permintaan harus berupa objek JSON.")
        try:
            payload = CompleteIn.model_validate(raw)
        except Exception as exc:  # pydantic's ValidationError, reported field by field
            raise HttpError(400, f"Masukan tidak sah: {exc}") from exc
        decision, note, data, unit = payload.decision, payload.note, payload.input, payload.unit
    else:
        post = request.POST
        decision = _decision(post.get("decision"))
        note = post.get("note", "")
        raw_input = post.get("input", "")
        try:
            data = json.loads(raw_input) if raw_input else None
        except ValueError as exc:
            raise HttpError(400, "'input' harus berupa JSON.") from exc
        if data is not None and not isinstance(data, dict):
            raise HttpError(400, "'input' harus berupa objek JSON.")
        raw_unit = post.get("unit", "")
        if raw_unit and not raw_unit.isdigit():
            raise HttpError(400, "'unit' harus berupa nomor unit.")
        unit = int(raw_unit) if raw_unit else None
        labels, uploads = post.getlist("labels"), request.FILES.getlist("files")
        if len(labels) != len(uploads):
            raise HttpError(400, "Setiap berkas butuh satu label (kelengkapan/output yang dipenuhinya).")
        files = list(zip(labels, uploads, strict=True))
    result = services.task_complete(
        actor=request.user,  # type: ignore[arg-type]
        task=task,
        decision=decision,
        note=note,
        files=files,
        data=data,
        unit=unit,
    )
    opened = Task.objects.select_related("case__body", "case__sop_version__sop", "unit").filter(
        pk__in=[t.pk for t in result.opened]
    )
    return {
        "task": _task_out(_reload(result.task.pk)),
        "opened": [_task_out(t) for t in opened],
        "result": dict(result.payload) if result.payload else None,
    }


@router.post(
    "/tasks/{task_id}/document", response={201: DraftOut}, summary="Susun konsep naskah langkah paraf"
)
def draft_document(request: HttpRequest, task_id: int, payload: DraftIn) -> Status[dict[str, Any]]:
    from terbuka.documents.models import Document

    task = get_task_for_user(request.user, task_id)
    existing = None
    if payload.document_id is not None:
        existing = Document.objects.filter(pk=payload.document_id, case=task.case).first()
        if existing is None:
            raise HttpError(404, "Konsep naskah tidak ditemukan pada proses ini.")
    doc = services.task_draft_document(
        actor=request.user,  # type: ignore[arg-type]
        task=task,
        kind=payload.kind,
        context=payload.context,
        classification=payload.classification,
        document=existing,
    )
    return Status(201, {"document_id": doc.pk, "kind": doc.kind, "status": doc.status})


@router.post("/tasks/{task_id}/return", response=list[TaskOut], summary="Kembalikan ke langkah sebelumnya")
def return_task(request: HttpRequest, task_id: int, payload: ReturnIn) -> list[dict[str, Any]]:
    task = get_task_for_user(request.user, task_id)
    opened = services.task_return(actor=request.user, task=task, to_step=payload.to_step, note=payload.note)  # type: ignore[arg-type]
    return [_task_out(_reload(t.pk)) for t in opened]


@router.post("/tasks/{task_id}/reassign", response=TaskOut, summary="Alihkan tugas kepada seseorang")
def reassign_task(request: HttpRequest, task_id: int, payload: ReassignIn) -> dict[str, Any]:
    task = get_task_for_user(request.user, task_id)
    user = User.objects.filter(username=payload.user, is_active=True).first()
    if user is None:
        raise HttpError(400, "Pengguna tidak dikenal.")
    services.task_reassign(actor=request.user, task=task, user=user, note=payload.note)  # type: ignore[arg-type]
    return _task_out(_reload(task.pk))


@router.get("/tasks/{task_id}/comments", response=list[CommentOut], summary="Komentar pada tugas")
def list_comments(request: HttpRequest, task_id: int) -> list[dict[str, Any]]:
    task = get_task_for_user(request.user, task_id)
    return [
        {"id": c.pk, "author": c.author.username, "text": c.text, "created_at": c.created_at}
        for c in task.comments.select_related("author")
    ]


@router.post("/tasks/{task_id}/comments", response={201: CommentOut}, summary="Tambah komentar")
def add_comment(request: HttpRequest, task_id: int, payload: CommentIn) -> Status[dict[str, Any]]:
    task = get_task_for_user(request.user, task_id)
    c = services.task_comment(actor=request.user, task=task, text=payload.text)  # type: ignore[arg-type]
    return Status(201, {"id": c.pk, "author": c.author.username, "text": c.text, "created_at": c.created_at})
