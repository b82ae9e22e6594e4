"""The engine's mechanics, shared by the services and the step kinds: opening tasks with their due dates,
advancing a case, fan-outs, routing to a unit, subjects and the outputs a step records.

Nothing here checks who acts: the public functions in ``services.py`` do that and call into this module
inside their transaction. The step kinds (``steps/``) call ``new_task``, ``open_fanout`` and
``open_tasks_of_step``; the actions (``actions.ActionContext``) call ``record_output``, ``route`` and
``set_subject``. No ``if step.jenis == …`` here: what differs by kind is asked of the kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from terbuka.core import clocks, fastsql
from terbuka.core.language import official_language
from terbuka.core.models import Position, PublicBody, Unit, User
from terbuka.core.people import is_unit_role, today_in
from terbuka.core.roles import role_label
from terbuka.core.workdays import calendar_for, received_on

from . import actions
from .models import Case, CaseEvent, Sop, StepOutput, Task
from .schema import END, SopDefinition
from .steps import StepBase, kind_of

if TYPE_CHECKING:
    from terbuka.core.people import Grant

Kind = CaseEvent.Kind


def normalise_label(name: str) -> str:
    """Output and kelengkapan names compare case-folded, punctuation and spacing folded."""
    import re

    return re.sub(r"[\W_]+", " ", (name or "").casefold(), flags=re.UNICODE).strip()


def document_names(names: Iterable[str]) -> list[str]:
    """The names that stand for documents ("-" and blanks do not)."""
    return [n for n in names if normalise_label(n)]


def closing_time(body: PublicBody, day: dt.date) -> dt.datetime:
    """The body's closing time on ``day`` in its own zone: when a task due that day becomes late."""
    return dt.datetime.combine(day, body.office_closes, tzinfo=ZoneInfo(body.time_zone))


