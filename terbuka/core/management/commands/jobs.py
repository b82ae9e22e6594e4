"""terbuka jobs list | run [--loop] [--only NAME]: scheduled jobs (fan-out expiry, reminders, monitors)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from terbuka.core import scheduler


class Command(BaseCommand):
    help = "Tugas terjadwal: daftar, atau jalankan yang sudah waktunya (sekali atau terus-menerus)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("list", help="daftar tugas terjadwal dan hasil terakhirnya")
        run = sub.add_parser("run", help="jalankan tugas yang sudah waktunya")
        run.add_argument("--loop", action="store_true", help="terus berjalan (dipakai oleh terbuka serve)")
        run.add_argument("--interval", type=int, default=60, help="detik antara pemeriksaan (bawaan 60)")
        run.add_argument(
            "--only", action="append", help="hanya tugas ini (boleh berulang); selalu dijalankan"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["sub"] == "list":
            from terbuka.core.models import ScheduledRun

            runs = {r.name: r for r in ScheduledRun.objects.all()}
            for job in scheduler.JOBS.values():
                run = runs.get(job.name)
                last = (
                    f"{run.started_at:%Y-%m-%d %H:%M} {'OK' if run.ok else 'GAGAL'}"
                    if run and run.started_at
                    else "-"
                )
                self.stdout.write(f"{job.name:32} tiap {job.every}  terakhir: {last}  {job.description}")
            return
        only = opts.get("only") or None
        unknown = [n for n in only or [] if n not in scheduler.JOBS]
        if unknown:
            raise CommandError(f"tugas tidak dikenal: {', '.join(unknown)}; lihat `terbuka jobs list`")
        while True:
            for run in scheduler.run_due(only=only):
                status = "OK" if run.ok else "GAGAL"
                self.stdout.write(f"{run.name}: {status} {run.result.splitlines()[0] if run.result else ''}")
            self.stdout.flush()
            if not opts["loop"]:
                return
            close_old_connections()
            time.sleep(max(5, opts["interval"]))
