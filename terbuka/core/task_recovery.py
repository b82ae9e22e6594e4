"""Background jobs whose worker died: queue them again, or mark them failed so their owner shows it.

django-tasks' database worker marks a job RUNNING when it claims it and SUCCESSFUL/FAILED when the job
returns. A worker killed in between (kill -9, OOM, power loss) leaves the job RUNNING forever. ``recover``
finds such jobs: RUNNING for longer than ``TERBUKA_TASKS_STUCK_AFTER`` seconds, or claimed by a worker
known to be dead (``terbuka serve`` names the worker it just saw exit). Each one is queued again (READY)
while it has run fewer than ``TERBUKA_TASKS_MAX_ATTEMPTS`` times (one worker id is appended per claim), or
else marked FAILED; then the task's failure hook runs (``on_abandoned``): a document's PDF job writes the
error on the document, whose page offers "Coba lagi".

The library is not patched: this works on its table through its own model (``DBTaskResult``), row by row
under ``select_for_update(skip_locked=True)``, so two recoverers (serve and a cron'd command) never act
twice on a job and a worker claiming a job is never blocked.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

LOST_CLASS_PATH = "terbuka.core.task_recovery.WorkerLost"

# task path ("terbuka.documents.tasks.render_pdf") -> hook(args, kwargs) run when the job is given up
_HOOKS: dict[str, Callable[[list[Any], dict[str, Any]], None]] = {}


class WorkerLost(Exception):
    """The worker running the job stopped without finishing it."""


def on_abandoned(task_path: str) -> Callable[[Callable[[list[Any], dict[str, Any]], None]], Any]:
    """Register what to do when a job of ``task_path`` is given up (marked failed by recovery)."""

    def register(
        fn: Callable[[list[Any], dict[str, Any]], None],
    ) -> Callable[[list[Any], dict[str, Any]], None]:
        _HOOKS[task_path] = fn
        return fn

    return register


def _hook_for(task_path: str) -> Callable[[list[Any], dict[str, Any]], None] | None:
    if task_path not in _HOOKS and task_path.startswith("terbuka."):
        # Importing the task's module registers its hook (only our own modules, never a path from elsewhere).
        try:
            importlib.import_module(task_path.rsplit(".", 1)[0])
        except ImportError:
            logger.warning("task module of %s cannot be imported", task_path)
    return _HOOKS.get(task_path)


@dataclass
class Recovery:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.requeued or self.failed)

    def summary(self) -> str:
        return f"{len(self.requeued)} diantrekan ulang, {len(self.failed)} ditandai gagal"


def recover(
    *,
    now: dt.datetime | None = None,
    stuck_after: float | None = None,
    max_attempts: int | None = None,
    dead_workers: Iterable[str] = (),
) -> Recovery:
    """Queue again or fail every job left RUNNING by a dead or stuck worker. Idempotent."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stuck_after = settings.TERBUKA_TASKS_STUCK_AFTER if stuck_after is None else stuck_after
    max_attempts = max_attempts or settings.TERBUKA_TASKS_MAX_ATTEMPTS
    dead = set(dead_workers)
    cutoff = now - dt.timedelta(seconds=stuck_after)
    report = Recovery()
    candidates = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list(
            "id", "started_at", "worker_ids"
        )
    )
    for job_id, started_at, worker_ids in candidates:
        last_worker = worker_ids[-1] if worker_ids else None
        if not (last_worker in dead or started_at is None or started_at <= cutoff):
            continue
        hook_args: tuple[str, list[Any], dict[str, Any]] | None = None
        with transaction.atomic():
            job = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=job_id, status=TaskResultStatus.RUNNING)
                .first()
            )
            if job is None:  # finished meanwhile, or another recoverer has it
                continue
            attempts = len(job.worker_ids)
            if attempts < max_attempts:
                job.status = TaskResultStatus.READY
                job.started_at = None
                job.save(update_fields=["status", "started_at"])
                report.requeued.append(str(job.pk))
                logger.warning(
                    "job %s (%s) left running by worker %s: queued again (attempt %s of %s)",
                    job.pk, job.task_path, last_worker, attempts + 1, max_attempts,
                )  # fmt: skip
            else:
                job.status = TaskResultStatus.FAILED
                job.finished_at = now
                job.return_value = None
                job.exception_class_path = LOST_CLASS_PATH
                job.traceback = (
                    f"WorkerLost: pekerja {last_worker} berhenti tanpa menyelesaikan tugas ini "
                    f"({attempts} kali dicoba)."
                )
                job.save(
                    update_fields=[
                        "status",
                        "finished_at",
                        "return_value",
                        "exception_class_path",
                        "traceback",
                    ]
                )
                report.failed.append(str(job.pk))
                logger.error(
                    "job %s (%s) left running by worker %s after %s attempts: marked failed",
                    job.pk, job.task_path, last_worker, attempts,
                )  # fmt: skip
                args_kwargs = job.args_kwargs or {}
                hook_args = (
                    job.task_path,
                    list(args_kwargs.get("args", [])),
                    dict(args_kwargs.get("kwargs", {})),
                )
        if hook_args is not None:
            hook = _hook_for(hook_args[0])
            if hook is not None:
                try:
                    hook(hook_args[1], hook_args[2])
                except Exception:
                    logger.exception("failure hook of job %s failed", job_id)
    return report
