"""core's scheduled jobs (``core.scheduler``)."""

from __future__ import annotations

import datetime as dt

from . import audit, scheduler


@scheduler.register(
    "core.audit_verify", every=dt.timedelta(days=1), description="periksa seluruh rantai jejak audit"
)
def audit_verify(now: dt.datetime) -> str:
    """Walk every audit chain from its first event; the audit pages show the result and any break."""
    from .models import ChainHead

    broken = [
        chain
        for chain in ChainHead.objects.values_list("chain", flat=True)
        if audit.check_chain(chain, full=True).broken_seq is not None
    ]
    return f"{len(broken)} rantai rusak: {', '.join(broken)}" if broken else "semua rantai utuh"
