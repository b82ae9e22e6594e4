"""SOP endpoints under /api/v1/: public SOP listings, and cases and tasks for officials."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from terbuka.api.auth import PUBLIC
from terbuka.core.policies import get_public_body

from . import selectors, services
from .models import Case, Sop, Task
from .policies import get_case_for_user, get_sop_for_member, get_task_for_user

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


class SopOut(Schema):
    id: int
    body: str
    slug: str
    title: str
    version: int
    nomor: str
    total_hari_kerja: int
    pelaksana: list[LaneOut]
    langkah: list[StepOut]


class SignOffOut(Schema):
    order: int
    lane: str
    kind: str
    done_by: str | None
    done_at: dt.datetime | None
    acting_kind: str


class TaskOut(Schema):
    id: int
    case_id: int
    case_title: str
    sop: str
    body: str
    step_no: int
    kegiatan: str
    lane: str
    role: str
    unit: str | None
    status: str
    opened_at: dt.datetime
    due_date: dt.date | None
    completed_at: dt.datetime | None
    completed_by: str | None
    acting_kind: str
    decision: bool | None
    note: str
    assigned_to: str | None
    signoffs: list[SignOffOut]


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
    elapsed_working_days: int
    total_working_days: int
    tasks: list[TaskOut]


class StartIn(Schema):
    title: str


class CompleteOut(Schema):
    task: TaskOut
    opened: list[TaskOut]
    signoff_recorded: bool


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
        "pelaksana": [
            {"kode": lane.kode, "nama": lane.nama, "peran": str(lane.peran)} for lane in defn.pelaksana
        ],
        "langkah": [
            {
                "no": s.no,
                "kegiatan": s.kegiatan,
                "pelaksana": s.pelaksana,
                "jenis": s.jenis,
                "kelengkapan": s.kelengkapan,
                "waktu": s.waktu,
                "hari_kerja": s.duration.working_days(),
                "output": s.output,
                "keterangan": s.keterangan,
                "pertanyaan": s.pertanyaan,
                "ya": s.ya,
                "tidak": s.tidak,
                "lanjut": s.lanjut,
                "aksi": s.aksi,
            }
            for s in defn.langkah
        ],
    }


def _task_out(task: Task) -> dict[str, Any]:
    case = task.case
    return {
        "id": task.pk,
        "case_id": case.pk,
        "case_title": case.title,
        "sop": case.sop_version.sop.slug,
        "body": case.body.slug,
        "step_no": task.step_no,
        "kegiatan": case.definition.step(task.step_no).kegiatan,
        "lane": task.lane,
        "role": task.role,
        "unit": task.unit.slug if task.unit_id and task.unit else None,
        "status": task.status,
        "opened_at": task.opened_at,
        "due_date": task.due_date,
        "completed_at": task.completed_at,
        "completed_by": task.completed_by.username if task.completed_by_id and task.completed_by else None,
        "acting_kind": task.acting_kind,
        "decision": task.decision,
        "note": task.note,
        "assigned_to": task.assigned_to.username if task.assigned_to_id and task.assigned_to else None,
        "signoffs": [
            {
                "order": s.order,
                "lane": s.lane,
                "kind": s.kind,
                "done_at": s.done_at,
                "done_by": s.done_by.username if s.done_by_id and s.done_by else None,
                "acting_kind": s.acting_kind,
            }
            for s in task.signoffs.all()
        ],
    }


def _case_out(case: Case) -> dict[str, Any]:
    sla = selectors.case_sla(case)
    tasks = (
        case.tasks.select_related("unit", "completed_by", "assigned_to")
        .prefetch_related("signoffs__done_by")
        .order_by("opened_at", "pk")
    )
    out = []
    for t in tasks:
        t.case = case
        out.append(_task_out(t))
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
        "elapsed_working_days": sla.elapsed,
        "total_working_days": sla.limit,
        "tasks": out,
    }


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


@router.post("/sops/{sop_id}/cases", response={201: CaseOut}, summary="Mulai proses SOP")
def start_case(request: HttpRequest, sop_id: int, payload: StartIn) -> Status:
    sop = get_sop_for_member(request.user, sop_id)
    case = services.case_start(actor=request.user, sop=sop, title=payload.title)  # type: ignore[arg-type]
    return Status(201, _case_out(case))


@router.get("/tasks/mine", response=list[TaskOut], summary="Tugas saya (terbuka)")
def my_tasks(request: HttpRequest, sop: int | None = None) -> list[dict[str, Any]]:
    tasks = selectors.my_tasks(request.user, sop_id=sop).prefetch_related("signoffs__done_by")  # type: ignore[arg-type]
    return [_task_out(t) for t in tasks]


@router.post("/tasks/{task_id}/complete", response=CompleteOut, summary="Selesaikan tugas (multipart)")
def complete_task(
    request: HttpRequest,
    task_id: int,
    decision: Form[str | None] = None,
    note: Form[str] = "",
    labels: Form[list[str]] = None,  # type: ignore[assignment]
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> dict[str, Any]:
    """``decision``: "ya"/"tidak" (or true/false); ``labels``: one per file, naming the kelengkapan/output."""
    task = get_task_for_user(request.user, task_id)
    files = files or []
    labels = labels or []
    if len(labels) != len(files):
        raise HttpError(400, "Setiap berkas butuh satu label (kelengkapan/output yang dipenuhinya).")
    answer: bool | None = None
    if decision not in (None, ""):
        value = str(decision).strip().lower()
        if value in {"ya", "true", "1", "yes"}:
            answer = True
        elif value in {"tidak", "false", "0", "no"}:
            answer = False
        else:
            raise HttpError(400, "Jawaban keputusan harus 'ya' atau 'tidak'.")
    result = services.task_complete(
        actor=request.user,  # type: ignore[arg-type]
        task=task,
        decision=answer,
        note=note,
        files=list(zip(labels, files, strict=True)),
    )
    done = Task.objects.select_related("case__body", "case__sop_version__sop", "unit", "completed_by").get(
        pk=result.task.pk
    )
    opened = Task.objects.select_related("case__body", "case__sop_version__sop", "unit").filter(
        pk__in=[t.pk for t in result.opened]
    )
    return {
        "task": _task_out(done),
        "opened": [_task_out(t) for t in opened],
        "signoff_recorded": result.signoff is not None,
    }


@router.get("/cases/{case_id}", response=CaseOut, summary="Proses dengan tugas dan batas waktunya")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _case_out(get_case_for_user(request.user, case_id))
