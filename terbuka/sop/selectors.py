"""Reads of the SOP engine, always scoped by who asks (STYLE.md habit 3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from terbuka.core.models import PublicBody, User
from terbuka.core.people import grants_for, local_date, today_in
from terbuka.core.workdays import calendar_for

from .lanes import PROXIES
from .models import Case, Sop, Task


def tasks_q_for(user: User, body: PublicBody | None = None) -> Q:
    """Open tasks the user may act on: assigned to them, or unassigned in a role (and unit) they hold."""
    grants = grants_for(user, body)
    q = Q(assigned_to=user)
    for g in grants:
        roles = [g.role] + [lane for lane, proxies in PROXIES.items() if g.role in proxies]
        q |= Q(assigned_to__isnull=True, case__body_id=g.body_id, role__in=roles) & (
            Q(unit__isnull=True) | Q(unit_id=g.unit_id)
        )
    return q


def my_tasks(user: User, *, sop_id: int | None = None) -> QuerySet[Task]:
    if not user.is_authenticated:
        return Task.objects.none()
    qs = (
        Task.objects.filter(status=Task.Status.OPEN, case__status=Case.Status.OPEN)
        .filter(tasks_q_for(user))
        .select_related("case__body", "case__sop_version__sop", "unit", "assigned_to")
        .order_by("due_date", "opened_at", "pk")
    )
    if sop_id:
        qs = qs.filter(case__sop_version__sop_id=sop_id)
    return qs


def overdue_tasks(body: PublicBody, today: dt.date | None = None) -> QuerySet[Task]:
    today = today or today_in(body)
    return (
        Task.objects.filter(
            case__body=body, status=Task.Status.OPEN, case__status=Case.Status.OPEN, due_date__lt=today
        )
        .select_related("case__sop_version__sop", "unit", "assigned_to")
        .order_by("due_date", "pk")
    )


def current_sops(body: PublicBody) -> QuerySet[Sop]:
    return (
        Sop.objects.filter(body=body, is_active=True, current_version__isnull=False)
        .select_related("current_version")
        .order_by("title")
    )


def is_late(task: Task, today: dt.date | None = None) -> bool:
    """Done after its due date, or still open past it."""
    if task.due_date is None:
        return False
    if task.status == Task.Status.DONE and task.completed_at is not None:
        return local_date(task.completed_at, task.case.body) > task.due_date
    if task.status == Task.Status.EXPIRED:
        return True
    if task.status == Task.Status.OPEN:
        return (today or today_in(task.case.body)) > task.due_date
    return False


def progress_of(case: Case, today: dt.date | None = None) -> dict[int, str]:
    """Step number -> "done" | "current" | "late", for drawing the matrix of a case."""
    out: dict[int, str] = {}
    tasks = list(case.tasks.all().order_by("opened_at", "pk"))
    for t in tasks:
        t.case = case
        if t.status == Task.Status.OPEN:
            out[t.step_no] = "late" if is_late(t, today) else "current"
        elif t.status in (Task.Status.DONE, Task.Status.EXPIRED) and out.get(t.step_no) not in {
            "current",
            "late",
        }:
            out[t.step_no] = "done"
        elif t.status in (Task.Status.RETURNED, Task.Status.CANCELLED) and out.get(t.step_no) == "done":
            pass
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


def sop_sla(sop: Sop) -> SopSla:
    """Share of finished steps (with a time limit) done on time, over all versions of the SOP."""
    tasks = list(
        Task.objects.filter(case__sop_version__sop=sop, status=Task.Status.DONE, due_date__isnull=False)
        .select_related("case__body")
        .only("due_date", "completed_at", "status", "case__body__time_zone")
    )
    expired = Task.objects.filter(
        case__sop_version__sop=sop, status=Task.Status.EXPIRED, due_date__isnull=False
    ).count()
    on_time = sum(1 for t in tasks if not is_late(t))
    cases = Case.objects.filter(sop_version__sop=sop)
    return SopSla(
        steps_done=len(tasks) + expired,
        on_time=on_time,
        cases_open=cases.filter(status=Case.Status.OPEN).count(),
        cases_done=cases.filter(status=Case.Status.DONE).count(),
    )


def timeline(case: Case) -> list[Any]:
    return list(case.events.select_related("actor").order_by("created_at", "pk"))
