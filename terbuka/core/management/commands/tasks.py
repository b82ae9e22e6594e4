"""terbuka tasks recover | status: background jobs left running by a dead worker (idempotent; for cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.core.task_recovery import recover


class Command(BaseCommand):
    help = "Tugas latar: pulihkan tugas yang tertinggal berjalan oleh pekerja yang berhenti."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        rec = sub.add_parser("recover", help="antrekan ulang atau tandai gagal tugas yang macet")
        rec.add_argument("--stuck-after", type=float, help="detik berjalan sebelum dianggap macet")
        rec.add_argument("--max-attempts", type=int, help="jumlah percobaan sebelum ditandai gagal")
        rec.add_argument("--worker", action="append", default=[], help="id pekerja yang diketahui sudah mati")
        sub.add_parser("status", help="jumlah tugas per status")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["sub"] == "status":
            from django.db.models import Count
            from django_tasks_db.models import DBTaskResult

            rows = DBTaskResult.objects.values("status").annotate(n=Count("id")).order_by("status")
            for row in rows:
                self.stdout.write(f"{row['status']}: {row['n']}")
            return
        if opts["stuck_after"] is not None and opts["stuck_after"] < 0:
            raise CommandError("--stuck-after tidak boleh negatif")
        if opts["max_attempts"] is not None and opts["max_attempts"] < 1:
            raise CommandError("--max-attempts paling sedikit 1")
        report = recover(
            stuck_after=opts["stuck_after"], max_attempts=opts["max_attempts"], dead_workers=opts["worker"]
        )
        self.stdout.write(f"tugas latar: {report.summary()}")
        for job in report.requeued:
            self.stdout.write(f"  diantrekan ulang {job}")
        for job in report.failed:
            self.stdout.write(f"  gagal {job}")
