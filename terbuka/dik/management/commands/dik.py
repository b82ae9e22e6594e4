"""``terbuka dik monitor [--badan SLUG] [--tanggal TTTT-BB-HH]``: the declassification
monitor (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.core.models import PublicBody


class Command(BaseCommand):
    help = "DIK: pantau masa pengecualian (deklasifikasi 30 hari kerja sebelum berakhir; buka otomatis)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        mon = sub.add_parser("monitor", help="jalankan pemantauan sekarang")
        mon.add_argument("--badan", default="", help="slug badan publik (bawaan: semua)")
        mon.add_argument("--tanggal", default="", help="hari yang dipakai (TTTT-BB-HH; bawaan: hari ini)")

    def handle(self, *args: Any, **options: Any) -> None:
        from terbuka.dik.services import monitor

        body = None
        if options["badan"]:
            body = PublicBody.objects.filter(slug=options["badan"]).first()
            if body is None:
                raise CommandError(f"badan publik tidak dikenal: {options['badan']}")
        today = None
        if options["tanggal"]:
            try:
                today = dt.date.fromisoformat(options["tanggal"])
            except ValueError as exc:
                raise CommandError("tanggal tidak sah (TTTT-BB-HH)") from exc
        counts = monitor(today=today, body=body, stdout=self.stdout)
        self.stdout.write(
            f"{counts['deklasifikasi_dibuka']} deklasifikasi dibuka, {counts['dibuka_otomatis']} dibuka "
            f"otomatis\n"
        )
