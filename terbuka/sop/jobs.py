"""The SOP engine's scheduled jobs (``core.scheduler``): fan-out expiry and reminders, each idempotent."""

from __future__ import annotations

import datetime as dt
import io

from terbuka.core import scheduler


@scheduler.register(
    "sop.expire_fanouts", every=dt.timedelta(minutes=15), description="tutup langkah sebar yang lewat waktu"
)
def expire_fanouts(now: dt.datetime) -> str:
    from .services import sop_expire_fanouts

    moved = sop_expire_fanouts(now)
    return f"{len(moved)} proses dilanjutkan"


@scheduler.register(
    "sop.remind", every=dt.timedelta(hours=1), description="pengingat tugas jatuh tempo/terlambat"
)
def remind(now: dt.datetime) -> str:
    from .reminders import send_reminders

    out = io.StringIO()
    sent = send_reminders(now=now)
    out.write(f"{sent['due_soon']} segera jatuh tempo, {sent['overdue']} terlambat")
    return out.getvalue()
