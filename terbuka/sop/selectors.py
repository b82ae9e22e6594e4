"""Reads of the SOP engine, always scoped by who asks (STYLE.md habit 3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from terbuka.core.models import PublicBody, User
from terbuka.core.people import local_date, today_in
from terbuka.core.workdays import calendar_for

from .lanes import tasks_q
from .models import Case, Sop, Task


def my_tasks(user: User, *, sop_id: int | None = None) -> QuerySet[Task]:
    """Open tasks the user may act on (the same rule as ``lanes.actor_grant``)."""
    if not user.is_authenticated:
        return Task.objects.none()
    qs = (
        Task.objects.filter(status=Task.Status.OPEN, case__status=Case.Status.OPEN)
        .filter(tasks_q(user))
        .select_related("case__body", "case__sop_version__sop", "unit", "assigned_to")
        .defer("case__sop_version__source")
        .order_by("due_at", "opened_at", "pk")
    )
    if sop_id:
        qs = qs.filter(case__sop_version__sop_id=sop_id)
    return qs


def overdue_tasks(body: PublicBody, now: dt.datetime | None = None) -> QuerySet[Task]:
    """Open tasks past their deadline (``due_at`` carries the body's zone: one comparison)."""
    return (
        Task.objects.filter(
            case__body=body,
            status=Task.Status.OPEN,
            case__status=Case.Status.OPEN,
            due_at__lt=now or timezone.now(),
        )
        .select_related("case__sop_version__sop", "unit", "assigned_to")
        .defer("case__sop_version__source")
        .order_by("due_at", "pk")
    )


def current_sops(body: PublicBody) -> QuerySet[Sop]:
    return (
        Sop.objects.filter(body=body, is_active=True, current_version__isnull=False)
        .select_related("current_version")
        .defer("current_version__source")
        .order_by("title")
    )


def is_late(task: Task, now: dt.datetime | None = None) -> bool:
    """Done after its deadline, left unanswered, or still open past it."""
    if task.on_time is not None and task.status != Task.Status.OPEN:
        return not task.on_time
    return task.is_overdue(now)


def progress_of(case: Case, now: dt.datetime | None = None) -> dict[int, str]:
    """Step number -> "done" | "current" | "late", for drawing the matrix of a case."""
    out: dict[int, str] = {}
    for t in case.tasks.all().order_by("opened_at", "pk"):
        if t.status == Task.Status.OPEN:
            out[t.step_no] = "late" if t.is_overdue(now) else "current"
        elif t.status in (Task.Status.DONE, Task.Status.EXPIRED) and out.get(t.step_no) not in {
            "current",
            "late",
        }:
            out[t.step_no] = "done"
    return out


@dataclass(frozen=True)
class CaseSla:
    elapsed: int  # working days from start to finish (or to today)
    limit: int  # the sum of the mutu baku
    over: bool


def case_sla(case: Case, today: dt.date | None = None) -> CaseSla:
    body = case.body
    cal = calendar_for(body)
    start = local_date(case.started_at, body)
    end = local_date(case.finished_at, body) if case.finished_at else (today or today_in(body))
    elapsed = max(0, cal.between(start, end))
    limit = case.definition.total_working_days()
    return CaseSla(elapsed=elapsed, limit=limit, over=limit > 0 and elapsed > limit)


@dataclass(frozen=True)
class SopSla:
    steps_done: int
    on_time: int
    cases_open: int
    cases_done: int

    @property
    def share(self) -> float | None:
        return (self.on_time / self.steps_done) if self.steps_done else None

    @property
    def percent(self) -> str:
        return "-" if self.share is None else f"{round(self.share * 100)}%"


def sop_sla_many(sops: list[Sop]) -> dict[int, SopSla]:
    """Share of finished steps (with a time limit) done on time, per SOP: the tally of closed processes kept
    on the SOP row (folded in as each closes) plus a count over the open processes only — flat however many
    tasks the body has ever finished (issue #13)."""
    ids = [s.pk for s in sops]
    bodies = {s.body_id for s in sops}
    live = Case.objects.filter(body_id__in=bodies, status=Case.Status.OPEN, sop_version__sop_id__in=ids)
    tasks = {
        row["case__sop_version__sop_id"]: row
        for row in Task.objects.filter(case__in=live, on_time__isnull=False)
        .values("case__sop_version__sop_id")
        .annotate(done=Count("pk"), ok=Count("pk", filter=Q(on_time=True)))
    }
    open_cases = {
        row["sop_version__sop_id"]: row["n"]
        for row in live.values("sop_version__sop_id").annotate(n=Count("pk"))
    }
    out = {}
    for sop in sops:
        t: dict[str, Any] = tasks.get(sop.pk, {})
        out[sop.pk] = SopSla(
            steps_done=sop.sla_steps_done + t.get("done", 0),
            on_time=sop.sla_steps_on_time + t.get("ok", 0),
            cases_open=open_cases.get(sop.pk, 0),
            cases_done=sop.sla_cases_done,
        )
    return out


def sop_sla(sop: Sop) -> SopSla:
    return sop_sla_many([sop])[sop.pk]


def timeline(case: Case) -> list[Any]:
    return list(case.events.select_related("actor").order_by("created_at", "pk"))
