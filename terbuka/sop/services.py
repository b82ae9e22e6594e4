"""Every write of the SOP engine: one function per business action (STYLE.md habit 2).

Each function takes the acting user, runs in one transaction, checks the current state, and writes an audit
event (``terbuka.core.audit.record``) plus a ``CaseEvent`` row for the case's timeline.

Matching documents to the SOP's ``kelengkapan`` and ``output`` names
--------------------------------------------------------------------
A file satisfies a kelengkapan or output when its *label* equals the name after normalisation
(``normalise_label``: case-folded, every run of punctuation and whitespace reduced to one space, trimmed).
So "Form usulan DIK" and "form  usulan-DIK" match; "Form DIK" does not match "Form usulan DIK". The
workspace form gives each kelengkapan/output its own file input, so the label is the SOP's own name; the
API takes one ``labels`` entry per uploaded file. A kelengkapan is present when any file of the case carries
its label (uploaded at any earlier step, or attached now); an output must be attached when the task is
completed. Entries written as "-" or empty mean "no document".
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit
from terbuka.core.models import Position, PublicBody, Unit, User
from terbuka.core.people import Grant, grant_for, local_date, today_in
from terbuka.core.roles import UNIT_ROLES, Role, role_label
from terbuka.core.workdays import due_from_moment

from . import actions, matrix_files
from .lanes import lane_grant, starter_grant, step_role
from .loader import SopFileError, load_definition
from .models import Case, CaseEvent, SignOff, Sop, SopVersion, Task, TaskComment
from .policies import can_manage_sops, can_steer_case, can_view_case
from .schema import END, SopDefinition, Step

if TYPE_CHECKING:
    from collections.abc import Iterable

Attachment = tuple[str, UploadedFile]  # (label, file)

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def normalise_label(name: str) -> str:
    return _PUNCT.sub(" ", (name or "").casefold()).strip()


def document_names(names: Iterable[str]) -> list[str]:
    """The names that stand for documents ("-" and blanks do not)."""
    return [n for n in names if normalise_label(n)]


logger = logging.getLogger(__name__)


class SopInvalid(ValidationError):
    """The SOP file does not validate; ``.messages`` are ``file:line: field: message`` lines."""


# -- adopting SOP versions ----------------------------------------------------------------------------------


def validate_source(source: str, filename: str) -> SopDefinition:
    """Parse and validate a SOP text; raise ``SopInvalid`` listing every problem (``file:line: field: …``)."""
    try:
        return load_definition(source, filename, actions=actions.names())
    except SopFileError as exc:
        raise SopInvalid([str(p) for p in exc.problems]) from exc
    except Exception as exc:  # whatever else the parser raises (recursive YAML, ...): the file's fault, a 400
        logger.warning("SOP file %s could not be read: %r", filename, exc)
        message = _("%(file)s: berkas SOP tidak dapat dibaca (YAML tidak sah atau terlalu rumit).")
        raise SopInvalid([message % {"file": filename}]) from exc


@transaction.atomic
def sop_adopt(*, actor: User | None, body: PublicBody, slug: str, source: str, filename: str) -> SopVersion:
    """Validate a SOP text and store it as the new current version of the body's SOP ``slug``.

    ``actor=None`` is the system (demo loader). Adopting the same text twice returns the current version.
    """
    if actor is not None and not can_manage_sops(actor, body):
        raise PermissionDenied(_("Hanya PPID atau admin badan publik ini yang boleh mengunggah SOP."))
    defn = validate_source(source, filename)
    sha = SopVersion.digest(source)
    sop, created = Sop.objects.get_or_create(body=body, slug=slug, defaults={"title": defn.identitas.nama})
    sop = Sop.objects.select_for_update().get(pk=sop.pk)
    current = sop.current_version
    if current is not None and current.sha256 == sha:
        return current
    number = (sop.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = SopVersion.objects.create(
        sop=sop, number=number, source=source, filename=filename, sha256=sha, uploaded_by=actor
    )
    old = {"current_version": current.number if current else None, "title": sop.title}
    sop.current_version = version
    sop.title = defn.identitas.nama
    sop.is_active = True
    sop.save(update_fields=["current_version", "title", "is_active"])
    audit.record(
        actor=actor,
        body=body,
        action="sop.adopt",
        obj=sop,
        old=None if created else old,
        new={"current_version": number, "title": sop.title, "filename": filename, "sha256": sha},
    )
    matrix_files.schedule_version(version)  # the public PDF, rendered once in the background
    return version


# -- starting cases -----------------------------------------------------------------------------------------


@transaction.atomic
def case_start(*, actor: User, sop: Sop, title: str, now: dt.datetime | None = None) -> Case:
    """Start a case on the SOP's current version; the actor must hold the first step's lane role."""
    now = now or timezone.now()
    sop = Sop.objects.select_related("body", "current_version").get(pk=sop.pk)
    if not sop.is_active or sop.current_version is None:
        raise ValidationError(_("SOP ini tidak aktif atau belum memiliki versi yang berlaku."))
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Judul proses wajib diisi."))
    body = sop.body
    version = sop.current_version
    defn = version.definition
    first = defn.first
    role = step_role(defn, first)
    grant = starter_grant(actor, sop)
    if grant is None:
        raise PermissionDenied(
            _("Proses SOP ini hanya dapat dimulai oleh %(role)s (pelaksana langkah pertama).")
            % {"role": role_label(role)}
        )
    case = Case.objects.create(body=body, sop_version=version, title=title, started_by=actor, started_at=now)
    CaseEvent.objects.create(
        case=case,
        kind="started",
        actor=actor,
        acting_label=grant.label() if grant.acting_kind else "",
        note=title,
        created_at=now,
    )
    hint = grant.unit_id if role in UNIT_ROLES else None
    opened = _open_step(case, defn, first, now, unit_hint=hint)
    audit.record(
        actor=actor,
        body=body,
        action="sop.case.start",
        obj=case,
        new={"sop": sop.slug, "version": version.number, "title": title, "tasks": [t.pk for t in opened]},
        acting=grant.acting,
    )
    return case


# -- opening steps ------------------------------------------------------------------------------------------


def fanout_units(body: PublicBody, role: str, on: dt.date | None = None) -> list[Unit]:
    """Active units of the body having someone (holder or acting official) in ``role`` today."""
    on = on or today_in(body)
    positions = Position.objects.filter(
        body=body, is_active=True, roles__role=role, unit__isnull=False
    ).filter(
        Q(holder__isnull=False, holder__is_active=True)
        | Q(
            acting_assignments__revoked_at__isnull=True,
            acting_assignments__starts_on__lte=on,
            acting_assignments__ends_on__gte=on,
        )
    )
    ids = set(positions.values_list("unit_id", flat=True))
    return list(Unit.objects.filter(pk__in=ids, is_active=True).order_by("name"))


def _due(body: PublicBody, step: Step, now: dt.datetime) -> tuple[dt.date | None, dt.date | None]:
    days = step.duration.working_days()
    if days is None:
        return None, None
    receipt, due = due_from_moment(now, body, days, explain=False)
    return receipt.date, due.date


def _open_step(
    case: Case,
    defn: SopDefinition,
    step: Step,
    now: dt.datetime,
    *,
    unit_hint: int | None = None,
    pending: list[CaseEvent] | None = None,
) -> list[Task]:
    """Open the task(s) of a step: one per unit for a fan-out, the sign-off chain for a paraf step.

    ``pending``: timeline rows of the caller, written in the same INSERT as the "opened" rows.
    """
    pending = pending or []
    body = case.body
    received, due = _due(body, step, now)
    role = step_role(defn, step)
    lane = step.pelaksana
    tasks: list[Task] = []
    if step.jenis == "sebar":
        units = fanout_units(body, role)
        for unit in units:
            tasks.append(
                Task(
                    case=case,
                    step_no=step.no,
                    lane=lane,
                    role=role,
                    unit=unit,
                    opened_at=now,
                    received_on=received,
                    due_date=due,
                )
            )
        if not tasks:
            # No unit holds the role: nothing to wait for; record it and go on.
            pending.append(
                CaseEvent(
                    case=case,
                    kind="fanout_empty",
                    step_no=step.no,
                    created_at=now,
                    note=_("Tidak ada unit dengan %(role)s; langkah dilewati.") % {"role": role_label(role)},
                )
            )
            return _advance(case, defn, step, None, now, unit_hint=None, pending=pending)
        Task.objects.bulk_create(tasks)
        tasks = list(Task.objects.filter(case=case, step_no=step.no, status=Task.Status.OPEN))
    else:
        if step.jenis == "paraf" and step.paraf is not None:
            lane = step.paraf.paraf[0] if step.paraf.paraf else step.paraf.tanda_tangan
        unit_id = unit_hint if role in UNIT_ROLES else None
        task = Task.objects.create(
            case=case,
            step_no=step.no,
            lane=lane,
            role=role,
            unit_id=unit_id,
            opened_at=now,
            received_on=received,
            due_date=due,
        )
        if step.jenis == "paraf" and step.paraf is not None:
            chain = [(k, SignOff.Kind.PARAF) for k in step.paraf.paraf] + [
                (step.paraf.tanda_tangan, SignOff.Kind.SIGN)
            ]
            SignOff.objects.bulk_create(
                SignOff(task=task, order=i, lane=k, role=defn.lane(k).peran, kind=kind)
                for i, (k, kind) in enumerate(chain, start=1)
            )
        tasks = [task]
    CaseEvent.objects.bulk_create(
        [
            *pending,
            *(CaseEvent(case=case, task=t, kind="opened", step_no=step.no, created_at=now) for t in tasks),
        ]
    )
    return tasks


def _advance(
    case: Case,
    defn: SopDefinition,
    step: Step,
    decision: bool | None,
    now: dt.datetime,
    *,
    unit_hint: int | None,
    actor: User | None = None,
    pending: list[CaseEvent] | None = None,
) -> list[Task]:
    pending = pending or []
    target = defn.successors(step, decision if step.jenis == "keputusan" else None)
    if target == END:
        case.status = Case.Status.DONE
        case.finished_at = now
        case.save(update_fields=["status", "finished_at"])
        pending.append(CaseEvent(case=case, kind="finished", actor=actor, step_no=step.no, created_at=now))
        CaseEvent.objects.bulk_create(pending)
        return []
    assert isinstance(target, int)
    return _open_step(case, defn, defn.step(target), now, unit_hint=unit_hint, pending=pending)


# -- completing tasks ---------------------------------------------------------------------------------------


def _lock_task(task: Task | int) -> Task:
    pk = task if isinstance(task, int) else task.pk
    return (
        Task.objects.select_for_update(of=("self",))
        .select_related("case", "case__body", "case__sop_version", "unit")
        .defer("case__sop_version__source")
        .get(pk=pk)
    )


def _not_open_message(task: Task) -> str:
    if task.status == Task.Status.DONE:
        who = task.completed_by.display_name() if task.completed_by else _("pengguna lain")
        return _(
            "Tugas ini sudah diselesaikan oleh %(who)s. Muat ulang halaman untuk melihat langkah berikutnya."
        ) % {"who": who}
    return _("Tugas ini tidak lagi terbuka (status: %(status)s).") % {"status": task.get_status_display()}


def actor_grant(actor: User, task: Task) -> Grant | None:
    """The grant through which ``actor`` may act on ``task`` (respecting a personal assignment)."""
    if task.assigned_to_id is not None and task.assigned_to_id != actor.pk:
        return None
    return lane_grant(actor, task.case.body, task.role, task.unit_id)


def _require_actor(actor: User, task: Task) -> Grant:
    grant = actor_grant(actor, task)
    if grant is None:
        if task.assigned_to_id is not None and task.assigned_to_id != actor.pk:
            raise PermissionDenied(_("Tugas ini ditugaskan kepada pengguna lain."))
        where = f" ({task.unit.name})" if task.unit_id and task.unit else ""
        raise PermissionDenied(
            _("Tugas ini hanya dapat dikerjakan oleh %(role)s%(where)s.")
            % {"role": role_label(task.role), "where": where}
        )
    return grant


def case_labels(case: Case) -> set[str]:
    """Normalised labels of the case's usable files (uploads, and generated letters once signed)."""
    from terbuka.documents.archive import usable_files_for_case

    return {normalise_label(label) for label in usable_files_for_case(case).values_list("label", flat=True)}