class Engine:
    """Stateless; one instance (``ENGINE``). Methods run inside the caller's transaction."""

    # -- due dates -----------------------------------------------------------------------------------------
    def due(
        self, body: PublicBody, step: StepBase, now: dt.datetime, *, calendar_version: int | None = None
    ) -> tuple[dt.date | None, dt.date | None, dt.datetime | None]:
        """(the working day the clock starts, due date, the moment it becomes late) for a step opened now.

        ``N hari kerja`` runs from the day the task counts as received (office-hours cut-off); "pada hari
        dan jam kerja" is due at the body's closing time that working day."""
        days = step.duration.working_days()
        if days is None:
            return None, None, None
        cal = calendar_for(body, version=calendar_version)
        start = received_on(now, body, cal).date
        due = cal.add(start, days)
        return start, due, closing_time(body, due)

    # -- tasks ---------------------------------------------------------------------------------------------
    def new_task(
        self,
        case: Case,
        step: StepBase,
        lane: str,
        now: dt.datetime,
        *,
        unit: Unit | int | None = None,
        phase: str = "",
        role: str | None = None,
    ) -> Task:
        defn = case.definition
        role = role or defn.role_of(lane)
        unit_id: int | None = None
        if is_unit_role(case.body_id, role):
            unit_id = unit.pk if isinstance(unit, Unit) else unit
            if unit_id is None:
                unit_id = case.unit_id
        start, due, due_at = self.due(case.body, step, now, calendar_version=_version(case))
        task = Task(
            case=case,
            step_no=step.no,
            phase=phase,
            lane=lane,
            role=role,
            unit_id=unit_id,
            opened_at=now,
            received_on=start,
            due_date=due,
            due_at=due_at,
        )
        return fastsql.insert(task)  # the hot path: SQL text built once per process (issue #13)

    def open_tasks_of_step(self, case: Case, step_no: int) -> QuerySet[Task]:
        return Task.objects.filter(case=case, step_no=step_no, status=Task.Status.OPEN)

    def fanout_units(self, body: PublicBody, role: str, on: dt.date | None = None) -> list[Unit]:
        """Active units of the body having someone (holder or acting official) in ``role`` today."""
        from terbuka.core.models import ActingAssignment

        on = on or today_in(body)
        acting = ActingAssignment.objects.active_on(on).values("position_id")
        positions = Position.objects.filter(
            body=body, is_active=True, roles__role=role, unit__isnull=False
        ).filter(Q(holder__isnull=False, holder__is_active=True) | Q(pk__in=acting))
        ids = set(positions.values_list("unit_id", flat=True))
        return list(Unit.objects.filter(pk__in=ids, is_active=True).order_by("name"))

    def open_fanout(self, case: Case, step: StepBase, role: str, now: dt.datetime) -> list[Task]:
        body = case.body
        units = self.fanout_units(body, role)
        start, due, due_at = self.due(body, step, now, calendar_version=_version(case))
        tasks = [
            Task(
                case=case,
                step_no=step.no,
                lane=step.pelaksana,
                role=role,
                unit=unit,
                opened_at=now,
                received_on=start,
                due_date=due,
                due_at=due_at,
            )
            for unit in units
        ]
        if not tasks:
            return []
        Task.objects.bulk_create(tasks)
        return list(self.open_tasks_of_step(case, step.no).select_related("unit"))

    def open_step(
        self,
        case: Case,
        step: StepBase,
        now: dt.datetime,
        *,
        actor: User | None = None,
        pending: list[CaseEvent] | None = None,
    ) -> list[Task]:
        """Open a step's task(s) through its kind; an empty fan-out is recorded and skipped."""
        pending = pending if pending is not None else []
        defn = case.definition
        tasks = kind_of(step).open(self, case, step, now)
        if not tasks:
            pending.append(
                CaseEvent(
                    case=case,
                    kind=Kind.FANOUT_EMPTY,
                    step_no=step.no,
                    created_at=now,
                    note=_("Tidak ada unit yang dituju; langkah dilewati."),
                )
            )
            return self.advance(case, defn, step, None, now, actor=actor, pending=pending)
        fastsql.insert_many(
            [
                *pending,
                *(
                    CaseEvent(case=case, task=t, kind=Kind.OPENED, step_no=step.no, created_at=now)
                    for t in tasks
                ),
            ]
        )
        action = actions.bind(step)
        if action is not None:
            for t in tasks:
                t.case = case
                with official_language():
                    action.opened(actions.ActionContext(self, t, actor=actor, now=now))
        return tasks

    def advance(
        self,
        case: Case,
        defn: SopDefinition,
        step: StepBase,
        decision: bool | None,
        now: dt.datetime,
        *,
        actor: User | None = None,
        pending: list[CaseEvent] | None = None,
    ) -> list[Task]:
        """Go where the step leads: the next step's tasks, or the end of the case."""
        pending = pending if pending is not None else []
        target = defn.successors(step, decision)
        if target == END:
            case.status = Case.Status.DONE
            case.finished_at = now
            case.save(update_fields=["status", "finished_at"])
            pending.append(
                CaseEvent(case=case, kind=Kind.FINISHED, actor=actor, step_no=step.no, created_at=now)
            )
            CaseEvent.objects.bulk_create(pending)
            self.stop_clocks(case, actor=actor, now=now, reason=_("proses selesai"))
            self.fold_sla(case)
            return []
        assert isinstance(target, int)
        return self.open_step(case, defn.step(target), now, actor=actor, pending=pending)

    def fold_sla(self, case: Case, *, extra_done: int = 0) -> None:
        """Add a closing case's finished steps (and the case, if it ended done) to its SOP's SLA tally; the
        SOP list then reads one row per SOP instead of counting every task ever finished (issue #13).
        ``extra_done`` adds late answers that arrive after the case closed (always not on time)."""
        if extra_done:
            done, ok, finished = extra_done, 0, 0
        else:
            counts = Task.objects.filter(case=case, on_time__isnull=False).aggregate(
                done=Count("pk"), ok=Count("pk", filter=Q(on_time=True))
            )
            done, ok = counts["done"], counts["ok"]
            finished = 1 if case.status == Case.Status.DONE else 0
        Sop.objects.filter(pk=case.sop_version.sop_id).update(
            sla_steps_done=F("sla_steps_done") + done,
            sla_steps_on_time=F("sla_steps_on_time") + ok,
            sla_cases_done=F("sla_cases_done") + finished,
        )

    def stop_clocks(self, case: Case, *, actor: User | None, now: dt.datetime, reason: str) -> None:
        """Stop the clocks the SOP declares (``jam_hukum``) when its process ends or is cancelled."""
        declared = set(case.definition.jam_hukum)
        if not declared:
            return
        for clock in clocks.clocks_of(case, case.subject):
            if clock.status != clock.Status.STOPPED and clock.kind in declared:
                clocks.clock_stop(actor=actor, clock=clock, reason=reason, at=now)

    # -- subjects and routing -----------------------------------------------------------------------------
    def set_subject(self, case: Case, obj: models.Model) -> None:
        if obj.pk is None:
            raise ValueError("subject must be saved first")
        case.subject_type = ContentType.objects.get_for_model(obj)
        case.subject_id = obj.pk
        case.save(update_fields=["subject_type", "subject_id"])

    def route(
        self, case: Case, unit: Unit, *, actor: User | None, now: dt.datetime, task: Task | None = None
    ) -> None:
        """Send the case to a unit: later unit-bound steps (not fan-outs) open for that unit only."""
        if unit.body_id != case.body_id:
            raise ValueError("unit of another body")
        if case.unit_id == unit.pk:
            return
        case.unit = unit
        case.save(update_fields=["unit"])
        CaseEvent.objects.create(
            case=case,
            task=task,
            kind=Kind.ROUTED,
            actor=actor,
            step_no=task.step_no if task else None,
            note=unit.name,
            created_at=now,
        )

    def needs_unit(self, case: Case, step: StepBase, decision: bool | None) -> StepBase | None:
        """The next step when it is for one unit and the case has none yet (the completer must choose)."""
        defn = case.definition
        try:
            target = defn.successors(step, decision)
        except ValueError:
            return None
        if target == END or case.unit_id is not None:
            return None
        assert isinstance(target, int)
        nxt = defn.step(target)
        kind = kind_of(nxt)
        if kind.fans_out:
            return None
        role = defn.role_of(kind.first_lane(defn, nxt))
        return nxt if is_unit_role(case.body_id, role) else None

    # -- outputs -------------------------------------------------------------------------------------------
    def record_output(
        self,
        task: Task,
        name: str,
        *,
        actor: User | None,
        now: dt.datetime,
        document: Any = None,
        stored_file: Any = None,
        item: models.Model | None = None,
        summary: str = "",
    ) -> StepOutput:
        item_type = ContentType.objects.get_for_model(item) if item is not None else None
        if stored_file is None and document is not None:
            stored_file = document.final_docx
        return StepOutput.objects.create(
            case_id=task.case_id,
            task=task,
            step_no=task.step_no,
            key=normalise_label(name),
            name=name[:300],
            unit_id=task.unit_id,
            stored_file=stored_file,
            document=document,
            item_type=item_type,
            item_id=item.pk if item is not None else None,
            summary=summary[:500],
            late=task.late or task.status == Task.Status.EXPIRED,
            created_at=now,
            created_by=actor if actor is not None and actor.pk else None,
        )

    def has_outputs(self, task: Task) -> bool:
        return StepOutput.objects.filter(task=task).exists()

    def output_keys(self, task: Task) -> set[str]:
        return set(StepOutput.objects.filter(task=task).values_list("key", flat=True))

    def case_output_keys(self, case: Case) -> set[str]:
        return set(StepOutput.objects.filter(case=case).values_list("key", flat=True))

    def _produced_elsewhere(self, defn: SopDefinition, step: StepBase) -> set[str]:
        """Outputs of the (non-fan-out) steps that can come before ``step``."""
        before = defn.ancestors[step.no] - {step.no}
        return {
            normalise_label(o)
            for s in defn.langkah
            if s.no in before and not kind_of(s).fans_out
            for o in s.output
        }

    def inputs_of(self, defn: SopDefinition, step: StepBase) -> tuple[list[str], list[str]]:
        """The step's kelengkapan split in two: documents an earlier (non-fan-out) step produces, which
        must exist, and the rest (reference material, or what a fan-out may or may not have collected),
        which are shown but not required."""
        produced = self._produced_elsewhere(defn, step)
        required: list[str] = []
        optional: list[str] = []
        for name in document_names(step.kelengkapan):
            (required if normalise_label(name) in produced else optional).append(name)
        return required, optional

    def outputs_to_make(self, defn: SopDefinition, step: StepBase) -> list[str]:
        """The step's outputs that are new here: an output that is also a kelengkapan another step
        produces passes through (it was made earlier) and is not asked again."""
        inputs = {normalise_label(k) for k in step.kelengkapan} & self._produced_elsewhere(defn, step)
        return [o for o in document_names(step.output) if normalise_label(o) not in inputs]

    def missing(self, task: Task, *, attached: Iterable[str] = (), outputs: bool = True) -> list[str]:
        """What blocks completing the task: required kelengkapan absent, outputs not recorded."""
        case = task.case
        defn = case.definition
        step = defn.step(task.step_no)
        attached_keys = {normalise_label(a) for a in attached}
        problems: list[str] = []
        required, _optional = self.inputs_of(defn, step)
        if required:
            present = self.case_output_keys(case) | attached_keys
            for name in required:
                if normalise_label(name) not in present:
                    problems.append(_("Kelengkapan belum ada: %(name)s.") % {"name": name})
        to_make = self.outputs_to_make(defn, step) if outputs else []
        if to_make:
            made = self.output_keys(task) | attached_keys
            for name in to_make:
                if normalise_label(name) not in made:
                    problems.append(_("Output wajib dilampirkan: %(name)s.") % {"name": name})
        return problems

    def earlier_outputs(self, task: Task) -> list[StepOutput]:
        """The documents and data earlier steps produced that this step needs (its kelengkapan)."""
        defn = task.case.definition
        step = defn.step(task.step_no)
        keys = {normalise_label(k) for k in step.kelengkapan}
        if not keys:
            return []
        return list(
            StepOutput.objects.filter(case_id=task.case_id, key__in=keys)
            .exclude(task=task)
            .select_related("document", "stored_file", "unit")
            .order_by("step_no", "created_at", "pk")
        )

    # -- undo ----------------------------------------------------------------------------------------------
    def undo(self, tasks: Iterable[Task], *, actor: User | None, now: dt.datetime, reason: str) -> None:
        """Ask the actions of ``tasks`` (newest first) to withdraw what they did."""
        for t in sorted(tasks, key=lambda t: (t.completed_at or t.opened_at, t.pk), reverse=True):
            step = t.case.definition.step(t.step_no)
            action = actions.bind(step)
            if action is not None:
                action.undo(actions.ActionContext(self, t, actor=actor, now=now), reason)


ENGINE = Engine()


def _version(case: Case) -> int | None:
    """The calendar version read with the locked task (``services._lock_task``), if any."""
    return getattr(case, "calendar_version", None)


def role_name(body: PublicBody, role: str) -> str:
    """A role's display name, including the body's own roles."""
    from terbuka.core.people import body_role_labels

    label = role_label(role)
    if label == role:
        return body_role_labels(body).get(role, role)
    return label


def acting_label(grant: Grant | None) -> str:
    return grant.label() if grant is not None and grant.acting_kind else ""
