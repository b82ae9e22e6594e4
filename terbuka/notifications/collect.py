"""From the timeline to notifications: who each event concerns, and what they are told.

``collect()`` reads the process timeline (``CaseEvent``) after the last row it saw and writes one
notification per user concerned; it is idempotent (a unique source per user) and runs as a scheduled job.
Letters outside a process notify through the documents hooks (``on_document_event``), in the transaction of
the paraf or signature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core.models import User
from terbuka.documents.models import Document
from terbuka.documents.signoff import current_step
from terbuka.sop.lanes import lane_holders
from terbuka.sop.models import CaseEvent, Task

from .models import Cursor, Notification

Kind = Notification.Kind
BATCH = 2000


def _add(
    users: Iterable[User],
    *,
    kind: str,
    title: str,
    url: str,
    source: str,
    body: Any,
    text: str = "",
    exclude: int | None = None,
) -> int:
    made = 0
    for user in {u.pk: u for u in users if u is not None and u.is_active}.values():
        if exclude is not None and user.pk == exclude:
            continue  # nobody is told about what they just did themselves
        try:
            with transaction.atomic():
                Notification.objects.create(
                    user=user,
                    body=body,
                    kind=kind,
                    title=title[:300],
                    text=text,
                    url=url[:300],
                    source=source,
                )
                made += 1
        except IntegrityError:
            continue  # already told
    return made


def _task_people(task: Task) -> list[User]:
    if task.assigned_to_id is not None and task.assigned_to is not None:
        return [task.assigned_to]
    return lane_holders(task.case.body, task.role, task.unit if task.unit_id else None)


def _for_event(event: CaseEvent) -> int:
    case = event.case
    task = event.task
    body = case.body
    source = f"caseevent:{event.pk}"
    actor = event.actor_id
    if event.kind == CaseEvent.Kind.OPENED and task is not None:
        url = reverse("sop:task", args=[task.pk])
        if task.phase == Task.Phase.SIGNOFF:
            title = _("Menunggu paraf/tanda tangan Anda: %(case)s") % {"case": case.title}
            return _add(_task_people(task), kind=Kind.SIGNOFF, title=title, url=url, source=source, body=body)
        title = _("Tugas baru: %(case)s, langkah %(no)s") % {"case": case.title, "no": task.step_no}
        # the person who just started the process knows its first task is theirs
        starter = case.started_by_id if task.opened_at == case.started_at else None
        return _add(
            _task_people(task),
            kind=Kind.TASK,
            title=title,
            url=url,
            source=source,
            body=body,
            exclude=starter,
        )
    if event.kind in (CaseEvent.Kind.PARAF, CaseEvent.Kind.DOC_REVISED) and task is not None and task.is_open:
        title = _("Menunggu paraf/tanda tangan Anda: %(case)s") % {"case": case.title}
        url = reverse("sop:task", args=[task.pk])
        return _add(
            _task_people(task),
            kind=Kind.SIGNOFF,
            title=title,
            url=url,
            source=source,
            body=body,
            exclude=actor,
        )
    if event.kind == CaseEvent.Kind.DOC_RETURNED and task is not None:
        document = task.document
        drafter = document.created_by if document is not None else None
        title = _("Naskah dikembalikan kepada Anda: %(case)s") % {"case": case.title}
        return _add(
            [drafter] if drafter else _task_people(task),
            kind=Kind.RETURNED,
            title=title,
            url=reverse("sop:task", args=[task.pk]),
            source=source,
            body=body,
            text=event.note,
        )
    if event.kind in (CaseEvent.Kind.REASSIGNED, CaseEvent.Kind.DELEGATED) and task is not None:
        title = _("Tugas dialihkan kepada Anda: %(case)s, langkah %(no)s") % {
            "case": case.title,
            "no": task.step_no,
        }
        return _add(
            [task.assigned_to] if task.assigned_to else [],
            kind=Kind.ASSIGNED,
            title=title,
            url=reverse("sop:task", args=[task.pk]),
            source=source,
            body=body,
            text=event.note,
        )
    if event.kind in (CaseEvent.Kind.FINISHED, CaseEvent.Kind.CANCELLED):
        kind = Kind.FINISHED if event.kind == CaseEvent.Kind.FINISHED else Kind.CANCELLED
        title = (
            _("Proses selesai: %(case)s") if kind == Kind.FINISHED else _("Proses dibatalkan: %(case)s")
        ) % {"case": case.title}
        return _add(
            [case.started_by] if case.started_by else [],
            kind=kind,
            title=title,
            url=reverse("sop:case", args=[case.pk]),
            source=source,
            body=body,
            text=event.note,
            exclude=actor,
        )
    return 0


def collect(now: dt.datetime | None = None) -> int:
    """Turn the timeline rows not seen yet into notifications; returns how many were made."""
    cursor, _created = Cursor.objects.get_or_create(name="caseevent")
    events = list(
        CaseEvent.objects.filter(pk__gt=cursor.last_id)
        .select_related(
            "case__body",
            "case__started_by",
            "task__assigned_to",
            "task__document__created_by",
            "task__unit",
            "task__case__body",
        )
        .order_by("pk")[:BATCH]
    )
    made = 0
    for event in events:
        made += _for_event(event)
    if events:
        Cursor.objects.filter(pk=cursor.pk).update(last_id=events[-1].pk)
    return made


def on_document_event(event: str, document: Document, actor: User | None, grant: Any) -> None:
    """A letter outside any process: tell the next official of its chain, or its drafter."""
    if document.case_id is not None:
        return  # the process timeline tells (collect)
    url = reverse("documents:document", args=[document.body.slug, document.pk])
    # An exempted letter's subject never leaves the system in a notification or an e-mail: its kind does.
    exempt = document.classification == "dikecualikan"
    subject = document.kind_title if exempt else (document.subject or document.kind_title)
    source = f"document:{document.pk}:{event}:{document.round}:{timezone.now().timestamp():.0f}"
    if event in ("drafted", "paraf", "revised"):
        step = current_step(document)
        if step is None:
            return
        from terbuka.core.people import holders_of

        people = [step.user] if step.user is not None else holders_of(document.body, step.role, step.unit)
        title = _("Menunggu paraf/tanda tangan Anda: %(subject)s") % {"subject": subject}
        _add(
            people,
            kind=Kind.SIGNOFF,
            title=title,
            url=url,
            source=source,
            body=document.body,
            exclude=actor.pk if actor else None,
        )
    elif event == "returned" and document.created_by is not None:
        title = _("Naskah dikembalikan kepada Anda: %(subject)s") % {"subject": subject}
        _add(
            [document.created_by],
            kind=Kind.RETURNED,
            title=title,
            url=url,
            source=source,
            body=document.body,
            text="" if exempt else document.return_note,
        )
    elif event == "signed" and document.created_by is not None:
        title = _("Naskah ditandatangani: %(subject)s") % {"subject": subject}
        _add(
            [document.created_by],
            kind=Kind.SIGNED,
            title=title,
            url=url,
            source=source,
            body=document.body,
            exclude=actor.pk if actor else None,
        )