def step_labels(task: Task) -> set[str]:
    """Labels archived for this task's step since it opened: e.g. a letter generated and signed for it."""
    from terbuka.documents.archive import usable_files_for_case

    rows = usable_files_for_case(task.case).filter(step_no=task.step_no, created_at__gte=task.opened_at)
    return {normalise_label(label) for label in rows.values_list("label", flat=True)}


def missing_documents(
    task: Task, files: Sequence[Attachment], *, inputs: bool = True, outputs: bool = True
) -> list[str]:
    step = task.step
    attached = {normalise_label(label) for label, _f in files}
    problems = []
    need_inputs = document_names(step.kelengkapan) if inputs else []
    if need_inputs:
        present = case_labels(task.case) | attached
        for name in need_inputs:
            if normalise_label(name) not in present:
                problems.append(_("Kelengkapan belum ada: %(name)s.") % {"name": name})
    produced = attached | step_labels(task) if outputs and step.output else attached
    for name in document_names(step.output) if outputs else []:
        if normalise_label(name) not in produced:
            problems.append(_("Output wajib dilampirkan: %(name)s.") % {"name": name})
    return problems


def _store_files(actor: User, task: Task, files: Sequence[Attachment]) -> list[Any]:
    if not files:
        return []
    from terbuka.documents.archive import store_upload

    return [
        store_upload(
            actor=actor,
            body=task.case.body,
            file=f,
            label=label,
            case=task.case,
            step_no=task.step_no,
            unit=task.unit,
        )
        for label, f in files
    ]


