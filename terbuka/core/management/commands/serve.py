"""terbuka serve: run the product (gunicorn + one task worker) and print where to open it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Jalankan Terbuka (server web dan pekerja tugas latar)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        url = f"http://{opts['host']}:{opts['port']}/"
        pw = settings.TERBUKA_DEMO_PASSWORD
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "  Terbuka berjalan di  " + url,
                    "  Ruang kerja petugas: " + url + "kerja/",
                    "  Dokumentasi API:     " + url + "api/v1/docs",
                    "",
                    f"  Login demo (kata sandi semua: {pw}):",
                    "    ppid.kota-serang            PPID Utama Kota Serang",
                    "    petugas.kota-kupang         Petugas PLID Kota Kupang",
                    "    ppid-pembantu.dinkes.kota-serang  PPID Pembantu Dinas Kesehatan",
                    "    pemohon                     pemohon informasi",
                    "    admin                       administrator situs (" + url + "admin/)",
                    "  Pola nama lain: <peran>.<slug-badan>, mis. atasan-ppid.kota-bontang",
                    "",
                    "  Tekan Ctrl+C untuk berhenti.",
                    "",
                ]
            )
        )
        self.stdout.flush()
        procs: list[subprocess.Popen[bytes]] = []
        bin_dir = os.path.dirname(sys.executable)
        if not opts["no_worker"] and "DatabaseBackend" in settings.TASKS["default"]["BACKEND"]:
            procs.append(subprocess.Popen([os.path.join(bin_dir, "terbuka"), "db_worker"]))
        web = subprocess.Popen(
            [
                os.path.join(bin_dir, "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"{opts['host']}:{opts['port']}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--chdir",
                str(settings.BASE_DIR),
            ]
        )
        procs.append(web)
        try:
            web.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in procs:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
