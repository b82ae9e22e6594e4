"""Scheduled jobs: remind the request desk of overdue written notices; forget old submission attempts."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from terbuka.core import audit, scheduler
from terbuka.core.models import Clock
from terbuka.core.people import holders_of, local_date
from terbuka.core.roles import Role
from terbuka.core.workdays import format_date_id

from . import guard
from .models import InformationRequest
from .services import NOTICE


def overdue_requests(now: dt.datetime) -> list[InformationRequest]:
    """Requests whose written-notice clock runs past its deadline (one indexed comparison on the clock)."""
    ct = ContentType.objects.get_for_model(InformationRequest)
    ids = Clock.objects.filter(
        owner_type=ct, kind=NOTICE, status=Clock.Status.RUNNING, due_at__lt=now
    ).values_list("owner_id", flat=True)
    return list(InformationRequest.objects.filter(pk__in=list(ids)).select_related("body"))


@scheduler.register(
    "requests.remind_overdue",
    every=dt.timedelta(hours=1),
    description="pengingat permohonan yang terlambat dijawab",
)
def remind_overdue(now: dt.datetime) -> str:
    """Once a day per request: an e-mail to the body's PPID and desk officers, and an audit event."""
    sent = 0
    for request in overdue_requests(now):
        today = local_date(now, request.body)
        if request.overdue_reminded_on == today:
            continue
        people = {u.pk: u for role in (Role.PPID, Role.PETUGAS) for u in holders_of(request.body, role)}
        to = [u.email for u in people.values() if u.email]
        clock = Clock.objects.filter(
            owner_type=ContentType.objects.get_for_model(InformationRequest), owner_id=request.pk, kind=NOTICE
        ).first()
        due = format_date_id(clock.due_date) if clock and clock.due_date else "-"
        if to:
            send_mail(
                _("Permohonan %(n)s terlambat dijawab") % {"n": request.number},
                _(
                    "Permohonan informasi %(n)s (%(info)s) melewati batas pemberitahuan tertulis %(due)s "
                    "(UU 14/2008 Pasal 22 ayat (7)). Segera berikan jawaban atau perpanjangan tertulis."
                )
                % {"n": request.number, "info": request.information[:200], "due": due},
                settings.DEFAULT_FROM_EMAIL,
                to,
                fail_silently=True,
            )
        InformationRequest.objects.filter(pk=request.pk).update(overdue_reminded_on=today)
        audit.record(
            actor=None,
            body=request.body,
            action="requests.request.overdue_reminder",
            obj=request,
            new={"to": len(to), "due": due},
        )
        sent += 1
    return f"{sent} pengingat permohonan terlambat"


@scheduler.register(
    "requests.purge_attempts", every=dt.timedelta(hours=6), description="hapus catatan percobaan kirim lama"
)
def purge_attempts(now: dt.datetime) -> str:
    return f"{guard.purge(now)} catatan dihapus"