@dataclass
class Completion:
    task: Task
    opened: list[Task]
    signoff: SignOff | None = None  # set when the call recorded one paraf of a chain


@transaction.atomic
def task_complete(
    *,
    actor: User,
    task: Task | int,
    decision: bool | None = None,
    note: str = "",
    files: Sequence[Attachment] = (),
    now: dt.datetime | None = None,
) -> Completion:
    """Complete an open task (or, in a ``paraf`` step, record the actor's turn of the sign-off chain).

    Locks the task row and re-checks its status, so of two concurrent completions exactly one succeeds;
    the other gets a ``ValidationError`` saying who completed it.
    """
    now = now or timezone.now()
    task = _lock_task(task)
    case = task.case
    if not task.is_open:
        raise ValidationError(_not_open_message(task))
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("Proses ini sudah %(status)s.") % {"status": case.get_status_display()})
    grant = _require_actor(actor, task)
    defn = case.definition
    step = defn.step(task.step_no)
    note = (note or "").strip()

    if step.jenis == "paraf":
        pending = list(task.signoffs.filter(done_at__isnull=True).order_by("order"))
        current = pending[0]
        if len(pending) > 1:  # an initial, not yet the signature
            initial_problems = missing_documents(task, files, outputs=False) if current.order == 1 else []
            if initial_problems:
                raise ValidationError(initial_problems)
            _store_files(actor, task, files)
            _mark_signoff(current, actor, grant, note, now)
            nxt = pending[1]
            task.lane, task.role = nxt.lane, nxt.role
            task.assigned_to = None
            task.save(update_fields=["lane", "role", "assigned_to"])
            CaseEvent.objects.create(
                case=case,
                task=task,
                kind="paraf",
                actor=actor,
                step_no=step.no,
                note=note,
                created_at=now,
                acting_label=grant.label() if grant.acting_kind else "",
            )
            audit.record(
                actor=actor,
                body=case.body,
                action="sop.task.paraf",
                obj=task,
                new={"step": step.no, "lane": current.lane, "next": nxt.lane},
                note=note,
                acting=grant.acting,
            )
            return Completion(task=task, opened=[], signoff=current)
        signature: SignOff | None = current
    else:
        signature = None

    problems: list[str] = []
    if step.jenis == "keputusan":
        if decision is None:
            problems.append(
                _("Pilih jawaban Ya atau Tidak untuk: %(q)s") % {"q": step.pertanyaan or step.kegiatan}
            )
    else:
        decision = None
    problems += missing_documents(task, files)
    if step.aksi:
        check = actions.get(step.aksi).check
        if check is not None:
            problems += check(task, actor, decision, note, files)
    if problems:
        raise ValidationError(problems)

    _store_files(actor, task, files)
    if signature is not None:
        _mark_signoff(signature, actor, grant, note, now)
    old = audit.snapshot(task, ["status"])
    task.status = Task.Status.DONE
    task.completed_at = now
    task.completed_by = actor
    task.acting_for = grant.position if grant.acting_kind else None
    task.acting_kind = grant.acting_kind
    task.decision = decision
    task.note = note
    task.save(
        update_fields=[
            "status",
            "completed_at",
            "completed_by",
            "acting_for",
            "acting_kind",
            "decision",
            "note",
        ]
    )
    completed = CaseEvent(
        case=case,
        task=task,
        kind="completed",
        actor=actor,
        step_no=step.no,
        note=note,
        created_at=now,
        acting_label=grant.label() if grant.acting_kind else "",
    )
    if step.aksi:
        after = actions.get(step.aksi).after
        if after is not None:
            after(task, actor)

    opened: list[Task] = []
    if (
        step.jenis != "sebar"
        or not Task.objects.filter(case=case, step_no=step.no, status=Task.Status.OPEN).exists()
    ):
        opened = _advance(
            case, defn, step, decision, now, unit_hint=task.unit_id, actor=actor, pending=[completed]
        )
    else:
        completed.save()
    audit.record(
        actor=actor,
        body=case.body,
        action="sop.task.complete",
        obj=task,
        old=old,
        new={
            "status": task.status,
            "step": step.no,
            "decision": decision,
            "files": [label for label, _f in files],
            "opened": [t.pk for t in opened],
            "case_status": case.status,
        },
        note=note,
        acting=grant.acting,
    )
    return Completion(task=task, opened=opened)


