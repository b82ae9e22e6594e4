"""Every write of the SOP engine: one function per business action (STYLE.md habit 2).

Each function takes the acting user, runs in one transaction, checks the current state, and writes an audit
event (``terbuka.core.audit.record``) plus ``CaseEvent`` rows for the case's timeline. The mechanics (opening
tasks, due dates, fan-outs, outputs) are in ``engine.py``; what differs by step kind is in ``steps/``; what a
step does to the product's data is its action (``actions.py``).

Outputs and kelengkapan
-----------------------
A step's outputs are recorded by step and key (``StepOutput``): an uploaded file named for the output, a
letter signed in its chain, or what the step's action records (proposal rows, a test session, a decree). An
output also listed as the step's kelengkapan passes through (it was made earlier). A kelengkapan that an
earlier, non-fan-out step produces must exist before the step can be completed; other kelengkapan (reference
material, what a fan-out may or may not have collected) are shown on the task page but not required. In a
fan-out each unit's task records its own outputs.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit, clocks, fastsql
from terbuka.core.language import official_language
from terbuka.core.models import CalendarVersion, PublicBody, Unit, User
from terbuka.core.people import Grant, body_role_labels, grant_for, is_unit_role, local_date
from terbuka.core.roles import Role

from . import actions, matrix_files
from .engine import ENGINE, acting_label, document_names, normalise_label, role_name
from .lanes import actor_grant, lane_grant, starter_grant
from .loader import SopFileError, load_definition
from .models import Case, CaseEvent, Sop, SopVersion, Task, TaskComment
from .policies import can_approve_sops, can_manage_sops, can_steer_case, can_view_case
from .schema import SopDefinition
from .steps import kind_of
from .steps.paraf import ParafStep

if TYPE_CHECKING:
    from terbuka.documents.models import Document

Attachment = tuple[str, UploadedFile]  # (the output or kelengkapan name it is for, file)
Kind = CaseEvent.Kind

__all__ = [
    "Completion",
    "SopInvalid",
    "actor_grant",
    "case_cancel",
    "case_start",
    "document_names",
    "fanout_close",
    "normalise_label",
    "sop_adopt",
    "sop_approve",
    "sop_expire_fanouts",
    "sop_reject",
    "sop_upload",
    "task_comment",
    "task_complete",
    "task_delegate",
    "task_draft_document",
    "task_reassign",
    "task_return",
    "validate_source",
]


logger = logging.getLogger(__name__)


class SopInvalid(ValidationError):
    """The SOP file does not validate; ``.messages`` are ``file:line: field: message`` lines."""


# -- SOP versions: upload (draft), approve, reject --------------------------------------------------------


def known_roles(body: PublicBody | None) -> list[str]:
    return [*Role.values, *(body_role_labels(body) if body is not None else {})]


def validate_source(source: str, filename: str, body: PublicBody | None = None) -> SopDefinition:
    """Parse and validate a SOP text; raise ``SopInvalid`` listing every problem (``file:line: field: …``)."""
    try:
        return load_definition(source, filename, actions=actions.known, roles=known_roles(body))
    except SopFileError as exc:
        raise SopInvalid([str(p) for p in exc.problems]) from exc
    except Exception as exc:  # whatever else the parser raises (recursive YAML, ...): the file's fault, a 400
        logger.warning("SOP file %s could not be read: %r", filename, exc)
        message = _("%(file)s: berkas SOP tidak dapat dibaca (YAML tidak sah atau terlalu rumit).")
        raise SopInvalid([message % {"file": filename}]) from exc


@transaction.atomic
def sop_upload(*, actor: User | None, body: PublicBody, slug: str, source: str, filename: str) -> SopVersion:
    """Validate a SOP text and store it as a new draft version of the body's SOP ``slug``.

    A draft is not public and starts no process until it is approved (``sop_approve``). Uploading the text
    of the current version, or of a pending draft, returns that version."""
    if actor is not None and not can_manage_sops(actor, body):
        raise PermissionDenied(_("Hanya PPID atau admin badan publik ini yang boleh mengunggah SOP."))
    defn = validate_source(source, filename, body)
    sha = SopVersion.digest(source)
    sop, _created = Sop.objects.get_or_create(body=body, slug=slug, defaults={"title": defn.identitas.nama})
    sop = Sop.objects.select_for_update().get(pk=sop.pk)
    same = (
        sop.versions.filter(sha256=sha).exclude(status=SopVersion.Status.REJECTED).order_by("-number").first()
    )
    if same is not None and (same.status == SopVersion.Status.DRAFT or same.pk == sop.current_version_id):
        return same
    number = (sop.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = SopVersion.objects.create(
        sop=sop, number=number, source=source, filename=filename, sha256=sha, uploaded_by=actor
    )
    audit.record(
        actor=actor,
        body=body,
        action="sop.version.upload",
        obj=version,
        new={
            "sop": slug,
            "version": number,
            "title": defn.identitas.nama,
            "filename": filename,
            "sha256": sha,
        },
    )
    matrix_files.schedule_version(version)  # the public PDF, rendered once in the background
    return version


@transaction.atomic
def sop_approve(*, actor: User | None, version: SopVersion, note: str = "") -> SopVersion:
    """The PPID approves a draft version: it becomes the SOP's current version (public, used for new
    processes); running processes keep the version they started on."""
    version = SopVersion.objects.select_for_update().select_related("sop__body").get(pk=version.pk)
    sop = Sop.objects.select_for_update().get(pk=version.sop_id)
    body = sop.body
    if actor is not None and not can_approve_sops(actor, body):
        raise PermissionDenied(_("Hanya PPID (atau admin badan publik) yang dapat menyetujui versi SOP."))
    if version.status != SopVersion.Status.DRAFT:
        raise ValidationError(_("Versi ini tidak sedang menunggu persetujuan."))
    defn = version.definition
    old = {"current_version": sop.current_version.number if sop.current_version else None, "title": sop.title}
    version.status = SopVersion.Status.APPROVED
    version.decided_by = actor if actor is not None and actor.pk else None
    version.decided_at = timezone.now()
    version.decision_note = note.strip()
    version.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    sop.current_version = version
    sop.title = defn.identitas.nama
    sop.is_active = True
    sop.save(update_fields=["current_version", "title", "is_active"])
    version.sop = sop
    matrix_files.schedule_version(version)  # the public PDF, rendered once in the background
    audit.record(
        actor=actor,
        body=body,
        action="sop.version.approve",
        obj=sop,
        old=old,
        new={"current_version": version.number, "title": sop.title, "sha256": version.sha256},
        note=note,
    )
    return version


@transaction.atomic
def sop_reject(*, actor: User, version: SopVersion, note: str) -> SopVersion:
    version = SopVersion.objects.select_for_update().select_related("sop__body").get(pk=version.pk)
    if not can_approve_sops(actor, version.sop.body):
        raise PermissionDenied(_("Hanya PPID (atau admin badan publik) yang dapat menolak versi SOP."))
    if version.status != SopVersion.Status.DRAFT:
        raise ValidationError(_("Versi ini tidak sedang menunggu persetujuan."))
    if not (note or "").strip():
        raise ValidationError(_("Tuliskan alasan penolakan."))
    version.status = SopVersion.Status.REJECTED
    version.decided_by = actor
    version.decided_at = timezone.now()
    version.decision_note = note.strip()
    version.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.record(
        actor=actor, body=version.sop.body, action="sop.version.reject", obj=version, note=note.strip()
    )
    return version


def sop_adopt(*, actor: User | None, body: PublicBody, slug: str, source: str, filename: str) -> SopVersion:
    """Upload and approve at once (the demo loader, ``terbuka sop adopt``, a PPID who approves own upload)."""
    with transaction.atomic():
        version = sop_upload(actor=actor, body=body, slug=slug, source=source, filename=filename)
        if version.status == SopVersion.Status.DRAFT:
            version = sop_approve(actor=actor, version=version)
    return version


# -- starting cases ---------------------------------------------------------------------------------------


@transaction.atomic
def case_start(
    *,
    actor: User,
    sop: Sop,
    title: str,
    subject: Any = None,
    unit: Unit | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """Start a case on the SOP's current version; the actor must work the first step's lane.

    ``subject``: what the process is about (a request, a proposal round, …); ``unit``: the unit the process
    is routed to from the start (e.g. the unit that holds the requested information)."""
    now = now or timezone.now()
    sop = Sop.objects.select_related("body", "current_version").get(pk=sop.pk)
    if not sop.is_active or sop.current_version is None:
        raise ValidationError(_("SOP ini tidak aktif atau belum memiliki versi yang berlaku."))
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Judul proses wajib diisi."))
    if len(title) > 300:
        raise ValidationError(_("Judul proses paling panjang 300 karakter."))
    body = sop.body
    if unit is not None and unit.body_id != body.pk:
        raise ValidationError(_("Unit ini milik badan publik lain."))
    version = sop.current_version
    defn = version.definition
    first = defn.first
    grant = starter_grant(actor, sop)
    if grant is None:
        role = defn.role_of(kind_of(first).first_lane(defn, first))
        raise PermissionDenied(
            _("Proses SOP ini hanya dapat dimulai oleh %(role)s (pelaksana langkah pertama).")
            % {"role": role_name(body, role)}
        )
    if unit is None and grant.unit_id is not None:
        unit = Unit.objects.get(pk=grant.unit_id)  # a PPID Pembantu starts for their own unit
    case = Case.objects.create(
        body=body, sop_version=version, title=title, started_by=actor, started_at=now, unit=unit
    )
    if subject is not None:
        ENGINE.set_subject(case, subject)
    for code in defn.jam_hukum:
        clocks.clock_start(actor=actor, body=body, owner=subject or case, code=code, at=now)
    started = CaseEvent(
        case=case,
        kind=Kind.STARTED,
        actor=actor,
        acting_label=acting_label(grant),
        note=title,
        created_at=now,
    )
    opened = ENGINE.open_step(case, first, now, actor=actor, pending=[started])
    audit.record(
        actor=actor,
        body=body,
        action="sop.case.start",
        obj=case,
        new={
            "sop": sop.slug,
            "version": version.number,
            "title": title,
            "subject": str(subject) if subject is not None else None,
            "tasks": [t.pk for t in opened],
        },
        acting=grant.acting,
    )
    return case


# -- completing tasks -------------------------------------------------------------------------------------


@cache
def _lock_task_sql(vendor: str) -> str:
    """The task row locked, with its case, body, SOP version (without its source text) and unit, and the
    calendar version — one statement, compiled once per process (issue #13: the ORM's compilation of this
    select_related query cost more than the database's work)."""
    return (
        f"SELECT {fastsql.select_list(Task, 't')}, {fastsql.select_list(Case, 'c')}, "
        f"{fastsql.select_list(PublicBody, 'b')}, {fastsql.select_list(SopVersion, 'v', _NO_SOURCE)}, "
        f"{fastsql.select_list(Unit, 'u')}, "
        f"(SELECT cv.version FROM {CalendarVersion._meta.db_table} cv WHERE cv.id = 1) "
        f"FROM {Task._meta.db_table} t "
        f"JOIN {Case._meta.db_table} c ON c.id = t.case_id "
        f"JOIN {PublicBody._meta.db_table} b ON b.id = c.body_id "
        f"JOIN {SopVersion._meta.db_table} v ON v.id = c.sop_version_id "
        f"LEFT JOIN {Unit._meta.db_table} u ON u.id = t.unit_id "
        f"WHERE t.id = %s{fastsql.for_update('t')}"
    )


_NO_SOURCE = ("source",)


def _lock_task(task: Task | int) -> Task:
    """The task row, locked (``SELECT … FOR UPDATE OF`` the task only), with its case, body, version and unit
    attached; the calendar version comes in the same statement (the next due date needs it)."""
    pk = task if isinstance(task, int) else task.pk
    with connection.cursor() as cursor:
        cursor.execute(_lock_task_sql(connection.vendor), [pk])
        row = cursor.fetchone()
    if row is None:
        raise Task.DoesNotExist("Task matching query does not exist.")
    at = 0
    locked = fastsql.from_row(Task, row, at)
    at += fastsql.width(Task)
    case = fastsql.from_row(Case, row, at)
    at += fastsql.width(Case)
    body = fastsql.from_row(PublicBody, row, at)
    at += fastsql.width(PublicBody)
    version = fastsql.from_row(SopVersion, row, at, exclude=_NO_SOURCE)
    at += fastsql.width(SopVersion, _NO_SOURCE)
    unit = fastsql.from_row(Unit, row, at) if locked.unit_id is not None else None
    at += fastsql.width(Unit)
    Case.body.field.set_cached_value(case, body)
    Case.sop_version.field.set_cached_value(case, version)
    Task.case.field.set_cached_value(locked, case)
    Task.unit.field.set_cached_value(locked, unit)
    case.calendar_version = row[at] or 0  # type: ignore[attr-defined]
    return locked


def _not_open_message(task: Task) -> str:
    if task.status == Task.Status.DONE:
        who = task.completed_by.display_name() if task.completed_by else _("pengguna lain")
        return _(
            "Tugas ini sudah diselesaikan oleh %(who)s. Muat ulang halaman untuk melihat langkah berikutnya."
        ) % {"who": who}
    return _("Tugas ini tidak lagi terbuka (status: %(status)s).") % {"status": task.get_status_display()}


def _require_actor(actor: User, task: Task) -> Grant:
    grant = actor_grant(actor, task)
    if grant is None:
        if task.assigned_to_id is not None and task.assigned_to_id != actor.pk:
            raise PermissionDenied(_("Tugas ini ditugaskan kepada pengguna lain."))
        where = f" ({task.unit.name})" if task.unit_id and task.unit else ""
        raise PermissionDenied(
            _("Tugas ini hanya dapat dikerjakan oleh %(role)s%(where)s.")
            % {"role": role_name(task.case.body, task.role), "where": where}
        )
    return grant


def _store_files(actor: User, task: Task, files: Sequence[Attachment], now: dt.datetime) -> list[str]:
    """Archive the files and record each as what it was attached for; returns the names."""
    if not files:
        return []
    from terbuka.documents.archive import store_upload

    step = task.case.definition.step(task.step_no)
    allowed = {normalise_label(n): n for n in [*step.output, *step.kelengkapan] if normalise_label(n)}
    action = actions.bind(step)
    free = action is not None and action.free_uploads and not step.output
    names = []
    for label, f in files:
        name = (label.strip()[:200] or _("Berkas")) if free else allowed.get(normalise_label(label))
        if name is None:
            raise ValidationError(
                _("Berkas untuk '%(label)s' tidak diminta langkah ini. Yang diminta: %(names)s.")
                % {"label": label, "names": ", ".join(allowed.values()) or "-"}
            )
        stored = store_upload(
            actor=actor,
            body=task.case.body,
            file=f,
            label=name,
            case=task.case,
            step_no=task.step_no,
            unit=task.unit,
        )
        ENGINE.record_output(task, name, actor=actor, now=now, stored_file=stored)
        names.append(name)
    return names


_COMPLETED_FIELDS = (
    "status",
    "completed_at",
    "completed_by",
    "acting_for",
    "acting_kind",
    "decision",
    "note",
    "late",
    "data",
    "on_time",
)


@dataclass
class Completion:
    task: Task
    opened: list[Task]
    payload: Mapping[str, Any] | None = None
    problems: list[str] = field(default_factory=list)


def _unit_choice(case: Case, unit: Unit | int | None) -> Unit | None:
    if unit is None:
        return None
    unit_obj = unit if isinstance(unit, Unit) else Unit.objects.filter(pk=unit).first()
    if unit_obj is None or unit_obj.body_id != case.body_id or not unit_obj.is_active:
        raise ValidationError(_("Unit tujuan tidak dikenal di badan publik ini."))
    return unit_obj


@transaction.atomic
def task_complete(
    *,
    actor: User,
    task: Task | int,
    decision: bool | None = None,
    note: str = "",
    files: Sequence[Attachment] = (),
    data: Mapping[str, Any] | None = None,
    unit: Unit | int | None = None,
    now: dt.datetime | None = None,
) -> Completion:
    """Complete an open task: the actor's role, the decision, the action's input and checks, the required
    kelengkapan and outputs; then the action performs, the task is done and the case moves on.

    ``data`` is the action's input (JSON-like); ``unit`` routes the process to a unit when the next step is
    for one unit. Locks the task row and re-checks its status, so of two concurrent completions exactly one
    succeeds; the other gets a ``ValidationError`` saying who completed it. A unit task of a fan-out that
    closed (status ``expired``) may still be answered: it is recorded as late and the case does not move.
    """
    now = now or timezone.now()
    task = _lock_task(task)
    case = task.case
    late = task.status == Task.Status.EXPIRED and task.unit_id is not None
    if not task.is_open and not late:
        raise ValidationError(_not_open_message(task))
    if case.status == Case.Status.CANCELLED:
        raise ValidationError(_("Proses ini sudah %(status)s.") % {"status": case.get_status_display()})
    if case.status != Case.Status.OPEN and not late:
        raise ValidationError(_("Proses ini sudah %(status)s.") % {"status": case.get_status_display()})
    grant = _require_actor(actor, task)
    defn = case.definition
    step = defn.step(task.step_no)
    kind = kind_of(step)
    note = (note or "").strip()
    if task.phase == Task.Phase.SIGNOFF:
        raise ValidationError(
            _(
                "Langkah ini selesai ketika naskahnya ditandatangani. Bubuhkan paraf atau tanda tangan pada "
                "naskah itu."
            )
        )

    problems: list[str] = []
    if kind.needs_decision(step):
        if decision is None:
            question = getattr(step, "pertanyaan", "") or step.kegiatan
            problems.append(_("Pilih jawaban Ya atau Tidak untuk: %(q)s") % {"q": question})
    else:
        decision = None
    routed = _unit_choice(case, unit)
    decided = decision is not None or not kind.needs_decision(step)
    if routed is None and not late and task.phase == Task.Phase.WORK and not kind.fans_out and decided:
        nxt = ENGINE.needs_unit(case, step, decision)
        if nxt is not None and task.unit_id is None:
            problems.append(
                _("Pilih unit tujuan untuk langkah %(no)s (%(kegiatan)s).")
                % {"no": nxt.no, "kegiatan": nxt.kegiatan[:80]}
            )
    action = actions.bind(step)
    parsed = None
    if action is not None:
        try:
            parsed = action.parse_input(data)
        except ValidationError as exc:
            problems += exc.messages
    elif data:
        problems.append(_("Langkah ini tidak menerima isian."))
    attached = [label for label, _f in files]
    if task.phase == Task.Phase.DRAFT:
        problems += _draft_problems(task)
        problems += ENGINE.missing(task, attached=attached, outputs=False)
    else:
        owns = action is not None and action.owns_outputs
        problems += ENGINE.missing(task, attached=attached, outputs=not owns)
    ctx = actions.ActionContext(
        ENGINE, task, actor=actor, grant=grant, now=now, decision=decision, note=note, attached=attached
    )
    if action is not None and not problems:
        problems += action.check(ctx, parsed)
    if problems:
        raise ValidationError(problems)

    stored = _store_files(actor, task, files, now)
    if routed is not None:
        ENGINE.route(case, routed, actor=actor, now=now, task=task)
    payload = None
    if action is not None:
        with official_language():  # what it writes (letters, records) is Indonesian, whatever the screen's
            payload = action.perform(ctx, parsed)
    if action is not None and action.owns_outputs and task.phase != Task.Phase.DRAFT:
        missing = ENGINE.missing(task, outputs=True)
        if missing:  # the action's own rule must have recorded them
            raise ValidationError(missing)
    old = {"status": task.status}
    task.status = Task.Status.DONE
    task.completed_at = now
    task.completed_by = actor
    task.acting_for = grant.position if grant.acting_kind else None
    task.acting_kind = grant.acting_kind
    task.decision = decision
    task.note = note
    task.late = late
    task.data = parsed.model_dump(mode="json") if parsed is not None else None
    task.on_time = False if late else task.finished_on_time(now)
    fastsql.update(task, _COMPLETED_FIELDS)
    event = CaseEvent(
        case=case,
        task=task,
        kind=Kind.LATE_ANSWER if late else Kind.COMPLETED,
        actor=actor,
        step_no=step.no,
        note=note,
        created_at=now,
        acting_label=acting_label(grant),
    )
    opened: list[Task] = []
    if late:
        event.save()
        if case.status != Case.Status.OPEN:  # the case's steps are already in its SOP's tally
            ENGINE.fold_sla(case, extra_done=1 if task.on_time is not None else 0)
    elif task.phase == Task.Phase.DRAFT:
        opened = [_open_signoff(task, step, now, event)]
    elif kind.step_done(ENGINE, task):
        opened = ENGINE.advance(case, defn, step, decision, now, actor=actor, pending=[event])
    else:
        event.save()
    audit.record(
        actor=actor,
        body=case.body,
        action="sop.task.late_answer" if late else "sop.task.complete",
        obj=task,
        old=old,
        new={
            "status": task.status,
            "step": step.no,
            "phase": task.phase,
            "decision": decision,
            "files": stored,
            "input": task.data,
            "result": dict(payload) if payload else None,
            "unit": routed.pk if routed is not None else None,
            "opened": [t.pk for t in opened],
            "case_status": case.status,
        },
        note=note,
        acting=grant.acting,
    )
    return Completion(task=task, opened=opened, payload=payload)


# -- paraf steps: the drafter's letter and its one sign-off chain ------------------------------------------


def _draft_problems(task: Task) -> list[str]:
    document = task.document
    if document is None:
        return [_("Buat (atau pilih) konsep naskah untuk langkah ini terlebih dahulu.")]
    if document.status != document.Status.DRAFT:
        return [_("Konsep naskah sedang dikembalikan untuk diperbaiki; perbaiki dahulu sebelum dikirim.")]
    return []


def _chain_signers(case: Case, step: ParafStep) -> list[Any]:
    from terbuka.documents.signoff import Signer

    out = []
    defn = case.definition
    for lane, kind in step.chain_lanes:
        role = defn.role_of(lane)
        unit = case.unit if is_unit_role(case.body_id, role) else None
        out.append(Signer(user=None, role=role, kind=kind, unit=unit))
    return out


def _letter_output(defn: SopDefinition, step: ParafStep) -> str:
    """The output the signed letter of a paraf step stands for: its first new output, else its first."""
    new = ENGINE.outputs_to_make(defn, step)
    names = document_names(step.output)
    return new[0] if new else (names[0] if names else step.kegiatan[:200])


@transaction.atomic
def task_draft_document(
    *,
    actor: User,
    task: Task | int,
    kind: str | None = None,
    context: Mapping[str, Any] | None = None,
    classification: str = "internal",
    document: Document | None = None,
    now: dt.datetime | None = None,
) -> Document:
    """The drafter of a ``paraf`` step writes the step's letter (or links a draft the process already has).

    The chain is planned from the step: the ``paraf`` lanes initial in order, then ``tanda_tangan`` signs
    (each by role, so the holder or a Plt./Plh. acts); unit-bound roles act for the process's unit. The
    action of the step, if any, provides the letter's kind and data (``Action.document``); the drafter's
    fields come on top."""
    from terbuka.documents import services as docs
    from terbuka.documents.models import Document as Doc
    from terbuka.documents.models import SignStep

    now = now or timezone.now()
    task = _lock_task(task)
    case = task.case
    if not task.is_open or task.phase != Task.Phase.DRAFT:
        raise ValidationError(_("Tugas ini bukan tugas penyusunan konsep naskah yang terbuka."))
    _require_actor(actor, task)
    step = case.definition.step(task.step_no)
    assert isinstance(step, ParafStep)
    if (
        task.document_id is not None
        and task.document is not None
        and task.document.status != Doc.Status.FINAL
    ):
        raise ValidationError(_("Langkah ini sudah punya konsep naskah; perbaiki konsep itu bila perlu."))
    label = _letter_output(case.definition, step)
    signers = _chain_signers(case, step)
    if document is not None:
        doc = Doc.objects.select_for_update().get(pk=document.pk)
        if (
            doc.case_id != case.pk
            or doc.status == Doc.Status.FINAL
            or doc.signoffs.filter(round=doc.round).exists()
        ):
            raise ValidationError(_("Hanya konsep dari proses ini yang belum diparaf yang dapat dipakai."))
        from terbuka.documents.signoff import plan

        SignStep.objects.filter(document=doc).delete()
        plan(document=doc, body=case.body, signers=signers)
        doc.step_no, doc.label = step.no, label
        doc.save(update_fields=["step_no", "label"])
    else:
        action = actions.bind(step)
        spec = action.document(actions.ActionContext(ENGINE, task, actor=actor, now=now)) if action else None
        kind = kind or (spec.kind if spec else None) or step.paraf.naskah
        if not kind:
            raise ValidationError(_("Pilih jenis naskah."))
        merged = {**(spec.context if spec else {}), **dict(context or {})}
        stored = docs.generate_document(
            actor=actor,
            body=case.body,
            kind=kind,
            context=merged,
            case=case,
            step_no=step.no,
            label=label,
            signers=signers,
            unit=case.unit if case.unit_id else task.unit,
            classification=spec.classification if spec and classification == "internal" else classification,
        )
        made = stored.document
        assert made is not None
        doc = made
    task.document = doc
    task.save(update_fields=["document"])
    CaseEvent.objects.create(
        case=case,
        task=task,
        kind=Kind.DRAFTED,
        actor=actor,
        step_no=step.no,
        note=doc.subject,
        created_at=now,
    )
    audit.record(
        actor=actor,
        body=case.body,
        action="sop.task.draft",
        obj=task,
        new={"document": doc.pk, "kind": doc.kind},
    )
    return doc


def _signoff_lane(case: Case, step: ParafStep, document: Document) -> tuple[str, str]:
    """(lane, role) of whoever must act on the document now: the drafter when it was sent back."""
    from terbuka.documents.signoff import current_step

    defn = case.definition
    if document.status == document.Status.RETURNED:
        lane = step.drafter_lane
        return lane, defn.role_of(lane)
    current = current_step(document)
    chain = step.chain_lanes
    at = len(chain) if current is None or current.order > len(chain) else current.order
    lane = chain[at - 1][0]
    return lane, defn.role_of(lane)


def _open_signoff(draft: Task, step: Any, now: dt.datetime, pending: CaseEvent) -> Task:
    case = draft.case
    assert isinstance(step, ParafStep) and draft.document is not None
    lane, role = _signoff_lane(case, step, draft.document)
    task = Task.objects.create(
        case=case,
        step_no=step.no,
        phase=Task.Phase.SIGNOFF,
        lane=lane,
        role=role,
        unit_id=case.unit_id if is_unit_role(case.body_id, role) else None,
        opened_at=now,
        received_on=draft.received_on,
        due_date=draft.due_date,
        due_at=draft.due_at,
        document=draft.document,
    )
    CaseEvent.objects.bulk_create(
        [pending, CaseEvent(case=case, task=task, kind=Kind.OPENED, step_no=step.no, created_at=now)]
    )
    return task


def on_document_event(event: str, document: Document, actor: User | None, grant: Grant | None) -> None:
    """The documents app's chain moved (``documents.hooks``): move the step's task with it.

    A paraf step's sign-off task follows the chain (its lane is whoever must act next) and completes when
    the document is signed, in the same transaction as the signature; the signed letter is recorded as the
    step's output. A letter written for an output of another step counts as that output once signed."""
    if document.case_id is None or document.step_no is None or event == "drafted":
        return
    now = timezone.now()
    signoff = (
        Task.objects.select_for_update(of=("self",))
        .select_related("case__body", "case__sop_version")
        .filter(document=document, phase=Task.Phase.SIGNOFF, status=Task.Status.OPEN)
        .first()
    )
    if signoff is not None:
        _follow_chain(signoff, event, document, actor, grant, now)
    elif event == "signed":
        _letter_signed(document, actor, now)


def _follow_chain(
    task: Task, event: str, document: Document, actor: User | None, grant: Grant | None, now: dt.datetime
) -> None:
    case = task.case
    defn = case.definition
    step = defn.step(task.step_no)
    assert isinstance(step, ParafStep)
    kinds = {
        "paraf": Kind.PARAF,
        "signed": Kind.SIGNED,
        "returned": Kind.DOC_RETURNED,
        "revised": Kind.DOC_REVISED,
    }
    # The timeline is read by every member of the body: an exempted letter's return note stays on the letter.
    exempt = document.classification == "dikecualikan"
    note = document.return_note if event == "returned" and not exempt else ""
    timeline = CaseEvent(
        case=case,
        task=task,
        kind=kinds[event],
        actor=actor,
        step_no=step.no,
        note=note,
        created_at=now,
        acting_label=acting_label(grant),
    )
    if event != "signed":
        task.lane, task.role = _signoff_lane(case, step, document)
        task.unit_id = case.unit_id if is_unit_role(case.body_id, task.role) else None
        task.assigned_to = None
        task.save(update_fields=["lane", "role", "unit", "assigned_to"])
        timeline.save()
        return
    ENGINE.record_output(task, _letter_output(defn, step), actor=actor, now=now, document=document)
    task.status = Task.Status.DONE
    task.completed_at = now
    task.completed_by = actor
    task.acting_for = grant.position if grant is not None and grant.acting_kind else None
    task.acting_kind = grant.acting_kind if grant is not None else ""
    task.on_time = task.finished_on_time(now)
    task.save(
        update_fields=["status", "completed_at", "completed_by", "acting_for", "acting_kind", "on_time"]
    )
    completed = CaseEvent(
        case=case,
        task=task,
        kind=Kind.COMPLETED,
        actor=actor,
        step_no=step.no,
        created_at=now,
        acting_label=acting_label(grant),
    )
    opened = ENGINE.advance(case, defn, step, None, now, actor=actor, pending=[timeline, completed])
    audit.record(
        actor=actor,
        body=case.body,
        action="sop.task.complete",
        obj=task,
        old={"status": "open"},
        new={
            "status": task.status,
            "step": step.no,
            "phase": task.phase,
            "document": document.pk,
            "number": document.number,
            "opened": [t.pk for t in opened],
            "case_status": case.status,
        },
        acting=grant.acting if grant is not None else None,
    )


def _letter_signed(document: Document, actor: User | None, now: dt.datetime) -> None:
    """A letter written for an output of a (non-paraf) step: once signed it is that output."""
    assert document.case_id is not None and document.step_no is not None
    tasks = Task.objects.filter(case_id=document.case_id, step_no=document.step_no).exclude(
        phase=Task.Phase.SIGNOFF
    )
    if document.unit_id is not None and tasks.filter(unit_id=document.unit_id).exists():
        tasks = tasks.filter(unit_id=document.unit_id)
    task = tasks.filter(status=Task.Status.OPEN).order_by("-pk").first() or tasks.order_by("-pk").first()
    if task is None or not document.label:
        return
    ENGINE.record_output(task, document.label, actor=actor, now=now, document=document)


# -- fan-out: expiry and closing by hand ------------------------------------------------------------------


def sop_expire_fanouts(now: dt.datetime | None = None, stdout: Any = None) -> list[Case]:
    """Close fan-out steps whose time limit has passed: unanswered unit tasks expire, the case goes on.

    A unit task expires once its ``due_at`` (the body's closing time on the due date) has passed. Each case
    is handled in its own transaction; returns the cases that moved on. Idempotent."""
    now = now or timezone.now()
    moved: list[Case] = []
    candidates = (
        Task.objects.filter(status=Task.Status.OPEN, due_at__lt=now, unit__isnull=False, phase="")
        .filter(case__status=Case.Status.OPEN)
        .values_list("case_id", "step_no")
        .distinct()
    )
    for case_id, step_no in list(candidates):
        with transaction.atomic():
            case = Case.objects.select_for_update().select_related("body", "sop_version").get(pk=case_id)
            defn = case.definition
            step = defn.step(step_no)
            if not kind_of(step).fans_out:
                continue
            late = list(
                Task.objects.select_for_update(of=("self",))
                .select_related("unit")
                .filter(case=case, step_no=step_no, status=Task.Status.OPEN, due_at__lt=now)
            )
            if not late:
                continue
            note = _close_fanout(case, defn, step, late, now, actor=None, action="sop.fanout.expire")
            moved.append(case)
            if stdout is not None:
                stdout.write(f"{case}: langkah {step_no}: {note}\n")
    return moved


def _close_fanout(
    case: Case,
    defn: SopDefinition,
    step: Any,
    unanswered: list[Task],
    now: dt.datetime,
    *,
    actor: User | None,
    action: str,
    reason: str = "",
    grant: Grant | None = None,
) -> str:
    """Mark unanswered unit tasks expired, record who did not answer, and join the step if nothing is open."""
    missing = [t.unit.name for t in unanswered if t.unit]
    Task.objects.filter(pk__in=[t.pk for t in unanswered]).update(
        status=Task.Status.EXPIRED, completed_at=now, on_time=False
    )
    note = _("Tidak menjawab sampai batas waktu: %(units)s.") % {"units": ", ".join(missing) or "-"}
    if reason:
        note = f"{note} {reason}"
    events = [
        CaseEvent(
            case=case,
            task=t,
            kind=Kind.EXPIRED,
            actor=actor,
            step_no=step.no,
            note=t.unit.name if t.unit else "",
            created_at=now,
        )
        for t in unanswered
    ]
    opened: list[Task] = []
    if not ENGINE.open_tasks_of_step(case, step.no).exists():
        events.append(
            CaseEvent(case=case, kind=Kind.JOINED, actor=actor, step_no=step.no, note=note, created_at=now)
        )
        opened = ENGINE.advance(case, defn, step, None, now, actor=actor, pending=events)
    else:
        CaseEvent.objects.bulk_create(events)
    audit.record(
        actor=actor,
        body=case.body,
        action=action,
        obj=case,
        new={
            "step": step.no,
            "expired": [t.pk for t in unanswered],
            "units": missing,
            "opened": [t.pk for t in opened],
        },
        note=note,
        acting=grant.acting if grant else None,
    )
    return note


@transaction.atomic
def fanout_close(
    *, actor: User, case: Case | int, step_no: int, reason: str = "", now: dt.datetime | None = None
) -> Case:
    """Close a fan-out step by hand (PPID, admin or the case's starter).

    For a fan-out with no time limit in the SOP (``tentatif``: Kota Serang sets the deadline in its letter
    "dengan batasan waktu"), this is how the office stops waiting: units that have not answered are recorded
    as not answering and the case goes on, exactly as when a time limit passes. They may still answer late.
    """
    now = now or timezone.now()
    pk = case if isinstance(case, int) else case.pk
    locked = Case.objects.select_for_update().select_related("body", "sop_version").get(pk=pk)
    if not can_steer_case(actor, locked):
        raise PermissionDenied(_("Anda tidak berwenang menutup langkah sebar pada proses ini."))
    if locked.status != Case.Status.OPEN:
        raise ValidationError(_("Proses ini tidak lagi berjalan."))
    defn = locked.definition
    if not any(s.no == step_no for s in defn.langkah):
        raise ValidationError(_("Langkah %(no)s tidak ada dalam SOP proses ini.") % {"no": step_no})
    step = defn.step(step_no)
    if not kind_of(step).fans_out:
        raise ValidationError(_("Langkah %(no)s bukan langkah sebar.") % {"no": step_no})
    unanswered = list(
        Task.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(case=locked, step_no=step_no, status=Task.Status.OPEN)
    )
    if not unanswered:
        raise ValidationError(_("Langkah %(no)s tidak sedang menunggu jawaban unit.") % {"no": step_no})
    # Recorded as acting when the closer steers the case as a Plt./Plh. PPID or administrator.
    grant = grant_for(actor, locked.body, Role.PPID) or grant_for(actor, locked.body, Role.ADMIN)
    _close_fanout(
        locked,
        defn,
        step,
        unanswered,
        now,
        actor=actor,
        action="sop.fanout.close",
        reason=(reason or "")[:500],
        grant=grant,
    )
    return locked


# -- return, reassign, delegate, comment, cancel -----------------------------------------------------------


@transaction.atomic
def task_return(
    *, actor: User, task: Task | int, to_step: int, note: str, now: dt.datetime | None = None
) -> list[Task]:
    """Send a case back from an open task to an earlier step (one the case has already passed).

    What the actions of the steps being redone did is withdrawn (``Action.undo``), newest first."""
    now = now or timezone.now()
    task = _lock_task(task)
    case = task.case
    if not task.is_open:
        raise ValidationError(_not_open_message(task))
    grant = actor_grant(actor, task)
    if grant is None and not can_steer_case(actor, case):
        raise PermissionDenied(_("Anda tidak dapat mengembalikan tugas ini."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Tuliskan catatan: mengapa tugas dikembalikan."))
    defn = case.definition
    visited = set(case.tasks.exclude(step_no=task.step_no).values_list("step_no", flat=True))
    if to_step not in visited:
        raise ValidationError(_("Tugas hanya dapat dikembalikan ke langkah yang sudah dilalui proses ini."))
    last = case.tasks.filter(step_no=to_step).order_by("-opened_at", "-pk").first()
    assert last is not None
    open_tasks = list(Task.objects.select_for_update(of=("self",)).filter(case=case, status=Task.Status.OPEN))
    redone = list(
        case.tasks.filter(status=Task.Status.DONE, opened_at__gte=last.opened_at).select_related("case")
    )
    ENGINE.undo([*redone, *open_tasks], actor=actor, now=now, reason=note)
    Task.objects.filter(pk__in=[t.pk for t in open_tasks]).update(
        status=Task.Status.RETURNED, completed_at=now, completed_by=actor, note=note
    )
    returned = CaseEvent(
        case=case,
        task=task,
        kind=Kind.RETURNED,
        actor=actor,
        step_no=task.step_no,
        to_step=to_step,
        note=note,
        created_at=now,
        acting_label=acting_label(grant),
    )
    opened = ENGINE.open_step(case, defn.step(to_step), now, actor=actor, pending=[returned])
    audit.record(
        actor=actor,
        body=case.body,
        action="sop.task.return",
        obj=task,
        old={"status": "open", "step": task.step_no},
        new={
            "status": "returned",
            "to_step": to_step,
            "opened": [t.pk for t in opened],
            "undone": [t.pk for t in redone],
        },
        note=note,
        acting=grant.acting if grant else None,
    )
    return opened


@transaction.atomic
def task_reassign(*, actor: User, task: Task | int, user: User, note: str = "") -> Task:
    """Assign an open task to one person who holds (or acts in) the task's role."""
    task = _lock_task(task)
    case = task.case
    if not task.is_open:
        raise ValidationError(_not_open_message(task))
    actor_g = lane_grant(actor, case.body, task.role, task.unit_id)
    if actor_g is None and not can_steer_case(actor, case):
        raise PermissionDenied(_("Anda tidak dapat mengalihkan tugas ini."))
    target = lane_grant(user, case.body, task.role, task.unit_id)
    if target is None:
        raise ValidationError(
            _("%(user)s tidak memegang peran %(role)s untuk tugas ini.")
            % {"user": user.display_name(), "role": role_name(case.body, task.role)}
        )
    old = {"assigned_to": task.assigned_to_id}
    task.assigned_to = user
    task.save(update_fields=["assigned_to"])
    label = acting_label(target)
    kind = Kind.DELEGATED if target.acting_kind else Kind.REASSIGNED
    CaseEvent.objects.create(
        case=case,
        task=task,
        kind=kind,
        actor=actor,
        step_no=task.step_no,
        created_at=timezone.now(),
        note=(f"{user.display_name()} {label}".strip() + (f" — {note}" if note else "")),
        acting_label=acting_label(actor_g),
    )
    audit.record(
        actor=actor,
        body=case.body,
        action=f"sop.task.{'delegate' if target.acting_kind else 'reassign'}",
        obj=task,
        old=old,
        new={"assigned_to": user.pk, "as": label or None},
        note=note,
        acting=actor_g.acting if actor_g else None,
    )
    return task


def task_delegate(*, actor: User, task: Task | int, user: User, note: str = "") -> Task:
    """Hand a task to an acting official (Plt./Plh.) of the task's role; recorded as a delegation."""
    task_obj = task if isinstance(task, Task) else Task.objects.select_related("case__body").get(pk=task)
    target = lane_grant(user, task_obj.case.body, task_obj.role, task_obj.unit_id)
    if target is None or not target.acting_kind:
        raise ValidationError(
            _("%(user)s bukan Plt./Plh. untuk peran %(role)s.")
            % {"user": user.display_name(), "role": role_name(task_obj.case.body, task_obj.role)}
        )
    return task_reassign(actor=actor, task=task_obj, user=user, note=note)


@transaction.atomic
def task_comment(*, actor: User, task: Task, text: str) -> TaskComment:
    if not can_view_case(actor, task.case):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Komentar tidak boleh kosong."))
    if len(text) > 5000:
        raise ValidationError(_("Komentar paling panjang 5000 karakter."))
    comment = TaskComment.objects.create(task=task, author=actor, text=text)
    CaseEvent.objects.create(
        case=task.case,
        task=task,
        kind=Kind.COMMENT,
        actor=actor,
        step_no=task.step_no,
        note=text,
        created_at=timezone.now(),
    )
    audit.record(actor=actor, body=task.case.body, action="sop.task.comment", obj=task, new={"text": text})
    return comment


@transaction.atomic
def case_cancel(*, actor: User, case: Case, reason: str, now: dt.datetime | None = None) -> Case:
    """Cancel a running process: open tasks close, what its steps' actions did is withdrawn, clocks stop."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().select_related("body", "sop_version").get(pk=case.pk)
    if not can_steer_case(actor, case):
        raise PermissionDenied(_("Hanya PPID, admin, atau yang memulai proses yang dapat membatalkannya."))
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("Proses ini sudah %(status)s.") % {"status": case.get_status_display()})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan pembatalan wajib diisi."))
    touched = list(case.tasks.filter(status__in=[Task.Status.OPEN, Task.Status.DONE]).select_related("case"))
    for t in touched:
        t.case = case
    ENGINE.undo(touched, actor=actor, now=now, reason=reason)
    Task.objects.filter(case=case, status=Task.Status.OPEN).update(
        status=Task.Status.CANCELLED, completed_at=now
    )
    case.status = Case.Status.CANCELLED
    case.finished_at = now
    case.cancel_reason = reason
    case.save(update_fields=["status", "finished_at", "cancel_reason"])
    ENGINE.stop_clocks(case, actor=actor, now=now, reason=_("proses dibatalkan"))
    ENGINE.fold_sla(case)
    CaseEvent.objects.create(case=case, kind=Kind.CANCELLED, actor=actor, note=reason, created_at=now)
    audit.record(
        actor=actor,
        body=case.body,
        action="sop.case.cancel",
        obj=case,
        old={"status": "open"},
        new={"status": "cancelled"},
        note=reason,
    )
    return case


def local_today(case: Case) -> dt.date:
    return local_date(timezone.now(), case.body)


def document_target(user: User, body: PublicBody, params: dict[str, str]) -> Any:
    """The documents app's generate form opened for an output of a SOP step (``?proses=&langkah=&label=``):
    404 unless the user may see that process of this body; proposes the officials the step names."""
    from django.http import Http404

    from terbuka.documents.hooks import Target

    from .policies import get_case_for_user

    raw_case, raw_step = params.get("proses", ""), params.get("langkah", "")
    if not raw_case.isdigit() or not raw_step.isdigit():
        raise Http404
    case = get_case_for_user(user, int(raw_case))
    defn = case.definition
    step_no = int(raw_step)
    if case.body_id != body.pk or not any(s.no == step_no for s in defn.langkah):
        raise Http404
    step = defn.step(step_no)
    signers = _chain_signers(case, step) if isinstance(step, ParafStep) else []
    return Target(case, step_no, params.get("label", "").strip()[:200], signers=signers, unit=case.unit)
