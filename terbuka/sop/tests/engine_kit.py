"""Helpers shared by the SOP engine tests: documents to attach, who acts on a task, walking a case.

A walk acts as the product's users would: each task is completed by a holder of its lane's role; outputs a
step must produce are uploaded as small real PDFs; a ``paraf`` step's drafter writes the letter (its required
fields filled), sends it, and the chain's officials initial and sign it through the documents services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.core.models import User
from terbuka.documents import kinds
from terbuka.documents import services as documents
from terbuka.documents.models import Document
from terbuka.documents.signoff import current_step, may_perform

from .. import actions, lanes, services
from ..engine import ENGINE
from ..models import Case, Task
from ..steps import kind_of

ROOT = Path(__file__).resolve().parents[3]
SOPS = ROOT / "sops"

# A real one-page PDF (the archive refuses files that only look like one).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n168\n%%EOF\n"
)


def pdf(name: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def attachments_for(task: Task) -> list[tuple[str, SimpleUploadedFile]]:
    """Every output the task's step must still produce (unless its action records them), as PDFs."""
    step = task.step
    action = actions.bind(step)
    if task.phase or (action is not None and action.owns_outputs):
        return []
    made = ENGINE.output_keys(task)
    from ..engine import normalise_label

    return [
        (name, pdf())
        for name in ENGINE.outputs_to_make(task.case.definition, step)
        if normalise_label(name) not in made
    ]


def actor_for(task: Task, exclude: set[int] | None = None) -> User:
    """A demo user holding the task's role (for its unit), preferring the demo username of the role."""
    unit = task.unit
    if task.assigned_to_id:
        return task.assigned_to  # type: ignore[return-value]
    people = lanes.lane_holders(task.case.body, task.role, unit)
    people = [p for p in people if not exclude or p.pk not in exclude]
    assert people, f"nobody holds {task.role} ({unit}) in {task.case.body}"
    return people[0]


def open_tasks(case: Case) -> list[Task]:
    return list(
        case.tasks.filter(status=Task.Status.OPEN).select_related("unit", "case__body").order_by("pk")
    )


def filled(kind: str) -> dict:
    """A kind's required fields filled with plain text (what a drafter would type)."""
    spec = kinds.get(kind)
    out: dict = {}
    for key in spec.required:
        typ = next((t for k, _label, t in spec.fields if k == key), "text")
        if typ == "lines":
            value: object = ["Isian uji."]
        elif typ.startswith("rows:"):
            value = [{col: "Isian uji" for col in typ[5:].split(",")} | {"tanda": ""}]
        else:
            value = "Isian uji"
        node = out
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


def draft(task: Task, actor: User | None = None, kind: str | None = None) -> Document:
    step: Any = task.step  # any step kind; ``paraf`` is read only when no kind is given
    kind = (
        kind
        or getattr(step.paraf, "naskah", None)
        or next((s for name in step.output for s in kinds.suggest(name)), "surat_dinas")
    )
    return services.task_draft_document(
        actor=actor or actor_for(task), task=task, kind=kind, context=filled(kind)
    )


def sign_through(task: Task, now: dt.datetime | None = None) -> None:
    """The chain's officials initial and sign the task's document, each in turn."""
    assert task.document_id is not None
    document = Document.objects.get(pk=task.document_id)
    for _ in range(20):
        document.refresh_from_db()
        step = current_step(document)
        if step is None:
            return
        people = [u for u in _officials(task, step) if may_perform(u, step, document.body) is not None]
        assert people, f"nobody can perform {step} of {document}"
        who = people[0]
        if step.kind == "ttd":
            documents.document_sign(actor=who, document=document, day=(now.date() if now else None))
        else:
            documents.document_paraf(actor=who, document=document)
    raise AssertionError("chain did not finish")


def _officials(task: Task, step) -> list[User]:
    from terbuka.core.people import holders_of

    return holders_of(task.case.body, step.role, step.unit)


def complete(
    task: Task, decision: bool | None = None, now: dt.datetime | None = None, **kw
) -> services.Completion | None:
    """Do what the task needs: a paraf step's letter is drafted, sent and signed; other tasks complete."""
    task.refresh_from_db()
    if task.phase == Task.Phase.SIGNOFF:
        sign_through(task, now)
        return None
    # A domain action may say what its demo officials do on its page first (fill rows, decide, draft the
    # letter from its data): its ``demo_prepare`` returns the completion's extra arguments (the input).
    prepare = getattr(actions.bind(task.step), "demo_prepare", None)
    if prepare is not None:
        kw.setdefault("actor", actor_for(task))
        kw.update(prepare(task, kw["actor"], now) or {})
        task.refresh_from_db()
    if task.phase == Task.Phase.DRAFT and task.document_id is None:
        draft(task, kw.get("actor"))
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
    unit_for: Callable[[Task], object] | None = None,
) -> list[tuple[int, str]]:
    """Complete open tasks until the case ends; returns the (step, lane) sequence of actions taken.

    ``decide(task, times_seen)`` answers decisions; ``times_seen`` counts earlier visits of that step, so a
    test can take the "tidak" branch once and "ya" afterwards. ``unit_for(task)`` chooses the unit when the
    next step is for one unit (default: the body's first unit with a PPID Pembantu)."""
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
        if kind_of(step).needs_decision(step):
            decision = decide(task, seen.get(step.no, 0))
            seen[step.no] = seen.get(step.no, 0) + 1
        # An official who answers "tidak" writes why (the "setujui" action requires it).
        note = "Alasan: tidak memenuhi syarat." if decision is False else ""
        extra = {}
        if not task.phase and ENGINE.needs_unit(case, step, decision) is not None and task.unit_id is None:
            extra["unit"] = unit_for(task) if unit_for else ENGINE.fanout_units(case.body, "ppid_pembantu")[0]
        lane = task.lane
        complete(task, decision, now=now, note=note, **extra)
        trail.append((task.step_no, lane))
    raise AssertionError(f"case did not finish in {limit} actions: {trail[-10:]}")
