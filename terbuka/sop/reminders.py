"""``terbuka sop remind``: e-mail the holders of tasks due soon or overdue (the scheduler runs it hourly).

Idempotent: a ``Reminder`` row (unique per task and reason) records every e-mail sent, so running it twice
never sends the same reminder twice. "Due soon" means the due date is today or the next working day;
"overdue" means the due date has passed. Mail goes through Django's configured backend (console by default).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core.workdays import calendar_for, format_date_id

from .lanes import lane_holders
from .models import Case, Reminder, Task


def _recipients(task: Task) -> list[str]:
    if task.assigned_to_id and task.assigned_to:
        users = [task.assigned_to]
    else:
        users = lane_holders(task.case.body, task.role, task.unit if task.unit_id else None)
    return sorted({u.email for u in users if u.email})


def _local_today(task: Task, now: dt.datetime) -> dt.date:
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(task.case.body.time_zone)).date()


def _reason(task: Task, now: dt.datetime) -> str | None:
    if task.due_date is None:
        return None
    if task.is_overdue(now):
        return Reminder.Reason.OVERDUE
    today = _local_today(task, now)
    if task.due_date <= calendar_for(task.case.body).add(today, 1):
        return Reminder.Reason.DUE_SOON
    return None


def _message(task: Task, reason: str) -> tuple[str, str]:
    step = task.step
    due = format_date_id(task.due_date, weekday=True) if task.due_date else "-"
    if reason == Reminder.Reason.OVERDUE:
        subject = _("[Terbuka] Terlambat: %(case)s, langkah %(no)s") % {
            "case": task.case.title,
            "no": task.step_no,
        }
        lead = _("Tugas ini telah melewati batas waktu %(due)s.") % {"due": due}
    else:
        subject = _("[Terbuka] Segera jatuh tempo: %(case)s, langkah %(no)s") % {
            "case": task.case.title,
            "no": task.step_no,
        }
        lead = _("Batas waktu tugas ini %(due)s.") % {"due": due}
    body = "\n".join(
        [
            lead,
            "",
            f"{task.case.body.name} · {task.case.sop_version.sop.title}",
            _("Langkah %(no)s: %(kegiatan)s") % {"no": step.no, "kegiatan": step.kegiatan},
            _("Unit: %(unit)s") % {"unit": task.unit.name} if task.unit_id and task.unit else "",
            "",
            f"/kerja/sop/tugas/{task.pk}/",
        ]
    )
    return subject, body


def send_reminders(stdout: Any = None, now: dt.datetime | None = None) -> dict[str, int]:
    """Send each due-soon and overdue reminder once. Returns counts."""
    now = now or timezone.now()
    sent = {"due_soon": 0, "overdue": 0, "skipped_no_email": 0}
    tasks = (
        Task.objects.filter(status=Task.Status.OPEN, case__status=Case.Status.OPEN, due_date__isnull=False)
        .select_related("case__body", "case__sop_version__sop", "unit", "assigned_to")
        .order_by("due_at", "pk")
    )
    done = {(t, r) for t, r in Reminder.objects.filter(task__in=tasks).values_list("task_id", "reason")}
    for task in tasks:
        reason = _reason(task, now)
        if reason is None or (task.pk, reason) in done:
            continue
        recipients = _recipients(task)
        if not recipients:
            sent["skipped_no_email"] += 1
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    task=task, reason=reason, recipients=", ".join(recipients), sent_at=now
                )
                subject, body = _message(task, reason)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except IntegrityError:  # another run sent it meanwhile
            continue
        sent[str(reason)] += 1
        if stdout is not None:
            stdout.write(f"{reason}: tugas {task.pk} -> {', '.join(recipients)}\n")
    if stdout is not None:
        stdout.write(
            _("Pengingat: %(soon)s segera jatuh tempo, %(late)s terlambat.")
            % {"soon": sent["due_soon"], "late": sent["overdue"]}
            + "\n"
        )
    return sent
