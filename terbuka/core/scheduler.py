"""Scheduled jobs: idempotent routines that run every so often (STYLE.md habit 6).

Apps register their jobs in ``ready()`` (``register("sop.expire_fanouts", every=...)``); the embedded run
(``terbuka serve``) runs them with ``terbuka jobs run --loop``; production may do the same as a service, or
call ``terbuka jobs run`` from cron. Each job is idempotent, so running one twice (two loops, a manual run)
does no harm; the last start, end and result of each is kept in ``ScheduledRun`` and shown to admins.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger(__name__)

JobFunc = Callable[[dt.datetime], str]


@dataclass(frozen=True)
class Job:
    name: str
    every: dt.timedelta
    func: JobFunc
    description: str = ""


JOBS: dict[str, Job] = {}


def register(name: str, *, every: dt.timedelta, description: str = "") -> Callable[[JobFunc], JobFunc]:
    """Register ``func(now) -> summary`` to run every ``every``. Idempotent across re-imports."""

    def deco(func: JobFunc) -> JobFunc:
        JOBS[name] = Job(name, every, func, description)
        return func

    return deco


def due_jobs(now: dt.datetime) -> list[Job]:
    last = {r.name: r.started_at for r in ScheduledRun.objects.filter(name__in=list(JOBS))}
    out = []
    for job in JOBS.values():
        previous = last.get(job.name)
        if previous is None or now - previous >= job.every:
            out.append(job)
    return out


def run_job(job: Job, now: dt.datetime | None = None) -> ScheduledRun:
    """Run one job now and record the result; an exception is recorded, logged and not raised."""
    now = now or timezone.now()
    run, _ = ScheduledRun.objects.get_or_create(name=job.name)
    run.started_at = now
    run.save(update_fields=["started_at"])
    try:
        result = job.func(now)
        run.ok = True
    except Exception:  # a failing job must not stop the others; the trace goes to the log and the row
        logger.exception("scheduled job %s failed", job.name)
        result = traceback.format_exc(limit=5)
        run.ok = False
    run.finished_at = timezone.now()
    run.result = (result or "")[:4000]
    run.save(update_fields=["finished_at", "ok", "result"])
    return run


def run_due(now: dt.datetime | None = None, *, only: list[str] | None = None) -> list[ScheduledRun]:
    now = now or timezone.now()
    jobs = [JOBS[n] for n in only] if only else due_jobs(now)
    return [run_job(job, now) for job in jobs]
