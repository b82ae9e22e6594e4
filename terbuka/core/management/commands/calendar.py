"""terbuka calendar sync | add START DAYS [--explain] | between A B | next DATE  [--body SLUG]"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.core import services
from terbuka.core.models import PublicBody
from terbuka.core.workdays import MAX_DAYS, CalendarRangeError, WorkingCalendar, calendar_for


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"tanggal tidak sah: {value!r} (format YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Kalender hari kerja: sinkronisasi hari libur dan hitungan hari kerja."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        sync = sub.add_parser("sync", help="isi hari libur nasional dan cuti bersama dari paket holidays")
        sync.add_argument("--years", help="mis. 2025-2028 (bawaan: tahun lalu sampai dua tahun ke depan)")
        add = sub.add_parser("add", help="hari kerja ke-N setelah tanggal")
        add.add_argument("start")
        add.add_argument("days", type=int)
        add.add_argument("--explain", action="store_true", help="tampilkan hari yang dilewati")
        add.add_argument("--body", help="slug badan publik (hari libur daerahnya ikut dihitung)")
        between = sub.add_parser("between", help="jumlah hari kerja dalam (A, B]")
        between.add_argument("start")
        between.add_argument("end")
        between.add_argument("--body")
        between.add_argument("--explain", action="store_true", help="tampilkan hari yang tidak dihitung")
        nxt = sub.add_parser("next", help="hari kerja berikutnya setelah tanggal")
        nxt.add_argument("date")
        nxt.add_argument("--body")
        nxt.add_argument("--explain", action="store_true", help="tampilkan hari yang dilewati")

    def handle(self, *args: Any, **opts: Any) -> None:
        sub = opts["sub"]
        if sub == "sync":
            years = None
            if opts["years"]:
                try:
                    lo, _, hi = opts["years"].partition("-")
                    years = list(range(int(lo), int(hi or lo) + 1))
                except ValueError:
                    raise CommandError("--years: tulis seperti 2025-2028") from None
                if not years or years[0] < 1 or years[-1] > 9999 or len(years) > 100:
                    raise CommandError(
                        "--years: rentang tahun tidak sah (paling banyak 100 tahun, mis. 2025-2028)"
                    )
            result = services.calendar_sync(actor=None, years=years)
            self.stdout.write(
                f"hari libur: {result['created']} baru, {result['updated']} diperbarui, "
                f"{result['kept']} tetap"
            )
            return
        body = None
        if opts.get("body"):
            body = PublicBody.objects.filter(slug=opts["body"]).first()
            if body is None:
                raise CommandError(f"badan publik tidak dikenal: {opts['body']}")
        try:
            self._compute(sub, calendar_for(body), opts)
        except CalendarRangeError as exc:
            raise CommandError(" ".join(exc.messages)) from None

    def _compute(self, sub: str, cal: WorkingCalendar, opts: dict[str, Any]) -> None:
        if sub == "add":
            if not 0 <= opts["days"] <= MAX_DAYS:
                raise CommandError(f"jumlah hari harus 0..{MAX_DAYS}")
            due = cal.explain_add(_date(opts["start"]), opts["days"])
            self.stdout.write(due.date.isoformat())
            skipped = due.skipped
        elif sub == "between":
            count, skipped = cal.explain_between(_date(opts["start"]), _date(opts["end"]))
            self.stdout.write(str(count))
        else:  # next
            due = cal.explain_next(_date(opts["date"]))
            self.stdout.write(due.date.isoformat())
            skipped = due.skipped
        if opts["explain"]:
            for s in skipped:
                self.stdout.write(f"  dilewati {s.date.isoformat()} {s.reason}")
