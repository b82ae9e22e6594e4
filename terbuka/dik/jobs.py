"""The DIK's scheduled job: the daily declassification monitor (PP 61/2010 Pasal 11), idempotent."""

from __future__ import annotations

import datetime as dt

from terbuka.core import scheduler


@scheduler.register("dik.monitor", every=dt.timedelta(days=1), description="pantau masa pengecualian DIK")
def monitor(now: dt.datetime) -> str:
    from .services import monitor as run

    counts = run(now=now)
    return (
        f"{counts['deklasifikasi_dibuka']} deklasifikasi dibuka, {counts['dibuka_otomatis']} dibuka otomatis"
    )
