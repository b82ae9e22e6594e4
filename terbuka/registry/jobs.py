"""Scheduled jobs of the registry (core.scheduler): berkala information overdue for its 6-monthly refresh."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from terbuka.core import scheduler


@scheduler.register(
    "registry.berkala_refresh",
    every=dt.timedelta(days=1),
    description="pengingat informasi berkala yang belum diperbarui 6 bulan",
)
def remind_berkala(now: dt.datetime) -> str:
    """E-mail the unit's PPID Pembantu (or the PPID office) once a week per overdue berkala item."""
    from terbuka.core.people import holders_of
    from terbuka.core.roles import Role

    from .models import InformationItem
    from .services import overdue_berkala

    again = now - dt.timedelta(days=7)
    due = [
        i for i in overdue_berkala(now=now) if i.refresh_reminded_at is None or i.refresh_reminded_at < again
    ]
    by_recipients: dict[tuple[str, ...], list[InformationItem]] = defaultdict(list)
    for item in due:
        people = holders_of(item.body, Role.PPID_PEMBANTU, item.unit) if item.unit else []
        people = people or holders_of(item.body, Role.PETUGAS) or holders_of(item.body, Role.PPID)
        emails = tuple(sorted({u.email for u in people if u.email}))
        by_recipients[emails].append(item)
    sent = 0
    for emails, items in by_recipients.items():
        with transaction.atomic():
            if emails:
                lines = [
                    f"- {i.title} ({i.body.name}; terakhir diperbarui {i.refreshed_at:%d-%m-%Y})"
                    for i in items
                ]
                send_mail(
                    "Informasi berkala perlu diperbarui",
                    "Informasi berkala berikut belum diperbarui lebih dari 6 bulan "
                    "(UU 14/2008 Pasal 9 ayat (4)):\n\n" + "\n".join(lines),
                    settings.DEFAULT_FROM_EMAIL,
                    list(emails),
                )
                sent += 1
            InformationItem.objects.filter(pk__in=[i.pk for i in items]).update(refresh_reminded_at=now)
    return f"{len(due)} informasi berkala terlambat diperbarui, {sent} surel"