def _mark_signoff(signoff: SignOff, actor: User, grant: Grant, note: str, now: dt.datetime) -> None:
    signoff.done_at = now
    signoff.done_by = actor
    signoff.acting_for = grant.position if grant.acting_kind else None
    signoff.acting_kind = grant.acting_kind
    signoff.note = note
    signoff.save(update_fields=["done_at", "done_by", "acting_for", "acting_kind", "note"])


# -- fan-out expiry -----------------------------------------------------------------------------------------


def sop_expire_fanouts(now: dt.datetime | None = None, stdout: Any = None) -> list[Case]:
    """Close fan-out steps whose time limit has passed: unanswered unit tasks expire, the case goes on.

    A unit task expires on the first day after its due date (in the body's time zone). Each case is
    handled in its own transaction; returns the cases that moved on.
    """
    now = now or timezone.now()
    moved: list[Case] = []
    candidates = (
        Task.objects.filter(status=Task.Status.OPEN, due_date__isnull=False, unit__isnull=False)
        .filter(case__status=Case.Status.OPEN)
        .values_list("case_id", "step_no", "case__body_id")
        .distinct()
    )
    bodies: dict[int, PublicBody] = {}
    for case_id, step_no, body_id in list(candidates):
        body = bodies.setdefault(body_id, PublicBody.objects.get(pk=body_id))
        today = local_date(now, body)
        with transaction.atomic():
            case = Case.objects.select_for_update().select_related("body", "sop_version").get(pk=case_id)
            defn = case.definition
            step = defn.step(step_no)
            if step.jenis != "sebar":
                continue
            late = list(
                Task.objects.select_for_update(of=("self",))
                .select_related("unit")
                .filter(case=case, step_no=step_no, status=Task.Status.OPEN, due_date__lt=today)
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
    step: Step,
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
        status=Task.Status.EXPIRED, completed_at=now
    )
    note = _("Tidak menjawab sampai batas waktu: %(units)s.") % {"units": ", ".join(missing) or "-"}
    if reason:
        note = f"{note} {reason}"
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            task=t,
            kind="expired",
            actor=actor,
            step_no=step.no,
            note=t.unit.name if t.unit else "",
            created_at=now,
        )
        for t in unanswered
    )
    opened: list[Task] = []
    if not Task.objects.filter(case=case, step_no=step.no, status=Task.Status.OPEN).exists():
        CaseEvent.objects.create(
            case=case, kind="joined", actor=actor, step_no=step.no, note=note, created_at=now
        )
        opened = _advance(case, defn, step, None, now, unit_hint=None)
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
    as not answering and the case goes on, exactly as when a time limit passes.
    """
    now = now or timezone.now()
    pk = case if isinstance(case, int) else case.pk
    locked = Case.objects.select_for_update().select_related("body", "sop_version").get(pk=pk)
    if not can_steer_case(actor, locked):
        raise PermissionDenied(_("Anda tidak berwenang menutup langkah sebar pada proses ini."))
    if locked.status != Case.Status.OPEN:
        raise ValidationError(_("Proses ini tidak lagi berjalan."))
    defn = locked.definition
    step = next((s for s in defn.langkah if s.no == step_no), None)
    if step is None or step.jenis != "sebar":
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
        reason=reason,
        grant=grant,
    )
    return locked


# -- return, reassign, delegate, comment, cancel -----------------------------------------------------------


@transaction.atomic
def task_return(
    *, actor: User, task: Task | int, to_step: int, note: str, now: dt.datetime | None = None
) -> list[Task]:
    """Send a case back from an open task to an earlier step (one the case has already passed)."""
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
    visited = set(case.tasks.exclude(pk=task.pk).values_list("step_no", flat=True))
    if to_step not in visited or to_step == task.step_no:
        raise ValidationError(_("Tugas hanya dapat dikembalikan ke langkah yang sudah dilalui proses ini."))
    open_tasks = list(Task.objects.select_for_update(of=("self",)).filter(case=case, status=Task.Status.OPEN))
    Task.objects.filter(pk__in=[t.pk for t in open_tasks]).update(
        status=Task.Status.RETURNED, completed_at=now, completed_by=actor, note=note
    )
    CaseEvent.objects.create(
        case=case,
        task=task,
        kind="returned",
        actor=actor,
        step_no=task.step_no,
        to_step=to_step,
        note=note,
        created_at=now,
        acting_label=grant.label() if grant and grant.acting_kind else "",
    )
    last = case.tasks.filter(step_no=to_step).order_by("-opened_at", "-pk").first()
    opened = _open_step(case, defn, defn.step(to_step), now, unit_hint=last.unit_id if last else None)
    audit.record(
        actor=actor,
        body=case.body,
        action="sop.task.return",
        obj=task,
        old={"status": "open", "step": task.step_no},
        new={"status": "returned", "to_step": to_step, "opened": [t.pk for t in opened]},
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
            % {"user": user.display_name(), "role": role_label(task.role)}
        )
    old = {"assigned_to": task.assigned_to_id}
    task.assigned_to = user
    task.save(update_fields=["assigned_to"])
    label = target.label() if target.acting_kind else ""
    kind = "delegated" if target.acting_kind else "reassigned"
    CaseEvent.objects.create(
        case=case,
        task=task,
        kind=kind,
        actor=actor,
        step_no=task.step_no,
        created_at=timezone.now(),
        note=(f"{user.display_name()} {label}".strip() + (f" — {note}" if note else "")),
        acting_label=actor_g.label() if actor_g and actor_g.acting_kind else "",
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
            % {"user": user.display_name(), "role": role_label(task_obj.role)}
        )
    return task_reassign(actor=actor, task=task_obj, user=user, note=note)


@transaction.atomic
def task_comment(*, actor: User, task: Task, text: str) -> TaskComment:
    if not can_view_case(actor, task.case):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Komentar tidak boleh kosong."))
    comment = TaskComment.objects.create(task=task, author=actor, text=text)
    CaseEvent.objects.create(
        case=task.case,
        task=task,
        kind="comment",
        actor=actor,
        step_no=task.step_no,
        note=text,
        created_at=timezone.now(),
    )
    audit.record(actor=actor, body=task.case.body, action="sop.task.comment", obj=task, new={"text": text})
    return comment


@transaction.atomic
def case_cancel(*, actor: User, case: Case, reason: str, now: dt.datetime | None = None) -> Case:
    now = now or timezone.now()
    case = Case.objects.select_for_update().select_related("body").get(pk=case.pk)
    if not can_steer_case(actor, case):
        raise PermissionDenied(_("Hanya PPID, admin, atau yang memulai proses yang dapat membatalkannya."))
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("Proses ini sudah %(status)s.") % {"status": case.get_status_display()})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan pembatalan wajib diisi."))
    Task.objects.filter(case=case, status=Task.Status.OPEN).update(
        status=Task.Status.CANCELLED, completed_at=now
    )
    case.status = Case.Status.CANCELLED
    case.finished_at = now
    case.cancel_reason = reason
    case.save(update_fields=["status", "finished_at", "cancel_reason"])
    CaseEvent.objects.create(case=case, kind="cancelled", actor=actor, note=reason, created_at=now)
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


__all__ = [
    "Completion",
    "SopInvalid",
    "case_cancel",
    "case_start",
    "normalise_label",
    "sop_adopt",
    "sop_expire_fanouts",
    "task_comment",
    "task_complete",
    "task_delegate",
    "task_reassign",
    "task_return",
    "validate_source",
]
