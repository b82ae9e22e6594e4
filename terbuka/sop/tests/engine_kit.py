"""Helpers shared by the SOP engine tests: documents to attach, who acts on a task, walking a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.core.models import User

from .. import lanes, services
from ..models import Case, Task

ROOT = Path(__file__).resolve().parents[3]
SOPS = ROOT / "sops"

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def attachments_for(task: Task) -> list[tuple[str, SimpleUploadedFile]]:
    """Every missing kelengkapan and every output of the task's step, as uploaded PDFs."""
    step = task.step
    present = services.case_labels(task.case)
    out = []
    for name in services.document_names(step.kelengkapan):
        if services.normalise_label(name) not in present:
            out.append((name, pdf()))
    for name in services.document_names(step.output):
        out.append((name, pdf()))
    return out


def actor_for(task: Task, exclude: set[int] | None = None) -> User:
    """A demo user holding the task's role (for its unit), preferring the demo username of the role."""
    unit = task.unit
    people = lanes.lane_holders(task.case.body, task.role, unit)
    if task.assigned_to_id:
        return task.assigned_to  # type: ignore[return-value]
    people = [p for p in people if not exclude or p.pk not in exclude]
    assert people, f"nobody holds {task.role} ({unit}) in {task.case.body}"
    return people[0]


def open_tasks(case: Case) -> list[Task]:
    return list(
        case.tasks.filter(status=Task.Status.OPEN).select_related("unit", "case__body").order_by("pk")
    )


def complete(
    task: Task, decision: bool | None = None, now: dt.datetime | None = None, **kw
) -> services.Completion:
    task.refresh_from_db()
    return services.task_complete(
        actor=kw.pop("actor", None) or actor_for(task),
        task=task,
        decision=decision,
        files=kw.pop("files", None) if "files" in kw else attachments_for(task),
        now=now,
        **kw,
    )


def walk(
    case: Case,
    decide: Callable[[Task, int], bool] = lambda task, seen: True,
    limit: int = 200,
    now: dt.datetime | None = None,
) -> list[tuple[int, str]]:
    """Complete open tasks until the case ends; returns the (step, lane) sequence of actions taken.

    ``decide(task, times_seen)`` answers decisions; ``times_seen`` counts earlier visits of that step, so a
    test can take the "tidak" branch once and "ya" afterwards.
    """
    trail: list[tuple[int, str]] = []
    seen: dict[int, int] = {}
    for _ in range(limit):
        case.refresh_from_db()
        if case.status != Case.Status.OPEN:
            return trail
        tasks = open_tasks(case)
        assert tasks, f"case open without open tasks after {trail}"
        task = tasks[0]
        step = task.step
        decision = None
        if step.jenis == "keputusan":
            decision = decide(task, seen.get(step.no, 0))
            seen[step.no] = seen.get(step.no, 0) + 1
        # An official who answers "tidak" writes why (the "setujui" action requires it).
        note = "Alasan: tidak memenuhi syarat." if decision is False else ""
        complete(task, decision, now=now, note=note)
        trail.append((task.step_no, task.lane))
    raise AssertionError(f"case did not finish in {limit} actions: {trail[-10:]}")
